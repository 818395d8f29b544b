import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { bound, runBatch, type Bound } from './bound';
import { chunk } from './db';
import { customers, customerTags, type TagSource } from './schema';
import type { TenantDb } from './tenant';

export interface TagDetail {
  tag: string;
  source: TagSource;
  source_ref: string | null;
  added_at: number;
}

/** A customer's profile as the admin API answers it (times in ms since the epoch). */
export interface CustomerProfile {
  external_userid: string;
  open_kfid: string | null;
  /** The channel code they last entered through, or null. */
  channel: string | null;
  scene_param: string | null;
  language: string | null;
  nickname: string | null;
  first_seen: number | null;
  last_seen: number | null;
  created_at: number;
  tags: string[];
  tag_details: TagDetail[];
}

export interface CustomerSeen {
  external_userid: string;
  open_kfid: string;
  at: number;
  /** Given on enter_session through a channel link: the newest channel wins, with its scene_param. */
  channel?: string | null;
  scene_param?: string | null;
  language?: string | null;
  nickname?: string | null;
}

/**
 * Records that a customer was seen (a message or an event): creates the profile on first sight,
 * widens first/last seen (out-of-order deliveries never move them backwards), and keeps the
 * channel, language and nickname already known unless new values are given.
 */
export async function upsertCustomerSeen(db: TenantDb, seen: CustomerSeen): Promise<void> {
  await runBatch(db, [seenStatement(db, seen)]);
}

/** upsertCustomerSeen's statement, to run alone or first in a batch (its text built once per shape, bound.ts). */
function seenStatement(db: TenantDb, seen: CustomerSeen): Bound<unknown> {
  const channelGiven = seen.channel !== undefined && seen.channel !== null;
  const row = {
    corpId: db.tenant,
    externalUserid: seen.external_userid,
    openKfid: seen.open_kfid,
    channel: seen.channel ?? null,
    sceneParam: seen.scene_param ?? null,
    language: seen.language ?? null,
    nickname: seen.nickname ?? null,
    at: seen.at,
  };
  return bound(db, `customers.seen:${channelGiven}`, (p) =>
    db
      .insert(customers)
      .values({
        corpId: p(0, 'corpId'),
        externalUserid: p(0, 'externalUserid'),
        openKfid: p(0, 'openKfid'),
        channel: p(0, 'channel'),
        sceneParam: p(0, 'sceneParam'),
        language: p(0, 'language'),
        nickname: p(0, 'nickname'),
        firstSeen: p(0, 'at'),
        lastSeen: p(0, 'at'),
        createdAt: p(0, 'at'),
      })
      .onConflictDoUpdate({
        target: [customers.corpId, customers.externalUserid],
        set: {
          openKfid: sql`excluded.open_kfid`,
          channel: channelGiven ? sql`excluded.channel` : sql`${customers.channel}`,
          sceneParam: channelGiven ? sql`excluded.scene_param` : sql`${customers.sceneParam}`,
          language: sql`coalesce(excluded.language, ${customers.language})`,
          nickname: sql`coalesce(excluded.nickname, ${customers.nickname})`,
          firstSeen: sql`min(coalesce(${customers.firstSeen}, excluded.first_seen), excluded.first_seen)`,
          lastSeen: sql`max(coalesce(${customers.lastSeen}, excluded.last_seen), excluded.last_seen)`,
        },
      }), [row]);
}

/** The statement that creates an empty profile if none exists (tagging an unknown customer creates one). */
export function ensureCustomerStatement(db: TenantDb, externalUserid: string, at: number) {
  return db.insert(customers).values({ corpId: db.tenant, externalUserid, createdAt: at }).onConflictDoNothing();
}

export async function getCustomer(db: TenantDb, externalUserid: string): Promise<CustomerProfile | null> {
  // One round trip for the profile and its tags.
  const [[row], tagRows] = await runBatch(db, [profileQuery(db, externalUserid), tagsQuery(db, [externalUserid])]);
  if (!row) return null;
  return toProfile(row, groupTags(tagRows).get(externalUserid) ?? []);
}

/**
 * What a conversation's turn does first: records that the customer was seen (upsertCustomerSeen)
 * and reads their profile and tags, in one round trip and one D1 transaction, with `alongside`
 * (statements of the caller's that ride in the same batch).
 */
export async function seeCustomer(db: TenantDb, seen: CustomerSeen, alongside: readonly Bound<unknown>[] = []): Promise<CustomerProfile> {
  const [, [row], tagRows] = await runBatch(db, [seenStatement(db, seen), profileQuery(db, seen.external_userid), tagsQuery(db, [seen.external_userid]), ...alongside]);
  if (!row) throw new Error(`the profile of ${seen.external_userid} was not there right after it was written`);
  return toProfile(row, groupTags(tagRows).get(seen.external_userid) ?? []);
}

function profileQuery(db: TenantDb, externalUserid: string): Bound<(typeof customers.$inferSelect)[]> {
  return bound(db, 'customers.profile', (p) => db.select().from(customers).where(and(eq(customers.corpId, p(0, 'corpId')), eq(customers.externalUserid, p(0, 'externalUserid')))), [{ corpId: db.tenant, externalUserid }]);
}

/**
 * Customers ordered by external_userid, optionally only those with `tag`; keyset pagination
 * (`after` is the last external_userid of the previous page) so pages stay cheap at any depth.
 */
export async function listCustomers(db: TenantDb, opts: { tag?: string; limit: number; after?: string }): Promise<{ items: CustomerProfile[]; last: string | null }> {
  const afterCond = and(eq(customers.corpId, db.tenant), opts.after === undefined ? undefined : gt(customers.externalUserid, opts.after));
  const rows = opts.tag === undefined
    ? await db.select().from(customers).where(afterCond).orderBy(asc(customers.externalUserid)).limit(opts.limit + 1)
    : (
        await db
          .select({ c: customers })
          .from(customerTags)
          .innerJoin(customers, and(eq(customers.corpId, customerTags.corpId), eq(customers.externalUserid, customerTags.externalUserid)))
          .where(and(eq(customerTags.corpId, db.tenant), eq(customerTags.tag, opts.tag), opts.after === undefined ? undefined : gt(customerTags.externalUserid, opts.after)))
          .orderBy(asc(customerTags.externalUserid))
          .limit(opts.limit + 1)
      ).map((r) => r.c);
  const page = rows.slice(0, opts.limit);
  const tags = await tagsOf(db, page.map((r) => r.externalUserid));
  return {
    items: page.map((r) => toProfile(r, tags.get(r.externalUserid) ?? [])),
    last: rows.length > opts.limit ? (page.at(-1)?.externalUserid ?? null) : null,
  };
}

async function tagsOf(db: TenantDb, ids: string[]): Promise<Map<string, TagDetail[]>> {
  const rows = [];
  for (const part of chunk(ids, 1)) rows.push(...(await runBatch(db, [tagsQuery(db, part)]))[0]);
  return groupTags(rows);
}

const tagsQuery = (db: TenantDb, ids: string[]): Bound<(typeof customerTags.$inferSelect)[]> =>
  bound(
    db,
    `customers.tags:${ids.length}`,
    (p) =>
      db
        .select()
        .from(customerTags)
        .where(and(eq(customerTags.corpId, p(0, 'corpId')), inArray(customerTags.externalUserid, ids.map((_, i) => p(i, 'id')))))
        .orderBy(asc(customerTags.addedAt), asc(customerTags.tag)),
    ids.map((id) => ({ corpId: db.tenant, id })),
  );

function groupTags(rows: readonly (typeof customerTags.$inferSelect)[]): Map<string, TagDetail[]> {
  const out = new Map<string, TagDetail[]>();
  for (const r of rows) {
    const list = out.get(r.externalUserid) ?? [];
    list.push({ tag: r.tag, source: r.source, source_ref: r.sourceRef, added_at: r.addedAt });
    out.set(r.externalUserid, list);
  }
  return out;
}

function toProfile(row: typeof customers.$inferSelect, details: TagDetail[]): CustomerProfile {
  return {
    external_userid: row.externalUserid,
    open_kfid: row.openKfid,
    channel: row.channel,
    scene_param: row.sceneParam,
    language: row.language,
    nickname: row.nickname,
    first_seen: row.firstSeen,
    last_seen: row.lastSeen,
    created_at: row.createdAt,
    tags: details.map((d) => d.tag),
    tag_details: details,
  };
}
