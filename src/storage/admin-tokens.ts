import { asc, eq, sql } from 'drizzle-orm';
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
}

export async function insertAdminToken(db: Db, meta: Omit<AdminTokenMeta, 'revoked_at'>): Promise<void> {
  await db.insert(adminTokens).values({ id: meta.id, name: meta.name, role: meta.role, createdAt: meta.created_at, createdBy: meta.created_by });
}

export async function getAdminToken(db: Db, id: string): Promise<AdminTokenMeta | null> {
  const [row] = await db.select().from(adminTokens).where(eq(adminTokens.id, id));
  return row ? toMeta(row) : null;
}

export async function listAdminTokens(db: Db): Promise<AdminTokenMeta[]> {
  return (await db.select().from(adminTokens).orderBy(asc(adminTokens.createdAt), asc(adminTokens.id))).map(toMeta);
}

/** Marks a token revoked (first revocation time wins); answers the metadata after. */
export async function markAdminTokenRevoked(db: Db, id: string, at: number): Promise<AdminTokenMeta | null> {
  const [row] = await db.update(adminTokens).set({ revokedAt: sql`coalesce(${adminTokens.revokedAt}, ${at})` }).where(eq(adminTokens.id, id)).returning();
  return row ? toMeta(row) : null;
}

function toMeta(row: typeof adminTokens.$inferSelect): AdminTokenMeta {
  return { id: row.id, name: row.name, role: row.role, created_at: row.createdAt, created_by: row.createdBy, revoked_at: row.revokedAt };
}
