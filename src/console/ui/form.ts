import { placeIssues } from '../logic/issues';
import { getAt, pathKey, type Path } from '../logic/paths';
import type { Issue } from '../api/shapes';
import type { ConfigDraft } from './config-draft';
import { fill, h, nextId, type Child } from './dom';

interface FieldOptions {
  hint?: string;
  placeholder?: string;
}
type Option = readonly [value: string, label: string];
/** What a field wraps (HTMLSelectElement is not an HTMLElement once the Workers types are loaded: see worker-globals.d.ts). */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLFieldSetElement;

/**
 * Labelled inputs bound to paths of the config draft. Every field and group registers its path,
 * so the problems of a refused document appear under the input they are about (logic/issues.ts).
 */
export class ConfigForm {
  private readonly slots = new Map<string, { error: HTMLElement; control: Control }>();

  constructor(readonly draft: ConfigDraft) {}

  value(path: Path): unknown {
    return getAt(this.draft.doc, path);
  }

  text(path: Path, label: string, opts: FieldOptions & { multiline?: boolean; type?: string } = {}): HTMLElement {
    const value = this.value(path);
    // An emptied optional field leaves the document; an emptied list item stays, so its problem shows here.
    const inList = typeof path[path.length - 1] === 'number';
    const props = { id: nextId('f'), placeholder: opts.placeholder, oninput: (e: Event) => this.draft.set(path, (e.target as HTMLInputElement).value || (inList ? '' : undefined)) };
    const control = opts.multiline ? h('textarea', { ...props, rows: 3 }, typeof value === 'string' ? value : '') : h('input', { ...props, type: opts.type ?? 'text', value: typeof value === 'string' ? value : '' });
    return this.field(path, label, control, opts.hint);
  }

  number(path: Path, label: string, opts: FieldOptions & { min?: number; max?: number; step?: number } = {}): HTMLElement {
    const value = this.value(path);
    const control = h('input', {
      id: nextId('f'),
      type: 'number',
      inputmode: 'numeric',
      min: opts.min,
      max: opts.max,
      step: opts.step ?? 1,
      placeholder: opts.placeholder,
      value: typeof value === 'number' ? value : '',
      oninput: (e: Event) => {
        const raw = (e.target as HTMLInputElement).value;
        this.draft.set(path, raw === '' ? undefined : Number(raw));
      },
    });
    return this.field(path, label, control, opts.hint);
  }

  /** A choice; with `empty`, a first option that removes the key. */
  select(path: Path, label: string, options: readonly Option[], opts: FieldOptions & { empty?: string } = {}): HTMLElement {
    const value = this.value(path);
    const all: Option[] = opts.empty === undefined ? [...options] : [['', opts.empty], ...options];
    const control = h(
      'select',
      { id: nextId('f'), onchange: (e: Event) => this.draft.set(path, (e.target as HTMLSelectElement).value || undefined) },
      all.map(([v, text]) => h('option', { value: v, selected: v === (value ?? '') }, text)),
    );
    return this.field(path, label, control, opts.hint);
  }

  /** A list of strings, one per line; an empty box removes the key. */
  lines(path: Path, label: string, opts: FieldOptions & { rows?: number } = {}): HTMLElement {
    const value = this.value(path);
    const control = h(
      'textarea',
      {
        id: nextId('f'),
        rows: opts.rows ?? 3,
        placeholder: opts.placeholder,
        oninput: (e: Event) => {
          const list = (e.target as HTMLTextAreaElement).value.split('\n').map((s) => s.trim()).filter(Boolean);
          this.draft.set(path, list.length ? list : undefined);
        },
      },
      Array.isArray(value) ? value.join('\n') : '',
    );
    return this.field(path, label, control, opts.hint ?? '每行一个');
  }

  /** A string-to-string record as `key=value` lines (a channel's params). */
  pairs(path: Path, label: string, opts: FieldOptions = {}): HTMLElement {
    const value = this.value(path);
    const text = value && typeof value === 'object' ? Object.entries(value as Record<string, string>).map(([k, v]) => `${k}=${v}`).join('\n') : '';
    const control = h(
      'textarea',
      {
        id: nextId('f'),
        rows: 2,
        placeholder: opts.placeholder,
        oninput: (e: Event) => {
          const entries = (e.target as HTMLTextAreaElement).value.split('\n').flatMap((line) => {
            const at = line.indexOf('=');
            return at > 0 ? [[line.slice(0, at).trim(), line.slice(at + 1).trim()] as const] : [];
          });
          this.draft.set(path, entries.length ? Object.fromEntries(entries) : undefined);
        },
      },
      text,
    );
    return this.field(path, label, control, opts.hint ?? '每行一个 key=value');
  }

  /** A list of strings with one input each (a knowledge entry's questions): issues land on the very string. */
  textList(path: Path, rerender: () => void, opts: { label: (index: number) => string; add: string; multiline?: boolean }): HTMLElement {
    const items = Array.isArray(this.value(path)) ? (this.value(path) as string[]) : [];
    const change = (list: string[]) => {
      this.draft.set(path, list);
      rerender();
    };
    return h(
      'div',
      { class: 'text-list' },
      items.map((_, i) =>
        h(
          'div',
          { class: 'text-item' },
          this.text([...path, i], opts.label(i), { multiline: opts.multiline }),
          h('button', { type: 'button', class: 'danger small', 'aria-label': `删除${opts.label(i)}`, onclick: () => change(items.filter((_x, j) => j !== i)) }, '删除'),
        ),
      ),
      h('button', { type: 'button', class: 'add', onclick: () => change([...items, '']) }, opts.add),
    );
  }

  /** A yes/no setting; `absent` is what the server assumes when the key is missing. */
  checkbox(path: Path, label: string, absent = false): HTMLElement {
    const id = nextId('f');
    const control = h('input', { id, type: 'checkbox', checked: (this.value(path) ?? absent) === true, onchange: (e: Event) => this.draft.set(path, (e.target as HTMLInputElement).checked) });
    return this.field(path, label, control, undefined, 'field check');
  }

  /** Numbered choices (weekdays 1-7) as a group of checkboxes. */
  multi(path: Path, legend: string, options: readonly (readonly [value: number, label: string])[]): HTMLElement {
    const chosen = new Set(Array.isArray(this.value(path)) ? (this.value(path) as number[]) : []);
    const boxes = options.map(([v, text]) => {
      const id = nextId('f');
      return h(
        'span',
        { class: 'choice' },
        h('input', {
          id,
          type: 'checkbox',
          checked: chosen.has(v),
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) chosen.add(v);
            else chosen.delete(v);
            this.draft.set(path, [...chosen].sort((a, b) => a - b));
          },
        }),
        h('label', { for: id }, text),
      );
    });
    return this.group(path, legend, h('div', { class: 'choices' }, boxes));
  }

  /** A fieldset for one item of a list (or one object): issues about the item as a whole land on it. */
  group(path: Path, legend: string, ...children: Child[]): HTMLFieldSetElement {
    const error = h('div', { class: 'field-error', id: nextId('e'), role: 'alert' });
    const set = h('fieldset', { 'aria-describedby': error.id }, h('legend', {}, legend), children, error);
    this.slots.set(pathKey(path), { error, control: set });
    return set;
  }

  private field(path: Path, label: string, control: Control, hint?: string, cls = 'field'): HTMLElement {
    const error = h('div', { class: 'field-error', id: nextId('e'), role: 'alert' });
    control.setAttribute('aria-describedby', error.id);
    control.dataset['path'] = pathKey(path);
    this.slots.set(pathKey(path), { error, control });
    return h('div', { class: cls }, h('label', { for: control.id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null, error);
  }

  /** Shows each issue at its field; answers the ones no field of this form owns. */
  showIssues(issues: readonly Issue[]): Issue[] {
    const { byField, unplaced } = placeIssues(issues, new Set(this.slots.keys()));
    for (const [key, { error, control }] of this.slots) {
      const messages = byField.get(key) ?? [];
      fill(error, messages.join('；'));
      if (messages.length) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    return unplaced;
  }
}
