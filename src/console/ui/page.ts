import type { AdminApi } from '../api/admin';
import { ApiError } from '../api/api-error';
import type { Issue, SessionAnswer } from '../api/shapes';
import { unplacedText } from '../logic/issues';
import { draftStatus } from '../logic/save-status';
import { wecomRefusal } from '../logic/refusal';
import { pathKey, type Path } from '../logic/paths';
import type { ConfigDraft } from './config-draft';
import { fill, h, nextId, type Child } from './dom';
import { ConfigForm } from './form';

/** What every page gets from the shell. */
export interface Ctx {
  api: AdminApi;
  /** Who is signed in (GET /session): pages offer only what the role may do. */
  who: SessionAnswer;
  draft: ConfigDraft;
  /** Opens another page (by id). */
  go(page: string): void;
  /** The provider admin acts for this corp from now on (null: its own corp, WECOM_CORP_ID). */
  enterCorp(corpId: string | null): void;
  /** The corp the provider picked, null while it acts for its own. */
  picked: string | null;
}

export interface Page {
  id: string;
  /** The navigation entry's text and accessible name. */
  title: string;
  /** Shown only to the provider admin of many-corps mode. */
  providerOnly?: boolean;
  render(ctx: Ctx): Promise<HTMLElement> | HTMLElement;
}

/** Which page edits each section of the config document (for problems found outside the open page). */
export const SECTION_PAGES: Readonly<Record<string, string>> = {
  channels: 'channels',
  links: 'links',
  welcome: 'replies',
  fallback: 'replies',
  handoff: 'replies',
  templates: 'replies',
  knowledge: 'knowledge',
  tag_rules: 'tag-rules',
  sensitive_words: 'sensitive',
  groups: 'routing',
  routing: 'routing',
};

export const errorText = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/**
 * What went wrong, as phrasing content: the message, and for WeCom's refusal its errcode and what to
 * do on a line of its own.
 */
export function errorContent(e: unknown): Child[] {
  const refusal = wecomRefusal(e);
  if (!refusal) return [errorText(e)];
  return [`${refusal.message}${refusal.errcode === null ? '' : `（errcode ${refusal.errcode}）`}`, refusal.fix ? h('span', { class: 'fix' }, `修复：${refusal.fix}`) : null];
}

/** A paragraph saying what went wrong. */
export const errorView = (e: unknown): HTMLElement => h('p', { class: 'error', role: 'alert' }, errorContent(e));

/** A line saying how something went; `role=status` so screen readers hear it. */
export function statusLine(): { el: HTMLElement; say(text: string, kind?: 'ok' | 'error' | ''): void; fail(e: unknown): void } {
  const el = h('p', { class: 'status', role: 'status' });
  return {
    el,
    say(text, kind = '') {
      el.textContent = text;
      el.className = `status ${kind}`;
    },
    fail(e) {
      fill(el, errorContent(e));
      el.className = 'status error';
    },
  };
}

export const pageHead = (title: string, intro: string, ...extra: Child[]) => h('header', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'muted' }, intro), extra);

/**
 * A page that edits sections of the config document: the form, and the bar that checks and saves
 * the whole document, showing every problem at its field (or listed, with its path, when the
 * field is on another page).
 */
export async function configPage(ctx: Ctx, title: string, intro: string, body: (form: ConfigForm, rerender: () => void) => Child): Promise<HTMLElement> {
  await ctx.draft.load();
  const holder = h('div', { class: 'form' });
  const bar = saveBar(ctx, () => form.showIssues(ctx.draft.issues));
  let form = new ConfigForm(ctx.draft);
  const rerender = () => {
    form = new ConfigForm(ctx.draft);
    fill(holder, body(form, rerender));
    bar.show(form.showIssues(ctx.draft.issues));
  };
  rerender();
  return h('section', { class: 'page' }, pageHead(title, intro), holder, bar.el);
}

function saveBar(ctx: Ctx, place: () => Issue[]): { el: HTMLElement; show(unplaced: Issue[]): void } {
  const { draft } = ctx;
  const status = statusLine();
  const list = h('ul', { class: 'issues' });
  const noteId = nextId('note');
  const note = h('input', { id: noteId, type: 'text', maxlength: 500, placeholder: '例如：新增退货问答' });
  const show = (unplaced: Issue[]) => {
    fill(
      list,
      unplaced.map((i) => {
        const page = SECTION_PAGES[String(i.path[0])];
        return h('li', {}, unplacedText(i), page ? [' ', h('button', { type: 'button', class: 'link', onclick: () => ctx.go(page) }, '去修改')] : null);
      }),
    );
  };
  const report = (issues: Issue[], warnings: Issue[]) => {
    show(place());
    if (issues.length) status.say(`文档有 ${issues.length} 个问题，未保存；请按字段下方的提示修改。`, 'error');
    else if (warnings.length) status.say(`检查通过，另有 ${warnings.length} 条提醒：${warnings.map(unplacedText).join('；')}`, 'ok');
  };
  const run = (action: () => Promise<void>) => async () => {
    status.say('处理中…');
    try {
      await action();
    } catch (e) {
      status.say(errorText(e), 'error');
    }
  };
  const check = run(async () => {
    const valid = await draft.check();
    report(draft.issues, draft.warnings);
    if (valid && !draft.warnings.length) status.say('检查通过：整份配置有效。', 'ok');
  });
  const save = run(async () => {
    const outcome = await draft.save(note.value.trim() || undefined);
    if (!outcome.ok) return report(outcome.issues, []);
    draft.issues = [];
    show(place());
    status.say(`已保存为 v${outcome.version}。新版本尚未生效，请在「灰度发布」中发布。${outcome.warnings.length ? ` 提醒：${outcome.warnings.map(unplacedText).join('；')}` : ''}`, 'ok');
  });
  const dirty = h('span', { class: 'muted' });
  const showDirty = () => (dirty.textContent = draftStatus(draft));
  whileShown(draft, dirty, () => {
    showDirty();
    // What the last check or save said no longer holds once the document is edited.
    if (draft.dirty) status.say('');
  });
  showDirty();
  const el = h(
    'div',
    { class: 'savebar' },
    h('div', { class: 'row' }, dirty, h('label', { for: noteId }, '版本说明'), note, h('button', { type: 'button', onclick: check }, '检查'), h('button', { type: 'button', class: 'primary', onclick: save }, '保存为新版本')),
    status.el,
    list,
  );
  return { el, show };
}

/** Runs `update` on every change of the draft while `el` is on the page; a page left behind stops listening. */
function whileShown(draft: ConfigDraft, el: Element, update: () => void): void {
  const off = draft.onChange(() => (el.isConnected ? update() : off()));
}

/** Folded items the operator opened (or just added), by path: they stay open across re-renders. */
const unfolded = new Set<string>();

/**
 * An editable list of objects (rules, channels, entries): one fieldset per item with remove and
 * move buttons, and an add button. Structural changes re-render the page.
 */
export function listEditor<T>(
  form: ConfigForm,
  rerender: () => void,
  path: Path,
  opts: {
    title: (item: T, index: number) => string;
    item: (itemPath: Path, item: T, index: number) => Child;
    create: () => T;
    add: string;
    empty?: string;
    /** Long lists (knowledge, tag rules): each item folded under its title unless just added or holding a problem. */
    summary?: (item: T) => string;
  },
): HTMLElement {
  const draft = form.draft;
  const items = (Array.isArray(form.value(path)) ? form.value(path) : []) as T[];
  const mutate = (change: (list: T[]) => void, added = false) => () => {
    const list = [...items];
    change(list);
    draft.set(path, list.length ? list : undefined);
    if (added) unfolded.add(pathKey([...path, list.length - 1]));
    rerender();
  };
  const troubled = (i: number) => draft.issues.some((issue) => issue.path.length > path.length && path.every((p, k) => issue.path[k] === p) && issue.path[path.length] === i);
  return h(
    'div',
    { class: 'list' },
    items.length === 0 && opts.empty ? h('p', { class: 'muted' }, opts.empty) : null,
    items.map((item, i) => {
      const title = opts.title(item, i);
      const actions: [HTMLElement, string][] = [
        [h('button', { type: 'button', disabled: i === 0, onclick: mutate((l) => l.splice(i - 1, 0, ...l.splice(i, 1))) }, '上移'), '上移'],
        [h('button', { type: 'button', disabled: i === items.length - 1, onclick: mutate((l) => l.splice(i + 1, 0, ...l.splice(i, 1))) }, '下移'), '下移'],
        [h('button', { type: 'button', class: 'danger', onclick: mutate((l) => l.splice(i, 1)) }, '删除'), '删除'],
      ];
      const group = form.group([...path, i], title, opts.item([...path, i], item, i), h('div', { class: 'item-actions' }, actions.map(([button]) => button)));
      const heading = h('b', {}, title);
      const summary = opts.summary ? h('span', { class: 'muted' }, opts.summary(item)) : null;
      // The heading (and the buttons named after it) follows the item's fields as they are edited.
      const retitle = () => {
        const now = form.value([...path, i]) as T | undefined;
        if (now === undefined) return;
        const text = opts.title(now, i);
        group.querySelector(':scope > legend')!.textContent = text;
        heading.textContent = text;
        if (summary) summary.textContent = opts.summary!(now);
        for (const [button, verb] of actions) button.setAttribute('aria-label', `${verb} ${text}`);
      };
      retitle();
      whileShown(draft, group, retitle);
      if (!summary) return group;
      const key = pathKey([...path, i]);
      const toggle = (e: Event) => ((e.target as HTMLDetailsElement).open ? unfolded.add(key) : unfolded.delete(key));
      return h('details', { open: unfolded.has(key) || troubled(i), ontoggle: toggle }, h('summary', {}, heading, ' ', summary), group);
    }),
    h('button', { type: 'button', class: 'add', onclick: mutate((l) => l.push(opts.create()), true) }, opts.add),
  );
}

/** A panel with a heading. */
export const panel = (title: string, ...children: Child[]) => h('section', { class: 'panel' }, h('h2', {}, title), children);
