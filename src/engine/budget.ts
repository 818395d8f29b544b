/**
 * WeCom's send rules as pure logic, so replies are planned before sending instead of discovered
 * as errors afterwards: `kf/send_msg` works only in service states 0/1,
 * and each customer message allows at most 5 messages within the next 48 hours (a newer customer
 * message starts a new window of 5). When there is no room, the caller hands the conversation to
 * a human rather than dropping the answer: a message is never lost.
 */
import type { Reply } from '../wecom/messages';
import { botMaySend, type ConversationState } from './state-machine';

export const SEND_WINDOW_MS = 48 * 3600 * 1000;
export const SENDS_PER_WINDOW = 5;
/** `text.content` of send_msg is at most 2048 bytes (UTF-8). */
export const TEXT_LIMIT_BYTES = 2048;

export interface SendBudget {
  /** send_time (ms) of the customer's latest message; null: the customer never wrote. */
  windowOpenedAt: number | null;
  /** Messages sent since then. */
  used: number;
}
export const NO_WINDOW: SendBudget = { windowOpenedAt: null, used: 0 };

/** What the bot sends is the protocol's (src/wecom/messages.ts); the budget plans it. */
export type { MsgMenu, Reply } from '../wecom/messages';

/** A customer message opens a fresh window; an older message delivered late does not shrink it. */
export function openWindow(budget: SendBudget, customerMessageAt: number): SendBudget {
  if (budget.windowOpenedAt !== null && customerMessageAt <= budget.windowOpenedAt) return budget;
  return { windowOpenedAt: customerMessageAt, used: 0 };
}

/** How many messages the platform would still accept now. */
export function remaining(budget: SendBudget, state: ConversationState, now: number): number {
  if (!botMaySend(state) || budget.windowOpenedAt === null) return 0;
  if (now >= budget.windowOpenedAt + SEND_WINDOW_MS) return 0;
  return Math.max(0, SENDS_PER_WINDOW - budget.used);
}

/** Records one accepted send (call it per message the platform took). */
export function recordSend(budget: SendBudget): SendBudget {
  return { ...budget, used: budget.used + 1 };
}

export interface SendPlan {
  /** What to send now, in order. */
  send: Reply[];
  /** How many wanted messages were merged into others to fit. */
  merged: number;
  /** What could not be sent at all: the caller must hand over to a human. */
  unsent: Reply[];
}

export interface PlanOptions {
  state: ConversationState;
  now: number;
  /** Keep the last slot free for a handoff notice or the survey. */
  reserveForHandoff: boolean;
}

export function plan(budget: SendBudget, wanted: readonly Reply[], options: PlanOptions): SendPlan {
  const room = Math.max(0, remaining(budget, options.state, options.now) - (options.reserveForHandoff ? 1 : 0));
  if (wanted.length <= room) return { send: [...wanted], merged: 0, unsent: [] };
  const packed = mergeTexts(wanted);
  return { send: packed.slice(0, room), merged: wanted.length - packed.length, unsent: packed.slice(room) };
}

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).length;

/** Joins neighbouring texts into one message while it stays within the platform's size limit. */
function mergeTexts(wanted: readonly Reply[]): Reply[] {
  const out: Reply[] = [];
  for (const reply of wanted) {
    const last = out[out.length - 1];
    if (last && 'text' in last && 'text' in reply) {
      const joined = `${last.text}\n\n${reply.text}`;
      if (bytes(joined) <= TEXT_LIMIT_BYTES) {
        out[out.length - 1] = { text: joined };
        continue;
      }
    }
    out.push(reply);
  }
  return out;
}
