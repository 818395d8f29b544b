import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** The drizzle handle every query helper takes as its first parameter. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof createDb>;

/**
 * D1 refuses statements with more than 100 bound parameters
 * (https://developers.cloudflare.com/d1/platform/limits/). Multi-row inserts and IN lists are
 * cut into chunks whose rows × columns stay below that.
 */
export const D1_MAX_PARAMS = 100;

export function chunk<T>(items: readonly T[], paramsPerItem: number, reserved = 0): T[][] {
  const size = Math.max(1, Math.floor((D1_MAX_PARAMS - 1 - reserved) / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Random url-safe id (base62), for rows without a natural key. */
export function newId(length = 16): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 62 does not divide 256; the bias (under 2%) does not matter for ids.
  return Array.from(bytes, (b) => alphabet[b % 62]).join('');
}

/** Opaque pagination cursors: base64url of a JSON tuple, so callers cannot depend on their shape. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The tuple inside a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const parts: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (Array.isArray(parts) && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
    return null;
  } catch {
    return null;
  }
}
