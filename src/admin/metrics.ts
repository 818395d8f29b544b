import { Hono } from 'hono';
import { z } from 'zod';
import { type AnalyticsEvent, computeMetrics, MetricsSchema } from '../engine/metrics';
import type { Env } from '../env';
import { listConversationEvents } from '../storage/conversation-events';
import { createDb } from '../storage/db';
import { requireRole, type AdminEnv } from './auth';
import { check, OpenKfidSchema } from './input';

/**
 * GET /admin/api/metrics: service figures over a time range, folded from the D1 copy of the
 * conversation timelines by src/engine/metrics.ts (definitions there).
 *
 * Bound: one request reads at most METRICS_MAX_EVENTS events (in pages of EVENT_PAGE_SIZE). Past
 * it the answer says `truncated: true` and covers the earliest events of the range up to
 * `covered_to`; ask again for a shorter range (or one kf account) for complete figures.
 */

export const METRICS_MAX_EVENTS = 50_000;
const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_MS = 7 * DAY_MS;

/** The event types computeMetrics folds; the rest of a timeline (context, budget, …) is not read. */
export const METRIC_EVENT_TYPES = ['message_in', 'message_out', 'answer', 'clarify', 'smalltalk', 'intent', 'fallback', 'handoff', 'assigned', 'closed', 'rating'] as const;

// Query values arrive as strings; an empty `from=` must be refused, not read as the epoch.
const Millis = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'must be milliseconds since the epoch' })
  .transform(Number);

export const RangeQuerySchema = z
  .strictObject({
    /** Inclusive, ms; default `to` minus 7 days. */
    from: Millis.optional(),
    /** Exclusive, ms; default now. */
    to: Millis.optional(),
    open_kfid: OpenKfidSchema.optional(),
    /** The most events read (default and maximum METRICS_MAX_EVENTS). */
    limit: z.coerce.number().int().min(1).max(METRICS_MAX_EVENTS).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { error: '`from` must be before `to`', path: ['to'] });
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

export interface LoadedRange {
  from: number;
  to: number;
  /** The end of what the figures cover: `to`, or the time of the last event read when truncated. */
  covered_to: number;
  truncated: boolean;
  events: VersionedEvent[];
}

/** An event with the config version that decided it (null when the writer did not say). */
export type VersionedEvent = AnalyticsEvent & { config_version: number | null };

/** Which rows a reader wants: by default the metric types of every variant. */
export interface RangeRows {
  types?: readonly string[];
  excludeVariant?: string;
}

/** The range a query asks for: `to` defaults to now, `from` to DEFAULT_RANGE_MS before `to`. */
export function rangeBounds(q: Pick<RangeQuery, 'from' | 'to'>, now: number = Date.now()): { from: number; to: number } {
  const to = q.to ?? Math.max(now + 1, (q.from ?? 0) + 1);
  return { from: q.from ?? Math.max(0, to - DEFAULT_RANGE_MS), to };
}

export async function loadRange(env: Env, q: RangeQuery, rows: RangeRows = {}, now: number = Date.now()): Promise<LoadedRange> {
  const { from, to } = rangeBounds(q, now);
  const { events, truncated } = await listConversationEvents(createDb(env.DB), {
    from,
    to,
    open_kfid: q.open_kfid,
    types: rows.types ?? METRIC_EVENT_TYPES,
    excludeVariant: rows.excludeVariant,
    limit: q.limit ?? METRICS_MAX_EVENTS,
  });
  return {
    from,
    to,
    covered_to: truncated ? (events.at(-1)?.at ?? from) : to,
    truncated,
    events: events.map((e) => ({
      at: e.at,
      config_version: e.config_version ?? null,
      conversation: `${e.open_kfid}:${e.external_userid}`,
      type: e.type,
      variant: e.variant ?? null,
      servicer: e.servicer ?? null,
      intent: e.intent ?? null,
      data: e.data ?? null,
    })),
  };
}

// ── the answer's shape, for the OpenAPI document ──────────────────────────────

export const RangeAnswerSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  covered_to: z.number().int(),
  truncated: z.boolean(),
});
export const MetricsAnswerSchema = MetricsSchema.extend(RangeAnswerSchema.shape);

export const rangeOf = ({ from, to, covered_to, truncated }: LoadedRange): z.infer<typeof RangeAnswerSchema> => ({ from, to, covered_to, truncated });

export const metricsRoutes = new Hono<AdminEnv>().get('/', requireRole('viewer'), async (c) => {
  // The shadow candidate's decisions were never sent: they are figures of the comparison only.
  const range = await loadRange(c.env, check(RangeQuerySchema, c.req.query()), { excludeVariant: 'shadow' });
  return c.json({ ...computeMetrics(range.events), ...rangeOf(range) });
});
