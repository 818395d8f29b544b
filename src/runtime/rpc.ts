import { z } from 'zod';

/** What crosses a Durable Object's RPC boundary: JSON values typed on both sides, and the input check. */

type JsonLeaf = string | number | boolean | null;
type JsonFlat = JsonLeaf | JsonLeaf[] | { [key: string]: JsonLeaf | JsonLeaf[] };
/**
 * A JSON value, three levels deep: what crosses an RPC boundary typed on both sides (`unknown`
 * turns into `never` there), yet finite, so that typed consumers such as Hono's c.json() can
 * check it. WeCom's event payloads are at most two levels deep.
 */
export type Json = JsonFlat | JsonFlat[] | { [key: string]: JsonFlat };

/**
 * Checks what an RPC caller passed. Throws a plain Error whose message names every problem: a
 * ZodError's message does not survive the RPC boundary, the caller would only read "ZodError".
 */
export function rpcInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new TypeError(`invalid ${what}: ${z.prettifyError(r.error)}`);
  return r.data;
}
