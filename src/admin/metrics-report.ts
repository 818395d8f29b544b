import { z } from 'zod';
import { type Cell, durationMetric, Tally } from '../engine/figures';
import { MEASURES, METRIC_EVENT_TYPES } from '../engine/metric-facts';
import { DistributionSchema, type Metrics, MetricsSchema } from '../engine/metrics';
import { DAY_MS, floorTo, foldRollup, HOUR_MS, newRollupState, planRange, type RollupCell } from '../engine/metrics-rollup';
import { listConversationEvents } from '../storage/conversation-events';
import { groupByConversation, readRollupStates, type RollupFilter, type RollupRangeQuery, type SeriesQuery } from '../storage/metrics-rollups';
import { readCachedParts } from '../storage/metrics-report-cache';
import { METRICS_MAX_EVENTS, RangeAnswerSchema, rangeBounds, RangeQuerySchema } from './range';
import { type TenantEnv, type TenantDb, tenantDb } from '../storage/tenant';

/**
 * GET /admin/api/metrics from the roll-ups: the whole UTC days of the range from `metrics_daily`,
 * the whole hours beside them from `metrics_hourly` (so a month reads ~30 days of rows however many
 * events it held), and only the partial hours at its edges folded from the raw events, with the
 * same fold, so `from` and `to` stay exact to the millisecond. `limit` bounds those raw events alone.
 * The days and hours are read through the report cache (src/storage/metrics-report-cache.ts).
 */

/** Hourly buckets in one answer at most: 100 days. */
export const MAX_SERIES_BUCKETS = 2400;

const Whole = (what: string) => z.string().regex(/^\d{1,9}$/, { error: `must be ${what}` }).transform(Number);

export const MetricsQuerySchema = RangeQuerySchema.safeExtend({
  /** The series' buckets: UTC hours or days; by default hours for a range of two days or less. */
  granularity: z.enum(['hour', 'day']).optional(),
  /** A channel code (the conversation's enter_session scene); empty for conversations without one. */
  channel: z.string().regex(/^[0-9A-Za-z_-]{0,32}$/, { error: 'must be a channel code (0-32 of [0-9A-Za-z_-])' }).optional(),
  /** Only what this side of a release decided (an event without a variant counts as stable). */
  variant: z.enum(['stable', 'candidate']).optional(),
  /** Only what this config version decided. */
  version: Whole('a config version').optional(),
}).refine(
  (q) => {
    const { from, to } = rangeBounds(q);
    return q.granularity !== 'hour' || (to - from) / HOUR_MS <= MAX_SERIES_BUCKETS;
  },
  { error: `hourly series cover at most ${MAX_SERIES_BUCKETS} hours; ask for granularity=day`, path: ['granularity'] },
);
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

export const SeriesBucketSchema = z.object({
  /** The bucket's start, UTC ms (the range's edges may cover part of it). */
  start: z.number().int(),
  conversations: z.number().int(),
  /** Of the bucket's conversations, the share that never reached a human, and that did (as the totals count them: once per UTC day, in the bucket of their first event, or first human, of that day). */
  containmentRate: MetricsSchema.shape.containmentRate,
  handoffRate: MetricsSchema.shape.handoffRate,
  customerMessages: z.number().int(),
  /** Messages the bot sent, and servicers sent. */
  botMessages: z.number().int(),
  servicerMessages: z.number().int(),
  answered: z.number().int(),
  fallbacks: z.number().int(),
  handoffs: z.number().int(),
  ratings: z.number().int(),
  satisfaction: z.number().nullable(),
  botFirstResponseMs: DistributionSchema,
  humanFirstResponseMs: DistributionSchema,
  handlingMs: DistributionSchema,
  queueWaitMs: DistributionSchema,
});
export type SeriesBucket = z.infer<typeof SeriesBucketSchema>;

export const MetricsAnswerSchema = MetricsSchema.extend(RangeAnswerSchema.shape).extend({
  granularity: z.enum(['hour', 'day']),
  series: z.array(SeriesBucketSchema),
});
export type MetricsAnswer = z.infer<typeof MetricsAnswerSchema>;

/** The cells a series bucket reads: everyone's counts, ratings and every latency sketch. */
const SERIES_METRICS = [
  'conversations',
  'reached_human',
  'customer_messages',
  'bot_messages',
  'servicer_messages',
  'answered',
  'fallbacks',
  'handoffs',
  'rating',
  ...MEASURES.flatMap((m) => [durationMetric(m, 'bin'), durationMetric(m, 'sum')]),
];
const IN_SERIES: ReadonlySet<string> = new Set(SERIES_METRICS);


export async function reportMetrics(env: TenantEnv, q: MetricsQuery, now: number = Date.now()): Promise<MetricsAnswer> {
  const db = tenantDb(env);
  const { from, to } = rangeBounds(q, now);
  const granularity = q.granularity ?? (to - from <= 2 * DAY_MS ? 'hour' : 'day');
  const bucketMs = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const filter: RollupFilter = { open_kfid: q.open_kfid, channel: q.channel, variant: q.variant, config_version: q.version };

  const plan = planRange(from, to);
  const hourly = plan.hours.map(([a, b]) => ({ ...filter, table: 'hour' as const, from: a, to: b }));
  const parts: RollupRangeQuery[] = plan.days ? [{ ...filter, table: 'day', from: plan.days[0], to: plan.days[1] }, ...hourly] : hourly;
  // Day buckets add up the daily rows and the hours beside them; hour buckets read every whole hour.
  const series = (part: RollupRangeQuery): SeriesQuery => ({ table: granularity === 'day' ? part.table : 'hour', bucketMs, metrics: SERIES_METRICS });
  // Each part is whole hours, read through the cache (its hours' stamps tell when it changed); the partial edge hours are folded fresh.
  const cached = parts.map((part) => ({ part, series: series(part), key: cacheKey(part, series(part)) }));

  const [read, edgeFolds] = await Promise.all([
    readCachedParts(db, cached, now),
    Promise.all(plan.raw.map(([a, b]) => foldEdge(db, a, b, filter, q.limit ?? METRICS_MAX_EVENTS))),
  ]);
  const summed = read.flatMap((p) => p.summed);
  const bucketed = read.flatMap((p) => p.bucketed);

  const total = Tally.sketched();
  const buckets = new Map<number, Tally>();
  for (let start = floorTo(from, bucketMs); start < to; start += bucketMs) buckets.set(start, Tally.sketched());
  const addToSeries = (start: number, cell: Cell) => {
    if (cell.servicer === '' && IN_SERIES.has(cell.metric)) buckets.get(floorTo(start, bucketMs))?.addCell(cell);
  };
  for (const cell of summed) total.addCell(cell);
  for (const cell of bucketed) {
    total.addCell(cell);
    addToSeries(cell.bucket, cell);
  }
  for (const edge of edgeFolds) {
    for (const cell of edge.cells) {
      total.addCell(cell);
      addToSeries(cell.hour, cell);
    }
  }

  const truncatedAt = edgeFolds.find((e) => e.truncatedAt !== null)?.truncatedAt ?? null;
  return {
    ...total.toMetrics(),
    from,
    to,
    covered_to: truncatedAt ?? to,
    truncated: truncatedAt !== null,
    granularity,
    series: [...buckets.entries()].map(([start, tally]) => seriesBucket(start, tally.toMetrics(), tally)),
  };
}

/** What a part's cached cells depend on besides its hours' stamps. Bump the first item when the cells read change. */
const cacheKey = (part: RollupRangeQuery, series: SeriesQuery) =>
  JSON.stringify(['metrics/1', part.table, part.from, part.to, part.open_kfid ?? null, part.channel ?? null, part.variant ?? null, part.config_version ?? null, series.table, series.bucketMs, series.metrics]);

function seriesBucket(start: number, m: Metrics, tally: Tally): SeriesBucket {
  return {
    start,
    conversations: m.conversations,
    containmentRate: m.containmentRate,
    handoffRate: m.handoffRate,
    customerMessages: m.customerMessages,
    botMessages: tally.counters.bot_messages,
    servicerMessages: tally.counters.servicer_messages,
    answered: m.answered,
    fallbacks: m.fallbacks,
    handoffs: m.handoffs,
    ratings: m.ratings,
    satisfaction: m.satisfaction,
    botFirstResponseMs: m.botFirstResponseMs,
    humanFirstResponseMs: m.humanFirstResponseMs,
    handlingMs: m.handlingMs,
    queueWaitMs: m.queueWaitMs,
  };
}

/**
 * A partial hour at the range's edge, folded from the raw events as the roll-ups fold them (each
 * conversation from a fresh state, with the channel its roll-up state knows). At most `limit`
 * events: past it, `truncatedAt` is the time of the last event read.
 */
async function foldEdge(db: TenantDb, from: number, to: number, filter: RollupFilter, limit: number): Promise<{ cells: RollupCell[]; truncatedAt: number | null }> {
  const { events, truncated } = await listConversationEvents(db, { from, to, open_kfid: filter.open_kfid, types: METRIC_EVENT_TYPES, excludeVariant: 'shadow', limit });
  const byConversation = groupByConversation(events);
  const states = await readRollupStates(db, [...byConversation.keys()]);
  const cells: RollupCell[] = [];
  for (const [conversation, rows] of byConversation) {
    const start = { ...newRollupState(), channel: states.get(conversation)?.channel ?? '' };
    cells.push(...foldRollup(start, rows).cells);
  }
  const wanted = (c: RollupCell) =>
    (filter.channel === undefined || c.channel === filter.channel) && (filter.variant === undefined || c.variant === filter.variant) && (filter.config_version === undefined || c.config_version === filter.config_version);
  return { cells: cells.filter(wanted), truncatedAt: truncated ? (events.at(-1)?.at ?? from) : null };
}
