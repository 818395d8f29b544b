import type { Json } from '../../../runtime/rpc';
import type { Memory, TurnSettings } from '../memory';
import type { Session } from '../session';
import type { Facts } from './facts';
import type { Guarded } from './guard';
import type { Routed } from './route';
import type { Screened } from './screen';
import type { Tagged } from './writes';
import { sourceOf, stamped, type EventDraft, type OutboundAction, type TurnInput } from './types';
import { toMessage } from '../../../wecom/messages';

const DAY_MS = 24 * 3600_000;

/** Everything a turn changes in the object, written in one transaction. */
export interface TurnOutcome {
  session: Session;
  memory: Memory;
  settings: TurnSettings;
  /** The timeline events, in the order they happened. */
  events: EventDraft[];
  /** The outbox items: the replies first, in order, then the event-code messages and the transfer. */
  actions: OutboundAction[];
  /** Inbound items up to this seq are processed; undefined when only an escalation ran. */
  processedThrough: number | undefined;
  /** Sent messages WeCom reported it dropped. */
  dropped: Facts['dropped'];
}

export interface PhaseResults {
  facts: Facts;
  screened: Screened;
  shadow: EventDraft | null;
  breaker: EventDraft[];
  tagged: Tagged;
  guarded: Guarded;
  routed: Routed;
}

/** The one commit of a turn: what every phase returned, put together (message_in was recorded at ingest). */
export function composeOutcome(input: TurnInput, r: PhaseResults): TurnOutcome {
  const { now, config } = input;
  const decisionEvents = r.routed.decisionEvents.filter((e) => e.type !== 'message_in').map(({ type, ...data }) => stamped(input, now, type, data as Record<string, Json>));
  const source = sourceOf(r.facts.burst, now);
  const replies: OutboundAction[] = r.routed.replies.map((reply, index) => ({ kind: 'send_msg', purpose: 'reply', message: toMessage(reply), source, index, meta: input.stamp }));
  const keepDays = config.retention?.conversation_days;
  return {
    session: r.routed.session,
    memory: r.routed.memory,
    settings: {
      config_version: input.runtime.version,
      variant: input.runtime.variant,
      merge_window_ms: config.bot.merge_window_ms,
      adaptive_merge: config.bot.adaptive_merge,
      max_delivery_age_ms: config.bot.max_delivery_age_seconds * 1000,
      retention_ms: keepDays === undefined ? null : keepDays * DAY_MS,
    },
    events: [...r.facts.events, ...r.screened.events, ...(r.shadow ? [r.shadow] : []), ...r.breaker, ...r.tagged.events, ...r.guarded.events, ...decisionEvents, ...r.routed.events],
    actions: [...replies, ...r.facts.actions, ...r.routed.actions],
    processedThrough: input.lastSeq,
    dropped: r.facts.dropped,
  };
}
