import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import { adminTokens } from './schema';

export type Role = (typeof adminTokens.role.enumValues)[number];

export interface AdminTokenMeta {
  id: string;
  name: string;
  role: Role;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
  /** The tenant key of the token's corp: '' for the deployment's own corp (src/wecom/corp.ts). */
  tenant: string;
}

export async function insertAdminToken(db: Db, meta: Omit<AdminTokenMeta, 'revoked_at'>): Promise<void> {
  await db.insert(adminTokens).values({ id: meta.id, name: meta.name, role: meta.role, createdAt: meta.created_at, createdBy: meta.created_by, corpId: meta.tenant });
}

/** The token, whichever corp it belongs to (authentication reads it before the corp is known). */
export async function getAdminToken(db: Db, id: string): Promise<AdminTokenMeta | null> {
  const [row] = await db.select().from(adminTokens).where(eq(adminTokens.id, id));
  return row ? toMeta(row) : null;
}

/** One corp's tokens, oldest first. */
export async function listAdminTokens(db: Db, tenant: string): Promise<AdminTokenMeta[]> {
  return (await db.select().from(adminTokens).where(eq(adminTokens.corpId, tenant)).orderBy(asc(adminTokens.createdAt), asc(adminTokens.id))).map(toMeta);
}

/** Marks one corp's token revoked (first revocation time wins); answers the metadata after, null when the corp has no such token. */
export async function markAdminTokenRevoked(db: Db, id: string, tenant: string, at: number): Promise<AdminTokenMeta | null> {
  const [row] = await db
    .update(adminTokens)
    .set({ revokedAt: sql`coalesce(${adminTokens.revokedAt}, ${at})` })
    .where(and(eq(adminTokens.id, id), eq(adminTokens.corpId, tenant)))
    .returning();
  return row ? toMeta(row) : null;
}

function toMeta(row: typeof adminTokens.$inferSelect): AdminTokenMeta {
  return { id: row.id, name: row.name, role: row.role, created_at: row.createdAt, created_by: row.createdBy, revoked_at: row.revokedAt, tenant: row.corpId };
}
