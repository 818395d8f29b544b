import { openState } from '../../../rules/hours';
import { botDecision } from './bot';
import { snapshotOf, type Decided } from './decide';
import type { Screened } from './screen';
import { errorText, type EventDraft, type TurnDecision, type TurnInput, type TurnPorts } from './types';

/** The part of a decision the shadow comparison keeps. */
export function shadowSummary(d: TurnDecision) {
  return {
    answered: d.answered ?? false,
    fallback: d.events.some((e) => e.type === 'fallback'),
    intent: d.intent ?? null,
    handoff: d.handoff?.reason ?? null,
    replies: d.replies.map((r) => ('text' in r ? r.text : (r.menu.head_content ?? ''))),
  };
}

/**
 * Phase 4, at the shadow stage of a release: the candidate decides the same burst silently, from
 * the session and memory the turn started with; only the difference is kept. Its failures are its
 * own: they never reach the customer or the breaker.
 */
export async function shadowDecide(input: TurnInput, screened: Screened, decided: Decided, ports: TurnPorts): Promise<EventDraft | null> {
  const shadow = input.runtime.shadow;
  if (!shadow || screened.clean.length === 0 || decided.forced !== undefined) return null;
  const { now } = input;
  const shadowLink = shadow.compiled.config.links.find((l) => l.open_kfid === input.identity.open_kfid);
  const a = shadowSummary(decided.decision);
  const decideInput = { snapshot: snapshotOf(input.session.state, input.memory), config: shadow.compiled.config, engines: shadow.compiled.engines, messages: screened.clean, now, hours: openState(shadowLink, now), link: shadowLink };
  const b = await botDecision(ports.bot, decideInput, [], shadow.version)
    .then(shadowSummary)
    .catch((e: unknown) => ({ answered: false, fallback: false, intent: null, handoff: 'bot_error' as const, replies: [], error: errorText(e) }));
  return {
    at: now,
    type: 'shadow',
    data: { stable_version: input.runtime.version, candidate_version: shadow.version, variant: 'shadow', same: JSON.stringify(a) === JSON.stringify(b), stable: a, candidate: b, answered: b.answered, fallback: b.fallback, handoff: b.handoff },
  };
}
