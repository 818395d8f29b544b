import { z } from 'zod';
import { METRIC_EVENT_TYPES } from '../engine/metric-facts';
import type { AnalyticsEvent } from '../engine/metrics';
import { listConversationEvents } from '../storage/conversation-events';
import { MetricsAnswerSchema, MetricsQuerySchema, reportMetrics } from './metrics-report';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { METRICS_MAX_EVENTS, type RangeAnswerSchema, rangeBounds, type RangeQuery } from './range';
import { type TenantEnv, tenantDb } from '../storage/tenant';
import { corpEnv } from './tenant';

/**
 * GET /admin/api/metrics: service figures and their series over a time range, from the hourly
 * and daily roll-ups (metrics-report.ts; definitions in src/engine/metrics.ts). loadRange reads the raw
 * events of a range, at most METRICS_MAX_EVENTS, for the release comparison.
 */

export { MetricsAnswerSchema } from './metrics-report';
export { DEFAULT_RANGE_MS, METRICS_MAX_EVENTS, RangeAnswerSchema, rangeBounds, RangeQuerySchema, type RangeQuery } from './range';
export { METRIC_EVENT_TYPES } from '../engine/metric-facts';

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

export async function loadRange(env: TenantEnv, q: RangeQuery, rows: RangeRows = {}, now: number = Date.now()): Promise<LoadedRange> {
  const { from, to } = rangeBounds(q, now);
  const { events, truncated } = await listConversationEvents(tenantDb(env), {
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

export const rangeOf = ({ from, to, covered_to, truncated }: LoadedRange): z.infer<typeof RangeAnswerSchema> => ({ from, to, covered_to, truncated });

export const metricsRoutes = adminApp().openapi(
  adminRoute('viewer', {
    method: 'get',
    path: '/',
    summary:
      'Service figures and their series (per hour or day) over a time range, from the hourly and daily roll-ups, by kf account, channel, release side or version (bot replies never count as human responses; the shadow candidate\'s silent decisions never count); only partial edge hours are folded from raw events',
    request: { query: MetricsQuerySchema },
    responses: { 200: jsonAnswer(MetricsAnswerSchema) },
  }),
  async (c) => c.json(await reportMetrics(corpEnv(c), c.req.valid('query')), 200),
);
