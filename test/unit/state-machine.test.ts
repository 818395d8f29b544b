import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_STATES,
  TRIGGERS,
  botMaySend,
  fromServiceState,
  toServiceState,
  transition,
  triggerForSessionChange,
  type ConversationState,
  type Trigger,
} from '../../src/engine/state-machine';

// The expected matrix, written out by hand from https://developer.work.weixin.qq.com/document/path/94669 (not derived from the table under test).
// '-' marks a refusal.
const EXPECTED: Record<Trigger, Record<ConversationState, ConversationState | '-'>> = {
  customer_message: { new: 'new', bot: 'bot', queued: 'queued', human: 'human', closed: 'new' },
  bot_reply: { new: 'bot', bot: 'bot', queued: '-', human: '-', closed: '-' },
  handoff_pool: { new: 'queued', bot: 'queued', queued: '-', human: '-', closed: '-' },
  handoff_servicer: { new: 'human', bot: 'human', queued: 'human', human: '-', closed: '-' },
  taken_from_pool: { new: '-', bot: '-', queued: 'human', human: '-', closed: '-' },
  transferred: { new: '-', bot: '-', queued: '-', human: 'human', closed: '-' },
  ended: { new: '-', bot: '-', queued: '-', human: 'closed', closed: '-' },
  re_entered: { new: '-', bot: '-', queued: '-', human: 'human', closed: 'human' },
  expired: { new: 'closed', bot: 'closed', queued: 'closed', human: 'closed', closed: '-' },
};

describe('transition', () => {
  for (const trigger of TRIGGERS) {
    for (const state of CONVERSATION_STATES) {
      const expected = EXPECTED[trigger][state];
      it(`${state} --${trigger}--> ${expected === '-' ? 'refused' : expected}`, () => {
        const result = transition(state, trigger);
        if (expected === '-') {
          expect(result).toMatchObject({ ok: false, state, trigger });
          if (!result.ok) expect(result.reason).toContain(`not allowed in state ${state}`);
        } else {
          expect(result).toEqual({ ok: true, state: expected, changed: expected !== state });
        }
      });
    }
  }

  it('plays a whole session: message, bot answer, handoff to the pool, taken, ended, message again', () => {
    const steps: Trigger[] = ['customer_message', 'bot_reply', 'handoff_pool', 'taken_from_pool', 'transferred', 'ended', 'customer_message'];
    let state: ConversationState = 'closed';
    const seen: ConversationState[] = [];
    for (const t of steps) {
      const r = transition(state, t);
      if (!r.ok) throw new Error(r.reason);
      state = r.state;
      seen.push(state);
    }
    expect(seen).toEqual(['new', 'bot', 'queued', 'human', 'human', 'closed', 'new']);
  });
});

describe('service_state mapping', () => {
  it('maps both ways for 0-4', () => {
    expect(CONVERSATION_STATES.map(toServiceState)).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map(fromServiceState)).toEqual(['new', 'bot', 'queued', 'human', 'closed']);
  });
  it('refuses anything else with a clear error', () => {
    for (const bad of [-1, 5, 1.5, Number.NaN]) expect(() => fromServiceState(bad)).toThrow(/service_state must be 0-4/);
  });
});

describe('session_status_change', () => {
  it('maps change_type 1-4 to triggers', () => {
    expect([1, 2, 3, 4].map(triggerForSessionChange)).toEqual(['taken_from_pool', 'transferred', 'ended', 're_entered']);
  });
  it('refuses unknown change types', () => {
    expect(() => triggerForSessionChange(0)).toThrow(/change_type must be 1-4/);
  });
});

it('lets the bot send only in service states 0 and 1', () => {
  expect(CONVERSATION_STATES.filter(botMaySend)).toEqual(['new', 'bot']);
});
