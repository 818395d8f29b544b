import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { recordSend, NO_WINDOW, type Reply, type SendBudget } from '../engine/budget';
import { EMPTY_CONTEXT, type ContextTopics } from '../engine/context';
import { decide, decideEscalation, decideWelcome, missed, type Decision, type DecideInput, type DecisionEvent, type TurnMessage } from '../engine/decide';
import { analyticsRows } from '../engine/metrics';
import { classifyWithin, workersAiNlp, type NlpAdapter, type TextGeneration } from '../engine/nlp';
import { askSemanticForTurn, semanticMayHelp } from '../engine/semantic-turn';
import {
  dueCutoff,
  dueItems,
  inQueue,
  judgeFailure,
  nextDueAt,
  outboundMsgid,
  REPLY_BACKOFF,
  SerialRunner,
  WELCOME_BACKOFF,
  type OutboxKind,
  type PendingItem,
} from '../engine/outbox';
import { fromServiceState, SESSION_LIFETIME_MS, transition, triggerForSessionChange, type ConversationState, type Trigger } from '../engine/state-machine';
import { surveyOnEnd, type HumanHandling, type SurveyPending } from '../engine/survey';
import { systemText } from '../engine/templates';
import type { Env } from '../env';
import type { Config, Link } from '../rules/config';
import type { Compiled } from '../rules/compile';
import { localTime, nextOpening, openState, type OpenState } from '../rules/hours';
import { candidatesFor, matchRoute } from '../rules/routing';
import { maskWord, type SensitiveHit } from '../rules/sensitive';
import { evaluate as evaluateTags, type TagAction, type TagInput } from '../rules/tags';
import { appendConversationEvents } from '../storage/conversation-events';
import { getCustomer, upsertCustomerSeen } from '../storage/customers';
import { createDb, type Db } from '../storage/db';
import { recordBehaviorEvent } from '../storage/behavior';
import { kfLinkUrl } from '../storage/kf-links';
import { fallbackRuntime, runtimeFor, type Runtime } from '../storage/runtime';
import { loadVersionVectors, semanticBindings, type SemanticBindings } from '../storage/semantic-vectors';
import { applyTagChanges } from '../storage/tags';
import { recordViolation } from '../storage/violations';
import { createWecomApi, type WecomApi } from '../wecom/api';
import { withSignedLinks } from './signed-links';
import { NO_ERRCODE, STALE_STATE_ERRCODES, WecomApiError } from '../wecom/errors';
import { messageText, outboundText, toMessage } from '../wecom/messages';
import { Origin, OutboundMessageSchema, SyncMsgItemSchema, type KfEvent, type OutboundMessage, type SyncMsgItem } from '../wecom/types';
import { AlarmClock, Meta, migrate, rpcInput, type Json } from './durable-kit';
import { SEEN_RETENTION_MS } from './inbox';
import type { BotAdmission } from './reception';
import { uncertaintyWrites } from './uncertain-keeper';

/**
 * One conversation: a customer (external_userid) with one kf account (open_kfid), named
 * `${open_kfid}:${external_userid}`.
 *
 * - ingest() stores each new msgid once, puts it on the timeline, and wakes the alarm after the
 *   merge window (a burst of messages is answered once, together).
 * - The alarm runs a turn: mirror WeCom's session from the new items, then sensitive words, tags,
 *   the decision (engine/decide), routing through the Reception object, and the outbox.
 * - The timeline is every inbound and outbound event with its time and the config version that
 *   decided it: the source of all metrics, copied to D1 for analytics.
 * - The outbox gives each reply a deterministic msgid, delivers in order (a handoff's transfer
 *   goes strictly after its notice), retries transient failures with backoff through the alarm,
 *   and records definitive refusals instead of retrying them.
 *
 * A turn does all its reads and idempotent writes (D1, Reception) first and commits its local
 * effects in one transaction last: a turn that fails half-way is simply run again, and replays
 * to the same msgids, tags and assignments.
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
  config_version: number | null;
  variant: string | null;
  events: TimelineEvent[];
}

// A type, not an interface: SQL rows need the implicit index signature.
export type OutboxEntry = {
  msgid: string;
  kind: OutboxKind;
  purpose: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  due_at: number;
  /** Given up at this time (bot.max_delivery_age_seconds after creation, at most 48 hours). */
  expires_at: number | null;
  created_at: number;
  last_errcode: number | null;
  last_errmsg: string | null;
};

/** What the conversation remembers between turns, besides the session. */
interface Memory {
  context: ContextTopics;
  misses: number;
  escalationDueAt?: number;
  lastIntent?: string;
  language?: string;
  budget: SendBudget;
  surveyPending?: SurveyPending;
  handling?: HumanHandling;
  /** `since` of the last handling that was surveyed: one survey per human handling. */
  surveyedHandling?: number;
  lastWelcomeAt?: number;
  lastServicer?: string;
  channel?: string;
}

const INITIAL_MEMORY: Memory = { context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW };
const INITIAL_SESSION: Session = { state: 'new', servicer: null, group: null };

/** The welcome and end-of-session codes are valid 20 seconds (wecom-protocol.md §9.7). */
const EVENT_CODE_TTL_MS = 20_000;
/** Until a config says otherwise: how long a burst of customer messages is collected. */
const DEFAULT_MERGE_WINDOW_MS = 1500;
/** Timeline events copied to D1 per run; the rest follow on the next run. */
const EXPORT_BATCH = 200;
/** A retention wake waits this long past the oldest expiry, so one wake prunes a whole session's events. */
const PRUNE_SLACK_MS = 3600_000;
const DAY_MS = 24 * 3600_000;

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
  // The decision's context travels with each outbound item (config version, variant, routing).
  `ALTER TABLE outbox ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';`,
];

interface OutboxMeta {
  config_version?: number | null;
  variant?: string | null;
  /** For a transfer: the state asked for, and the servicer. */
  service_state?: 2 | 3;
  servicer?: string | null;
  group?: string | null;
}

interface OutboxRow extends PendingItem {
  purpose: string;
  body: string;
  text: string;
  attempts: number;
  expiresAt: number | null;
  meta: OutboxMeta;
}

/** An item the turn puts in the outbox. `source` + `index` fix its msgid: a replayed turn queues nothing twice. */
type OutboundAction =
  | { kind: 'send_msg'; purpose: string; message: OutboundMessage; source: string; index: number; meta: OutboxMeta }
  | { kind: 'send_msg_on_event'; purpose: string; code: string; message: OutboundMessage; source: string; deadline: number; meta: OutboxMeta }
  | { kind: 'service_state_trans'; purpose: 'transfer'; service_state: 2 | 3; servicer: string | null; source: string; meta: OutboxMeta };

/** RPC input check: the Inbox hands items with open_kfid and external_userid filled in. */
const IngestSchema = z.array(SyncMsgItemSchema.extend({ open_kfid: z.string().min(1), external_userid: z.string().min(1) })).min(1);
const QueueReplySchema = z.strictObject({ source: z.string().min(1).max(256), index: z.number().int().min(0).max(1000) });

/** A failure of the bot pipeline in a turn: loading the config version, deciding, the semantic path, the NLP adapter. */
interface BotFailureNote {
  stage: 'config' | 'decide' | 'semantic' | 'nlp';
  cause: string;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 300);
}

/** Everything a turn decides, committed in one transaction at its end. */
interface TurnEffects {
  events: Array<{ at: number; type: string; data: Record<string, Json> }>;
  actions: OutboundAction[];
}

/** A decision as far as a turn has one: the bot's, an escalation's, or none yet (no replies, no events). */
type TurnDecision = Pick<Decision, 'replies' | 'events'> & Partial<Decision>;

type Recorder = (at: number, type: string, data: Record<string, Json>) => void;

/**
 * What the phases of one turn share. Read at its start (identity, the config that decides for
 * this customer, their tags, session and memory), then filled in phase by phase; nothing of it
 * reaches the object's storage before commit().
 */
interface Turn {
  now: number;
  open_kfid: string;
  external_userid: string;
  /** `${open_kfid}:${external_userid}` */
  key: string;
  db: Db;
  /** The new inbound items, oldest first; lastSeq undefined: only an escalation is due. */
  items: Array<{ item: SyncMsgItem; receivedAt: number }>;
  lastSeq: number | undefined;
  escalationDue: boolean;
  runtime: Runtime;
  compiled: Compiled;
  config: Config;
  link: Link | undefined;
  hours: OpenState;
  /** The config version and variant every event of the turn carries. */
  stamp: { config_version: number | null; variant: Runtime['variant'] };
  /** The customer's language as D1 knows it, and their tags (this turn's changes applied in applyTags). */
  knownLanguage: string | null | undefined;
  tags: Set<string>;
  /** Failures of the bot pipeline: reported to the kf account's circuit breaker, and the customer goes to people. */
  failures: BotFailureNote[];
  session: Session;
  /** The memory the turn started from (the shadow candidate decides from it), and the one it commits. */
  memoryBefore: Memory;
  memory: Memory;
  effects: TurnEffects;
  /** Puts an event on the turn's timeline, stamped. */
  record: Recorder;
  tagActions: Array<TagAction & { ref: string }>;
  /** What upsertCustomerSeen learns from the turn. */
  seen: { channel?: string; scene_param?: string; language?: string };
  /** Idempotent D1 and Reception writes, run once the tags are applied. */
  receptionCalls: Array<() => Promise<void>>;
  /** The customer's messages of this turn, and those of them without sensitive words. */
  burst: TurnMessage[];
  clean: TurnMessage[];
  /** The breaker's answer (asked only when the bot would answer), and why the bot may not. */
  admission: BotAdmission | null;
  forced: 'breaker' | 'bot_error' | undefined;
  decision: TurnDecision;
  /** The replies that passed the outbound check, in order. */
  replies: Reply[];
  /** The routing outcome, recorded after the decision that asked for it. */
  routed: Array<[string, Record<string, Json>]>;
}

/** The states in which the bot holds the conversation: it may answer, and a handoff is routed. */
function botHolds(state: ConversationState): boolean {
  return ['new', 'bot', 'closed'].includes(state);
}

/** The turn's tag rule actions for one input; `ref` says what triggered them. */
function addTagActions(turn: Turn, input: TagInput, ref: string): void {
  for (const t of evaluateTags(turn.compiled.tags, input)) turn.tagActions.push({ ...t, ref });
}

/** The sensitive words hit, masked, once each (the violations log never stores the words themselves). */
function maskedWords(hits: readonly SensitiveHit[]): string[] {
  return [...new Set(hits.map((h) => maskWord(h.word)))];
}

function snapshotOf(state: ConversationState, memory: Memory): DecideInput['snapshot'] {
  return { state, context: memory.context, misses: memory.misses, escalationDueAt: memory.escalationDueAt, lastIntent: memory.lastIntent, language: memory.language, budget: memory.budget, surveyPending: memory.surveyPending };
}

/** The part of a decision the shadow comparison keeps. */
function shadowSummary(d: TurnDecision) {
  return {
    answered: d.answered ?? false,
    fallback: d.events.some((e) => e.type === 'fallback'),
    intent: d.intent ?? null,
    handoff: d.handoff?.reason ?? null,
    replies: d.replies.map((r) => ('text' in r ? r.text : (r.menu.head_content ?? ''))),
  };
}

/** What fixes the msgids of the turn's replies and transfer: its last customer message, or the escalation. */
function sourceOf(turn: Turn): string {
  return turn.burst.at(-1)?.msgid ?? `escalation:${turn.now}`;
}

/** WeCom starts an event code's 20 s at send_time; we, at receipt: whichever is earlier. */
function codeDeadline(item: SyncMsgItem, receivedAt: number): number {
  return Math.min(receivedAt, item.send_time * 1000) + EVENT_CODE_TTL_MS;
}

export class Conversation extends DurableObject<Env> {
  private readonly meta: Meta;
  private readonly clock: AlarmClock;
  private readonly runner = new SerialRunner(() => this.work());
  /** The time the alarm that triggered the coming run was set for (see dueCutoff). */
  private firedFor: number | null = null;
  /**
   * The NLP adapter for a model (engine/nlp.ts): Workers AI when the AI binding exists. It is the
   * outside world, so tests put a fake adapter here (runInDurableObject) instead of calling out.
   */
  nlpFor: (model: string) => NlpAdapter | null = (model) => (this.env.AI ? workersAiNlp(this.env.AI as unknown as TextGeneration, model) : null);
  /** The semantic path's bindings (engine/semantic-turn.ts); tests put a stand-in AI here, like nlpFor. */
  semanticBindings: () => SemanticBindings = () => semanticBindings(this.env);

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
    let customerWrote = false;
    this.ctx.storage.transactionSync(() => {
      for (const item of parsed) {
        // Checked explicitly: rowsWritten is not 0 for an ignored INSERT into an AUTOINCREMENT table.
        if (this.ctx.storage.sql.exec('SELECT 1 FROM inbound WHERE msgid = ?', item.msgid).toArray().length > 0) continue;
        this.ctx.storage.sql.exec('INSERT INTO inbound (msgid, item, received_at) VALUES (?, ?, ?)', item.msgid, JSON.stringify(item), now);
        stored++;
        customerWrote ||= item.origin === Origin.customer;
        this.recordInbound(item, now);
      }
    });
    // Customer messages wait out the merge window so that a burst gets one answer; events do not
    // (a welcome code lives 20 s, a survey code too).
    if (stored > 0) await this.clock.wake(customerWrote ? now + (this.meta.get<number>('merge_window_ms') ?? DEFAULT_MERGE_WINDOW_MS) : now);
    return { stored, duplicates: parsed.length - stored };
  }

  /**
   * Queues a reply for kf/send_msg (the public way into the outbox, for operators and tools).
   * Idempotent: the same source and index give the same msgid and one message.
   */
  async queueReply(message: OutboundMessage, ref: { source: string; index: number }): Promise<{ msgid: string; queued: boolean }> {
    const msg = rpcInput(OutboundMessageSchema, message, 'reply message');
    const { source, index } = rpcInput(QueueReplySchema, ref, 'reply reference');
    const now = Date.now();
    const queued = this.enqueue({ kind: 'send_msg', purpose: 'reply', message: msg, source, index, meta: {} }, now);
    if (queued.queued) await this.clock.wake(now);
    return queued;
  }

  /** The Reception object assigned this waiting customer to a servicer: transfer the session to them. */
  async assignedFromQueue(servicer: string): Promise<void> {
    rpcInput(z.string().min(1), servicer, 'servicer');
    const now = Date.now();
    const session = this.session();
    if (session.state === 'human' && session.servicer === servicer) return;
    if (session.state === 'closed') {
      // The customer left while waiting: give the slot back.
      await this.reception().release(this.key());
      return;
    }
    this.ctx.storage.transactionSync(() => {
      const memory = this.memory();
      this.meta.set('memory', { ...memory, handling: { since: now, servicer } } satisfies Memory);
      this.meta.set('session', { ...session, servicer });
      this.record(now, 'assigned', { servicer, group: session.group, from: 'queue' });
      this.enqueue({ kind: 'service_state_trans', purpose: 'transfer', service_state: 3, servicer, source: `assigned:${now}`, meta: { service_state: 3, servicer, group: session.group } }, now);
    });
    await this.clock.wake(now);
  }

  /**
   * Right to delete: forgets everything this conversation holds (timeline, inbound items, outbox,
   * session, memory) and its alarm, after giving back the servicer slot or queue place it holds in
   * Reception. A message arriving later starts a new conversation. Answers whether it knew the
   * customer at all, and how many timeline events it had.
   */
  async forget(): Promise<{ forgotten: boolean; events: number }> {
    let result = { forgotten: false, events: 0 };
    // No ingest or alarm may interleave: nothing is written into the storage being emptied.
    await this.ctx.blockConcurrencyWhile(async () => {
      // A run in progress finishes first (runs await D1 and WeCom, which are not blocked).
      while (this.runner.busy) await this.runner.run();
      const known = this.meta.get<string>('open_kfid') !== null;
      const events = this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n;
      if (known) await this.reception().release(this.key());
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      // This instance lives on in memory: give it its empty schema back for the customer's next message.
      migrate(this.ctx.storage, MIGRATIONS);
      this.firedFor = null;
      result = { forgotten: known || events > 0, events };
    });
    return result;
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
      context: this.memory().context as { [key: string]: Json },
      config_version: this.meta.get<number>('config_version'),
      variant: this.meta.get<string>('variant'),
      events,
    };
  }

  /** Every outbound item, in order: sent, pending (with its next try) and given up on (with why). */
  async outbox(): Promise<OutboxEntry[]> {
    return this.ctx.storage.sql
      .exec<OutboxEntry>('SELECT msgid, kind, purpose, text, status, attempts, due_at, expires_at, created_at, last_errcode, last_errmsg FROM outbox ORDER BY seq')
      .toArray();
  }

  override async alarm(): Promise<void> {
    this.firedFor = this.clock.setFor();
    await this.runner.run();
  }

  // ── the run: a turn, then delivery, then the analytics copy ───────────────────

  private async work(): Promise<void> {
    const firedFor = this.firedFor;
    this.firedFor = null;
    const now = () => dueCutoff(Date.now(), firedFor);
    let broken = false;
    try {
      await this.turn(now());
      await this.expireIfDue(now());
      await this.deliver(withSignedLinks(createWecomApi(this.env), this.env, () => this.identity().external_userid, now), now);
      this.prune(now());
    } catch (e) {
      // A bug, a storage or D1 failure: the work stays in storage; try again a little later, not in a hot loop.
      broken = true;
      console.error('conversation: run failed', e);
    } finally {
      await this.exportEvents().catch((e: unknown) => console.warn('conversation: analytics copy deferred', String(e)));
      await this.clock.rearm(this.nextWake(broken, now()));
    }
  }

  /**
   * When WeCom ends the session by itself: 48 hours after the customer's last message (the send
   * window the budget tracks), unless it was closed before. No event announces it.
   */
  private sessionEndsAt(): number | null {
    const opened = this.memory().budget.windowOpenedAt;
    return opened === null || this.session().state === 'closed' ? null : opened + SESSION_LIFETIME_MS;
  }

  /**
   * The session expired without an event: close it here too, so a servicer's slot in Reception is
   * not held forever by a customer who simply went away (queues that never drain, anchors pain 7).
   */
  private async expireIfDue(now: number): Promise<void> {
    const endsAt = this.sessionEndsAt();
    if (endsAt === null || endsAt > now) return;
    // A customer message still waiting for its turn has extended the session.
    if (this.ctx.storage.sql.exec('SELECT 1 FROM inbound WHERE processed = 0 LIMIT 1').toArray().length > 0) return;
    const session = this.session();
    if (session.state === 'human' || session.state === 'queued') await this.reception().release(this.key());
    const memory = this.memory();
    this.ctx.storage.transactionSync(() => {
      this.record(now, 'state', { from: session.state, to: 'closed', trigger: 'expired', servicer: session.servicer });
      this.record(now, 'closed', { reason: 'expired', servicer: session.servicer });
      this.meta.set('session', { state: 'closed', servicer: null, group: null } satisfies Session);
      const lastServicer = memory.handling?.servicer ?? memory.lastServicer;
      this.meta.set('memory', { ...memory, handling: undefined, escalationDueAt: undefined, ...(lastServicer ? { lastServicer } : {}) } satisfies Memory);
    });
  }

  private nextWake(broken: boolean, now: number): number | null {
    const unprocessed = this.ctx.storage.sql.exec('SELECT 1 FROM inbound WHERE processed = 0 LIMIT 1').toArray().length > 0;
    const candidates = [unprocessed ? now : null, nextDueAt(this.pending()), this.memory().escalationDueAt ?? null, this.sessionEndsAt(), this.pruneDueAt()].filter(
      (x): x is number => x !== null,
    );
    if (candidates.length === 0) return null;
    const due = Math.min(...candidates);
    return broken ? Math.max(due, Date.now() + 5_000) : due;
  }

  /**
   * One turn: everything new since the last one (and a due escalation), in phases that share one
   * Turn. Reads and idempotent writes (D1, Reception) first, the local commit last, in one
   * transaction (see the class comment): the phases before commit() read, write idempotently, or
   * fill the Turn (mirror()'s msg_send_fail mark, the one local write among them, is idempotent
   * too), so a turn that fails half-way is run again and replays to the same msgids, tags and
   * assignments.
   */
  private async turn(now: number): Promise<void> {
    const turn = await this.beginTurn(now);
    if (!turn) return;
    this.readFacts(turn);
    this.screenBurst(turn);
    await this.decideBurst(turn);
    await this.shadowDecide(turn);
    await this.reportToBreaker(turn);
    await this.applyTags(turn);
    await this.guardReplies(turn);
    await this.routeHandoff(turn);
    this.commit(turn);
  }

  /** What a turn starts from: the new items, the customer's profile, the config that decides for them, session and memory. Null: nothing to do. */
  private async beginTurn(now: number): Promise<Turn | null> {
    const rows = this.ctx.storage.sql
      .exec<{ seq: number; item: string; received_at: number }>('SELECT seq, item, received_at FROM inbound WHERE processed = 0 ORDER BY seq')
      .toArray();
    const memoryBefore = this.memory();
    const escalationDue = memoryBefore.escalationDueAt !== undefined && memoryBefore.escalationDueAt <= now;
    if (rows.length === 0 && !escalationDue) return null;

    const { open_kfid, external_userid } = this.identity();
    const db = createDb(this.env.DB);
    const profile = await getCustomer(db, external_userid);
    const tags = new Set(profile?.tags ?? []);
    const failures: BotFailureNote[] = [];
    let runtime: Runtime;
    try {
      runtime = await runtimeFor(this.env, { external_userid, tags: [...tags] });
    } catch (e) {
      failures.push({ stage: 'config', cause: errorText(e) });
      runtime = await fallbackRuntime(this.env);
    }
    const config = runtime.compiled.config;
    const link = config.links.find((l) => l.open_kfid === open_kfid);
    const stamp = { config_version: runtime.version, variant: runtime.variant };
    const effects: TurnEffects = { events: [], actions: [] };
    return {
      now,
      open_kfid,
      external_userid,
      key: `${open_kfid}:${external_userid}`,
      db,
      items: rows.map((r) => ({ item: JSON.parse(r.item) as SyncMsgItem, receivedAt: r.received_at })),
      lastSeq: rows.at(-1)?.seq,
      escalationDue,
      runtime,
      compiled: runtime.compiled,
      config,
      link,
      hours: openState(link, now),
      stamp,
      knownLanguage: profile?.language,
      tags,
      failures,
      session: this.session(),
      memoryBefore,
      memory: { ...memoryBefore },
      effects,
      record: (at, type, data) => void effects.events.push({ at, type, data: { ...data, ...stamp } }),
      tagActions: [],
      seen: {},
      receptionCalls: [],
      burst: [],
      clean: [],
      admission: null,
      forced: undefined,
      decision: { replies: [], events: [] },
      replies: [],
      routed: [],
    };
  }

  /** 1. Facts from WeCom, in order: the session mirror, the customer's burst, welcome, assignments, the survey. */
  private readFacts(turn: Turn): void {
    for (const { item, receivedAt } of turn.items) {
      const before = turn.session;
      turn.session = this.mirror(turn.session, item, receivedAt, turn.record);
      const ev = item.event;
      if (item.origin === Origin.customer) {
        this.customerMessage(turn, item, receivedAt);
      } else if (ev?.event_type === 'enter_session') {
        this.enterSession(turn, item, ev, receivedAt);
      } else if (ev?.event_type === 'session_status_change') {
        this.sessionChange(turn, item, ev, before, receivedAt);
      } else if (item.origin === Origin.servicer && item.servicer_userid && !turn.memory.handling) {
        turn.memory.handling = { since: receivedAt, servicer: item.servicer_userid };
      }
    }
  }

  /** A customer message joins the burst; a menu click is also a behaviour (tags, D1). */
  private customerMessage(turn: Turn, item: SyncMsgItem, receivedAt: number): void {
    const menuId = item.text?.menu_id;
    turn.burst.push({ msgid: item.msgid, text: messageText(item), ...(menuId ? { menuId } : {}), sentAt: item.send_time * 1000 });
    if (!menuId) return;
    addTagActions(turn, { kind: 'behavior', event: 'menu_click', ref: menuId }, menuId);
    const { db, open_kfid, external_userid } = turn;
    turn.receptionCalls.push(async () => void (await recordBehaviorEvent(db, { id: item.msgid, external_userid, open_kfid, type: 'menu_click', ref: menuId, at: receivedAt })));
  }

  /** The customer opened the chat: channel and behaviour tags, and the welcome while its code lives. */
  private enterSession(turn: Turn, item: SyncMsgItem, ev: KfEvent, receivedAt: number): void {
    const { config, link, memory, now } = turn;
    const channel = ev.scene ? config.channels.find((c) => c.code === ev.scene) : undefined;
    if (ev.scene) {
      turn.seen.channel = channel?.code ?? ev.scene;
      if (ev.scene_param) turn.seen.scene_param = ev.scene_param;
      memory.channel = turn.seen.channel;
      addTagActions(turn, { kind: 'channel', code: ev.scene }, ev.scene);
    }
    addTagActions(turn, { kind: 'behavior', event: 'enter_session', ref: ev.scene ?? null }, ev.scene ?? '');
    const welcome = decideWelcome({
      config,
      link,
      language: memory.language,
      localTime: localTime(link?.timezone ?? 'Asia/Shanghai', now),
      welcomeCode: ev.welcome_code,
      lastWelcomeAt: memory.lastWelcomeAt,
      now,
    });
    if (welcome && ev.welcome_code) {
      memory.lastWelcomeAt = now;
      turn.effects.actions.push({
        kind: 'send_msg_on_event',
        purpose: 'welcome',
        code: ev.welcome_code,
        message: toMessage(welcome.reply),
        source: `welcome:${item.msgid}`,
        deadline: codeDeadline(item, receivedAt),
        meta: turn.stamp,
      });
    }
  }

  /** WeCom moved the session: a servicer took it (the handling starts, Reception hears), or it ended (survey, slot released). */
  private sessionChange(turn: Turn, item: SyncMsgItem, ev: KfEvent, before: Session, receivedAt: number): void {
    const { key, memory } = turn;
    if (ev.change_type === 1 || ev.change_type === 2 || ev.change_type === 4) {
      const servicer = ev.new_servicer_userid ?? turn.session.servicer;
      if (servicer && servicer !== before.servicer) {
        memory.handling = { since: receivedAt, servicer };
        turn.record(receivedAt, 'assigned', { servicer, from: ev.change_type === 1 ? 'pool' : ev.change_type === 2 ? 'transfer' : 're_entered' });
        turn.receptionCalls.push(() => this.reception().assignedExternally(key, servicer));
      }
    } else if (ev.change_type === 3) {
      const survey = surveyOnEnd(memory.handling, memory.surveyedHandling, turn.config, memory.language, turn.now);
      if (survey && ev.msg_code) {
        memory.surveyPending = survey.pending;
        memory.surveyedHandling = memory.handling?.since;
        turn.effects.actions.push({
          kind: 'send_msg_on_event',
          purpose: 'survey',
          code: ev.msg_code,
          message: toMessage({ menu: survey.menu }),
          source: `survey:${item.msgid}`,
          deadline: codeDeadline(item, receivedAt),
          meta: { ...turn.stamp, servicer: memory.handling?.servicer ?? null },
        });
      }
      turn.record(receivedAt, 'closed', { servicer: before.servicer, by: ev.old_servicer_userid ?? before.servicer });
      if (memory.handling?.servicer) memory.lastServicer = memory.handling.servicer;
      memory.handling = undefined;
      memory.escalationDueAt = undefined;
      turn.receptionCalls.push(() => this.reception().release(key));
    }
  }

  /** 2. The customer's burst, first its sensitive words: an intercepted message is not processed; the others are read for tags. */
  private screenBurst(turn: Turn): void {
    const { db, open_kfid, external_userid } = turn;
    for (const m of turn.burst) {
      const scan = turn.compiled.sensitive.scan(m.text);
      if (scan.hits.length === 0) {
        turn.clean.push(m);
        addTagActions(turn, { kind: 'message', text: m.text }, m.msgid);
        continue;
      }
      const words = maskedWords(scan.hits);
      turn.record(turn.now, 'violation', { direction: 'inbound', msgid: m.msgid, words, excerpt: scan.excerpt });
      turn.receptionCalls.push(async () => void (await recordViolation(db, { id: m.msgid, at: m.sentAt, open_kfid, external_userid, direction: 'inbound', masked_words: words, masked_excerpt: scan.excerpt })));
    }
  }

  /** Then the decision: the bot's (the NLP adapter, the breaker and failures may hand over), or a due escalation's; memory follows it. */
  private async decideBurst(turn: Turn): Promise<void> {
    const { burst, clean, config, now, hours, link, session } = turn;
    const engines = turn.compiled.engines;
    const blocked = burst.length - clean.length;
    // The breaker is asked only when the bot would answer: a turn people hold costs no call.
    const admission = clean.length > 0 && botHolds(session.state) ? await this.reception().admitBot(turn.open_kfid) : null;
    const forced = admission && !admission.allow ? 'breaker' : turn.failures.length > 0 ? 'bot_error' : undefined;
    turn.admission = admission;
    turn.forced = forced;
    if (burst.length > 0) {
      const snapshot = snapshotOf(session.state, turn.memory);
      let decision: TurnDecision;
      if (clean.length > 0) {
        decision = await this.botDecision({ snapshot, config, engines, messages: clean, now, hours, link, forceHandoff: forced }, turn.failures, turn.runtime.version);
        turn.receptionCalls.push(...uncertaintyWrites(turn, clean, decision));
        if (decision.handoff?.reason === 'breaker' || decision.handoff?.reason === 'bot_error') await this.offerBackup(decision.replies, config, link, decision.language ?? turn.memory.language);
      } else {
        // Only intercepted messages: they are not processed, the customer gets the configured reply.
        const full = decide({ snapshot, config, engines, messages: burst, now, hours, link });
        decision = { ...full, replies: [], events: full.events.filter((e) => e.type === 'message_in' || e.type === 'language'), misses: turn.memory.misses, context: turn.memory.context, handoff: undefined, armEscalationAt: undefined, answered: false };
      }
      if (blocked > 0 && transition(session.state, 'customer_message').ok && botHolds(session.state)) {
        decision.replies = [{ text: systemText(config, 'sensitive_reply', { locale: decision.language ?? turn.memory.language, link }) }, ...decision.replies];
      }
      const memory: Memory = {
        ...turn.memory,
        context: decision.context ?? turn.memory.context,
        misses: decision.misses ?? turn.memory.misses,
        budget: decision.budget ?? turn.memory.budget,
        ...(decision.lastIntent !== undefined ? { lastIntent: decision.lastIntent } : {}),
        ...(decision.language !== undefined ? { language: decision.language } : {}),
        surveyPending: decision.surveyPending,
      };
      if (decision.language && decision.language !== turn.knownLanguage) turn.seen.language = decision.language;
      if (decision.armEscalationAt === 'disarm') memory.escalationDueAt = undefined;
      else if (decision.armEscalationAt !== undefined) memory.escalationDueAt = decision.armEscalationAt;
      turn.decision = decision;
      turn.memory = memory;
    } else if (turn.escalationDue) {
      const escalation = decideEscalation({ snapshot: snapshotOf(session.state, turn.memory), config, now, hours, link });
      if (escalation) {
        turn.decision = { replies: escalation.replies, events: escalation.events, ...(escalation.handoff ? { handoff: escalation.handoff } : {}) };
        turn.memory.escalationDueAt = undefined;
        turn.memory.misses = escalation.misses;
      }
    }
  }

  /**
   * Shadow release: the candidate decides the same burst silently; only the difference is kept.
   * Its failures are its own: they never reach the customer or the breaker.
   */
  private async shadowDecide(turn: Turn): Promise<void> {
    const shadow = turn.runtime.shadow;
    if (!shadow || turn.clean.length === 0 || turn.forced !== undefined) return;
    const { now, memoryBefore } = turn;
    const snapshot = snapshotOf(this.session().state, memoryBefore);
    const shadowLink = shadow.compiled.config.links.find((l) => l.open_kfid === turn.open_kfid);
    const a = shadowSummary(turn.decision);
    const b = await this.botDecision({ snapshot, config: shadow.compiled.config, engines: shadow.compiled.engines, messages: turn.clean, now, hours: openState(shadowLink, now), link: shadowLink }, [], shadow.version)
      .then(shadowSummary)
      .catch((e: unknown) => ({ answered: false, fallback: false, intent: null, handoff: 'bot_error' as const, replies: [], error: errorText(e) }));
    turn.effects.events.push({
      at: now,
      type: 'shadow',
      data: { stable_version: turn.runtime.version, candidate_version: shadow.version, variant: 'shadow', same: JSON.stringify(a) === JSON.stringify(b), stable: a, candidate: b, answered: b.answered, fallback: b.fallback, handoff: b.handoff },
    });
  }

  /** The breaker hears how the bot fared, keyed by the turn: a turn run again is counted once. */
  private async reportToBreaker(turn: Turn): Promise<void> {
    const { admission, now, open_kfid } = turn;
    const turnKey = `${turn.key}:${turn.lastSeq ?? `escalation:${now}`}`;
    if (admission && !admission.allow) turn.record(now, 'breaker', { status: admission.status, action: 'handed_over' });
    for (const f of turn.failures) {
      turn.record(now, 'bot_failure', { stage: f.stage, cause: f.cause });
      const change = await this.reception().botFailed({ open_kfid, key: `${turnKey}:${f.stage}`, cause: `${f.stage}: ${f.cause}` });
      if (change.changed) turn.record(now, 'breaker', { status: change.status, action: 'opened', failures: change.failures.length });
    }
    if (admission?.probe && turn.failures.length === 0) {
      const change = await this.reception().botSucceeded(open_kfid);
      if (change.changed) turn.record(now, 'breaker', { status: change.status, action: 'closed' });
    }
  }

  /** 3. Tags: this turn's changes, applied before routing reads them; then the turn's other idempotent D1 and Reception writes. */
  private async applyTags(turn: Turn): Promise<void> {
    const { db, external_userid, open_kfid, now, tags } = turn;
    if (turn.tagActions.length > 0) {
      const add = turn.tagActions.filter((t) => t.action === 'add_tag').map((t) => ({ tag: t.tag, source: t.source, source_ref: t.rule_name }));
      const remove = turn.tagActions.filter((t) => t.action === 'remove_tag').map((t) => t.tag);
      const applied = await applyTagChanges(db, external_userid, { add, remove }, now);
      for (const r of applied.removed) tags.delete(r);
      for (const a of applied.added) tags.add(a.tag);
      for (const a of applied.added) turn.record(now, 'tag', { action: 'add', tag: a.tag, source: a.source, rule: a.source_ref ?? null });
      for (const r of applied.removed) turn.record(now, 'tag', { action: 'remove', tag: r });
    }
    await upsertCustomerSeen(db, { external_userid, open_kfid, at: now, ...turn.seen });
    for (const call of turn.receptionCalls) await call();
  }

  /** 4. Outbound: every reply checked for sensitive words before it can be queued. */
  private async guardReplies(turn: Turn): Promise<void> {
    const { decision, replies, now, open_kfid, external_userid } = turn;
    for (const reply of decision.replies) {
      const text = 'text' in reply ? reply.text : [reply.menu.head_content ?? '', ...reply.menu.list.map((i) => i.content)].join('\n');
      const scan = turn.compiled.sensitive.scan(text);
      if (scan.hits.length === 0) {
        replies.push(reply);
        continue;
      }
      const words = maskedWords(scan.hits);
      turn.record(now, 'violation', { direction: 'outbound', words, excerpt: scan.excerpt });
      await recordViolation(turn.db, { id: `${turn.key}:out:${turn.burst.at(-1)?.msgid ?? now}:${replies.length}`, at: now, open_kfid, external_userid, direction: 'outbound', masked_words: words, masked_excerpt: scan.excerpt });
      // Never sent: the customer gets the generic reply instead, and a person looks at it.
      replies.push({ text: systemText(turn.config, 'fallback', { locale: turn.memory.language, link: turn.link }) });
      decision.handoff ??= { reason: 'unsafe_reply', intent: turn.memory.lastIntent };
    }
  }

  /** 5. A handoff: route, ask Reception, then notice (already the last reply) and transfer. */
  private async routeHandoff(turn: Turn): Promise<void> {
    const { decision, config, link, hours, memory, replies, now, stamp } = turn;
    const handoff = decision.handoff;
    if (!handoff || !botHolds(turn.session.state)) return;
    const source = sourceOf(turn);
    const route = matchRoute(config.routing, { tags: [...turn.tags], intent: handoff.intent ?? memory.lastIntent ?? null, channel: memory.channel ?? null });
    const candidates = candidatesFor(config.groups, route.group);
    const maxConcurrent = link?.max_concurrent_per_servicer ?? 5;
    const reopenAt = hours.isOpen ? null : link ? nextOpening(link, now) : null;
    const result = candidates.length
      ? await this.reception().assign({ conversation: turn.key, candidates, strategy: route.strategy, maxConcurrent, lastServicer: memory.lastServicer ?? null, group: route.group ?? null, open: hours.isOpen, reopenAt })
      : ({ kind: 'queued', position: null, waitMinutes: null } as const);
    const group = route.group ?? null;
    turn.session = { ...turn.session, group };
    if (result.kind === 'assigned') {
      memory.handling = { since: now, servicer: result.servicer };
      turn.routed.push(['assigned', { servicer: result.servicer, group, from: 'routing' }]);
      turn.effects.actions.push({ kind: 'service_state_trans', purpose: 'transfer', service_state: 3, servicer: result.servicer, source, meta: { ...stamp, service_state: 3, servicer: result.servicer, group } });
    } else {
      if (result.position !== null && hours.isOpen) {
        const prompt = systemText(config, 'queue_prompt', { locale: memory.language, link, vars: { position: result.position, wait_minutes: result.waitMinutes ?? '—' } });
        const last = replies.at(-1);
        // One message for notice and place in the queue: the send budget keeps one slot for it.
        if (last && 'text' in last) replies[replies.length - 1] = { text: `${last.text}\n${prompt}` };
        else replies.push({ text: prompt });
      }
      turn.routed.push(['queued', { group, position: result.position, wait_minutes: result.waitMinutes, open: hours.isOpen }]);
      turn.effects.actions.push({ kind: 'service_state_trans', purpose: 'transfer', service_state: 2, servicer: null, source, meta: { ...stamp, service_state: 2, servicer: null, group } });
    }
    // The handoff event carries the routing outcome (metrics attribute the handling to it).
    const handoffEvent = decision.events.findIndex((e) => e.type === 'handoff');
    if (handoffEvent >= 0) {
      const e = decision.events[handoffEvent] as Extract<DecisionEvent, { type: 'handoff' }>;
      decision.events[handoffEvent] = { ...e, group, ...(result.kind === 'assigned' ? { servicer: result.servicer } : {}) } as DecisionEvent;
    } else {
      decision.events.push({ type: 'handoff', reason: handoff.reason, ...(handoff.intent ? { intent: handoff.intent } : {}) });
    }
  }

  /** 6. Commit: session, memory, timeline, outbox, and the items marked processed, in one transaction. */
  private commit(turn: Turn): void {
    const { now, config, effects } = turn;
    // The decision's events (message_in was recorded at ingest), the routing outcome, then the replies in order.
    for (const e of turn.decision.events) {
      if (e.type === 'message_in') continue;
      const { type, ...data } = e;
      turn.record(now, type, data as Record<string, Json>);
    }
    for (const [type, data] of turn.routed) turn.record(now, type, data);
    const source = sourceOf(turn);
    turn.replies.forEach((reply, index) => effects.actions.splice(index, 0, { kind: 'send_msg', purpose: 'reply', message: toMessage(reply), source, index, meta: turn.stamp }));

    this.ctx.storage.transactionSync(() => {
      this.meta.set('session', turn.session);
      this.meta.set('memory', turn.memory);
      this.meta.set('config_version', turn.runtime.version);
      this.meta.set('variant', turn.runtime.variant);
      this.meta.set('merge_window_ms', config.bot.merge_window_ms);
      this.meta.set('max_delivery_age_ms', config.bot.max_delivery_age_seconds * 1000);
      const keepDays = config.retention?.conversation_days;
      this.meta.set('retention_ms', keepDays === undefined ? null : keepDays * DAY_MS);
      for (const e of effects.events) this.record(e.at, e.type, e.data);
      for (const action of effects.actions) this.enqueue(action, now);
      if (turn.lastSeq !== undefined) this.ctx.storage.sql.exec('UPDATE inbound SET processed = 1 WHERE processed = 0 AND seq <= ?', turn.lastSeq);
    });
  }

  /**
   * The bot's decision for a turn: decide, then the semantic path when the knowledge matcher
   * doubted, then the NLP adapter when nothing understood the turn. A failure is noted in
   * `failures` and never leaves the customer without an answer: a semantic or NLP failure keeps
   * the first decision, a failure of decide itself hands the turn to people.
   */
  private async botDecision(input: DecideInput, failures: BotFailureNote[], version: number | null): Promise<Decision> {
    if (input.forceHandoff) return decide(input);
    let decision: Decision;
    try {
      decision = decide(input);
    } catch (e) {
      failures.push({ stage: 'decide', cause: errorText(e) });
      return decide({ ...input, forceHandoff: 'bot_error' });
    }
    const semantic = input.config.understanding.semantic;
    const bindings = semantic.enabled && semanticMayHelp(decision) ? this.semanticBindings() : null;
    if (bindings?.AI && version !== null) {
      try {
        const vectors = () => loadVersionVectors(bindings, version, semantic.embedding_model);
        const outcome = await askSemanticForTurn({ ai: bindings.AI, vectors }, input);
        if (outcome.kind === 'answer') decision = decide({ ...input, semantic: { entryId: outcome.entry.id, confidence: outcome.score } });
      } catch (e) {
        failures.push({ stage: 'semantic', cause: errorText(e) });
      }
    }
    const settings = input.config.bot.nlp;
    const adapter = settings.enabled && input.config.intents.length > 0 && missed(decision) ? this.nlpFor(settings.model) : null;
    if (!adapter) return decision;
    try {
      const text = input.messages.map((m) => m.text).join('\n');
      const r = await classifyWithin(adapter, text, input.config.intents.map((i) => i.name), settings.timeout_ms);
      if (r.intent === null || r.confidence < settings.min_confidence) return decision;
      return decide({ ...input, nlp: { intent: r.intent, confidence: r.confidence } });
    } catch (e) {
      failures.push({ stage: 'nlp', cause: errorText(e) });
      return decision;
    }
  }

  /**
   * While the bot is down, a link with a backup kf account (`backup_open_kfid`) offers its kf link
   * in the handoff notice (seed 5.2: 备用客服链路). The notice goes out without it when WeCom will
   * not give the link: the handoff must not wait on the API that may be what is failing.
   */
  private async offerBackup(replies: Reply[], config: Config, link: Link | undefined, locale: string | undefined): Promise<void> {
    const last = replies.at(-1);
    if (!link?.backup_open_kfid || !last || !('text' in last)) return;
    try {
      const url = await kfLinkUrl(this.env, link.backup_open_kfid);
      replies[replies.length - 1] = { text: `${last.text}\n${systemText(config, 'backup_link', { locale, link, vars: { url } })}` };
    } catch (e) {
      console.warn('conversation: no backup kf link for the notice', String(e));
    }
  }

  /**
   * WeCom's session state as its events tell it. Events are facts: when our mirror disagrees
   * with one (we missed a move), the fact wins and the state event says it was re-synchronised.
   */
  private mirror(session: Session, item: SyncMsgItem, at: number, record: Recorder): Session {
    const ev = item.event;
    if (item.origin === Origin.customer) return this.move(session, 'customer_message', session.state === 'closed' ? 'new' : session.state, session.servicer, item.msgid, at, record);
    if (item.origin === Origin.servicer) return this.move(session, 're_entered', 'human', item.servicer_userid ?? session.servicer, item.msgid, at, record);
    if (ev?.event_type === 'session_status_change' && ev.change_type !== undefined && ev.change_type >= 1 && ev.change_type <= 4) {
      const trigger = triggerForSessionChange(ev.change_type);
      const ended = trigger === 'ended';
      return this.move(session, trigger, ended ? 'closed' : 'human', ended ? null : (ev.new_servicer_userid ?? session.servicer), item.msgid, at, record);
    }
    if (ev?.event_type === 'msg_send_fail' && ev.fail_msgid) {
      // "Success does not mean delivery": the platform dropped a message it had accepted. The
      // delivery_failed event puts it in GET /admin/api/deliveries/failed beside our own give-ups.
      const sent = this.ctx.storage.sql.exec<{ purpose: string; text: string; attempts: number }>('SELECT purpose, text, attempts FROM outbox WHERE msgid = ?', ev.fail_msgid).toArray()[0];
      this.ctx.storage.sql.exec("UPDATE outbox SET status = 'failed', last_errcode = ? WHERE msgid = ? AND status = 'sent'", ev.fail_type ?? null, ev.fail_msgid);
      record(at, 'delivery_failed', {
        msgid: ev.fail_msgid,
        purpose: sent?.purpose ?? null,
        text: sent?.text ?? null,
        errcode: NO_ERRCODE,
        errmsg: `WeCom reported msg_send_fail (fail_type ${ev.fail_type ?? 'unknown'})`,
        reason: 'msg_send_fail',
        fail_type: ev.fail_type ?? null,
        attempts: sent?.attempts ?? null,
      });
    }
    return session;
  }

  private move(session: Session, trigger: Trigger, fact: ConversationState, servicer: string | null, msgid: string, at: number, record: Recorder): Session {
    const t = transition(session.state, trigger);
    const to = t.ok ? t.state : fact;
    if (to === session.state && servicer === session.servicer) return session;
    record(at, 'state', { from: session.state, to, trigger, msgid, servicer, ...(t.ok ? {} : { resynced: true }) });
    return { ...session, state: to, servicer: to === 'human' ? servicer : null, group: to === 'closed' || to === 'new' ? null : session.group };
  }

  /** Puts an action in the outbox; answers its msgid and whether it is new. */
  private enqueue(action: OutboundAction, now: number): { msgid: string; queued: boolean } {
    const { open_kfid, external_userid } = this.identity();
    const key = `${open_kfid}:${external_userid}`;
    // Retried until this age (bot.max_delivery_age_seconds), never past the platform's 48-hour window.
    const maxAge = Math.min(SESSION_LIFETIME_MS, this.meta.get<number>('max_delivery_age_ms') ?? SESSION_LIFETIME_MS);
    const row = (() => {
      switch (action.kind) {
        case 'send_msg_on_event':
          return {
            msgid: outboundMsgid(key, action.source, 0),
            body: (msgid: string) => ({ code: action.code, msgid, ...action.message }),
            text: outboundText(action.message),
            expiresAt: action.deadline,
          };
        case 'send_msg':
          return {
            msgid: outboundMsgid(key, action.source, action.index),
            body: (msgid: string) => ({ touser: external_userid, open_kfid, msgid, ...action.message }),
            text: outboundText(action.message),
            expiresAt: now + maxAge,
          };
        case 'service_state_trans':
          return {
            msgid: outboundMsgid(key, `trans:${action.source}`, action.service_state),
            body: () => ({ open_kfid, external_userid, service_state: action.service_state, ...(action.servicer ? { servicer_userid: action.servicer } : {}) }),
            text: action.service_state === 3 ? `→ ${action.servicer}` : '→ pool',
            expiresAt: now + maxAge,
          };
      }
    })();
    if (this.ctx.storage.sql.exec('SELECT 1 FROM outbox WHERE msgid = ?', row.msgid).toArray().length > 0) return { msgid: row.msgid, queued: false };
    const seq = this.ctx.storage.sql.exec<{ n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox').one().n;
    this.ctx.storage.sql.exec(
      `INSERT INTO outbox (msgid, seq, kind, purpose, body, text, status, due_at, expires_at, created_at, meta)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      row.msgid,
      seq,
      action.kind,
      action.purpose,
      JSON.stringify(row.body(row.msgid)),
      row.text,
      now,
      row.expiresAt,
      now,
      JSON.stringify(action.meta),
    );
    return { msgid: row.msgid, queued: true };
  }

  private pending(): OutboxRow[] {
    return this.ctx.storage.sql
      .exec<{ msgid: string; seq: number; kind: OutboxKind; purpose: string; body: string; text: string; attempts: number; due_at: number; expires_at: number | null; meta: string }>(
        "SELECT msgid, seq, kind, purpose, body, text, attempts, due_at, expires_at, meta FROM outbox WHERE status = 'pending' ORDER BY seq",
      )
      .toArray()
      .map((r) => ({ ...r, dueAt: r.due_at, expiresAt: r.expires_at, meta: JSON.parse(r.meta) as OutboxMeta }));
  }

  /** Sends what is due, in order; a queued item waiting for its retry holds back those after it. */
  private async deliver(api: WecomApi, now: () => number): Promise<void> {
    let queueBlocked = false;
    for (const item of dueItems(this.pending(), now())) {
      if (inQueue(item.kind) && queueBlocked) continue;
      const done = await this.attempt(api, item, now);
      if (!done && inQueue(item.kind)) queueBlocked = true;
    }
  }

  /** One try of one item; answers whether the item is finished (sent or given up). */
  private async attempt(api: WecomApi, item: OutboxRow, now: () => number): Promise<boolean> {
    if (item.expiresAt !== null && now() >= item.expiresAt) {
      this.giveUp(item, item.attempts, { errcode: NO_ERRCODE, errmsg: 'its deadline passed before it could be sent' }, 'expired');
      return true;
    }
    const attempts = item.attempts + 1;
    const body: unknown = JSON.parse(item.body);
    try {
      if (item.kind === 'send_msg') await api.sendMsg(body as Parameters<WecomApi['sendMsg']>[0]);
      else if (item.kind === 'send_msg_on_event') await api.sendMsgOnEvent(body as Parameters<WecomApi['sendMsgOnEvent']>[0]);
      else await api.serviceStateTrans(body as unknown as Parameters<WecomApi['serviceStateTrans']>[0]);
      this.delivered(item, attempts);
      return true;
    } catch (e) {
      // Not a WeCom answer (the token cache unreachable, a bug): nothing says the message is refused, so retry.
      const err = e instanceof WecomApiError ? e : new WecomApiError(NO_ERRCODE, e instanceof Error ? e.message : String(e), item.kind, true, 'network');
      const verdict = judgeFailure(err, { attempts, expiresAt: item.expiresAt, policy: item.kind === 'send_msg_on_event' ? WELCOME_BACKOFF : REPLY_BACKOFF }, now());
      if (verdict.type === 'delivered') {
        this.delivered(item, attempts);
        return true;
      }
      if (verdict.type === 'refused') {
        this.giveUp(item, attempts, err, verdict.reason);
        if (STALE_STATE_ERRCODES.has(err.errcode)) await this.resync(api);
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
      const stamp = { config_version: item.meta.config_version ?? null, variant: item.meta.variant ?? null };
      const session = this.session();
      if (item.kind === 'service_state_trans') {
        const to: ConversationState = item.meta.service_state === 3 ? 'human' : 'queued';
        const t = transition(session.state, to === 'human' ? 'handoff_servicer' : 'handoff_pool');
        this.record(at, 'state', { from: session.state, to, trigger: 'transfer', msgid: item.msgid, servicer: item.meta.servicer ?? null, ...stamp, ...(t.ok ? {} : { resynced: true }) });
        this.meta.set('session', { ...session, state: to, servicer: item.meta.servicer ?? null, group: item.meta.group ?? session.group });
        return;
      }
      if (item.purpose === 'welcome' || item.purpose === 'survey') {
        this.record(at, item.purpose, { msgid: item.msgid, text: item.text, servicer: item.meta.servicer ?? null, ...stamp });
        return;
      }
      this.record(at, 'message_out', { msgid: item.msgid, text: item.text, by: 'bot', purpose: item.purpose, ...stamp });
      const memory = this.memory();
      this.meta.set('memory', { ...memory, budget: recordSend(memory.budget) } satisfies Memory);
      const t = transition(session.state, 'bot_reply');
      if (t.ok && t.changed) {
        this.record(at, 'state', { from: session.state, to: t.state, trigger: 'bot_reply', msgid: item.msgid, servicer: null, ...stamp });
        this.meta.set('session', { ...session, state: t.state });
      }
    });
  }

  /**
   * WeCom refused because of the session's state, so our mirror missed a move (a servicer took the
   * customer in the WeCom client, another app or the console moved the session: anchors pain 3).
   * WeCom's answer is the fact: adopt it, say so on the timeline, and tell Reception who holds it.
   */
  private async resync(api: WecomApi): Promise<void> {
    const { open_kfid, external_userid } = this.identity();
    let answer: Awaited<ReturnType<WecomApi['serviceStateGet']>>;
    try {
      answer = await api.serviceStateGet({ open_kfid, external_userid });
    } catch (e) {
      console.warn('conversation: service_state/get failed; the next event will correct the state', String(e));
      return;
    }
    const state = fromServiceState(answer.service_state);
    const servicer = state === 'human' ? (answer.servicer_userid ?? null) : null;
    const session = this.session();
    if (session.state === state && session.servicer === servicer) return;
    this.ctx.storage.transactionSync(() => {
      this.record(Date.now(), 'state', { from: session.state, to: state, trigger: 'service_state_get', servicer, resynced: true });
      this.meta.set('session', { ...session, state, servicer, group: state === 'human' || state === 'queued' ? session.group : null });
    });
    if (servicer) await this.reception().assignedExternally(this.key(), servicer);
  }

  private giveUp(item: OutboxRow, attempts: number, err: { errcode: number; errmsg: string }, reason: 'refused' | 'expired'): void {
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("UPDATE outbox SET status = 'failed', attempts = ?, last_errcode = ?, last_errmsg = ? WHERE msgid = ?", attempts, err.errcode, err.errmsg, item.msgid);
      this.record(Date.now(), 'delivery_failed', { msgid: item.msgid, purpose: item.purpose, text: item.text, errcode: err.errcode, errmsg: err.errmsg, reason, attempts });
      // A transfer to a servicer that WeCom refused (not on duty, not activated): the pool instead.
      if (item.kind === 'service_state_trans' && item.meta.service_state === 3 && reason === 'refused') {
        this.enqueue({ kind: 'service_state_trans', purpose: 'transfer', service_state: 2, servicer: null, source: `fallback:${item.msgid}`, meta: { ...item.meta, service_state: 2, servicer: null } }, Date.now());
        this.ctx.waitUntil(this.reception().release(this.key()).catch((e: unknown) => console.warn('conversation: release after refused transfer', String(e))));
      }
    });
    console.warn('conversation: not delivered', { msgid: item.msgid, purpose: item.purpose, reason, errcode: err.errcode });
  }

  /** Copies new timeline events to D1 (analytics, the dashboard); stable ids make a repeat a no-op. */
  private async exportEvents(): Promise<void> {
    if (this.meta.get<string>('open_kfid') === null) return;
    const after = this.meta.get<number>('exported_seq') ?? 0;
    const rows = this.ctx.storage.sql
      .exec<{ seq: number; at: number; type: string; data: string }>('SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?', after, EXPORT_BATCH)
      .toArray();
    const last = rows.at(-1);
    if (!last) return;
    const identity = this.identity();
    await appendConversationEvents(
      createDb(this.env.DB),
      rows.flatMap((r) => analyticsRows(identity, { ...r, data: JSON.parse(r.data) as Record<string, unknown> })),
    );
    this.meta.set('exported_seq', last.seq);
    if (rows.length === EXPORT_BATCH) await this.clock.wake(Date.now());
  }

  // ── retention (config retention.conversation_days, as of the last turn) ───────

  /** How long what this conversation stored is kept: processed inbound items at least as long as they deduplicate redeliveries. */
  private retention(): { events: number; inbound: number } | null {
    const keepMs = this.meta.get<number>('retention_ms');
    return keepMs === null ? null : { events: keepMs, inbound: Math.max(keepMs, SEEN_RETENTION_MS) };
  }

  /**
   * Drops what is older than the retention limit: timeline events already copied to D1 (the
   * daily cron purges the copy), processed inbound items and settled outbox items.
   */
  private prune(now: number): void {
    const keep = this.retention();
    if (!keep) return;
    const exported = this.meta.get<number>('exported_seq') ?? 0;
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec('DELETE FROM events WHERE at < ? AND seq <= ?', now - keep.events, exported);
      this.ctx.storage.sql.exec('DELETE FROM inbound WHERE processed = 1 AND received_at < ?', now - keep.inbound);
      this.ctx.storage.sql.exec("DELETE FROM outbox WHERE status != 'pending' AND created_at < ?", now - keep.events);
    });
  }

  /** When the oldest prunable item expires (plus slack): an idle conversation still wakes to prune itself. */
  private pruneDueAt(): number | null {
    const keep = this.retention();
    if (!keep) return null;
    const oldest = this.ctx.storage.sql
      .exec<{ due: number | null }>(
        `SELECT MIN(due) AS due FROM (
           SELECT MIN(at) + ? AS due FROM events WHERE seq <= ?
           UNION ALL SELECT MIN(received_at) + ? FROM inbound WHERE processed = 1
           UNION ALL SELECT MIN(created_at) + ? FROM outbox WHERE status != 'pending')`,
        keep.events,
        this.meta.get<number>('exported_seq') ?? 0,
        keep.inbound,
        keep.events,
      )
      .one().due;
    return oldest === null ? null : oldest + PRUNE_SLACK_MS;
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

  private memory(): Memory {
    return this.meta.get<Memory>('memory') ?? INITIAL_MEMORY;
  }

  private reception() {
    return this.env.RECEPTION.get(this.env.RECEPTION.idFromName(this.identity().open_kfid));
  }

  private key(): string {
    const { open_kfid, external_userid } = this.identity();
    return `${open_kfid}:${external_userid}`;
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

export type { Runtime };
