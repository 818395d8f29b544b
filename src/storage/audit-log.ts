import { and, desc, eq, lt, or } from 'drizzle-orm';
import { newId, type Db } from './db';
import { auditLog } from './schema';

export interface AuditEntry {
  id: string;
  at: number;
  principal_id: string;
  principal_name: string;
  role: (typeof auditLog.role.enumValues)[number];
  via: (typeof auditLog.via.enumValues)[number];
  method: string;
  path: string;
  status: number;
  summary: string;
}

/** `tenant`: the corp the action was for ('' for the deployment's own corp, src/wecom/corp.ts). */
export async function recordAudit(db: Db, tenant: string, entry: Omit<AuditEntry, 'id'>): Promise<string> {
  const id = newId();
  await db.insert(auditLog).values({
    id,
    at: entry.at,
    principalId: entry.principal_id,
    principalName: entry.principal_name,
    role: entry.role,
    via: entry.via,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    summary: entry.summary,
    corpId: tenant,
  });
  return id;
}

/** One corp's entries, newest first; keyset pagination on (at, id), `after` being the last item of the previous page. */
export async function listAudit(db: Db, tenant: string, opts: { limit: number; after?: { at: number; id: string } | undefined }): Promise<{ items: AuditEntry[]; last: AuditEntry | null }> {
  const after = opts.after;
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.corpId, tenant), after ? or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))) : undefined))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(opts.limit + 1);
  const items = rows.slice(0, opts.limit).map(
    (r): AuditEntry => ({ id: r.id, at: r.at, principal_id: r.principalId, principal_name: r.principalName, role: r.role, via: r.via, method: r.method, path: r.path, status: r.status, summary: r.summary }),
  );
  return { items, last: rows.length > opts.limit ? (items.at(-1) ?? null) : null };
}
