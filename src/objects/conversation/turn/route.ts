import type { Reply } from '../../../engine/budget';
import type { DecisionEvent } from '../../../engine/decide';
import { systemText } from '../../../engine/templates';
import { nextOpening } from '../../../rules/hours';
import { candidatesFor, matchRoute } from '../../../rules/routing';
import type { Memory } from '../memory';
import { reduceSession, type Session } from '../session';
import type { Decided } from './decide';
import type { Facts } from './facts';
import type { Guarded } from './guard';
import type { Tagged } from './writes';
import { botHolds, sourceOf, stamped, type EventDraft, type OutboundAction, type TurnInput, type TurnPorts } from './types';

/** Phase 8: where a handoff goes. */
export interface Routed {
  session: Session;
  memory: Memory;
  /** The replies, the last one carrying the place in the queue. */
  replies: Reply[];
  /** The decision's events, the handoff carrying the routing outcome (metrics attribute the handling to it). */
  decisionEvents: DecisionEvent[];
  /** The routing outcome (assigned, queued), recorded after the decision that asked for it. */
  events: EventDraft[];
  /** The transfer, queued after the notice. */
  actions: OutboundAction[];
}

/** A handoff: route, ask Reception, then the notice (already the last reply) and the transfer. */
export async function routeHandoff(input: TurnInput, facts: Facts, decided: Decided, tagged: Tagged, guarded: Guarded, reception: TurnPorts['reception']): Promise<Routed> {
  const { config, link, hours, now, stamp } = input;
  const memory = { ...decided.memory };
  const unrouted: Routed = { session: facts.session, memory, replies: guarded.replies, decisionEvents: decided.decision.events, events: [], actions: [] };
  const handoff = guarded.handoff;
  if (!handoff || !botHolds(facts.session.state)) return unrouted;
  const source = sourceOf(facts.burst, now);
  const route = matchRoute(config.routing, { tags: [...tagged.tags], intent: handoff.intent ?? memory.lastIntent ?? null, channel: memory.channel ?? null });
  const candidates = candidatesFor(config.groups, route.group);
  const maxConcurrent = link?.max_concurrent_per_servicer ?? 5;
  const reopenAt = hours.isOpen ? null : link ? nextOpening(link, now) : null;
  const result = candidates.length
    ? await reception.assign({ conversation: input.identity.key, candidates, strategy: route.strategy, maxConcurrent, lastServicer: memory.lastServicer ?? null, group: route.group ?? null, open: hours.isOpen, reopenAt })
    : ({ kind: 'queued', position: null, waitMinutes: null } as const);
  const group = route.group ?? null;
  const session = reduceSession(facts.session, { kind: 'routed', group }).session;
  const replies = [...guarded.replies];
  let routedEvent: EventDraft;
  let transfer: OutboundAction;
  if (result.kind === 'assigned') {
    memory.handling = { since: now, servicer: result.servicer };
    routedEvent = stamped(input, now, 'assigned', { servicer: result.servicer, group, from: 'routing' });
    transfer = { kind: 'service_state_trans', purpose: 'transfer', service_state: 3, servicer: result.servicer, source, meta: { ...stamp, service_state: 3, servicer: result.servicer, group } };
  } else {
    if (result.position !== null && hours.isOpen) {
      const prompt = systemText(config, 'queue_prompt', { locale: memory.language, link, vars: { position: result.position, wait_minutes: result.waitMinutes ?? '—' } });
      const last = replies.at(-1);
      // One message for notice and place in the queue: the send budget keeps one slot for it.
      if (last && 'text' in last) replies[replies.length - 1] = { text: `${last.text}\n${prompt}` };
      else replies.push({ text: prompt });
    }
    routedEvent = stamped(input, now, 'queued', { group, position: result.position, wait_minutes: result.waitMinutes, open: hours.isOpen });
    transfer = { kind: 'service_state_trans', purpose: 'transfer', service_state: 2, servicer: null, source, meta: { ...stamp, service_state: 2, servicer: null, group } };
  }
  const decisionEvents = [...decided.decision.events];
  const at = decisionEvents.findIndex((e) => e.type === 'handoff');
  if (at >= 0) {
    const e = decisionEvents[at] as Extract<DecisionEvent, { type: 'handoff' }>;
    decisionEvents[at] = { ...e, group, ...(result.kind === 'assigned' ? { servicer: result.servicer } : {}) } as DecisionEvent;
  } else {
    decisionEvents.push({ type: 'handoff', reason: handoff.reason, ...(handoff.intent ? { intent: handoff.intent } : {}) });
  }
  return { session, memory, replies, decisionEvents, events: [routedEvent], actions: [transfer] };
}
