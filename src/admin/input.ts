import type { Context } from 'hono';
import { z } from 'zod';
import { fromZodIssues } from '../rules/config-validate';
import { decodeCursor } from '../storage/db';
import { ApiError, invalidInput, invalidJson, tooLarge } from './errors';

/** Bodies other than the config document are small; 64 KiB is generous for any of them. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * The body's bytes, refused past `limit` (checked on Content-Length first, then on the bytes as
 * they stream in, so an oversized body without a length is cut off, not buffered whole) with
 * `refusal` (default 413).
 */
export async function readBytes(c: Context, limit: number, refusal: () => ApiError = () => tooLarge(limit)): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(c.req.header('Content-Length') ?? '0');
  if (declared > limit) throw refusal();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  if (reader) {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw refusal();
      }
      parts.push(chunk.value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.byteLength;
  }
  return bytes;
}

/** Reads a JSON body: 413 over `limit` bytes (see readBytes), 400 `invalid_json` with no issues if it does not parse. */
export async function readJson(c: Context, limit: number = DEFAULT_BODY_LIMIT): Promise<unknown> {
  return invalidJsonOr(await readBytes(c, limit));
}

/** The bytes parsed as JSON, or 400 `invalid_json`. */
export function invalidJsonOr(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw invalidJson();
  }
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

export async function readBody<S extends z.ZodType>(c: Context, schema: S, limit?: number): Promise<z.infer<S>> {
  return check(schema, await readJson(c, limit));
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
