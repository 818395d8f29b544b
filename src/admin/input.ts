import type { Context } from 'hono';
import { z } from 'zod';
import { fromZodIssues } from '../rules/config-validate';
import { readBodyWithin } from '../runtime/bounded-body';
import { decodeCursor } from '../storage/db';
import { ApiError, invalidInput, tooLarge } from './errors';

/** Bodies other than the config document are small; 64 KiB is generous for any of them. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** The body's bytes, refused past `limit` with `refusal` (default 413): ../runtime/bounded-body.ts. */
export async function readBytes(c: Context, limit: number, refusal: () => ApiError = () => tooLarge(limit)): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readBodyWithin(c.req.raw, limit);
  if (bytes === null) throw refusal();
  return bytes;
}

/** Reads a multipart/form-data body (bounded like readBytes); 400 `invalid_form` when it is not one. */
export async function readForm(c: Context, limit: number, refusal?: () => ApiError): Promise<FormData> {
  const type = c.req.header('Content-Type') ?? '';
  const notForm = () => new ApiError(400, 'invalid_form', 'the body must be multipart/form-data / 请以 multipart/form-data 提交');
  if (!/^multipart\/form-data/i.test(type)) throw notForm();
  const bytes = await readBytes(c, limit, refusal);
  try {
    return await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw notForm();
  }
}

/** A value checked by `schema`, or 400 with zod's issues at their exact paths. */
export function check<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(fromZodIssues(r.error.issues));
  return r.data;
}

export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque: the `next_cursor` of the previous page. */
  cursor: z.string().optional(),
});

/** The position inside a cursor, checked against the shape the route expects. */
export function cursorParts<S extends z.ZodType>(cursor: string | undefined, shape: S): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  const parsed = shape.safeParse(decodeCursor(cursor));
  if (!parsed.success) throw new ApiError(400, 'invalid_cursor', 'cursor is not one this API gave out', [{ code: 'invalid_cursor', path: ['cursor'], message: 'unknown cursor' }]);
  return parsed.data;
}

/** ids in paths: WeCom's external_userid / open_kfid are url-safe and short. */
export const ExternalUseridSchema = z.string().regex(/^[0-9A-Za-z_-]{1,128}$/, { error: 'must be an external_userid' });
export const OpenKfidSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, { error: 'must be an open_kfid' });
