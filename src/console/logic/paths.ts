/**
 * Paths into the config document, as zod and the admin API spell them (`["links", 0, "timezone"]`),
 * and the reads and writes the console's forms make through them. Pure: no DOM.
 */
export type Path = readonly (string | number)[];

/** One string per path, for field lookups: `links.0.timezone`. */
export const pathKey = (path: Path): string => path.join('.');

/** `links[0].timezone`, as an operator reads it. */
export const showPath = (path: Path): string => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

type Container = Record<string | number, unknown>;
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

export function getAt(root: unknown, path: Path): unknown {
  let at = root;
  for (const p of path) {
    if (!isContainer(at)) return undefined;
    at = at[p];
  }
  return at;
}

/**
 * Writes `value` at `path`, creating the objects and arrays on the way (an array where the next
 * step is a number). `undefined` removes the key, so an emptied optional field leaves the document
 * instead of being sent as an empty string.
 */
export function setAt(root: Container, path: Path, value: unknown): void {
  if (path.length === 0) throw new Error('setAt needs a path');
  let at: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i]!;
    if (!isContainer(at[p])) at[p] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[p] as Container;
  }
  const last = path[path.length - 1]!;
  if (value !== undefined) at[last] = value;
  else if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
  else delete at[last];
}
