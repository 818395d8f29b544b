import type { Path } from './paths';

/**
 * A small structural diff of two JSON documents (two config versions), by path: what was added,
 * removed or changed, in document order. Arrays compare by position, which is how the config's
 * lists are read (the first matching rule wins), so a moved rule shows as changed.
 */
export type Change =
  | { kind: 'added'; path: Path; after: unknown }
  | { kind: 'removed'; path: Path; before: unknown }
  | { kind: 'changed'; path: Path; before: unknown; after: unknown };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function diffJson(before: unknown, after: unknown, path: Path = []): Change[] {
  if (sameJson(before, after)) return [];
  if (before === undefined) return [{ kind: 'added', path, after }];
  if (after === undefined) return [{ kind: 'removed', path, before }];
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: Change[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffJson(before[i], after[i], [...path, i]));
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    return keys.flatMap((k) => diffJson(before[k], after[k], [...path, k]));
  }
  return [{ kind: 'changed', path, before, after }];
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/** A value on one line, for the diff's table. */
export const showValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
