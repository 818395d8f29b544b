import { dueItems, inQueue, judgeFailure, nextDueAt, outboundMsgid, REPLY_BACKOFF, WELCOME_BACKOFF, type OutboxKind, type PendingItem } from '../../engine/outbox';
import type { WecomApi } from '../../wecom/api';
import { NO_ERRCODE, STALE_STATE_ERRCODES, WecomApiError } from '../../wecom/errors';
import { outboundText } from '../../wecom/messages';
import type { OutboundMessage } from '../../wecom/types';
import type { SqlStore } from '../../runtime/storage';
import type { Identity } from './memory';
import type { OutboxEntry } from './shapes';
import type { Timeline } from './timeline';

/** The decision's context, travelling with an item: config version, variant, and for a transfer its target. */
export interface OutboxMeta {
  config_version?: number | null;
  variant?: string | null;
  /** For a transfer: the state asked for, and the servicer. */
  service_state?: 2 | 3;
  servicer?: string | null;
  group?: string | null;
}

export interface OutboxItem extends PendingItem {
  purpose: string;
  body: string;
  text: string;
  attempts: number;
  expiresAt: number | null;
  meta: OutboxMeta;
}

/** An item to put in the outbox. `source` + `index` fix its msgid: a replayed turn queues nothing twice. */
export type OutboundAction =
  | { kind: 'send_msg'; purpose: string; message: OutboundMessage; source: string; index: number; meta: OutboxMeta }
  | { kind: 'send_msg_on_event'; purpose: string; code: string; message: OutboundMessage; source: string; deadline: number; meta: OutboxMeta }
  | { kind: 'service_state_trans'; purpose: 'transfer'; service_state: 2 | 3; servicer: string | null; source: string; meta: OutboxMeta };

/** The WeCom calls the outbox makes. */
export type DeliveryClient = Pick<WecomApi, 'sendMsg' | 'sendMsgOnEvent' | 'serviceStateTrans'>;

export interface DeliveryClock {
  /** What counts as reached: deadlines and retry times are compared with this. */
  due(): number;
  /** The wall clock, for the timeline. */
  now(): number;
}

/** What the conversation does about a delivery's consequences for its session. */
export interface DeliveryListener {
  /** Called inside the transaction that marks the item sent (after its message event is recorded). */
  sent(item: OutboxItem, at: number): void;
  /** WeCom refused because of the session's state: the mirror missed a move. */
  staleState(): Promise<void>;
  /** WeCom refused a transfer to a servicer (the pool transfer is queued already): give the slot back. */
  transferRefused(): void;
}

export interface OutboxOptions {
  /** Who the items go to. */
  addressee: () => Identity;
  /** How long a send_msg or transfer is retried before it is given up. */
  maxAgeMs: () => number;
  random?: () => number;
}

/**
 * The conversation's outbox: each item gets a deterministic msgid, goes out in order (a handoff's
 * transfer strictly after its notice), is retried with backoff on transient failures until its
 * deadline, and a definitive refusal is recorded and never retried.
 */
export class Outbox {
  constructor(
    private readonly store: SqlStore,
    private readonly timeline: Timeline,
    private readonly options: OutboxOptions,
  ) {}

  /** Puts an action in the outbox; answers its msgid and whether it is new. */
  enqueue(action: OutboundAction, now: number): { msgid: string; queued: boolean } {
    const { open_kfid, external_userid, key } = this.options.addressee();
    const maxAge = this.options.maxAgeMs();
    const row = (() => {
      switch (action.kind) {
        case 'send_msg_on_event':
          return { msgid: outboundMsgid(key, action.source, 0), body: (msgid: string) => ({ code: action.code, msgid, ...action.message }), text: outboundText(action.message), expiresAt: action.deadline };
        case 'send_msg':
          return { msgid: outboundMsgid(key, action.source, action.index), body: (msgid: string) => ({ touser: external_userid, open_kfid, msgid, ...action.message }), text: outboundText(action.message), expiresAt: now + maxAge };
        case 'service_state_trans':
          return {
            msgid: outboundMsgid(key, `trans:${action.source}`, action.service_state),
            body: () => ({ open_kfid, external_userid, service_state: action.service_state, ...(action.servicer ? { servicer_userid: action.servicer } : {}) }),
            text: action.service_state === 3 ? `→ ${action.servicer}` : '→ pool',
            expiresAt: now + maxAge,
          };
      }
    })();
    // One statement: the next seq is numbered in the insert, and a msgid queued before inserts
    // nothing (RETURNING then answers no row). `WHERE true` keeps SQLite from reading the ON
    // CONFLICT as the SELECT's join clause (https://sqlite.org/lang_upsert.html, parsing ambiguity).
    const inserted = this.store.sql.exec(
      `INSERT INTO outbox (msgid, seq, kind, purpose, body, text, status, due_at, expires_at, created_at, meta)
       SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, 'pending', ?, ?, ?, ? FROM outbox WHERE true
       ON CONFLICT (msgid) DO NOTHING RETURNING seq`,
      row.msgid,
      action.kind,
      action.purpose,
      JSON.stringify(row.body(row.msgid)),
      row.text,
      now,
      row.expiresAt,
      now,
      JSON.stringify(action.meta),
    );
    return { msgid: row.msgid, queued: inserted.toArray().length > 0 };
  }

  /** Every item, in order: sent, pending (with its next try) and given up on (with why). */
  entries(): OutboxEntry[] {
    return this.store.sql
      .exec<OutboxEntry>('SELECT msgid, kind, purpose, text, status, attempts, due_at, expires_at, created_at, last_errcode, last_errmsg FROM outbox ORDER BY seq')
      .toArray();
  }

  pending(): OutboxItem[] {
    return this.store.sql
      .exec<{ msgid: string; seq: number; kind: OutboxKind; purpose: string; body: string; text: string; attempts: number; due_at: number; expires_at: number | null; meta: string }>(
        "SELECT msgid, seq, kind, purpose, body, text, attempts, due_at, expires_at, meta FROM outbox WHERE status = 'pending' ORDER BY seq",
      )
      .toArray()
      .map((r) => ({ msgid: r.msgid, seq: r.seq, kind: r.kind, purpose: r.purpose, body: r.body, text: r.text, attempts: r.attempts, dueAt: r.due_at, expiresAt: r.expires_at, meta: JSON.parse(r.meta) as OutboxMeta }));
  }

  /** When the next pending item is due, or null. */
  nextDueAt(): number | null {
    return nextDueAt(this.pending());
  }

  /** A sent item as the timeline names it, for WeCom's msg_send_fail about it. */
  sentItem(msgid: string): { purpose: string; text: string; attempts: number } | undefined {
    return this.store.sql.exec<{ purpose: string; text: string; attempts: number }>('SELECT purpose, text, attempts FROM outbox WHERE msgid = ?', msgid).toArray()[0];
  }

  /** "Success does not mean delivery": WeCom dropped a message it had accepted. */
  markDropped(msgid: string, failType: number | null): void {
    this.store.sql.exec("UPDATE outbox SET status = 'failed', last_errcode = ? WHERE msgid = ? AND status = 'sent'", failType, msgid);
  }

  /** Sends what is due, in order; a queued item waiting for its retry holds back those after it. */
  async deliver(client: DeliveryClient, clock: DeliveryClock, listener: DeliveryListener): Promise<void> {
    let queueBlocked = false;
    for (const item of dueItems(this.pending(), clock.due())) {
      if (inQueue(item.kind) && queueBlocked) continue;
      const done = await this.attempt(client, item, clock, listener);
      if (!done && inQueue(item.kind)) queueBlocked = true;
    }
  }

  /** One try of one item; answers whether the item is finished (sent or given up). */
  private async attempt(client: DeliveryClient, item: OutboxItem, clock: DeliveryClock, listener: DeliveryListener): Promise<boolean> {
    if (item.expiresAt !== null && clock.due() >= item.expiresAt) {
      this.giveUp(item, item.attempts, { errcode: NO_ERRCODE, errmsg: 'its deadline passed before it could be sent' }, 'expired', clock, listener);
      return true;
    }
    const attempts = item.attempts + 1;
    const body: unknown = JSON.parse(item.body);
    try {
      if (item.kind === 'send_msg') await client.sendMsg(body as Parameters<WecomApi['sendMsg']>[0]);
      else if (item.kind === 'send_msg_on_event') await client.sendMsgOnEvent(body as Parameters<WecomApi['sendMsgOnEvent']>[0]);
      else await client.serviceStateTrans(body as unknown as Parameters<WecomApi['serviceStateTrans']>[0]);
      this.delivered(item, attempts, clock, listener);
      return true;
    } catch (e) {
      // Not a WeCom answer (the token cache unreachable, a bug): nothing says the message is refused, so retry.
      const err = e instanceof WecomApiError ? e : new WecomApiError(NO_ERRCODE, e instanceof Error ? e.message : String(e), item.kind, true, 'network');
      const policy = item.kind === 'send_msg_on_event' ? WELCOME_BACKOFF : REPLY_BACKOFF;
      const verdict = judgeFailure(err, { attempts, expiresAt: item.expiresAt, policy }, clock.due(), this.options.random);
      if (verdict.type === 'delivered') {
        this.delivered(item, attempts, clock, listener);
        return true;
      }
      if (verdict.type === 'refused') {
        this.giveUp(item, attempts, err, verdict.reason, clock, listener);
        if (STALE_STATE_ERRCODES.has(err.errcode)) await listener.staleState();
        return true;
      }
      this.store.sql.exec('UPDATE outbox SET attempts = ?, due_at = ?, last_errcode = ?, last_errmsg = ? WHERE msgid = ?', attempts, verdict.dueAt, err.errcode, err.errmsg, item.msgid);
      this.timeline.record(clock.now(), 'delivery_retry', { msgid: item.msgid, purpose: item.purpose, attempts, errcode: err.errcode, errmsg: err.errmsg, retry_at: verdict.dueAt });
      return false;
    }
  }

  private delivered(item: OutboxItem, attempts: number, clock: DeliveryClock, listener: DeliveryListener): void {
    this.store.transactionSync(() => {
      this.store.sql.exec("UPDATE outbox SET status = 'sent', attempts = ? WHERE msgid = ?", attempts, item.msgid);
      const at = clock.now();
      const stamp = { config_version: item.meta.config_version ?? null, variant: item.meta.variant ?? null };
      if (item.purpose === 'welcome' || item.purpose === 'survey') this.timeline.record(at, item.purpose, { msgid: item.msgid, text: item.text, servicer: item.meta.servicer ?? null, ...stamp });
      else if (item.kind !== 'service_state_trans') this.timeline.record(at, 'message_out', { msgid: item.msgid, text: item.text, by: 'bot', purpose: item.purpose, ...stamp });
      listener.sent(item, at);
    });
  }

  private giveUp(item: OutboxItem, attempts: number, err: { errcode: number; errmsg: string }, reason: 'refused' | 'expired', clock: DeliveryClock, listener: DeliveryListener): void {
    this.store.transactionSync(() => {
      this.store.sql.exec("UPDATE outbox SET status = 'failed', attempts = ?, last_errcode = ?, last_errmsg = ? WHERE msgid = ?", attempts, err.errcode, err.errmsg, item.msgid);
      this.timeline.record(clock.now(), 'delivery_failed', { msgid: item.msgid, purpose: item.purpose, text: item.text, errcode: err.errcode, errmsg: err.errmsg, reason, attempts });
      // A transfer to a servicer that WeCom refused (not on duty, not activated): the pool instead.
      if (item.kind === 'service_state_trans' && item.meta.service_state === 3 && reason === 'refused') {
        this.enqueue({ kind: 'service_state_trans', purpose: 'transfer', service_state: 2, servicer: null, source: `fallback:${item.msgid}`, meta: { ...item.meta, service_state: 2, servicer: null } }, clock.now());
        listener.transferRefused();
      }
    });
    console.warn('conversation: not delivered', { msgid: item.msgid, purpose: item.purpose, reason, errcode: err.errcode });
  }

  /** Drops settled items (sent or given up) created before `before`. */
  prune(before: number): void {
    this.store.sql.exec("DELETE FROM outbox WHERE status != 'pending' AND created_at < ?", before);
  }

  /** When the oldest settled item was created, or null. */
  oldestSettledAt(): number | null {
    return this.store.sql.exec<{ at: number | null }>("SELECT MIN(created_at) AS at FROM outbox WHERE status != 'pending'").one().at;
  }
}
