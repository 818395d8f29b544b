import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Issue } from '../rules/config-validate';

/**
 * The one error shape of the admin API (and of every JSON route): `{error: {code, message, issues}}`.
 * Handlers throw ApiError; `handleError` (the app's onError) turns it into that shape and hides
 * anything unknown behind a generic 500.
 */

/** One issue: zod's (path, code, message and its details) or one of our cross-reference checks. */
export const IssueSchema = z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() }).loose();

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** zod's issues (path, code, message) for invalid input; empty otherwise. */
    issues: z.array(IssueSchema),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const invalidInput = (issues: Issue[], message = 'invalid input'): ApiError => new ApiError(400, 'invalid_input', message, issues);
export const invalidJson = (): ApiError => new ApiError(400, 'invalid_json', 'the body is not valid JSON');
export const unauthorized = (message = 'a valid bearer token is required'): ApiError =>
  new ApiError(401, 'unauthorized', message, [], { 'WWW-Authenticate': 'Bearer realm="admin"' });
export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'not found'): ApiError => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string): ApiError => new ApiError(409, code, message);
/** A setting makes the Worker unsafe to serve this: the message says which and what to do. */
export const misconfigured = (message: string): ApiError => new ApiError(503, 'misconfigured', message);
export const tooLarge = (limit: number): ApiError => new ApiError(413, 'payload_too_large', `the body is larger than ${limit} bytes`);

export function errorBody(code: string, message: string, issues: Issue[] = []): ErrorBody {
  return { error: { code, message, issues } };
}

/** The app's onError: known errors in the one shape; anything else logged (name and message only) and a generic 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.issues), err.status, err.headers);
  if (err instanceof HTTPException) {
    return c.json(errorBody(httpCode(err.status), err.message || 'request refused'), err.status as ContentfulStatusCode);
  }
  // 429 comes only from storage limits (KV: one write per second per key; D1 overloaded): the
  // admin API has no quota of its own, so bulk work such as a VIP import is never throttled by us.
  if (isStorageLimit(err)) return c.json(errorBody('rate_limited', 'storage is busy, retry in a second'), 429, { 'Retry-After': '1' });
  // Never the request or its headers: they carry bearer tokens and customer data.
  console.error(JSON.stringify({ at: 'unhandled', method: c.req.method, path: new URL(c.req.url).pathname, name: err.name, message: err.message }));
  return c.json(errorBody('internal', 'internal error'), 500);
}

function isStorageLimit(err: Error): boolean {
  return (/KV/i.test(err.message) && /\b429\b|too many requests/i.test(err.message)) || /D1_ERROR.*overloaded/i.test(err.message);
}

function httpCode(status: number): string {
  const codes: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large', 429: 'rate_limited' };
  return codes[status] ?? 'http_error';
}
