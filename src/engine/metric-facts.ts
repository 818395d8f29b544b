import { z } from 'zod';

/**
 * One conversation's timeline, event by event, as the facts the service figures add up
 * (definitions in metrics.ts). Both folds go through this one step: computeMetrics over raw
 * events in memory, and the hourly roll-ups, which keep the conversation's state in D1 between
 * exports (so the state is a JSON-safe zod shape).
 */

/** The event types the figures fold; the rest of a timeline (context, budget, …) is not read. */
export const METRIC_EVENT_TYPES = ['message_in', 'message_out', 'answer', 'clarify', 'smalltalk', 'intent', 'fallback', 'handoff', 'queued', 'assigned', 'closed', 'rating'] as const;

export interface FactEvent {
  at: number;
  type: string;
  servicer?: string | null;
  intent?: string | null;
  data?: Record<string, unknown> | null;
}

const HandlingSchema = z.object({
  servicer: z.string().nullable(),
  handoffAt: z.number(),
  assignedAt: z.number().nullable(),
  firstResponseAt: z.number().nullable(),
});

export const ConversationStateSchema = z.object({
  pendingCustomerAt: z.number().nullable(),
  /** The entries the last clarification offered, until the customer's next answered turn. */
  offered: z.array(z.unknown()).nullable(),
  handling: HandlingSchema.nullable(),
  /** When the customer entered the queue (a `queued` event), until a servicer is assigned or the conversation closes. */
  // States stored before queue wait was measured have no field: they wait for nothing.
  queuedAt: z.number().nullable().default(null),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export const newConversationState = (): ConversationState => ({ pendingCustomerAt: null, offered: null, handling: null, queuedAt: null });

/** Counters that add one per event that bears them. */
export const COUNTERS = ['customer_messages', 'bot_messages', 'servicer_messages', 'answered', 'fallbacks', 'handoffs', 'clarifications', 'clarifications_resolved', 'small_talk'] as const;
export type Counter = (typeof COUNTERS)[number];
export const MEASURES = ['bot_first', 'human_first', 'handling', 'queue_wait'] as const;
export type Measure = (typeof MEASURES)[number];
/** The measures of a servicer's work, also kept per servicer; the bot's and the queue's are everyone's only. */
export const isServicerMeasure = (m: Measure): m is 'human_first' | 'handling' => m === 'human_first' || m === 'handling';

export type Fact =
  | { kind: 'count'; counter: Counter }
  | { kind: 'intent'; intent: string }
  | { kind: 'handoff_reason'; reason: string }
  /** The conversation reached a human (a handoff or an assignment). */
  | { kind: 'human' }
  /** A servicer took on a handling. */
  | { kind: 'handled'; servicer: string }
  | { kind: 'rating'; score: number; servicer: string | null }
  | { kind: 'duration'; measure: Measure; ms: number; servicer: string | null };

/** Applies one event (in time order) to the conversation's state and reports its facts. */
export function conversationStep(c: ConversationState, e: FactEvent, emit: (f: Fact) => void): void {
  const count = (counter: Counter) => emit({ kind: 'count', counter });
  const endHandling = (at: number) => {
    const h = c.handling;
    if (h?.servicer && h.assignedAt !== null) emit({ kind: 'duration', measure: 'handling', ms: at - h.assignedAt, servicer: h.servicer });
    c.handling = null;
  };
  switch (e.type) {
    case 'message_in':
      count('customer_messages');
      c.pendingCustomerAt ??= e.at;
      break;
    case 'message_out': {
      const byServicer = e.data?.['by'] === 'servicer' || (e.servicer != null && e.data?.['by'] !== 'bot');
      count(byServicer ? 'servicer_messages' : 'bot_messages');
      if (byServicer) {
        const h = c.handling;
        if (h && h.firstResponseAt === null) {
          h.firstResponseAt = e.at;
          emit({ kind: 'duration', measure: 'human_first', ms: e.at - h.handoffAt, servicer: h.servicer ?? e.servicer ?? null });
        }
      } else if (c.pendingCustomerAt !== null) {
        emit({ kind: 'duration', measure: 'bot_first', ms: e.at - c.pendingCustomerAt, servicer: null });
      }
      c.pendingCustomerAt = null;
      break;
    }
    case 'answer': {
      count('answered');
      const answers = Array.isArray(e.data?.['answers']) ? (e.data['answers'] as { source?: unknown; id?: unknown }[]) : [];
      const offered = c.offered;
      if (offered && answers.some((a) => a.source === 'menu' && offered.includes(a.id))) count('clarifications_resolved');
      c.offered = null;
      break;
    }
    case 'clarify':
      count('clarifications');
      c.offered = Array.isArray(e.data?.['choices']) ? (e.data['choices'] as unknown[]) : [];
      break;
    case 'smalltalk':
      count('small_talk');
      break;
    case 'intent':
      if (e.intent) emit({ kind: 'intent', intent: e.intent });
      break;
    case 'fallback':
      count('fallbacks');
      break;
    case 'handoff':
      count('handoffs');
      emit({ kind: 'handoff_reason', reason: String(e.data?.['reason'] ?? 'unknown') });
      if (c.handling) endHandling(e.at);
      emit({ kind: 'human' });
      c.handling = { servicer: e.servicer ?? null, handoffAt: e.at, assignedAt: e.servicer ? e.at : null, firstResponseAt: null };
      if (e.servicer) emit({ kind: 'handled', servicer: e.servicer });
      break;
    case 'queued':
      // A second `queued` while waiting (routed again) keeps the first: the customer waits since then.
      c.queuedAt ??= e.at;
      break;
    case 'assigned':
      emit({ kind: 'human' });
      if (c.queuedAt !== null) emit({ kind: 'duration', measure: 'queue_wait', ms: e.at - c.queuedAt, servicer: null });
      c.queuedAt = null;
      c.handling ??= { servicer: null, handoffAt: e.at, assignedAt: null, firstResponseAt: null };
      if (e.servicer && c.handling.servicer !== e.servicer) {
        c.handling.servicer = e.servicer;
        c.handling.assignedAt = e.at;
        emit({ kind: 'handled', servicer: e.servicer });
      }
      break;
    case 'closed':
      endHandling(e.at);
      // Left (or expired) while waiting: an abandoned wait, not a queue wait (it ended without a servicer).
      c.queuedAt = null;
      break;
    case 'rating': {
      const score = Number(e.data?.['score']);
      if (Number.isFinite(score) && score >= 1 && score <= 5) emit({ kind: 'rating', score, servicer: e.servicer ?? null });
      break;
    }
  }
}
