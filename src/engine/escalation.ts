import type { Config, Link } from '../rules/config';
import type { OpenState } from '../rules/hours';
import { plan, type Reply } from './budget';
import type { ConversationSnapshot, DecisionEvent, Handoff } from './decide';
import { handoffNotice } from './handoff';
import { botMaySend } from './state-machine';

/**
 * The fallback ladder's last step: an unresolved conversation whose escalation alarm fired goes
 * to a person, with the same notice a handoff carries.
 */

export interface EscalationDecision {
  replies: Reply[];
  handoff?: Handoff;
  armEscalationAt: 'disarm';
  misses: number;
  events: DecisionEvent[];
}

/**
 * The fallback alarm fired: still unresolved (armed, due, the bot still holds the conversation)
 * → hand over with reason "escalation". Null when nothing is due (an early alarm: keep it armed).
 */
export function decideEscalation(input: {
  snapshot: ConversationSnapshot;
  config: Config;
  now: number;
  hours: OpenState;
  link?: Link | undefined;
}): EscalationDecision | null {
  const { snapshot, now } = input;
  if (snapshot.escalationDueAt === undefined || snapshot.escalationDueAt > now) return null;
  if (!botMaySend(snapshot.state)) {
    // A human has it already, or the session ended: nothing left to escalate.
    return { replies: [], armEscalationAt: 'disarm', misses: snapshot.misses, events: [{ type: 'escalation', action: 'cancelled' }] };
  }
  const notice = handoffNotice(input, snapshot.language);
  const { send } = plan(snapshot.budget, [notice], { state: snapshot.state, now, reserveForHandoff: false });
  const intent = snapshot.lastIntent;
  return {
    replies: send,
    handoff: { reason: 'escalation', intent },
    armEscalationAt: 'disarm',
    misses: 0,
    events: [
      { type: 'escalation', action: 'fired' },
      { type: 'handoff', reason: 'escalation', ...(intent !== undefined ? { intent } : {}) },
      ...(send.length === 0 ? [{ type: 'budget' as const, merged: 0, unsent: 1 }] : []),
    ],
  };
}
