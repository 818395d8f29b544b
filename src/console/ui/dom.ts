/**
 * The console's whole view layer: elements built with `h`, text always set as text (never HTML),
 * so nothing an operator or a customer wrote can run as markup. The CSP forbids inline style
 * attributes; sizes go through the CSSOM (`el.style.width = …`), which the policy does not govern.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (event: Event) => void;
export type Props = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value != null) el.setAttribute(name, String(value));
  }
  el.replaceChildren(...flatten(children));
  return el;
}

function flatten(children: readonly Child[]): (Node | string)[] {
  return children.flatMap((c): (Node | string)[] => {
    if (c === null || c === undefined || c === false) return [];
    if (Array.isArray(c)) return flatten(c);
    return [typeof c === 'number' ? String(c) : (c as Node | string)];
  });
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.replaceChildren(...children);
  return el;
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(...flatten(children));
}

let ids = 0;
/** A fresh element id, for <label for>. */
export const nextId = (prefix: string): string => `${prefix}-${++ids}`;

/** Saves text (a CSV export) or an image as a file. */
export function download(name: string, data: string | Blob, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Shows an image held in memory, releasing the blob: URL of the one it replaces. */
export function showBlob(holder: Element, image: Blob | null | undefined, alt: string, props: Props = {}): void {
  const old = holder.querySelector('img')?.src;
  if (old?.startsWith('blob:')) URL.revokeObjectURL(old);
  fill(holder, image ? h('img', { ...props, src: URL.createObjectURL(image), alt }) : null);
}
