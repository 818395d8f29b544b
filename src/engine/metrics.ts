import { z } from 'zod';

/**
 * Service metrics, defined on the conversation timeline rather than on counters, so that a bot in
 * the loop cannot skew them (the peers' most reported reporting bug: bot replies counted as first
 * responses, bot time inside handling time). Pure: the caller loads events, this folds them.
 *
 * Definitions
 * - bot first response: first customer message → first bot message after it.
 * - human first response: a handoff → the first message a servicer sends after it; bot messages
 *   in between do not count. Measured once per human handling.
 * - handling time: a servicer is assigned → that handling ends (closed, or the next handoff).
 * - queue wait: the customer is queued (every servicer busy, or out of hours: a `queued` event) →
 *   a servicer is assigned (from the queue, the pool or routing). A wait that ends in `closed`
 *   first (the customer left, the session expired) is abandoned and not measured.
 * - answer rate: of the customer turns the bot handled, those answered from an intent or the
 *   knowledge base; fallback rate: those that got the generic reply.
 * - clarifications: customer turns the bot answered with "您是想问：" and a menu of entries;
 *   resolved: those whose customer then clicked one of the offered entries (answered from the menu).
 * - small talk: turns that were only a greeting, thanks, goodbye or acknowledgement.
 * - containment: conversations that never reached a human.
 * - satisfaction: ratings 1..5; satisfied = 4 or 5; attributed to the servicer of the handling.
 */
import { Tally } from './figures';
import { type ConversationState, conversationStep, newConversationState } from './metric-facts';

export interface AnalyticsEvent {
  at: number;
  /** `${open_kfid}:${external_userid}` */
  conversation: string;
  type: string;
  variant?: string | null;
  servicer?: string | null;
  intent?: string | null;
  data?: Record<string, unknown> | null;
}

/** The figures' shape: the one source of their types and of the admin API's OpenAPI document. */
const Rate = z.number().min(0).max(1).nullable();
export const DistributionSchema = z.object({ count: z.number().int(), median: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable() });
export const ServicerMetricsSchema = z.object({
  servicer: z.string(),
  handled: z.number().int(),
  rated: z.number().int(),
  satisfaction: z.number().nullable(),
  firstResponseMs: DistributionSchema,
  handlingMs: DistributionSchema,
});
export const MetricsSchema = z.object({
  conversations: z.number().int(),
  customerMessages: z.number().int(),
  botTurns: z.number().int(),
  answered: z.number().int(),
  fallbacks: z.number().int(),
  handoffs: z.number().int(),
  clarifications: z.number().int(),
  clarificationsResolved: z.number().int(),
  clarifyResolutionRate: Rate,
  smallTalk: z.number().int(),
  answerRate: Rate,
  fallbackRate: Rate,
  handoffRate: Rate,
  containmentRate: Rate,
  ratings: z.number().int(),
  satisfaction: z.number().nullable(),
  satisfiedShare: Rate,
  botFirstResponseMs: DistributionSchema,
  humanFirstResponseMs: DistributionSchema,
  handlingMs: DistributionSchema,
  queueWaitMs: DistributionSchema,
  intents: z.array(z.object({ intent: z.string(), count: z.number().int() })),
  handoffReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  servicers: z.array(ServicerMetricsSchema),
});
export type Distribution = z.infer<typeof DistributionSchema>;
export type ServicerMetrics = z.infer<typeof ServicerMetricsSchema>;
export type Metrics = z.infer<typeof MetricsSchema>;

export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { count: 0, median: null, p90: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
  return {
    count: sorted.length,
    median: at(0.5),
    p90: at(0.9),
    mean: Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

/** Folds events (any order; they are sorted by time per conversation) into metrics. */
export function computeMetrics(events: AnalyticsEvent[]): Metrics {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const states = new Map<string, ConversationState>();
  const reachedHuman = new Set<string>();
  const tally = Tally.exact();
  for (const e of sorted) {
    let c = states.get(e.conversation);
    if (!c) states.set(e.conversation, (c = newConversationState()));
    conversationStep(c, e, (f) => {
      if (f.kind === 'human') reachedHuman.add(e.conversation);
      tally.addFact(f);
    });
  }
  tally.conversations = states.size;
  tally.reachedHuman = reachedHuman.size;
  return tally.toMetrics();
}

/** Metrics per release variant, for deciding whether to promote a candidate. */
export function compareVariants(events: AnalyticsEvent[]): Record<string, Metrics> {
  const groups = new Map<string, AnalyticsEvent[]>();
  for (const e of events) {
    const key = e.variant ?? 'stable';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(e);
  }
  return Object.fromEntries([...groups.entries()].map(([variant, list]) => [variant, computeMetrics(list)]));
}

/**
 * A `shadow` timeline event (the candidate's silent decision of one customer turn, data.candidate
 * = {answered, fallback, intent, handoff}) as the rows the candidate would have written: one
 * customer turn (so conversations count), its intent, and its answer, fallback or handoff. Copied
 * to D1 under variant `shadow`, they give the release comparison the candidate's figures; they
 * were never sent, so the service figures leave that variant out.
 */
export function shadowRows(data: Record<string, unknown>): Array<{ type: string; intent: string | null; data: Record<string, unknown> }> {
  const c = data['candidate'];
  if (typeof c !== 'object' || c === null) return [];
  const side = c as Record<string, unknown>;
  const intent = typeof side['intent'] === 'string' ? side['intent'] : null;
  const handoff = typeof side['handoff'] === 'string' ? side['handoff'] : null;
  const rows: Array<{ type: string; intent: string | null; data: Record<string, unknown> }> = [{ type: 'message_in', intent: null, data: { shadow: true } }];
  if (intent !== null) rows.push({ type: 'intent', intent, data: { intent } });
  if (handoff !== null) rows.push({ type: 'handoff', intent, data: { reason: handoff } });
  else if (side['answered'] === true) rows.push({ type: 'answer', intent, data: {} });
  else if (side['fallback'] === true) rows.push({ type: 'fallback', intent, data: {} });
  return rows;
}

/** A timeline event as the row copied to D1 for analytics. */
export interface ConversationEventRow {
  /** Stable per timeline event (for example `<open_kfid>:<external_userid>:<seq>`): re-appending is a no-op. */
  id: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  type: string;
  config_version?: number | null;
  variant?: string | null;
  servicer?: string | null;
  intent?: string | null;
  /** The rest of the timeline event. */
  data?: Record<string, unknown> | null;
}

/**
 * One timeline event of a conversation as the rows copied to D1 (analytics, the dashboard). The
 * id is stable, so copying again is a no-op. A `shadow` event also brings the candidate's silent
 * decision, as the rows it would have written (variant shadow, its version: shadowRows).
 */
export function analyticsRows(
  conversation: { open_kfid: string; external_userid: string },
  event: { seq: number; at: number; type: string; data: Record<string, unknown> },
): ConversationEventRow[] {
  const { open_kfid, external_userid } = conversation;
  const { data } = event;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const row = {
    // Padded so that events of the same millisecond sort by id in timeline order (…:9 before …:10).
    id: `${open_kfid}:${external_userid}:${String(event.seq).padStart(10, '0')}`,
    at: event.at,
    open_kfid,
    external_userid,
    type: event.type,
    config_version: typeof data['config_version'] === 'number' ? data['config_version'] : null,
    variant: str(data['variant']),
    servicer: str(data['servicer']),
    intent: str(data['intent']),
    data,
  };
  if (event.type !== 'shadow') return [row];
  const candidate = { ...row, config_version: typeof data['candidate_version'] === 'number' ? data['candidate_version'] : null };
  return [candidate, ...shadowRows(data).map((x, i) => ({ ...candidate, id: `${row.id}:shadow:${i}`, type: x.type, intent: x.intent, data: x.data }))];
}
