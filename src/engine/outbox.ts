import { createHash } from 'node:crypto';
import { z } from 'zod';
import { backoffMs, type BackoffPolicy } from '../runtime/backoff';

/**
 * Pure delivery logic of the outbox: deterministic message ids, retry policies, what a failure
 * means, what is due, when to wake up. The Conversation's outbox (objects/conversation/outbox.ts)
 * does the I/O around it.
 */

// ── message ids ────────────────────────────────────────────────────────────────

/** WeCom's rule for a custom kf/send_msg msgid: unique per kf account, at most 32 bytes of [0-9A-Za-z_-]. */
export const MSGID_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;

/**
 * The msgid of the `index`-th reply caused by `sourceId` (an inbound msgid, an event) in one
 * conversation. Deterministic, so a retried or re-decided reply carries the same id and WeCom
 * refuses the second copy instead of showing it: the retry can never become a duplicate message.
 * 192 bits of SHA-256 in base64url: 32 characters, collision-free in practice.
 */
export function outboundMsgid(conversationKey: string, sourceId: string, index: number): string {
  return createHash('sha256').update(`${conversationKey}\n${sourceId}\n${index}`).digest('base64url').slice(0, 32);
}

// ── backoff policies ───────────────────────────────────────────────────────────

/** Replies: a WeCom hiccup usually lasts seconds; past 5 minutes between tries nothing is gained. */
export const REPLY_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };
/** The welcome code lives 20 s: tries must be close together to fit several in. */
export const WELCOME_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 4_000 };

// ── what a failure means ───────────────────────────────────────────────────────

/**
 * WeCom's refusal of a msgid it has already accepted. Our msgids are deterministic, so this
 * means an earlier try did reach WeCom (its answer was lost to a timeout): the message was sent.
 * No public source names WeCom's code for it; 95003 is the one our simulator chose
 * (src/simulator/errcodes.ts `duplicateMsgid`). Add the real one here when it is known.
 */
export const DUPLICATE_MSGID_ERRCODES: ReadonlySet<number> = new Set([95003]);

export interface DeliveryError {
  errcode: number;
  errmsg: string;
  transient: boolean;
}

export type FailureVerdict =
  | { type: 'delivered' }
  | { type: 'retry'; dueAt: number }
  | { type: 'refused'; reason: 'refused' | 'expired' };

/**
 * What to do after try number `attempts` (≥ 1) of an item failed at `now`. Transient failures
 * are retried until the item's deadline (a welcome code's 20 s, the 48-hour send window), after
 * which the platform would refuse it anyway; definitive refusals are final at once.
 */
export function judgeFailure(
  err: DeliveryError,
  item: { attempts: number; expiresAt: number | null; policy: BackoffPolicy },
  now: number,
  random: () => number = Math.random,
): FailureVerdict {
  if (DUPLICATE_MSGID_ERRCODES.has(err.errcode)) return { type: 'delivered' };
  if (!err.transient) return { type: 'refused', reason: 'refused' };
  const dueAt = now + backoffMs(item.attempts, item.policy, random);
  if (item.expiresAt !== null && dueAt >= item.expiresAt) return { type: 'refused', reason: 'expired' };
  return { type: 'retry', dueAt };
}

// ── what is due ────────────────────────────────────────────────────────────────

/** service_state_trans: a handoff's transfer, queued behind the notice that announces it. */
export const OutboxKindSchema = z.enum(['send_msg', 'send_msg_on_event', 'service_state_trans']);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

/** Items that keep their order: messages the customer reads, and the transfer that follows them. */
export const inQueue = (kind: OutboxKind): boolean => kind !== 'send_msg_on_event';

export interface PendingItem {
  msgid: string;
  /** Creation order: the order the customer must read the messages in. */
  seq: number;
  kind: OutboxKind;
  dueAt: number;
}

/**
 * The items to try now, in order. kf/send_msg messages are a queue: a reply waiting for its
 * retry holds back the replies created after it, or the customer would read them out of order.
 * send_msg_on_event messages use their own single-use code and never wait behind the queue
 * (a welcome held back past its 20 s would be lost).
 */
export function dueItems<T extends PendingItem>(pending: readonly T[], cutoff: number): T[] {
  const due: T[] = [];
  let queueBlocked = false;
  for (const item of [...pending].sort((a, b) => a.seq - b.seq)) {
    if (inQueue(item.kind)) {
      if (queueBlocked) continue;
      if (item.dueAt > cutoff) {
        queueBlocked = true;
        continue;
      }
    } else if (item.dueAt > cutoff) continue;
    due.push(item);
  }
  return due;
}

/**
 * When the next pending item becomes due, or null when none is pending. Only the head of the
 * send_msg queue counts: an item behind it cannot go first, and waking for it would spin.
 */
export function nextDueAt(pending: readonly PendingItem[]): number | null {
  let next: number | null = null;
  let queueHeadSeen = false;
  for (const item of [...pending].sort((a, b) => a.seq - b.seq)) {
    if (inQueue(item.kind)) {
      if (queueHeadSeen) continue;
      queueHeadSeen = true;
    }
    next = next === null ? item.dueAt : Math.min(next, item.dueAt);
  }
  return next;
}
