import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { fromZodIssues } from '../rules/config-validate';
import { requireRole, type AdminEnv, type Role } from './auth';
import { invalidInput, invalidJson, type ApiError } from './errors';
import { DEFAULT_BODY_LIMIT, readBytes, readForm } from './input';

/**
 * Admin routes are declared once with @hono/zod-openapi's `createRoute`: the declaration carries
 * the role (enforced by its middleware and written as `x-required-role`), the path and query
 * schemas, the body, the answers and the errors, and the OpenAPI document is generated from it.
 */

/** Every admin sub-app: a parameter, query or body that fails its schema is the one 400 `invalid_input`, with zod's issues at their paths. */
export const adminApp = () =>
  new OpenAPIHono<AdminEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(fromZodIssues(result.error.issues));
    },
  });

const errorText: Record<number, string> = {
  400: 'invalid input (`invalid_input` with zod issues at exact paths, `invalid_json` with none, `invalid_form` for a body that is not multipart/form-data where one is needed)',
  401: 'no, unknown or revoked token',
  403: "the caller's role is too low (`forbidden`), or the corp is not one it may act for (`corp_forbidden`, `corp_cancelled`, `corp_unknown`, `provider_only`)",
  404: 'not found',
  409: 'conflicts with the current state',
  413: 'body too large',
  429: 'storage is busy (KV write limit, D1 overloaded); retry after Retry-After',
  502: "WeCom refused the call (`wecom_error`): the message says in Chinese what to do; issues[0] carries WeCom's errcode, errmsg and the fix",
};

/** The Error component is added to the document (./openapi.ts); a reference keeps every answer's error the one shape. */
const errorAnswer = (status: number) => ({ description: errorText[status] ?? 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** A JSON answer. */
export const jsonAnswer = <S extends z.ZodType>(schema: S, description = 'ok') => ({ description, content: { 'application/json': { schema } } });

/** A JSON body, validated by the route (see readJsonBody for how it is read). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });

/** A multipart/form-data body, validated by the route (see readFormBody). */
export const formBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'multipart/form-data': { schema } } });

/** The route's validator reads the body again from the request: it is handed the bytes already read, under `contentType`. */
function handOn(c: Context, bytes: Uint8Array<ArrayBuffer>, contentType: string): void {
  const headers = new Headers(c.req.raw.headers);
  headers.set('Content-Type', contentType);
  c.req.raw = new Request(c.req.url, { method: c.req.method, headers, body: bytes });
}

/** An optional body left out reads as this. */
const EMPTY_OBJECT = new Uint8Array(new TextEncoder().encode('{}'));

/**
 * A JSON body read as the admin API always read it: 413 past `limit` (streamed, see readBytes),
 * `invalid_json` when it does not parse, whatever Content-Type the client sent (curl -d sends a
 * form type); then handed on as JSON for the route's schema. `optional`: an empty body is `{}`.
 */
export const readJsonBody =
  (limit: number = DEFAULT_BODY_LIMIT, { optional = false } = {}): MiddlewareHandler =>
  async (c, next) => {
    const read = await readBytes(c, limit);
    const bytes = optional && read.byteLength === 0 ? EMPTY_OBJECT : read;
    try {
      JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw invalidJson();
    }
    handOn(c, bytes, 'application/json');
    await next();
  };

/** A multipart body bounded like readForm (`invalid_form` when it is not one, `refusal` past `limit`), parsed once. */
export const readFormBody =
  (limit: number, refusal?: () => ApiError): MiddlewareHandler =>
  async (c, next) => {
    const form = await readForm(c, limit, refusal);
    // The route's validator takes the parsed form from here instead of reading the spent body
    // again; its media-type gate sees the bare type, so parameters readForm accepted (a charset
    // before the boundary, a boundary with a space) are not refused after the fact.
    c.req.bodyCache.formData = form;
    handOn(c, new Uint8Array(0), 'multipart/form-data');
    await next();
  };

/** Either credential opens every route: a bearer token, or the console's session cookie (its writes carry X-CSRF-Token). */
const SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

interface AdminRouteOptions {
  /** Refusals the route itself may answer besides 401, 403 (always) and 400 (with parameters or a body); 413 and 429 come with a body. */
  errors?: number[];
  /** How the body is read (default: readJsonBody() or readFormBody() bounded at DEFAULT_BODY_LIMIT). */
  body?: MiddlewareHandler;
}

/**
 * A route declaration with the least role it needs: the same value builds its requireRole
 * middleware and its `x-required-role`, so what is enforced and what is documented cannot differ.
 */
export function adminRoute<const R extends Omit<RouteConfig, 'middleware' | 'security'>>(role: Role, route: R, options: AdminRouteOptions = {}) {
  const request = route.request ?? {};
  const hasBody = request.body !== undefined;
  const content = request.body?.content ?? {};
  const reader = options.body ?? (content['application/json'] ? readJsonBody() : content['multipart/form-data'] ? readFormBody(DEFAULT_BODY_LIMIT) : undefined);
  const statuses = [401, 403, ...(hasBody || request.params || request.query ? [400] : []), ...(hasBody ? [413, 429] : []), ...(options.errors ?? [])];
  return createRoute({
    ...route,
    'x-required-role': role,
    security: SECURITY,
    middleware: [requireRole(role), ...(reader ? [reader] : [])] as const,
    responses: { ...route.responses, ...Object.fromEntries([...new Set(statuses)].map((s) => [s, errorAnswer(s)])) },
  });
}
