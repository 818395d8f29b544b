import { DurableObject } from 'cloudflare:workers';
import { profileObject } from '../../runtime/profile';
import { z } from 'zod';
import { recordSend } from '../../engine/budget';
import { workersAiNlp, type NlpAdapter, type TextGeneration } from '../../engine/nlp';
import { dueCutoff } from '../../runtime/alarm-clock';
import { SerialRunner } from '../../runtime/serial-runner';
import type { Env } from '../../env';
import { tenantDb, type TenantDb, type TenantEnv } from '../../storage/tenant';
import { kfLinkUrl } from '../../storage/kf-links';
import { fallbackRuntime, runtimeFor } from '../../storage/runtime';
import { semanticBindings, type SemanticBindings } from '../../storage/semantic-vectors';
import type { WecomApi } from '../../wecom/api';
import { tenantScoped, type Tenant } from '../../wecom/corp';
import { SyncMsgItemSchema, type SyncMsgItem } from '../../wecom/types';
import { AlarmClock } from '../../runtime/alarm-clock';
import { objectClock } from '../../runtime/clock';
import { rpcInput, type Json } from '../../runtime/rpc';
import { Meta, migrate } from '../../runtime/storage';
import { traceRun, type RunTrace } from '../../runtime/run-trace';
import { breakerFor } from '../breaker';
import { corpActive, corpWecomApi } from '../corp-api';
import { receptionFor } from '../reception';
import { ObjectTenant } from '../tenant';
import { withSignedLinks } from '../signed-links';
import { AnalyticsCopy } from './analytics-copy';
import { InboundLog } from './inbound';
import { turnDueAt } from './merge';
import { ConversationMemo, type Identity } from './memory';
import { Outbox, type DeliveryListener, type OutboxItem } from './outbox';
import { keptFor, prune, pruneDueAt, type RetainedTables } from './retention';
import { reduceSession, type SessionChange } from './session';
import type { ConversationView, OutboxEntry } from './shapes';
import { CONVERSATION_MIGRATIONS } from './tables';
import { inboundEvent, Timeline } from './timeline';
import { runTurn, type TurnInput, type TurnOutcome, type TurnPorts } from './turn';
import { loadTurn } from './turn/load';

export type { ConversationView, OutboxEntry } from './shapes';

/** A turn run at once on ingest keeps an alarm pending within this long: the net should the instance die first. */
const TURN_NET_MS = 10_000;
/** After a failed run the object wakes no sooner than this: try again a little later, not in a hot loop. */
const RETRY_AFTER_FAILURE_MS = 5_000;
const notSooner = (due: number, broken: boolean): number => (broken ? Math.max(due, Date.now() + RETRY_AFTER_FAILURE_MS) : due);
export type { Session } from './session';
export type { TimelineEvent } from './timeline';

/** RPC input check: the Inbox hands items with open_kfid and external_userid filled in. */
const IngestSchema = z.array(SyncMsgItemSchema.extend({ open_kfid: z.string().min(1), external_userid: z.string().min(1) })).min(1);

/**
 * One conversation: a customer (external_userid) with one kf account (open_kfid), named
 * `${open_kfid}:${external_userid}`. A thin shell: its RPC surface, its alarm, and the wiring of
 * the collaborators that do the work, each with one job:
 *
 * - inbound.ts: each msgid once, until a turn processed it;
 * - timeline.ts: every event with its time and config version, copied to D1, pruned;
 * - session.ts: the one reducer every change of the session goes through;
 * - outbox.ts: deterministic msgids, ordered delivery, retries with backoff, give-ups;
 * - turn/: the turn as phases that each return a typed result, put together by one commit;
 * - retention.ts: what is pruned when.
 *
 * ingest() stores new items and wakes the alarm when the merge policy says (a burst is answered once);
 * the alarm runs a turn, session expiry, delivery, pruning and the copy to D1, one run at a time.
 */
export class Conversation extends DurableObject<Env> {
  private readonly meta: Meta;
  private readonly memo: ConversationMemo;
  private readonly clock: AlarmClock;
  private readonly inbound: InboundLog;
  private readonly timeline: Timeline;
  private readonly deliveries: Outbox;
  private readonly runner = new SerialRunner(() => this.work());
  /** The time the alarm that triggered the coming run was set for (see dueCutoff). */
  private firedFor: number | null = null;
  /** An alarm triggered the coming run (else ingest did: a turn due at once). */
  private alarmFired = false;
  /**
   * The NLP adapter for a model (engine/nlp.ts): Workers AI when the AI binding exists. It is the
   * outside world, so tests put a fake adapter here (runInDurableObject) instead of calling out.
   */
  nlpFor: (model: string) => NlpAdapter | null = (model) => (this.env.AI ? workersAiNlp(this.env.AI as unknown as TextGeneration, model) : null);
  /** The semantic path's bindings (engine/semantic-turn.ts); tests put a stand-in AI here, like nlpFor. */
  semanticBindings: (env: TenantEnv) => SemanticBindings = (env) => semanticBindings(env);
  /** Whose conversation this is (named by the Inbox on ingest): its D1 rows, KV keys, token and Reception. */
  private readonly tenant: ObjectTenant;
  private readonly copy: AnalyticsCopy;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    profileObject('Conversation', this, ctx, env);
    this.tenant = new ObjectTenant(ctx.storage, env);
    migrate(ctx.storage, CONVERSATION_MIGRATIONS);
    // This instance is the only writer of its storage: what it read or wrote (and saw committed)
    // stays true until forget() empties the storage, so it is kept for the instance's life.
    this.meta = new Meta(ctx.storage.sql, true);
    this.memo = new ConversationMemo(this.meta);
    const time = objectClock();
    this.clock = new AlarmClock(ctx.storage, this.meta, time);
    this.inbound = new InboundLog(ctx.storage.sql);
    this.timeline = new Timeline(ctx.storage.sql, this.meta);
    this.copy = new AnalyticsCopy(this.timeline, () => this.memo.identityOrNull());
    this.deliveries = new Outbox(ctx.storage, this.timeline, {
      // The outbound msgids' seed is the conversation's scoped name: the same customer and kf account
      // under two corps must not produce the same msgid (the own corp's stay what they were).
      addressee: () => {
        const identity = this.memo.identity();
        return { ...identity, key: tenantScoped(this.tenant.current(), identity.key) };
      },
      maxAgeMs: () => this.memo.settings().max_delivery_age_ms,
      random: () => time.random(),
    });
  }

  /**
   * Stores new items (by msgid: an item seen before is ignored) on the timeline, in order, and
   * schedules their processing. Once this resolves they are durable; the Inbox then moves its cursor.
   */
  async ingest(items: SyncMsgItem[], tenant: Tenant): Promise<{ stored: number; duplicates: number }> {
    const parsed = rpcInput(IngestSchema, items, 'ingest items');
    this.tenant.adopt(rpcInput(z.string(), tenant, 'tenant'));
    const first = parsed[0]!;
    this.memo.adopt(first.open_kfid, first.external_userid);
    for (const item of parsed) {
      if (item.open_kfid !== first.open_kfid || item.external_userid !== first.external_userid) {
        throw new Error(`ingest mixes conversations: ${first.open_kfid}:${first.external_userid} and ${item.open_kfid}:${item.external_userid}`);
      }
    }
    const now = Date.now();
    let stored = 0;
    this.ctx.storage.transactionSync(() => {
      for (const item of parsed) {
        if (!this.inbound.add(item, now)) continue;
        stored++;
        const { type, data } = inboundEvent(item);
        this.timeline.record(now, type, data);
      }
    });
    // Customer messages wait as the merge policy says, so that a burst gets one answer (merge.ts).
    // One due now runs at once, not through an alarm set for now (two alarm writes a message).
    if (stored > 0 && (await this.clock.wakeOrRunNow(this.turnDueAt() ?? now, TURN_NET_MS))) {
      void this.runner.run().catch((e: unknown) => console.error('conversation: run failed; the alarm tries again', e));
    }
    return { stored, duplicates: parsed.length - stored };
  }

  /** The Reception object assigned this waiting customer to a servicer: transfer the session to them. */
  async assignedFromQueue(servicer: string): Promise<void> {
    rpcInput(z.string().min(1), servicer, 'servicer');
    const now = Date.now();
    const session = this.memo.session();
    if (session.state === 'human' && session.servicer === servicer) return;
    const { key } = this.memo.identity();
    if (session.state === 'closed') {
      // The customer left while waiting: give the slot back.
      await this.reception().release(key);
      return;
    }
    this.ctx.storage.transactionSync(() => {
      this.memo.setMemory({ ...this.memo.memory(), handling: { since: now, servicer } });
      this.changeSession({ kind: 'assigned', servicer }, now);
      this.timeline.record(now, 'assigned', { servicer, group: session.group, from: 'queue' });
      this.deliveries.enqueue({ kind: 'service_state_trans', purpose: 'transfer', service_state: 3, servicer, source: `assigned:${now}`, meta: { service_state: 3, servicer, group: session.group } }, now);
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
      const identity = this.memo.identityOrNull();
      const events = this.timeline.count();
      if (identity) await this.reception().release(identity.key);
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.meta.forgetKept();
      this.copy.forget();
      this.tenant.forget();
      // This instance lives on in memory: give it its empty schema back for the customer's next message.
      migrate(this.ctx.storage, CONVERSATION_MIGRATIONS);
      this.firedFor = null;
      result = { forgotten: identity !== null || events > 0, events };
    });
    return result;
  }

  async view(): Promise<ConversationView> {
    return this.memo.view(this.timeline.all());
  }

  /** Every outbound item, in order: sent, pending (with its next try) and given up on (with why). */
  async outbox(): Promise<OutboxEntry[]> {
    return this.deliveries.entries();
  }

  override async alarm(): Promise<void> {
    this.firedFor = this.clock.setFor();
    this.alarmFired = true;
    await this.runner.run();
  }

  // ── the run: a turn, expiry, delivery, pruning, then the analytics copy ──────

  private async work(): Promise<void> {
    const firedFor = this.firedFor;
    const alarmFired = this.alarmFired;
    this.firedFor = null;
    this.alarmFired = false;
    const due = () => dueCutoff(Date.now(), firedFor);
    let broken = false;
    const env = this.tenant.env();
    const trace = traceRun(this.env, 'Conversation', () => ({ trigger: alarmFired ? 'alarm' : 'ingest', customer: this.memo.identityOrNull()?.external_userid ?? null }));
    let turned: TurnInput | null = null;
    // A corp that cancelled its authorization gets no more turns or sends; what is kept is pruned as before.
    let active = true;
    try {
      active = await corpActive(env);
      if (active) {
        turned = await this.turn(due(), env, trace);
        await this.expireIfDue(due());
        const api = withSignedLinks(corpWecomApi(env), env, () => this.memo.identity().external_userid, due);
        await this.deliveries.deliver(api, { due, now: Date.now }, this.deliveryListener(api));
        trace.phase('delivered');
      }
      prune(this.tables(), keptFor(this.memo.settings().retention_ms), due());
    } catch (e) {
      // A bug, a storage or D1 failure: the work stays in storage; try again a little later, not in a hot loop.
      broken = true;
      console.error('conversation: run failed', e);
    } finally {
      await this.clock.rearm(this.nextWake(broken, active), !alarmFired);
      trace.phase('rearmed');
      // The copy to D1 comes last, so that the run's writes (delivery, pruning, the alarm) end in
      // one commit: the copy's own position is stored by the next run (timeline.ts).
      await this.exportEvents(env, broken, !alarmFired).catch((e: unknown) => console.warn('conversation: analytics copy deferred', String(e)));
      trace.end({ broken, items: turned?.items.length ?? 0, receivedAt: turned?.items[0]?.receivedAt ?? null });
    }
  }

  /** Runs the turn due at `now`, if any; answers what it started from (null: nothing was due). */
  private async turn(now: number, env: TenantEnv, trace: RunTrace): Promise<TurnInput | null> {
    const db = tenantDb(env);
    // The events not copied to D1 yet ride in the turn's first batch (no round trip of their own).
    const input = await this.copy.ride(db, (alongside) =>
      loadTurn(now, { db, inbound: this.inbound, memo: this.memo, runtimeFor: (c) => runtimeFor(env, c), fallbackRuntime: () => fallbackRuntime(env), alongside }),
    );
    trace.phase('loaded');
    if (!input) return null;
    const outcome = await runTurn(input, this.turnPorts(db, input.identity, env));
    trace.phase('decided');
    this.commit(outcome, now);
    return input;
  }

  /** The turn's one commit: session, memory, timeline, outbox, the items marked processed and the copy's position, in one transaction. */
  private commit(outcome: TurnOutcome, now: number): void {
    this.ctx.storage.transactionSync(() => {
      for (const d of outcome.dropped) this.deliveries.markDropped(d.msgid, d.failType);
      this.memo.setSession(outcome.session);
      this.memo.setMemory(outcome.memory);
      this.memo.setSettings(outcome.settings);
      for (const e of outcome.events) this.timeline.record(e.at, e.type, e.data);
      for (const action of outcome.actions) this.deliveries.enqueue(action, now);
      if (outcome.processedThrough !== undefined) this.inbound.markProcessed(outcome.processedThrough);
      this.timeline.savePosition();
    });
  }

  private turnPorts(db: TenantDb, identity: Identity, env: TenantEnv): TurnPorts {
    return {
      db,
      reception: receptionFor(env, identity.open_kfid),
      breaker: breakerFor(env, identity.open_kfid),
      bot: { nlpFor: (model) => this.nlpFor(model), semantic: () => this.semanticBindings(env), kfLinkUrl: (id) => kfLinkUrl(env, corpWecomApi(env), id) },
      sentItem: (msgid) => this.deliveries.sentItem(msgid),
    };
  }

  /** Applies a change to the session through the reducer and records what it caused. */
  private changeSession(change: SessionChange, at: number, stamp: Record<string, Json> = {}): void {
    const before = this.memo.session();
    const step = reduceSession(before, change);
    for (const e of step.events) this.timeline.record(at, e.type, { ...e.data, ...stamp });
    if (step.session !== before) this.memo.setSession(step.session);
  }

  private deliveryListener(api: WecomApi): DeliveryListener {
    return {
      sent: (item, at) => this.sent(item, at),
      staleState: () => this.resync(api),
      transferRefused: () => {
        const { key } = this.memo.identity();
        this.ctx.waitUntil(this.reception().release(key).catch((e: unknown) => console.warn('conversation: release after refused transfer', String(e))));
      },
    };
  }

  /** A delivered item moves the session: a transfer hands it over, a bot reply makes it the bot's and spends the budget. */
  private sent(item: OutboxItem, at: number): void {
    const stamp = { config_version: item.meta.config_version ?? null, variant: item.meta.variant ?? null };
    if (item.kind === 'service_state_trans') {
      const serviceState = item.meta.service_state === 3 ? 3 : 2;
      this.changeSession({ kind: 'transferred', serviceState, servicer: item.meta.servicer ?? null, group: item.meta.group, msgid: item.msgid }, at, stamp);
      return;
    }
    if (item.purpose === 'welcome' || item.purpose === 'survey') return;
    const memory = this.memo.memory();
    this.memo.setMemory({ ...memory, budget: recordSend(memory.budget) });
    this.changeSession({ kind: 'bot_replied', msgid: item.msgid }, at, stamp);
  }

  /**
   * WeCom refused because of the session's state, so our mirror missed a move (a servicer took the
   * customer in the WeCom client, another app or the console moved the session). WeCom's answer is
   * the fact: adopt it, say so on the timeline, and tell Reception who holds the customer.
   */
  private async resync(api: WecomApi): Promise<void> {
    const { open_kfid, external_userid, key } = this.memo.identity();
    let answer: Awaited<ReturnType<WecomApi['serviceStateGet']>>;
    try {
      answer = await api.serviceStateGet({ open_kfid, external_userid });
    } catch (e) {
      console.warn('conversation: service_state/get failed; the next event will correct the state', String(e));
      return;
    }
    const change: SessionChange = { kind: 'resynced', serviceState: answer.service_state, servicer: answer.servicer_userid ?? null };
    const step = reduceSession(this.memo.session(), change);
    if (step.events.length === 0) return;
    this.ctx.storage.transactionSync(() => this.changeSession(change, Date.now()));
    if (step.session.state === 'human' && step.session.servicer) await this.reception().assignedExternally(key, step.session.servicer);
  }

  /**
   * The session expired without an event: close it here too, so a servicer's slot in Reception is
   * not held forever by a customer who simply went away (the queue would otherwise never drain).
   */
  private async expireIfDue(now: number): Promise<void> {
    const endsAt = this.memo.sessionEndsAt();
    if (endsAt === null || endsAt > now) return;
    // A customer message still waiting for its turn has extended the session.
    if (this.inbound.hasUnprocessed()) return;
    const session = this.memo.session();
    if (session.state === 'human' || session.state === 'queued') await this.reception().release(this.memo.identity().key);
    const memory = this.memo.memory();
    this.ctx.storage.transactionSync(() => {
      this.changeSession({ kind: 'expired' }, now);
      const lastServicer = memory.handling?.servicer ?? memory.lastServicer;
      this.memo.setMemory({ ...memory, handling: undefined, escalationDueAt: undefined, ...(lastServicer ? { lastServicer } : {}) });
    });
  }

  private tables(): RetainedTables {
    return { store: this.ctx.storage, timeline: this.timeline, inbound: this.inbound, outbox: this.deliveries };
  }

  private nextWake(broken: boolean, active: boolean): number | null {
    const keep = keptFor(this.memo.settings().retention_ms);
    const work = active ? [this.turnDueAt(), this.deliveries.nextDueAt(), this.memo.memory().escalationDueAt ?? null, this.memo.sessionEndsAt()] : [];
    const candidates = [...work, pruneDueAt(this.tables(), keep)].filter((x): x is number => x !== null);
    return candidates.length === 0 ? null : notSooner(Math.min(...candidates), broken);
  }

  /** When the items no turn has processed yet are due for one (merge.ts), or null. */
  private turnDueAt(): number | null {
    return turnDueAt(this.inbound.unprocessed(), this.memo.settings());
  }

  /**
   * Copies new timeline events to D1 (analytics-copy.ts); stable ids make a repeat a no-op. The
   * alarm was set before: it wakes sooner when more wait, or when what was copied is due for pruning.
   */
  private async exportEvents(env: TenantEnv, broken: boolean, deferrable: boolean): Promise<void> {
    // A run the alarm follows soon anyway (the net of a turn run at once) leaves its events to that
    // run or to the next turn's first batch, whichever comes first.
    const pending = this.clock.setFor();
    if (deferrable && pending !== null && pending > Date.now() && pending <= Date.now() + TURN_NET_MS) return;
    const { copied, more } = await this.copy.run(tenantDb(env));
    const wake = more ? Date.now() : copied > 0 ? pruneDueAt(this.tables(), keptFor(this.memo.settings().retention_ms)) : null;
    if (wake !== null) await this.clock.wake(notSooner(wake, broken));
  }

  private reception() {
    return receptionFor(this.tenant.env(), this.memo.identity().open_kfid);
  }
}
