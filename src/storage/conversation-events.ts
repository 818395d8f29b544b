import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import { bound, placeholderRows, runBatch, type Bound } from './bound';
import { chunk } from './db';
import { rollupStatements } from './metrics-rollups';
import type { ConversationEventRow } from '../engine/metrics';
import type { RollupState } from '../engine/metrics-rollup';
import { conversationEvents } from './schema';
import type { TenantDb } from './tenant';

/** The row shape is the engine's (src/engine/metrics.ts analyticsRows writes it). */
export type { ConversationEventRow };

const EVENT_FIELDS = ['corpId', 'id', 'at', 'openKfid', 'externalUserid', 'type', 'configVersion', 'variant', 'servicer', 'intent', 'data'] as const;
const COLUMNS = EVENT_FIELDS.length;

/**
 * Copies timeline events to D1 for analytics and adds them to the hourly roll-ups, in one
 * transaction; events already copied are skipped, and the roll-ups count each event once
 * (metrics-rollups.ts).
 *
 * `rollups`: the roll-up states of a caller that is the only writer of its conversations' (the
 * Conversation object): read from D1 only when missing, and updated once the batch has run, so
 * each copy costs no read of them. A batch that fails drops them (it may have run all the same).
 */
export async function appendConversationEvents(db: TenantDb, events: readonly ConversationEventRow[], rollups?: Map<string, RollupState>): Promise<void> {
  const copy = await eventsCopy(db, events, rollups);
  try {
    await runBatch(db, copy.statements);
  } catch (e) {
    copy.settled(false);
    throw e;
  }
  copy.settled(true);
}

/**
 * appendConversationEvents' statements, for a batch the caller runs (with statements of its
 * own: the Conversation's turn carries them in its first round trip), and `settled`, to call once
 * that batch ran (true) or failed (false): it keeps or drops the roll-up states.
 */
export async function eventsCopy(
  db: TenantDb,
  events: readonly ConversationEventRow[],
  rollups?: Map<string, RollupState>,
): Promise<{ statements: Bound<unknown>[]; settled: (ran: boolean) => void }> {
  const inserts = chunk(events, COLUMNS).map((part) =>
    bound(
      db,
      `events.insert:${part.length}`,
      (p) => db.insert(conversationEvents).values(placeholderRows(p, part.length, EVENT_FIELDS)).onConflictDoNothing(),
      part.map((e) => ({
        corpId: db.tenant,
        id: e.id,
        at: e.at,
        openKfid: e.open_kfid,
        externalUserid: e.external_userid,
        type: e.type,
        configVersion: e.config_version ?? null,
        variant: e.variant ?? null,
        servicer: e.servicer ?? null,
        intent: e.intent ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
      })),
    ),
  );
  const rolled = await rollupStatements(db, events, Date.now(), rollups);
  return {
    statements: [...inserts, ...rolled.statements],
    settled: (ran) => {
      for (const [conversation, state] of rolled.states) {
        if (ran) rollups?.set(conversation, state);
        else rollups?.delete(conversation);
      }
    },
  };
}

export interface EventRangeQuery {
  /** Inclusive, ms. */
  from: number;
  /** Exclusive, ms. */
  to: number;
  open_kfid?: string | undefined;
  /** Only these types (the ones a reader folds); all types when absent. */
  types?: readonly string[] | undefined;
  /** Leave out rows of this variant (the service figures leave out the shadow candidate's). */
  excludeVariant?: string | undefined;
  /** The most rows read; past it the answer says `truncated`. */
  limit: number;
  /** Rows per query: one D1 answer stays small however large `limit` is. */
  pageSize?: number;
}

/** Rows per D1 query when reading ranges. */
export const EVENT_PAGE_SIZE = 5000;

/**
 * The events of a time range in time order (ties by id), read page by page with a keyset on
 * (at, id). At most `limit` rows: when more exist, `truncated` is true and the rows are the
 * earliest `limit` of the range.
 */
export async function listConversationEvents(db: TenantDb, q: EventRangeQuery): Promise<{ events: ConversationEventRow[]; truncated: boolean }> {
  const t = conversationEvents;
  const pageSize = Math.max(1, q.pageSize ?? EVENT_PAGE_SIZE);
  const events: ConversationEventRow[] = [];
  let after: { at: number; id: string } | null = null;
  // One row past the limit tells a range that is exactly `limit` long from a truncated one.
  while (events.length <= q.limit) {
    const want = Math.min(pageSize, q.limit + 1 - events.length);
    const rows = await db
      .select()
      .from(t)
      .where(
        and(
          eq(t.corpId, db.tenant),
          gte(t.at, q.from),
          lt(t.at, q.to),
          q.open_kfid === undefined ? undefined : eq(t.openKfid, q.open_kfid),
          q.types === undefined ? undefined : inArray(t.type, [...q.types]),
          q.excludeVariant === undefined ? undefined : or(isNull(t.variant), ne(t.variant, q.excludeVariant)),
          after ? or(gt(t.at, after.at), and(eq(t.at, after.at), gt(t.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(t.at), asc(t.id))
      .limit(want);
    for (const r of rows) {
      events.push({
        id: r.id,
        at: r.at,
        open_kfid: r.openKfid,
        external_userid: r.externalUserid,
        type: r.type,
        config_version: r.configVersion,
        variant: r.variant,
        servicer: r.servicer,
        intent: r.intent,
        data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
      });
    }
    const last = rows.at(-1);
    if (!last || rows.length < want) break;
    after = { at: last.at, id: last.id };
  }
  const truncated = events.length > q.limit;
  if (truncated) events.length = q.limit;
  return { events, truncated };
}
