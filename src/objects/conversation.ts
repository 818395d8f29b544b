import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import {
  dueCutoff,
  dueItems,
  judgeFailure,
  nextDueAt,
  outboundMsgid,
  REPLY_BACKOFF,
  SerialRunner,
  WELCOME_BACKOFF,
  type OutboxKind,
  type PendingItem,
} from '../engine/outbox';
import { SESSION_LIFETIME_MS, transition, triggerForSessionChange, type ConversationState, type Trigger } from '../engine/state-machine';
import type { Env } from '../env';
import { createWecomApi, type WecomApi } from '../wecom/api';
import { NO_ERRCODE, WecomApiError } from '../wecom/errors';
import { Origin, OutboundMessageSchema, SyncMsgItemSchema, type OutboundMessage, type SyncMsgItem } from '../wecom/types';
import { AlarmClock, Meta, migrate, rpcInput, type Json } from './durable-kit';

/**
 * One conversation: a customer (external_userid) with one kf account (open_kfid), named
 * `${open_kfid}:${external_userid}`.
 *
 * - ingest() stores each new msgid once, puts it on the timeline, and wakes the alarm.
 * - The alarm runs process() (mirror WeCom's session state from the new items, decide, queue the
 *   replies in the outbox) and then delivers what is due from the outbox.
 * - The timeline is every inbound and outbound event with its time: the source of all metrics.
 * - The outbox gives each reply a deterministic msgid, retries transient failures with backoff
 *   through the alarm, and records definitive refusals instead of retrying them.
 */

// ── timeline ───────────────────────────────────────────────────────────────────

/** `{at, type, …}`; message events (message_in, message_out) carry msgid and text (contract "Precise meanings"). */
export interface TimelineEvent {
  at: number;
  type: string;
  [field: string]: Json;
}

export interface Session {
  state: ConversationState;
  servicer: string | null;
  group: string | null;
}

export interface ConversationView {
  open_kfid: string | null;
  external_userid: string | null;
  state: ConversationState;
  group: string | null;
  servicer: string | null;
  context: { [key: string]: Json } | null;
  events: TimelineEvent[];
}

export interface OutboxEntry {
  msgid: string;
  kind: OutboxKind;
  purpose: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  due_at: number;
  last_errcode: number | null;
}

// ── the decision step ──────────────────────────────────────────────────────────

export interface ReceivedItem {
  item: SyncMsgItem;
  /** Our clock when the item was stored. */
  receivedAt: number;
}

/** What process() hands to the decision: the new items, in order, and the session after them. */
export interface IntakeInput {
  conversation: { open_kfid: string; external_userid: string };
  session: Session;
  items: ReceivedItem[];
}

/**
 * What the decision asks for. `source` names what caused it (an inbound msgid); with `index` it
 * fixes the msgid, so deciding the same input again never sends a second copy.
 */
export type OutboundAction =
  | { type: 'reply'; message: OutboundMessage; source: string; index: number }
  | { type: 'welcome'; code: string; message: OutboundMessage; source: string; deadline: number };

/** The welcome code of enter_session is valid 20 seconds (wecom-protocol.md §9.7). */
const WELCOME_CODE_TTL_MS = 20_000;

/**
 * The welcome's text. TODO(lead): wire the stable config (`welcome.text`, the link's `welcome`,
 * `welcome.by_time`, templates per language) once the config store lands; until then a default.
 */
export function welcomeText(_ctx: { open_kfid: string; scene: string | undefined; scene_param: string | undefined }): string {
  return '您好，欢迎咨询！请直接输入您的问题，我们会尽快为您解答。';
}

/**
 * The first version of the decisions: only the welcome (the conversation engine's decide()
 * replaces this function; it takes the same input and answers the same actions).
 */
export function decideIntake(input: IntakeInput): OutboundAction[] {
  const actions: OutboundAction[] = [];
  for (const { item, receivedAt } of input.items) {
    const ev = item.event;
    if (ev?.event_type !== 'enter_session' || !ev.welcome_code) continue;
    actions.push({
      type: 'welcome',
      code: ev.welcome_code,
      message: { msgtype: 'text', text: { content: welcomeText({ open_kfid: input.conversation.open_kfid, scene: ev.scene, scene_param: ev.scene_param }) } },
      source: item.msgid,
      // WeCom's clock starts the code's 20 s at send_time; ours at receipt, whichever is earlier.
      deadline: Math.min(receivedAt, item.send_time * 1000) + WELCOME_CODE_TTL_MS,
    });
  }
  return actions;
}

// ── storage ────────────────────────────────────────────────────────────────────

const MIGRATIONS = [
  `CREATE TABLE inbound (seq INTEGER PRIMARY KEY AUTOINCREMENT, msgid TEXT NOT NULL UNIQUE, item TEXT NOT NULL,
                         received_at INTEGER NOT NULL, processed INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX inbound_unprocessed ON inbound (processed, seq);
   CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE outbox (msgid TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, purpose TEXT NOT NULL,
                        body TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                        due_at INTEGER NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL,
                        last_errcode INTEGER, last_errmsg TEXT);
   CREATE INDEX outbox_pending ON outbox (status, seq);`,
];

interface OutboxRow extends PendingItem {
  purpose: string;
  body: string;
  text: string;
  attempts: number;
  expiresAt: number | null;
}

const INITIAL_SESSION: Session = { state: 'new', servicer: null, group: null };

/** RPC input check: the Inbox hands items with open_kfid and external_userid filled in. */
const IngestSchema = z.array(SyncMsgItemSchema.extend({ open_kfid: z.string().min(1), external_userid: z.string().min(1) })).min(1);
const QueueReplySchema = z.strictObject({ source: z.string().min(1).max(256), index: z.number().int().min(0).max(1000) });

/** The readable text of a message, for the timeline. */
function messageText(item: SyncMsgItem): string {
  if (item.text) return item.text.content;
  // link and miniprogram items carry a title, location items a name (wecom-protocol.md §9.5).
  const payload = item[item.msgtype] as Record<string, unknown> | undefined;
  const title = payload?.['title'] ?? payload?.['name'];
  return typeof title === 'string' ? `[${item.msgtype}] ${title}` : `[${item.msgtype}]`;
}

function outboundText(message: OutboundMessage): string {
  if (message.msgtype === 'text') return message.text.content;
  const m = message.msgmenu;
  const clicks = m.list.map((e) => (e.type === 'click' ? e.click.content : e.type === 'view' ? e.view.content : e.miniprogram.content));
  return [m.head_content, ...clicks, m.tail_content].filter((s) => s).join('\n');
}

export class Conversation extends DurableObject<Env> {
  private readonly meta: Meta;
  private readonly clock: AlarmClock;
  private readonly runner = new SerialRunner(() => this.work());
  /** The time the alarm that triggered the coming run was set for (see dueCutoff). */
  private firedFor: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage, MIGRATIONS);
    this.meta = new Meta(ctx.storage.sql);
    this.clock = new AlarmClock(ctx.storage, this.meta);
  }

  /**
   * Stores new items (by msgid: an item seen before is ignored) on the timeline, in order, and
   * schedules their processing. Once this resolves they are durable; the Inbox then moves its cursor.
   */
  async ingest(items: SyncMsgItem[]): Promise<{ stored: number; duplicates: number }> {
    const parsed = rpcInput(IngestSchema, items, 'ingest items');
    const first = parsed[0]!;
    this.adopt(first.open_kfid, first.external_userid);
    for (const item of parsed) {
      if (item.open_kfid !== first.open_kfid || item.external_userid !== first.external_userid) {
        throw new Error(`ingest mixes conversations: ${first.open_kfid}:${first.external_userid} and ${item.open_kfid}:${item.external_userid}`);
      }
    }
    const now = Date.now();
    let stored = 0;
    this.ctx.storage.transactionSync(() => {
      for (const item of parsed) {
        // Checked explicitly: rowsWritten is not 0 for an ignored INSERT into an AUTOINCREMENT table.
        if (this.ctx.storage.sql.exec('SELECT 1 FROM inbound WHERE msgid = ?', item.msgid).toArray().length > 0) continue;
        this.ctx.storage.sql.exec('INSERT INTO inbound (msgid, item, received_at) VALUES (?, ?, ?)', item.msgid, JSON.stringify(item), now);
        stored++;
        this.recordInbound(item, now);
      }
    });
    if (stored > 0) await this.clock.wake(now);
    return { stored, duplicates: parsed.length - stored };
  }

  /**
   * Queues a reply for kf/send_msg (the public way into the outbox, for the conversation engine
   * and operators). Idempotent: the same source and index give the same msgid and one message.
   */
  async queueReply(message: OutboundMessage, ref: { source: string; index: number }): Promise<{ msgid: string; queued: boolean }> {
    const msg = rpcInput(OutboundMessageSchema, message, 'reply message');
    const { source, index } = rpcInput(QueueReplySchema, ref, 'reply reference');
    const now = Date.now();
    const queued = this.enqueue({ type: 'reply', message: msg, source, index }, now);
    if (queued.queued) await this.clock.wake(now);
    return queued;
  }

  async view(): Promise<ConversationView> {
    const session = this.session();
    const events = this.ctx.storage.sql
      .exec<{ at: number; type: string; data: string }>('SELECT at, type, data FROM events ORDER BY seq')
      .toArray()
      .map((r) => ({ ...(JSON.parse(r.data) as Record<string, Json>), at: r.at, type: r.type }));
    return {
      open_kfid: this.meta.get<string>('open_kfid'),
      external_userid: this.meta.get<string>('external_userid'),
      state: session.state,
      group: session.group,
      servicer: session.servicer,
      context: this.meta.get<{ [key: string]: Json }>('context'),
      events,
    };
  }

  async outbox(): Promise<OutboxEntry[]> {
    return this.ctx.storage.sql
      .exec<{ msgid: string; kind: OutboxKind; purpose: string; text: string; status: OutboxEntry['status']; attempts: number; due_at: number; last_errcode: number | null }>(
        'SELECT msgid, kind, purpose, text, status, attempts, due_at, last_errcode FROM outbox ORDER BY seq',
      )
      .toArray();
  }

  override async alarm(): Promise<void> {
    this.firedFor = this.clock.setFor();
    await this.runner.run();
  }

  // ── the run: process, then deliver ────────────────────────────────────────────

  private async work(): Promise<void> {
    const firedFor = this.firedFor;
    this.firedFor = null;
    const now = () => dueCutoff(Date.now(), firedFor);
    let broken = false;
    try {
      this.ctx.storage.transactionSync(() => this.process());
      await this.deliver(createWecomApi(this.env), now);
    } catch (e) {
      // A bug or a storage failure: the work stays in storage; try again a little later, not in a hot loop.
      broken = true;
      console.error('conversation: run failed', e);
    } finally {
      await this.clock.rearm(this.nextWake(broken));
    }
  }

  private nextWake(broken: boolean): number | null {
    const unprocessed = this.ctx.storage.sql.exec('SELECT 1 FROM inbound WHERE processed = 0 LIMIT 1').toArray().length > 0;
    const due = unprocessed ? Date.now() : nextDueAt(this.pending());
    return due === null ? null : broken ? Math.max(due, Date.now() + 5_000) : due;
  }

  /** The process() step: mirror WeCom's session from the new items, decide, queue the actions. */
  private process(): void {
    const rows = this.ctx.storage.sql
      .exec<{ seq: number; item: string; received_at: number }>('SELECT seq, item, received_at FROM inbound WHERE processed = 0 ORDER BY seq')
      .toArray();
    const last = rows.at(-1);
    if (!last) return;
    const items = rows.map((r) => ({ item: JSON.parse(r.item) as SyncMsgItem, receivedAt: r.received_at }));
    let session = this.session();
    for (const { item, receivedAt } of items) session = this.mirror(session, item, receivedAt);
    this.meta.set('session', session);
    const conversation = this.identity();
    const now = Date.now();
    for (const action of decideIntake({ conversation, session, items })) this.enqueue(action, now);
    this.ctx.storage.sql.exec('UPDATE inbound SET processed = 1 WHERE processed = 0 AND seq <= ?', last.seq);
  }

  /**
   * WeCom's session state as its events tell it. Events are facts: when our mirror disagrees
   * with one (we missed a move), the fact wins and the state event says it was re-synchronised.
   */
  private mirror(session: Session, item: SyncMsgItem, at: number): Session {
    const ev = item.event;
    if (item.origin === Origin.customer) return this.move(session, 'customer_message', session.state === 'closed' ? 'new' : session.state, session.servicer, item.msgid, at);
    if (item.origin === Origin.servicer) return this.move(session, 're_entered', 'human', item.servicer_userid ?? session.servicer, item.msgid, at);
    if (ev?.event_type === 'session_status_change' && ev.change_type !== undefined && ev.change_type >= 1 && ev.change_type <= 4) {
      const trigger = triggerForSessionChange(ev.change_type);
      const ended = trigger === 'ended';
      return this.move(session, trigger, ended ? 'closed' : 'human', ended ? null : (ev.new_servicer_userid ?? session.servicer), item.msgid, at);
    }
    if (ev?.event_type === 'msg_send_fail' && ev.fail_msgid) {
      // "Success does not mean delivery": the platform dropped a message it had accepted.
      this.ctx.storage.sql.exec("UPDATE outbox SET status = 'failed', last_errcode = ? WHERE msgid = ? AND status = 'sent'", ev.fail_type ?? null, ev.fail_msgid);
    }
    return session;
  }

  private move(session: Session, trigger: Trigger, fact: ConversationState, servicer: string | null, msgid: string, at: number): Session {
    const t = transition(session.state, trigger);
    const to = t.ok ? t.state : fact;
    if (to === session.state && servicer === session.servicer) return session;
    this.record(at, 'state', { from: session.state, to, trigger, msgid, servicer, ...(t.ok ? {} : { resynced: true }) });
    return { ...session, state: to, servicer: to === 'human' ? servicer : null };
  }

  /** Puts an action in the outbox; answers its msgid and whether it is new. */
  private enqueue(action: OutboundAction, now: number): { msgid: string; queued: boolean } {
    const { open_kfid, external_userid } = this.identity();
    const key = `${open_kfid}:${external_userid}`;
    const row =
      action.type === 'welcome'
        ? {
            msgid: outboundMsgid(key, `welcome:${action.source}`, 0),
            kind: 'send_msg_on_event' as const,
            purpose: 'welcome',
            body: (msgid: string) => ({ code: action.code, msgid, ...action.message }),
            expiresAt: action.deadline,
          }
        : {
            msgid: outboundMsgid(key, action.source, action.index),
            kind: 'send_msg' as const,
            purpose: 'reply',
            body: (msgid: string) => ({ touser: external_userid, open_kfid, msgid, ...action.message }),
            // Past the platform's 48-hour window a retry can only be refused.
            expiresAt: now + SESSION_LIFETIME_MS,
          };
    if (this.ctx.storage.sql.exec('SELECT 1 FROM outbox WHERE msgid = ?', row.msgid).toArray().length > 0) return { msgid: row.msgid, queued: false };
    const seq = this.ctx.storage.sql.exec<{ n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox').one().n;
    this.ctx.storage.sql.exec(
      `INSERT INTO outbox (msgid, seq, kind, purpose, body, text, status, due_at, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      row.msgid,
      seq,
      row.kind,
      row.purpose,
      JSON.stringify(row.body(row.msgid)),
      outboundText(action.message),
      now,
      row.expiresAt,
      now,
    );
    return { msgid: row.msgid, queued: true };
  }

  private pending(): OutboxRow[] {
    return this.ctx.storage.sql
      .exec<{ msgid: string; seq: number; kind: OutboxKind; purpose: string; body: string; text: string; attempts: number; due_at: number; expires_at: number | null }>(
        "SELECT msgid, seq, kind, purpose, body, text, attempts, due_at, expires_at FROM outbox WHERE status = 'pending' ORDER BY seq",
      )
      .toArray()
      .map((r) => ({ ...r, dueAt: r.due_at, expiresAt: r.expires_at }));
  }

  /** Sends what is due, in order; a send_msg reply waiting for its retry holds back those after it. */
  private async deliver(api: WecomApi, now: () => number): Promise<void> {
    let queueBlocked = false;
    for (const item of dueItems(this.pending(), now())) {
      if (item.kind === 'send_msg' && queueBlocked) continue;
      const done = await this.attempt(api, item, now);
      if (!done && item.kind === 'send_msg') queueBlocked = true;
    }
  }

  /** One try of one item; answers whether the item is finished (sent or given up). */
  private async attempt(api: WecomApi, item: OutboxRow, now: () => number): Promise<boolean> {
    if (item.expiresAt !== null && now() >= item.expiresAt) {
      this.giveUp(item, item.attempts, { errcode: NO_ERRCODE, errmsg: 'its deadline passed before it could be sent' }, 'expired');
      return true;
    }
    const attempts = item.attempts + 1;
    const body = JSON.parse(item.body) as Parameters<WecomApi['sendMsg']>[0] & Parameters<WecomApi['sendMsgOnEvent']>[0];
    try {
      if (item.kind === 'send_msg') await api.sendMsg(body);
      else await api.sendMsgOnEvent(body);
      this.delivered(item, attempts);
      return true;
    } catch (e) {
      // Not a WeCom answer (the token cache unreachable, a bug): nothing says the message is refused, so retry.
      const err = e instanceof WecomApiError ? e : new WecomApiError(NO_ERRCODE, e instanceof Error ? e.message : String(e), item.kind, true, 'network');
      const verdict = judgeFailure(err, { attempts, expiresAt: item.expiresAt, policy: item.kind === 'send_msg' ? REPLY_BACKOFF : WELCOME_BACKOFF }, now());
      if (verdict.type === 'delivered') {
        this.delivered(item, attempts);
        return true;
      }
      if (verdict.type === 'refused') {
        this.giveUp(item, attempts, err, verdict.reason);
        return true;
      }
      this.ctx.storage.sql.exec('UPDATE outbox SET attempts = ?, due_at = ?, last_errcode = ?, last_errmsg = ? WHERE msgid = ?', attempts, verdict.dueAt, err.errcode, err.errmsg, item.msgid);
      this.record(Date.now(), 'delivery_retry', { msgid: item.msgid, purpose: item.purpose, attempts, errcode: err.errcode, errmsg: err.errmsg, retry_at: verdict.dueAt });
      return false;
    }
  }

  private delivered(item: OutboxRow, attempts: number): void {
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("UPDATE outbox SET status = 'sent', attempts = ? WHERE msgid = ?", attempts, item.msgid);
      const at = Date.now();
      if (item.purpose === 'welcome') {
        this.record(at, 'welcome', { msgid: item.msgid, text: item.text, config_version: null });
        return;
      }
      this.record(at, 'message_out', { msgid: item.msgid, text: item.text, by: 'bot', purpose: item.purpose });
      const session = this.session();
      const t = transition(session.state, 'bot_reply');
      if (t.ok && t.changed) {
        this.record(at, 'state', { from: session.state, to: t.state, trigger: 'bot_reply', msgid: item.msgid, servicer: null });
        this.meta.set('session', { ...session, state: t.state });
      }
    });
  }

  private giveUp(item: OutboxRow, attempts: number, err: { errcode: number; errmsg: string }, reason: 'refused' | 'expired'): void {
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("UPDATE outbox SET status = 'failed', attempts = ?, last_errcode = ?, last_errmsg = ? WHERE msgid = ?", attempts, err.errcode, err.errmsg, item.msgid);
      this.record(Date.now(), 'delivery_failed', { msgid: item.msgid, purpose: item.purpose, text: item.text, errcode: err.errcode, errmsg: err.errmsg, reason, attempts });
    });
    console.warn('conversation: message not delivered', { msgid: item.msgid, purpose: item.purpose, reason, errcode: err.errcode });
  }

  // ── helpers ──────────────────────────────────────────────────────────────────

  private recordInbound(item: SyncMsgItem, at: number): void {
    const base = { msgid: item.msgid, send_time: item.send_time };
    const ev = item.event;
    if (item.origin === Origin.customer) {
      this.record(at, 'message_in', { ...base, text: messageText(item), msgtype: item.msgtype, ...(item.text?.menu_id ? { menu_id: item.text.menu_id } : {}) });
    } else if (item.origin === Origin.servicer) {
      this.record(at, 'message_out', { ...base, text: messageText(item), msgtype: item.msgtype, by: 'servicer', servicer: item.servicer_userid ?? null });
    } else if (ev) {
      // The event's own fields, minus the ones the timeline already names and the single-use codes.
      const { event_type, open_kfid: _k, external_userid: _u, welcome_code, msg_code, ...fields } = ev;
      // Parsed from WeCom's JSON answer, so JSON all the way down.
      this.record(at, event_type, { ...base, ...(fields as Record<string, Json>), ...(welcome_code ? { welcome_code: true } : {}), ...(msg_code ? { msg_code: true } : {}) });
    } else {
      this.record(at, 'system_message', { ...base, text: messageText(item), msgtype: item.msgtype });
    }
  }

  private record(at: number, type: string, data: Record<string, Json>): void {
    this.ctx.storage.sql.exec('INSERT INTO events (at, type, data) VALUES (?, ?, ?)', at, type, JSON.stringify(data));
  }

  private session(): Session {
    return this.meta.get<Session>('session') ?? INITIAL_SESSION;
  }

  private adopt(openKfid: string, externalUserid: string): void {
    const known = this.meta.get<string>('open_kfid');
    const knownUser = this.meta.get<string>('external_userid');
    if (known === null) {
      this.meta.set('open_kfid', openKfid);
      this.meta.set('external_userid', externalUserid);
    } else if (known !== openKfid || knownUser !== externalUserid) {
      throw new Error(`conversation ${known}:${knownUser} was handed items of ${openKfid}:${externalUserid}`);
    }
  }

  private identity(): { open_kfid: string; external_userid: string } {
    const open_kfid = this.meta.get<string>('open_kfid');
    const external_userid = this.meta.get<string>('external_userid');
    if (open_kfid === null || external_userid === null) throw new Error('this conversation has had no message yet: it does not know its customer');
    return { open_kfid, external_userid };
  }
}

