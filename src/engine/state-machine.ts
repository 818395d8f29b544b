import { z } from 'zod';

/**
 * The conversation state machine. Our five states mirror WeCom's `service_state` 0-4 one to one,
 * so the platform's own rules can be read off the table below (https://developer.work.weixin.qq.com/document/path/94669):
 * the bot may send only in 0/1, a queued or human session is the servicers' (sending there is
 * errcode 95018), and an ended session can only be reopened by the customer (→ 0)
 * or by a servicer writing from the WeCom client (→ 3, session_status_change change_type 4).
 */

export const CONVERSATION_STATES = ['new', 'bot', 'queued', 'human', 'closed'] as const;
export const ConversationStateSchema = z.enum(CONVERSATION_STATES);
export type ConversationState = z.infer<typeof ConversationStateSchema>;
export type ServiceState = 0 | 1 | 2 | 3 | 4;

export const TRIGGERS = [
  'customer_message',
  'bot_reply',
  'handoff_pool',
  'handoff_servicer',
  'taken_from_pool',
  'transferred',
  'ended',
  're_entered',
  'expired',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

const SERVICE_STATE: Record<ConversationState, ServiceState> = { new: 0, bot: 1, queued: 2, human: 3, closed: 4 };

export function toServiceState(state: ConversationState): ServiceState {
  return SERVICE_STATE[state];
}

export function fromServiceState(serviceState: number): ConversationState {
  const state = Number.isInteger(serviceState) ? CONVERSATION_STATES[serviceState] : undefined;
  if (state === undefined) throw new RangeError(`service_state must be 0-4, got ${serviceState}`);
  return state;
}

/**
 * Every allowed move, by trigger. A state missing under a trigger is a refusal.
 * - customer_message: a customer message never changes who handles the session, except that it
 *   reopens an ended one as "new" (the platform makes it state 0).
 * - bot_reply: a bot answer in state 0 makes the session the bot's (state 1); refused in 2/3/4.
 * - handoff_pool / handoff_servicer: service_state/trans to 2 / 3. The platform allows 0/1 → 2|3,
 *   and 2 → 3 is how our queue drains when a servicer frees up.
 * - taken_from_pool: session_status_change change_type 1 (a servicer took it from the pool).
 * - transferred: change_type 2 (one servicer hands it to another).
 * - ended: change_type 3, or our own trans to 4; only a human's session can be ended (the API
 *   refuses 0/1/2 → 4: those sessions end by expiry). A refusal here means our state is stale:
 *   resynchronise with service_state/get and fromServiceState.
 * - re_entered: change_type 4 (a servicer wrote from the WeCom client into an ended session).
 * - expired: the 48-hour session lifetime ran out without a new customer message.
 */
export const TRANSITIONS: Readonly<Record<Trigger, Partial<Record<ConversationState, ConversationState>>>> = {
  customer_message: { new: 'new', bot: 'bot', queued: 'queued', human: 'human', closed: 'new' },
  bot_reply: { new: 'bot', bot: 'bot' },
  handoff_pool: { new: 'queued', bot: 'queued' },
  handoff_servicer: { new: 'human', bot: 'human', queued: 'human' },
  taken_from_pool: { queued: 'human' },
  transferred: { human: 'human' },
  ended: { human: 'closed' },
  re_entered: { closed: 'human', human: 'human' },
  expired: { new: 'closed', bot: 'closed', queued: 'closed', human: 'closed' },
};

export interface TransitionRefusal {
  ok: false;
  state: ConversationState;
  trigger: Trigger;
  reason: string;
}
export type TransitionResult = { ok: true; state: ConversationState; changed: boolean } | TransitionRefusal;

export function transition(state: ConversationState, trigger: Trigger): TransitionResult {
  const next = TRANSITIONS[trigger][state];
  if (next === undefined) {
    const allowed = Object.keys(TRANSITIONS[trigger]).join(', ');
    return { ok: false, state, trigger, reason: `${trigger} is not allowed in state ${state} (only from ${allowed})` };
  }
  return { ok: true, state: next, changed: next !== state };
}

/** The trigger for a `session_status_change` event's change_type (1-4). */
export function triggerForSessionChange(changeType: number): Trigger {
  switch (changeType) {
    case 1:
      return 'taken_from_pool';
    case 2:
      return 'transferred';
    case 3:
      return 'ended';
    case 4:
      return 're_entered';
    default:
      throw new RangeError(`session_status_change change_type must be 1-4, got ${changeType}`);
  }
}

/** send_msg is accepted only in service states 0 and 1. */
export function botMaySend(state: ConversationState): boolean {
  return state === 'new' || state === 'bot';
}

/** The WeCom session lasts 48 hours from the customer's last message. */
export const SESSION_LIFETIME_MS = 48 * 3600 * 1000;
