import { eq, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Config } from '../rules/config';
import { newId } from './db';
import { behaviorEvents, conversationEvents, customers, customerTags, erasures, metricsRollupCursors, uncertainQuestions, violations } from './schema';
import type { TenantDb } from './tenant';

/**
 * Personal data in D1 under PIPL: erasing one customer's rows, the audit line of an erasure, and
 * the retention purge, each within one tenant (every table here has `corp_id`). Deletes run in bounded batches (`rowid IN (SELECT … LIMIT n)`, one bound
 * parameter per statement besides the limit), so a statement never touches an unbounded number
 * of rows and a caller decides how many statements one invocation may spend.
 */

export interface Batches {
  /** Rows per DELETE statement. */
  size: number;
  /** Statements per table per call; what is left waits for the next call. */
  max: number;
}

export interface Deleted {
  deleted: number;
  /** Rows matching remain: the bound was reached. */
  more: boolean;
}

const DAY_MS = 24 * 3600_000;

async function deleteInBatches(db: TenantDb, table: SQLiteTable, where: SQL, batches: Batches): Promise<Deleted> {
  let deleted = 0;
  for (let i = 0; i < batches.max; i++) {
    const r = await db.delete(table).where(sql`rowid IN (SELECT rowid FROM ${table} WHERE corp_id = ${db.tenant} AND (${where}) LIMIT ${batches.size})`);
    deleted += r.meta.changes;
    if (r.meta.changes < batches.size) return { deleted, more: false };
  }
  return { deleted, more: true };
}

// ── right to delete ─────────────────────────────────────────────────────────────

/** One erasure request may spend this much per table; a customer with more rows is finished by repeating it. */
export const ERASE_BATCHES: Batches = { size: 1000, max: 20 };

export interface ErasedRows {
  customers: number;
  tags: number;
  behavior_events: number;
  violations: number;
  conversation_events: number;
  uncertain_questions: number;
  metrics_rollup_cursors: number;
}

/**
 * The kf accounts a customer has a conversation with, as far as D1 knows: their profile's last
 * account, and every account in the analytics copy, the violations log and behaviour events.
 */
export async function kfAccountsOf(db: TenantDb, externalUserid: string): Promise<string[]> {
  const rows = await db.all<{ open_kfid: string }>(sql`
    SELECT ${customers.openKfid} AS open_kfid FROM ${customers} WHERE ${customers.corpId} = ${db.tenant} AND ${customers.externalUserid} = ${externalUserid} AND ${customers.openKfid} IS NOT NULL
    UNION SELECT DISTINCT ${conversationEvents.openKfid} FROM ${conversationEvents} WHERE ${conversationEvents.corpId} = ${db.tenant} AND ${conversationEvents.externalUserid} = ${externalUserid}
    UNION SELECT DISTINCT ${violations.openKfid} FROM ${violations} WHERE ${violations.corpId} = ${db.tenant} AND ${violations.externalUserid} = ${externalUserid}
    UNION SELECT DISTINCT ${behaviorEvents.openKfid} FROM ${behaviorEvents} WHERE ${behaviorEvents.corpId} = ${db.tenant} AND ${behaviorEvents.externalUserid} = ${externalUserid} AND ${behaviorEvents.openKfid} IS NOT NULL
    UNION SELECT DISTINCT ${uncertainQuestions.openKfid} FROM ${uncertainQuestions} WHERE ${uncertainQuestions.corpId} = ${db.tenant} AND ${uncertainQuestions.externalUserid} = ${externalUserid}`);
  return rows.map((r) => r.open_kfid);
}

/**
 * Deletes every D1 row of the customer. The profile goes last: while anything else remains, the
 * profile still names them for a repeated request. `complete` is false when a table still had
 * rows past ERASE_BATCHES (repeat the request; it is idempotent).
 */
export async function eraseCustomerRows(db: TenantDb, externalUserid: string, batches: Batches = ERASE_BATCHES): Promise<{ rows: ErasedRows; complete: boolean }> {
  const parts = [
    ['conversation_events', await deleteInBatches(db, conversationEvents, eq(conversationEvents.externalUserid, externalUserid), batches)],
    ['behavior_events', await deleteInBatches(db, behaviorEvents, eq(behaviorEvents.externalUserid, externalUserid), batches)],
    ['violations', await deleteInBatches(db, violations, eq(violations.externalUserid, externalUserid), batches)],
    ['uncertain_questions', await deleteInBatches(db, uncertainQuestions, eq(uncertainQuestions.externalUserid, externalUserid), batches)],
    ['tags', await deleteInBatches(db, customerTags, eq(customerTags.externalUserid, externalUserid), batches)],
    // Where the roll-ups stand in their conversations; the hourly counts hold no one's id.
    ['metrics_rollup_cursors', await deleteInBatches(db, metricsRollupCursors, eq(metricsRollupCursors.externalUserid, externalUserid), batches)],
  ] as const;
  const complete = parts.every(([, d]) => !d.more);
  const profile = complete ? await deleteInBatches(db, customers, eq(customers.externalUserid, externalUserid), batches) : { deleted: 0 };
  const counts = Object.fromEntries(parts.map(([k, d]) => [k, d.deleted])) as Omit<ErasedRows, 'customers'>;
  return { rows: { customers: profile.deleted, ...counts }, complete };
}

export interface Erasure {
  id: string;
  at: number;
  subject_hash: string;
  requested_by: string;
  counts: Record<string, number | boolean>;
}

/** The audit line of an erasure. `subject_hash` is the SHA-256 of the id: the id itself is never stored. */
export async function recordErasure(db: TenantDb, input: Omit<Erasure, 'id'>): Promise<Erasure> {
  const erasure: Erasure = { id: newId(), ...input };
  await db.insert(erasures).values({ corpId: db.tenant, id: erasure.id, at: erasure.at, subjectHash: erasure.subject_hash, requestedBy: erasure.requested_by, counts: JSON.stringify(erasure.counts) });
  return erasure;
}

// ── retention ───────────────────────────────────────────────────────────────────

/**
 * One purge run may spend this much per table: 5 tables × 9 statements stays inside the Workers
 * Free plan's 50 D1 queries per invocation with room for the config read. Beyond 45,000 expired
 * rows per table a backlog remains, and the next run continues it.
 */
export const PURGE_BATCHES: Batches = { size: 5000, max: 9 };

export interface PurgeResult {
  conversation_events: Deleted;
  behavior_events: Deleted;
  violations: Deleted;
  uncertain_questions: Deleted;
  metrics_rollup_cursors: Deleted;
}

/**
 * Deletes the rows older than the config's `retention` limits: conversation_events,
 * behavior_events and uncertain_questions after `conversation_days`, violations after `violation_days`. A table without
 * a limit is left alone.
 */
export async function purgeExpired(db: TenantDb, retention: Config['retention'], now: number, batches: Batches = PURGE_BATCHES): Promise<PurgeResult> {
  const none: Deleted = { deleted: 0, more: false };
  const purge = async (table: SQLiteTable, at: Parameters<typeof lt>[0], days: number | undefined) =>
    days === undefined ? none : deleteInBatches(db, table, lt(at, now - days * DAY_MS), batches);
  return {
    conversation_events: await purge(conversationEvents, conversationEvents.at, retention?.conversation_days),
    behavior_events: await purge(behaviorEvents, behaviorEvents.at, retention?.conversation_days),
    violations: await purge(violations, violations.at, retention?.violation_days),
    uncertain_questions: await purge(uncertainQuestions, uncertainQuestions.at, retention?.conversation_days),
    metrics_rollup_cursors: await purge(metricsRollupCursors, metricsRollupCursors.updatedAt, retention?.conversation_days),
  };
}
