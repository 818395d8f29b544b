import { and, desc, eq, inArray } from 'drizzle-orm';
import { newId, type Db } from './db';
import { trackedLinks } from './schema';
import type { Tenant } from '../wecom/corp';
import type { TenantDb } from './tenant';

export interface TrackedLink {
  id: string;
  url: string;
  name: string;
  created_at: number;
}

export async function createTrackedLink(db: TenantDb, input: { url: string; name: string }): Promise<TrackedLink> {
  // Short ids keep `/l/<id>` links short enough for a chat message or a printed QR code.
  const link = { id: newId(10), url: input.url, name: input.name, created_at: Date.now() };
  await db.insert(trackedLinks).values({ corpId: db.tenant, id: link.id, url: link.url, name: link.name, createdAt: link.created_at });
  return link;
}

/** A link by its id, whichever corp made it (the public redirect knows no corp), with that corp's tenant. */
export async function getTrackedLink(db: Db, id: string): Promise<(TrackedLink & { tenant: Tenant }) | null> {
  const [row] = await db.select().from(trackedLinks).where(eq(trackedLinks.id, id));
  return row ? { id: row.id, url: row.url, name: row.name, created_at: row.createdAt, tenant: row.corpId } : null;
}

export async function listTrackedLinks(db: TenantDb): Promise<TrackedLink[]> {
  const rows = await db.select().from(trackedLinks).where(eq(trackedLinks.corpId, db.tenant)).orderBy(desc(trackedLinks.createdAt));
  return rows.map((r) => ({ id: r.id, url: r.url, name: r.name, created_at: r.createdAt }));
}

/** Which of `ids` are tracked links. */
export async function knownTrackedLinkIds(db: TenantDb, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.select({ id: trackedLinks.id }).from(trackedLinks).where(and(eq(trackedLinks.corpId, db.tenant), inArray(trackedLinks.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
