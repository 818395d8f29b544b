import { AccessTokens } from './access-tokens';
import { HOUR, type SimClock } from './clock';
import { ApiFailure, ControlError, Errcode } from './errcodes';
import { CustomerDirectory } from './customers';
import { CODE_STATE, CODE_TYPES, EventCodes } from './event-codes';
import { randomId } from './ids';
import { KfAdmin, KFID, SCENE, type Account } from './kf-admin';
import { MessageLog } from './message-log';
import { OutboundLog } from './outbound-log';
import { parseOutbound } from './messages';
import { SEND_QUOTA, SEND_WINDOW, SESSION_TTL, Sessions, TRANSITIONS, type Session } from './sessions';
import type { MenuChoice, SendSlot, SentMessage, SyncEvent, SyncItem } from './types';
import { WebLogin } from './web-login';
import type { SimIdentity, WorldOptions } from './world-options';

/**
 * The simulated platform: kf accounts, servicers, customers, sessions and event codes, with
 * WeCom's rules (https://developer.work.weixin.qq.com/document/path/94670, /94677, /94669); the
 * message log kf/sync_msg serves (./message-log.ts) and the access tokens (./access-tokens.ts) are
 * its parts. Pure state and rules; HTTP, faults and callbacks live elsewhere.
 */

const SEND_TYPES = ['text', 'image', 'voice', 'video', 'file', 'link', 'miniprogram', 'msgmenu', 'location'] as const;

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class World {
  readonly identity: SimIdentity;
  readonly syncConcurrencyLimit: number;
  private readonly accounts = new Map<string, Account>();
  /** The customers who ever contacted the corp (./customers.ts). */
  readonly customers: CustomerDirectory;
  /** Customers' sessions with the accounts (./sessions.ts). */
  readonly sessions: Sessions;
  private readonly codes: EventCodes;
  /** What the platform delivered for the accounts (./outbound-log.ts). */
  readonly outbound = new OutboundLog();
  /** Account and servicer management, media, and the corp's switches (./kf-admin.ts). */
  readonly kf: KfAdmin;
  /** gettoken and its access tokens (./access-tokens.ts). */
  readonly tokens: AccessTokens;
  /** The log kf/sync_msg serves (./message-log.ts). */
  readonly messages: MessageLog;
  /** The web login's page and codes for auth/getuserinfo (./web-login.ts). */
  readonly webLogin: WebLogin;

  constructor(
    options: WorldOptions,
    private readonly clock: SimClock,
  ) {
    this.identity = options.identity;
    this.syncConcurrencyLimit = options.syncConcurrencyLimit ?? 5;
    for (const a of options.accounts ?? []) this.account(a.open_kfid, a.name);
    for (const s of options.servicers ?? []) {
      const kfs = s.open_kfids ?? [...this.accounts.keys()];
      for (const kf of kfs) this.account(kf).servicers.set(s.userid, s.on_duty ?? true);
    }
    this.kf = new KfAdmin(this.accounts, clock);
    this.tokens = new AccessTokens(options.identity, clock);
    this.messages = new MessageLog(clock);
    this.codes = new EventCodes(clock);
    this.sessions = new Sessions(clock);
    this.customers = new CustomerDirectory(clock);
    this.webLogin = new WebLogin(clock, options.identity.corpId, () => this.kf.corpView().members);
    this.kf.configure({ ...options.corp, members: [...(options.servicers ?? []).map((s) => s.userid), ...(options.corp?.members ?? [])] });
  }

  // ── accounts, customers, sessions ──────────────────────────────────────────

  /** The account, created on first use by an actor (the world decides what exists). */
  private account(open_kfid: string, name?: string): Account {
    let a = this.accounts.get(open_kfid);
    if (!a) {
      if (!KFID.test(open_kfid)) throw new ControlError(400, `open_kfid ${JSON.stringify(open_kfid)} must be 1-64 of [0-9A-Za-z_-]`);
      a = { open_kfid, name: name ?? `客服 ${open_kfid.slice(-4)}`, avatar: '', servicers: new Map(), departments: new Set() };
      this.accounts.set(open_kfid, a);
    }
    return a;
  }

  // ── the message log ────────────────────────────────────────────────────────

  private newMsgid(): string {
    return randomId(24);
  }

  private event(open_kfid: string, event: SyncEvent, external_userid?: string): SyncItem {
    return this.messages.append({
      msgid: this.newMsgid(),
      open_kfid,
      ...(external_userid ? { external_userid } : {}),
      send_time: this.clock.nowSeconds(),
      origin: 4,
      msgtype: 'event',
      event,
    });
  }

  // ── actors ─────────────────────────────────────────────────────────────────

  /**
   * The customer opens the chat (enter_session). A welcome_code (20 s) comes only when the
   * customer got no welcome and sent no message in the last 48 hours.
   */
  customerEnter(a: { open_kfid: string; external_userid: string; scene?: string; scene_param?: string; nickname?: string }): SyncItem {
    const scene = a.scene ?? '';
    const scene_param = a.scene_param ?? '';
    if (!SCENE.test(scene)) throw new ControlError(400, 'scene must be at most 32 bytes of [0-9a-zA-Z_-]');
    if (Buffer.byteLength(scene_param) > 128) throw new ControlError(400, 'scene_param must be at most 128 bytes');
    this.account(a.open_kfid);
    const c = this.customers.enter(a.external_userid, a.nickname);
    const s = this.sessions.get(a.open_kfid, a.external_userid);
    const now = this.clock.now();
    c.lastEnter = { scene, scene_param, at: now };
    const recent = (t: number | null) => t !== null && now - t < 48 * HOUR;
    const welcome = recent(s.lastWelcomeAt) || recent(s.lastCustomerMsgAt) ? undefined : this.codes.issue('welcome', s);
    return this.event(
      a.open_kfid,
      { event_type: 'enter_session', open_kfid: a.open_kfid, external_userid: a.external_userid, scene, scene_param, ...(welcome ? { welcome_code: welcome } : {}) },
      a.external_userid,
    );
  }

  /**
   * The customer sends text (a click on a msgmenu item is text with `menu_id`). Each message
   * reopens an ended session as 0 and resets the 48 h / 5-message send budget.
   */
  customerSay(a: { open_kfid: string; external_userid: string; text: string; menu_id?: string; send_time?: number }): SyncItem {
    if (a.text === '') throw new ControlError(400, 'text must not be empty');
    this.account(a.open_kfid);
    this.customers.enter(a.external_userid);
    const s = this.sessions.get(a.open_kfid, a.external_userid);
    const sendTime = a.send_time ?? this.clock.nowSeconds();
    if (s.state === 4) {
      s.state = 0;
      s.servicer = '';
      s.codesGiven = { queue: false, taken: false };
    }
    s.expiresAt = sendTime * 1000 + SESSION_TTL;
    s.lastCustomerMsgAt = sendTime * 1000;
    s.sentSinceCustomerMsg = 0;
    return this.messages.append({
      msgid: this.newMsgid(),
      open_kfid: a.open_kfid,
      external_userid: a.external_userid,
      send_time: sendTime,
      origin: 3,
      msgtype: 'text',
      text: { content: a.text, ...(a.menu_id !== undefined ? { menu_id: a.menu_id } : {}) },
    });
  }

  /** The click item `menu_id` of the last msgmenu delivered to this customer. */
  menuChoice(open_kfid: string, external_userid: string, menu_id: string): MenuChoice {
    const m = this.outbound.lastMenu(open_kfid, external_userid);
    if (!m) throw new ControlError(409, `no msgmenu was delivered to ${external_userid} on ${open_kfid}`);
    const choice = m.menu.find((c) => c.id === menu_id);
    if (!choice) throw new ControlError(409, `the last menu sent to ${external_userid} has no click item ${menu_id} (it has ${m.menu.map((c) => c.id).join(', ') || 'none'})`);
    return choice;
  }

  /** A servicer takes a queued session from the pool: state 2 → 3, session_status_change 1 with a msg_code. */
  servicerTake(a: { open_kfid: string; external_userid: string; servicer_userid: string }): SyncItem {
    const s = this.activeSession(a.open_kfid, a.external_userid);
    if (s.state !== 2) throw new ControlError(409, `only a queued session (state 2) can be taken from the pool; this one is in state ${s.state}`);
    const servicers = this.account(a.open_kfid).servicers;
    if (!servicers.has(a.servicer_userid)) servicers.set(a.servicer_userid, true);
    s.state = 3;
    s.servicer = a.servicer_userid;
    s.codesGiven.taken = true;
    const msg_code = this.codes.issue('taken', s);
    return this.event(
      a.open_kfid,
      { event_type: 'session_status_change', open_kfid: a.open_kfid, external_userid: a.external_userid, change_type: 1, new_servicer_userid: a.servicer_userid, msg_code },
      a.external_userid,
    );
  }

  /** A servicer hands their session to another (state 3 → 3): session_status_change 2, no code. */
  servicerTransfer(a: { open_kfid: string; external_userid: string; servicer_userid: string }): SyncItem {
    const s = this.activeSession(a.open_kfid, a.external_userid);
    if (s.state !== 3) throw new ControlError(409, `only a session a servicer holds (state 3) can be transferred; this one is in state ${s.state}`);
    if (s.servicer === a.servicer_userid) throw new ControlError(409, `${a.servicer_userid} already holds this session`);
    const servicers = this.account(a.open_kfid).servicers;
    if (!servicers.has(a.servicer_userid)) servicers.set(a.servicer_userid, true);
    const old = s.servicer;
    s.servicer = a.servicer_userid;
    return this.event(
      a.open_kfid,
      { event_type: 'session_status_change', open_kfid: a.open_kfid, external_userid: a.external_userid, change_type: 2, old_servicer_userid: old, new_servicer_userid: a.servicer_userid },
      a.external_userid,
    );
  }

  /**
   * A servicer writes from the WeCom client (origin 5). In an ended session this re-enters it:
   * state 3 and a session_status_change with change_type 4.
   */
  servicerReply(a: { open_kfid: string; external_userid: string; text: string; servicer_userid?: string }): SyncItem[] {
    if (a.text === '') throw new ControlError(400, 'text must not be empty');
    this.account(a.open_kfid);
    this.customers.mustExist(a.external_userid);
    const s = this.sessions.get(a.open_kfid, a.external_userid);
    const items: SyncItem[] = [];
    if (s.state === 4) {
      const servicer = a.servicer_userid ?? s.servicer;
      if (!servicer) throw new ControlError(400, 'servicer_userid is needed to re-enter an ended session');
      s.state = 3;
      s.servicer = servicer;
      s.expiresAt = this.clock.now() + SESSION_TTL;
      s.codesGiven = { queue: false, taken: true };
      items.push(
        this.event(
          a.open_kfid,
          { event_type: 'session_status_change', open_kfid: a.open_kfid, external_userid: a.external_userid, change_type: 4, new_servicer_userid: servicer },
          a.external_userid,
        ),
      );
    } else if (s.state !== 3) {
      throw new ControlError(409, `a servicer can only write in a session a human holds (state 3) or an ended one (4); this one is in state ${s.state}`);
    } else if (a.servicer_userid !== undefined && a.servicer_userid !== s.servicer) {
      throw new ControlError(409, `the session is held by ${s.servicer}, not ${a.servicer_userid}`);
    }
    items.push(
      this.messages.append({
        msgid: this.newMsgid(),
        open_kfid: a.open_kfid,
        external_userid: a.external_userid,
        send_time: this.clock.nowSeconds(),
        origin: 5,
        servicer_userid: s.servicer,
        msgtype: 'text',
        text: { content: a.text },
      }),
    );
    return items;
  }

  /** A servicer ends the session: 3 → 4, session_status_change 3 with an end msg_code (20 s). */
  servicerEnd(a: { open_kfid: string; external_userid: string }): SyncItem {
    const s = this.activeSession(a.open_kfid, a.external_userid);
    if (s.state !== 3) throw new ControlError(409, `only a session a human holds (state 3) can be ended by a servicer; this one is in state ${s.state}`);
    const old = s.servicer;
    s.state = 4;
    s.servicer = '';
    const msg_code = this.codes.issue('end', s);
    return this.event(
      a.open_kfid,
      { event_type: 'session_status_change', open_kfid: a.open_kfid, external_userid: a.external_userid, change_type: 3, old_servicer_userid: old, msg_code },
      a.external_userid,
    );
  }

  /** A servicer goes on (1 接待中) or off (2 停止接待) duty; one event per account they serve (or the one named). */
  servicerStatus(a: { servicer_userid: string; status: 1 | 2; open_kfid?: string }): SyncItem[] {
    const kfs = a.open_kfid !== undefined ? [this.account(a.open_kfid)] : [...this.accounts.values()].filter((acc) => acc.servicers.has(a.servicer_userid));
    if (kfs.length === 0) throw new ControlError(404, `${a.servicer_userid} serves no kf account; name an open_kfid`);
    return kfs.map((acc) => {
      acc.servicers.set(a.servicer_userid, a.status === 1);
      return this.event(acc.open_kfid, { event_type: 'servicer_status_change', open_kfid: acc.open_kfid, servicer_userid: a.servicer_userid, status: a.status });
    });
  }

  /** The platform fails to deliver a message it accepted: msg_send_fail naming it (only a message it delivered). */
  sendFail(a: { open_kfid: string; external_userid: string; fail_msgid: string; fail_type: number }): SyncItem {
    if (!this.outbound.delivered(a.fail_msgid, a.open_kfid, a.external_userid)) throw new ControlError(404, `no message ${a.fail_msgid} was delivered to ${a.external_userid} by ${a.open_kfid}`);
    return this.event(a.open_kfid, { event_type: 'msg_send_fail', ...a }, a.external_userid);
  }

  private activeSession(open_kfid: string, external_userid: string): Session {
    this.customers.mustExist(external_userid);
    if (!this.accounts.has(open_kfid)) throw new ControlError(404, `unknown kf account ${open_kfid}`);
    return this.sessions.get(open_kfid, external_userid);
  }

  // ── kf API ─────────────────────────────────────────────────────────────────

  /** Records an accepted message; its msgid is then taken for this account. */
  private deliver(s: Session, msgid: string | undefined, out: ReturnType<typeof parseOutbound>, slot: SendSlot): SentMessage {
    const { msgtype, content, menu, payload } = out;
    return this.outbound.record({ msgid: msgid ?? this.newMsgid(), open_kfid: s.open_kfid, external_userid: s.external_userid, msgtype, content, menu, payload, time: this.clock.nowSeconds(), slot });
  }

  /** kf/send_msg: states 0/1 only (95018), within 48 h of the customer's last message, 5 per message. */
  sendMsg(body: Obj): Obj {
    const acc = this.kf.known(body.open_kfid);
    const c = this.customers.known(body.touser);
    const out = parseOutbound(body, SEND_TYPES);
    this.outbound.assertFree(acc.open_kfid, out.msgid);
    const s = this.sessions.get(acc.open_kfid, c.external_userid);
    // The window first: 48 h after the customer's last message the session has ended as well,
    // and the window is what the sender has to learn about.
    if (s.lastCustomerMsgAt !== null && this.clock.now() - s.lastCustomerMsgAt >= SEND_WINDOW) {
      throw new ApiFailure(Errcode.sendWindowClosed, 'send msg window closed: more than 48 hours since the customer last wrote');
    }
    if (s.state !== 0 && s.state !== 1) throw new ApiFailure(Errcode.sessionStatusInvalid, `send msg session status invalid: the session is in state ${s.state}`);
    if (s.sentSinceCustomerMsg >= SEND_QUOTA) throw new ApiFailure(Errcode.sendQuotaExceeded, `send msg count limit: ${SEND_QUOTA} messages since the customer last wrote`);
    s.sentSinceCustomerMsg += 1;
    return { msgid: this.deliver(s, out.msgid, out, { via: 'send_msg', n: s.sentSinceCustomerMsg }).msgid };
  }

  /** kf/send_msg_on_event: single-use codes, within their validity, in the state that produced them. */
  sendMsgOnEvent(body: Obj): Obj {
    const code = this.codes.usable(body.code);
    const out = parseOutbound(body, CODE_TYPES[code.kind]);
    this.outbound.assertFree(code.open_kfid, out.msgid);
    const s = this.sessions.get(code.open_kfid, code.external_userid);
    const needed = CODE_STATE[code.kind];
    if (needed !== null && s.state !== needed) {
      throw new ApiFailure(Errcode.sessionStatusInvalid, `send msg session status invalid: the ${code.kind} code needs state ${needed}, the session is in ${s.state}`);
    }
    code.used = true;
    if (code.kind === 'welcome') s.lastWelcomeAt = this.clock.now();
    return { msgid: this.deliver(s, out.msgid, out, { via: 'send_msg_on_event', code: code.kind }).msgid };
  }

  serviceStateGet(body: Obj): Obj {
    const acc = this.kf.known(body.open_kfid);
    const c = this.customers.known(body.external_userid);
    const s = this.sessions.get(acc.open_kfid, c.external_userid);
    return { service_state: s.state, servicer_userid: s.state === 3 ? s.servicer : '' };
  }

  /**
   * kf/service_state/trans along TRANSITIONS. A msg_code comes with the first move to 2 (queue
   * notice, 48 h) and to 3 (48 h) of a session, and with every move to 4 (closing words, 20 s).
   */
  serviceStateTrans(body: Obj): Obj {
    const acc = this.kf.known(body.open_kfid);
    const c = this.customers.known(body.external_userid);
    const to = body.service_state;
    if (to !== 0 && to !== 1 && to !== 2 && to !== 3 && to !== 4) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: service_state must be 0 to 4');
    const s = this.sessions.get(acc.open_kfid, c.external_userid);
    if (!TRANSITIONS[s.state].includes(to)) throw new ApiFailure(Errcode.invalidTransition, `invalid service_state change from ${s.state} to ${to}`);
    const servicer = str(body.servicer_userid) ?? '';
    if (to === 3) {
      if (!servicer) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: servicer_userid is required for state 3');
      if (acc.servicers.get(servicer) !== true) throw new ApiFailure(Errcode.servicerNotOnDuty, `servicer ${servicer} is not receiving (接待中) on this kf account`);
      if (s.state === 3 && s.servicer === servicer) throw new ApiFailure(Errcode.invalidTransition, `the session is already held by ${servicer}`);
    }
    s.state = to;
    s.servicer = to === 3 ? servicer : '';
    let msg_code: string | undefined;
    if (to === 2 && !s.codesGiven.queue) {
      s.codesGiven.queue = true;
      msg_code = this.codes.issue('queue', s);
    } else if (to === 3 && !s.codesGiven.taken) {
      s.codesGiven.taken = true;
      msg_code = this.codes.issue('taken', s);
    } else if (to === 4) msg_code = this.codes.issue('end', s);
    return msg_code ? { msg_code } : {};
  }
}
