import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Env } from '../env';
import { auditPath, auditSummary } from '../rules/audit-summary';
import { listAudit, recordAudit } from '../storage/audit-log';
import { createDb, encodeCursor } from '../storage/db';
import { principalVias } from '../storage/schema';
import { tenantOf, type CorpIdentity } from '../wecom/corp';
import { isRead, RoleSchema, type AdminEnv, type Principal } from './auth';
import { cursorParts, PageQuerySchema } from './input';
import { adminApp, adminRoute, jsonAnswer } from './route';

/**
 * The audit log: every write of the admin API that succeeded (by a token or a person signed in to
 * the console), and every sign-in, in D1, under the corp the request acted for. `GET
 * /admin/api/audit` (admin) lists the request's corp's entries only, newest first.
 * What is kept of each request: src/rules/audit-summary.ts.
 */

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  /** A token id (`bootstrap` for ADMIN_TOKEN) or `wecom:<userid>` for a person. */
  principal_id: z.string(),
  principal_name: z.string(),
  role: RoleSchema,
  via: z.enum(principalVias),
  method: z.string(),
  /** Without the query; customers' ids replaced by `#` and 12 hex digits of their SHA-256. */
  path: z.string(),
  status: z.number().int(),
  /** What changed: `version=3` for a stored config, the made thing's id and name, `signed in`, … */
  summary: z.string(),
});
export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), next_cursor: z.string().nullable() });

/** Records one action, under the corp it was for; a failure to record is logged and never undoes or fails what was done. */
export async function audit(env: Env, principal: Principal, corp: CorpIdentity, request: { method: string; path: string; status: number; summary: string }): Promise<void> {
  try {
    await recordAudit(createDb(env.DB), tenantOf(corp, env.WECOM_CORP_ID), {
      at: Date.now(),
      principal_id: principal.id,
      principal_name: principal.name,
      role: principal.role,
      via: principal.via,
      method: request.method,
      path: auditPath(request.path),
      status: request.status,
      summary: request.summary,
    });
  } catch (e) {
    console.error(JSON.stringify({ at: 'audit', method: request.method, path: auditPath(request.path), message: e instanceof Error ? e.message : String(e) }));
  }
}

/** After every successful write: one entry, before the answer leaves (so a client that saw the answer finds the entry). */
export const auditWrites: MiddlewareHandler<AdminEnv> = async (c, next) => {
  await next();
  if (isRead(c.req.method) || c.res.status >= 400) return;
  const stated = c.get('auditSummary');
  const answer = stated === undefined && /json/i.test(c.res.headers.get('content-type') ?? '') ? await c.res.clone().json().catch(() => null) : null;
  await audit(c.env, c.get('principal'), c.get('corp'), { method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, summary: stated ?? auditSummary(answer) });
};

export const auditRoutes = adminApp().openapi(
  adminRoute('admin', {
    method: 'get',
    path: '/',
    summary: "The audit log: every successful write (token or session), sign-in and sign-out, newest first; customers' ids hashed, never a secret",
    request: { query: PageQuerySchema },
    responses: { 200: jsonAnswer(AuditPageSchema) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const after = cursorParts(q.cursor, z.tuple([z.number().int(), z.string()]));
    const page = await listAudit(createDb(c.env.DB), tenantOf(c.get('corp'), c.env.WECOM_CORP_ID), { limit: q.limit, after: after && { at: after[0], id: after[1] } });
    return c.json({ items: page.items, next_cursor: page.last ? encodeCursor([page.last.at, page.last.id]) : null }, 200);
  },
);
