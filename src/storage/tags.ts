import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk } from './db';
import { ensureCustomerStatement } from './customers';
import { customerTags, type TagSource } from './schema';
import type { TenantDb } from './tenant';

export interface TagAdd {
  tag: string;
  source: TagSource;
  /** The rule name, channel code, event reference or admin token id that caused it. */
  source_ref?: string | null;
}

export interface TagChanges {
  add?: readonly TagAdd[];
  remove?: readonly string[];
}

export interface AppliedTagChanges {
  /** Tags the customer did not have before (with the provenance recorded). */
  added: TagAdd[];
  /** Tags the customer had and no longer has. */
  removed: string[];
}

/**
 * Adds and removes a customer's tags in one D1 transaction and answers what actually changed.
 * Idempotent: adding a tag the customer has keeps its first provenance and time (the reason it
 * was first given stays visible), removing one they lack does nothing. Removals run before
 * additions, so a tag in both lists ends up present. Creates the profile of an unknown customer.
 */
export async function applyTagChanges(db: TenantDb, externalUserid: string, changes: TagChanges, at: number = Date.now()): Promise<AppliedTagChanges> {
  const adds = dedupeAdds(changes.add ?? []);
  const removes = [...new Set(changes.remove ?? [])];
  const removeStatements = chunk(removes, 1, 2).map((part) =>
    db
      .delete(customerTags)
      .where(and(eq(customerTags.corpId, db.tenant), eq(customerTags.externalUserid, externalUserid), inArray(customerTags.tag, part)))
      .returning({ tag: customerTags.tag }),
  );
  const addStatements = chunk(adds, 6).map((part) =>
    db
      .insert(customerTags)
      .values(part.map((a) => ({ corpId: db.tenant, externalUserid, tag: a.tag, source: a.source, sourceRef: a.source_ref ?? null, addedAt: at })))
      .onConflictDoNothing()
      .returning({ tag: customerTags.tag }),
  );
  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [ensureCustomerStatement(db, externalUserid, at), ...removeStatements, ...addStatements];
  const results = (await db.batch(statements)).slice(1) as { tag: string }[][];
  const removed = results.slice(0, removeStatements.length).flat().map((r) => r.tag);
  const addedTags = new Set(results.slice(removeStatements.length).flat().map((r) => r.tag));
  return { added: adds.filter((a) => addedTags.has(a.tag)), removed };
}

function dedupeAdds(adds: readonly TagAdd[]): TagAdd[] {
  const byTag = new Map<string, TagAdd>();
  for (const a of adds) if (!byTag.has(a.tag)) byTag.set(a.tag, a);
  return [...byTag.values()];
}
