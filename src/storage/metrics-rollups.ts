import { and, eq, gte, inArray, lt, not, sql, type SQL } from 'drizzle-orm';
import type { Cell } from '../engine/figures';
import { DAY_MS, foldRollup, HOUR_MS, newRollupState, rebucket, type RollupCell, type RollupState, RollupStateSchema } from '../engine/metrics-rollup';
import type { ConversationEventRow } from './conversation-events';
import { bound, placeholderRows, type Bound } from './bound';
import { chunk } from './db';
import { metricsDaily, metricsDailyAll, metricsHourStamps, metricsHourly, metricsRollupCursors, type RollupTable } from './schema';
import type { TenantDb } from './tenant';

/**
 * The roll-ups in D1, by hour and by day: written beside the exported events (in the export's
 * batch, one transaction) and read by GET /admin/api/metrics.
 */

/** Rows by conversation (`open_kfid:external_userid`), each list in the given order. */
export function groupByConversation<R extends { open_kfid: string; external_userid: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const key = `${r.open_kfid}:${r.external_userid}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  return groups;
}

/** The roll-up states of these conversations (a fresh state for one never counted); those in `known` are not read. */
export async function readRollupStates(db: TenantDb, conversations: readonly string[], known?: ReadonlyMap<string, RollupState>): Promise<Map<string, RollupState>> {
  const states = new Map<string, RollupState>();
  for (const c of conversations) {
    const state = known?.get(c);
    if (state) states.set(c, state);
  }
  for (const part of chunk(conversations.filter((c) => !states.has(c)), 1)) {
    const rows = await db.select().from(metricsRollupCursors).where(and(eq(metricsRollupCursors.corpId, db.tenant), inArray(metricsRollupCursors.conversation, part)));
    for (const r of rows) states.set(r.conversation, RollupStateSchema.parse(JSON.parse(r.state)));
  }
  for (const c of conversations) if (!states.has(c)) states.set(c, newRollupState());
  return states;
}

/**
 * The statements that add `events` to the roll-ups: the cells of each conversation's rows after
 * its high-water mark, and its new state (in `states`, once the batch has run). Run them in the
 * same batch as the events' insert. A state in `known` is taken as what D1 holds.
 */
export async function rollupStatements(
  db: TenantDb,
  events: readonly ConversationEventRow[],
  now: number = Date.now(),
  known?: ReadonlyMap<string, RollupState>,
): Promise<{ statements: Bound<unknown>[]; states: Map<string, RollupState> }> {
  const byConversation = groupByConversation(events);
  const after = new Map<string, RollupState>();
  if (byConversation.size === 0) return { statements: [], states: after };
  const states = await readRollupStates(db, [...byConversation.keys()], known);
  const cells: RollupCell[] = [];
  const cursors: Array<typeof metricsRollupCursors.$inferInsert> = [];
  for (const [conversation, rows] of byConversation) {
    const folded = foldRollup(states.get(conversation)!, rows);
    cells.push(...folded.cells);
    after.set(conversation, folded.state);
    cursors.push({ corpId: db.tenant, conversation, externalUserid: rows[0]!.external_userid, updatedAt: now, state: JSON.stringify(folded.state) });
  }
  const saveCursors = chunk(cursors, CURSOR_FIELDS.length).map((part) =>
    bound(
      db,
      `rollups.cursors:${part.length}`,
      (p) =>
        db
          .insert(metricsRollupCursors)
          .values(placeholderRows(p, part.length, CURSOR_FIELDS))
          .onConflictDoUpdate({ target: [metricsRollupCursors.corpId, metricsRollupCursors.conversation], set: { state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` } }),
      part,
    ),
  );
  return { statements: [...addCellStatements(db, cells), ...saveCursors], states: after };
}

const CURSOR_FIELDS = ['corpId', 'conversation', 'externalUserid', 'updatedAt', 'state'] as const;
const CELL_FIELDS = ['corpId', 'start', 'openKfid', 'channel', 'variant', 'configVersion', 'metric', 'servicer', 'label', 'n'] as const;
const ALL_CELL_FIELDS = ['corpId', 'start', 'metric', 'servicer', 'label', 'n'] as const;

/** The roll-up tables and their buckets: the same cells by hour and by day. */
export const ROLLUP_TABLES = [
  { table: metricsHourly, size: HOUR_MS },
  { table: metricsDaily, size: DAY_MS },
] as const;

/** Adds cells to the roll-up tables (an existing row's `n` grows); statements built once per shape (bound.ts). */
export function addCellStatements(db: TenantDb, cells: readonly RollupCell[]): Bound<unknown>[] {
  const keyed = ROLLUP_TABLES.flatMap(({ table: t, size }) =>
    chunk(size === HOUR_MS ? cells : rebucket(cells, size), CELL_FIELDS.length).map((part) =>
      bound(
        db,
        `rollups.${size === HOUR_MS ? 'hourly' : 'daily'}:${part.length}`,
        (p) =>
          db
            .insert(t)
            .values(placeholderRows(p, part.length, CELL_FIELDS))
            .onConflictDoUpdate({ target: [t.corpId, t.start, t.openKfid, t.channel, t.variant, t.configVersion, t.metric, t.servicer, t.label], set: { n: sql`${t.n} + excluded.n` } }),
        part.map((c) => ({ corpId: db.tenant, start: c.hour, openKfid: c.open_kfid, channel: c.channel, variant: c.variant, configVersion: c.config_version, metric: c.metric, servicer: c.servicer, label: c.label, n: c.n })),
      ),
    ),
  );
  const t = metricsDailyAll;
  const unkeyed = chunk(rebucket(cells.map(withoutKey), DAY_MS), ALL_CELL_FIELDS.length).map((part) =>
    bound(
      db,
      `rollups.daily_all:${part.length}`,
      (p) =>
        db
          .insert(t)
          .values(placeholderRows(p, part.length, ALL_CELL_FIELDS))
          .onConflictDoUpdate({ target: [t.corpId, t.start, t.metric, t.servicer, t.label], set: { n: sql`${t.n} + excluded.n` } }),
      part.map((c) => ({ corpId: db.tenant, start: c.hour, metric: c.metric, servicer: c.servicer, label: c.label, n: c.n })),
    ),
  );
  return [...keyed, ...unkeyed, ...stampStatements(db, cells)];
}

/** Bumps the stamp of every hour the cells fall in: a cached report of those hours is read again (metrics-report-cache.ts). */
function stampStatements(db: TenantDb, cells: readonly RollupCell[]): Bound<unknown>[] {
  const t = metricsHourStamps;
  const hours = [...new Set(cells.map((c) => c.hour))];
  return chunk(hours, 3).map((part) =>
    bound(
      db,
      `rollups.stamps:${part.length}`,
      (p) =>
        db
          .insert(t)
          .values(placeholderRows(p, part.length, ['corpId', 'start']).map((row) => ({ ...row, stamp: 1 })))
          .onConflictDoUpdate({ target: [t.corpId, t.start], set: { stamp: sql`${t.stamp} + 1` } }),
      part.map((start) => ({ corpId: db.tenant, start })),
    ),
  );
}

/** A cell under the one key of metrics_daily_all, so rebucket adds up every key's cells. */
const withoutKey = (c: RollupCell): RollupCell => ({ ...c, open_kfid: '', channel: '', variant: '', config_version: 0 });

export interface RollupFilter {
  open_kfid?: string | undefined;
  channel?: string | undefined;
  variant?: string | undefined;
  config_version?: number | undefined;
}

export interface RollupRangeQuery extends RollupFilter {
  /** Which table: metrics_hourly or metrics_daily. */
  table: 'hour' | 'day';
  /** Inclusive, a bucket's start of the table, ms. */
  from: number;
  /** Exclusive, a bucket's start of the table, ms. */
  to: number;
}

const unfiltered = (q: RollupFilter) => q.open_kfid === undefined && q.channel === undefined && q.variant === undefined && q.config_version === undefined;

/** The table a query reads: whole days without a filter from metrics_daily_all, a quarter of metrics_daily's rows. */
function tableOf(q: RollupRangeQuery): RollupTable | typeof metricsDailyAll {
  if (q.table === 'hour') return metricsHourly;
  // The keyed tables have the same columns (schema.ts `rollupTable`); only their names' types differ.
  return unfiltered(q) ? metricsDailyAll : (metricsDaily as unknown as RollupTable);
}

function rollupWhere(db: TenantDb, q: RollupRangeQuery): SQL | undefined {
  const t = tableOf(q);
  if (!('openKfid' in t)) return and(eq(t.corpId, db.tenant), gte(t.start, q.from), lt(t.start, q.to));
  return and(
    eq(t.corpId, db.tenant),
    gte(t.start, q.from),
    lt(t.start, q.to),
    q.open_kfid === undefined ? undefined : eq(t.openKfid, q.open_kfid),
    q.channel === undefined ? undefined : eq(t.channel, q.channel),
    // The shadow candidate is never rolled up: no variant filter means every variant.
    q.variant === undefined ? undefined : eq(t.variant, q.variant),
    q.config_version === undefined ? undefined : eq(t.configVersion, q.config_version),
  );
}

/** Every cell of the range but everyone's cells of `except`, added up over its buckets and keys (a query to await or batch). */
export function sumRollupCells(db: TenantDb, q: RollupRangeQuery, except: readonly string[] = []) {
  const t = tableOf(q);
  return db
    .select({ metric: t.metric, servicer: t.servicer, label: t.label, n: sql<number>`sum(${t.n})` })
    .from(t)
    .where(and(rollupWhere(db, q), except.length === 0 ? undefined : not(and(eq(t.servicer, ''), inArray(t.metric, [...except]))!)))
    .groupBy(t.metric, t.servicer, t.label);
}

export type BucketCell = Cell & { bucket: number };

/** Which series cells a range's part adds: the everyone-cells ('' servicer) of these metrics per bucket of `bucketMs` (UTC), read from `table`. */
export interface SeriesQuery {
  table: 'hour' | 'day';
  bucketMs: number;
  metrics: readonly string[];
}

/** The series cells of the range (a query to await or batch). */
export function bucketRollupCells(db: TenantDb, q: RollupRangeQuery & Omit<SeriesQuery, 'table'>) {
  const t = tableOf(q);
  // An internal constant (an hour or a day), inlined so SQLite divides integers.
  const size = sql.raw(String(Math.trunc(q.bucketMs)));
  const bucket = sql<number>`${t.start} - ${t.start} % ${size}`;
  return db
    .select({ bucket, metric: t.metric, servicer: t.servicer, label: t.label, n: sql<number>`sum(${t.n})` })
    .from(t)
    .where(and(rollupWhere(db, q), eq(t.servicer, ''), inArray(t.metric, [...q.metrics])))
    .groupBy(bucket, t.metric, t.label);
}

/** A part's cells: per series bucket, and the others summed (the part's totals are both added up). */
export interface PartCells {
  summed: Cell[];
  bucketed: BucketCell[];
}

/**
 * The two queries of a part, in the order `collectParts` reads their answers. They read disjoint
 * cells: the series' rows are not added up a second time for the totals (a month's daily series
 * is ~12,000 of its ~62,000 rows).
 */
export function partQueries(db: TenantDb, part: RollupRangeQuery, series: SeriesQuery) {
  return [sumRollupCells(db, part, series.metrics), bucketRollupCells(db, { ...part, ...series })] as const;
}

/** The answers of `partQueries` of one or more parts, in order, added into one. */
export function collectParts(answers: readonly unknown[]): PartCells {
  const cells: PartCells = { summed: [], bucketed: [] };
  answers.forEach((rows, i) => (i % 2 === 0 ? cells.summed : cells.bucketed).push(...(rows as BucketCell[])));
  return cells;
}
