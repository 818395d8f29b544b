import { DurableObject } from 'cloudflare:workers';
import { profileObject } from '../runtime/profile';
import { z } from 'zod';
import type { Env } from '../env';
import { chooseServicer, estimateWaitMinutes, type Strategy } from '../rules/routing';
import type { TenantEnv } from '../storage/tenant';
import { tenantScoped, type Tenant } from '../wecom/corp';
import { corpActive, corpWecomApi } from './corp-api';
import { ObjectTenant } from './tenant';
import type { ReceptionPort } from './conversation/turn/types';
import { conversationStub } from './conversation/address';
import { AlarmClock } from '../runtime/alarm-clock';
import { objectClock } from '../runtime/clock';
import { rpcInput } from '../runtime/rpc';
import { Meta, migrate } from '../runtime/storage';

/**
 * Reception: one per kf account (open_kfid). The single, strongly consistent place that knows who
 * is on duty, how many conversations each servicer holds, and who waits in which order.
 * Conversations ask it for a servicer at handoff and tell it when a handling ends; it drains the
 * queue in order the moment capacity frees up (a queue must never wait for a customer to write again),
 * and tells each conversation it assigned through the alarm, retrying until it is heard.
 */

const AssignRequestSchema = z.strictObject({
  /** `${open_kfid}:${external_userid}` */
  conversation: z.string().regex(/^[^:]+:.+$/),
  /** Servicers allowed for this customer (the routed group), in preference order. */
  candidates: z.array(z.string().min(1)),
  strategy: z.enum(['least_busy', 'round_robin']),
  maxConcurrent: z.number().int().min(1),
  /** The customer's previous servicer, tried first while on duty and under capacity. */
  lastServicer: z.string().nullish(),
  group: z.string().nullish(),
  /** False outside the link's working hours: wait in the queue until `reopenAt`. */
  open: z.boolean().default(true),
  reopenAt: z.number().nullish(),
});
export type AssignRequest = z.input<typeof AssignRequestSchema>;

export type AssignResult =
  | { kind: 'assigned'; servicer: string }
  | { kind: 'queued'; position: number; waitMinutes: number | null };

export interface ReceptionSnapshot {
  servicers: Array<{ servicer: string; onDuty: boolean; load: number }>;
  queue: Array<{ conversation: string; group: string | null; enqueuedAt: number; position: number }>;
}

/** Servicer lists are refreshed from WeCom at most this often; status events update them between. */
const SERVICER_REFRESH_MS = 10 * 60_000;
/** A conversation that could not be told of its assignment is told again after these delays. */
const NOTIFY_RETRY_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;

const MIGRATIONS = [
  `CREATE TABLE servicers (servicer TEXT PRIMARY KEY, on_duty INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE assignments (conversation TEXT PRIMARY KEY, servicer TEXT NOT NULL, assigned_at INTEGER NOT NULL);
   CREATE INDEX assignments_servicer ON assignments (servicer);
   CREATE TABLE queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation TEXT NOT NULL UNIQUE, candidates TEXT NOT NULL,
                       strategy TEXT NOT NULL, max_concurrent INTEGER NOT NULL, last_servicer TEXT, group_id TEXT,
                       enqueued_at INTEGER NOT NULL, not_before INTEGER NOT NULL);
   CREATE TABLE round_robin (pool TEXT PRIMARY KEY, pointer TEXT);
   CREATE TABLE notify (conversation TEXT PRIMARY KEY, servicer TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER NOT NULL);`,
  // The circuit breaker moved to its own object (breaker.ts): its old state here is dropped.
  `DELETE FROM meta WHERE key = 'breaker';`,
];

type QueueRow = {
  seq: number;
  conversation: string;
  candidates: string;
  strategy: Strategy;
  max_concurrent: number;
  last_servicer: string | null;
  group_id: string | null;
  enqueued_at: number;
  not_before: number;
};

interface PickInput {
  candidates: string[];
  strategy: Strategy;
  maxConcurrent: number;
  lastServicer: string | null;
}

/** One kf account's Reception object (per tenant). */
export function receptionStub(env: TenantEnv, openKfid: string): DurableObjectStub<Reception> {
  return env.RECEPTION.get(env.RECEPTION.idFromName(tenantScoped(env.TENANT, openKfid)));
}

/** The Reception of a kf account as a conversation uses it: its calls name the tenant. */
export function receptionFor(env: TenantEnv, openKfid: string): ReceptionPort {
  const stub = () => receptionStub(env, openKfid);
  return {
    assign: (request) => stub().assign(env.TENANT, request),
    release: (conversation) => stub().release(env.TENANT, conversation),
    assignedExternally: (conversation, servicer) => stub().assignedExternally(env.TENANT, conversation, servicer),
  };
}

export class Reception extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly meta: Meta;
  private readonly clock: AlarmClock;
  private readonly tenant: ObjectTenant;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    profileObject('Reception', this, ctx, env);
    this.tenant = new ObjectTenant(ctx.storage, env);
    migrate(ctx.storage, MIGRATIONS);
    this.sql = ctx.storage.sql;
    this.meta = new Meta(this.sql);
    this.clock = new AlarmClock(ctx.storage, this.meta, objectClock());
  }

  /** A servicer for the conversation now, or its place in the queue; idempotent per conversation. */
  async assign(tenant: Tenant, input: AssignRequest): Promise<AssignResult> {
    this.adopt(tenant);
    const request = rpcInput(AssignRequestSchema, input, 'assign request');
    this.meta.set('open_kfid', request.conversation.slice(0, request.conversation.indexOf(':')));
    const held = this.assignmentOf(request.conversation);
    if (held) return { kind: 'assigned', servicer: held };
    const now = Date.now();
    if (request.open && !this.isQueued(request.conversation)) {
      await this.refreshServicersIfStale(now);
      const servicer = this.pick({ ...request, lastServicer: request.lastServicer ?? null });
      if (servicer) {
        this.recordAssignment(request.conversation, servicer, now);
        return { kind: 'assigned', servicer };
      }
    }
    if (!this.isQueued(request.conversation)) {
      const notBefore = request.open ? 0 : (request.reopenAt ?? now);
      this.sql.exec(
        `INSERT INTO queue (conversation, candidates, strategy, max_concurrent, last_servicer, group_id, enqueued_at, not_before)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        request.conversation,
        JSON.stringify(request.candidates),
        request.strategy,
        request.maxConcurrent,
        request.lastServicer ?? null,
        request.group ?? null,
        now,
        notBefore,
      );
      if (notBefore > now) await this.clock.wake(notBefore);
    }
    const position = this.positionOf(request.conversation) ?? 1;
    const onDuty = request.candidates.filter((s) => this.isOnDuty(s)).length;
    return { kind: 'queued', position, waitMinutes: estimateWaitMinutes(position, { servicersOnDuty: onDuty, maxConcurrent: request.maxConcurrent }) };
  }

  /** A handling ended (session closed, customer left the queue): free the slot, then drain. */
  async release(tenant: Tenant, conversation: string): Promise<void> {
    this.adopt(tenant);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM assignments WHERE conversation = ?', conversation);
      this.sql.exec('DELETE FROM queue WHERE conversation = ?', conversation);
      this.sql.exec('DELETE FROM notify WHERE conversation = ?', conversation);
    });
    await this.drain();
  }

  /** A servicer took the customer in their own WeCom client (from the pool, or by transfer). */
  async assignedExternally(tenant: Tenant, conversation: string, servicer: string): Promise<void> {
    this.adopt(tenant);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM queue WHERE conversation = ?', conversation);
      this.sql.exec('DELETE FROM notify WHERE conversation = ?', conversation);
      this.recordAssignment(conversation, servicer, Date.now());
    });
  }

  /** servicer_status_change: 1 接待中 (on duty) / 2 停止接待. Coming on duty drains the queue. */
  async setServicerStatus(tenant: Tenant, openKfid: string, servicer: string, onDuty: boolean): Promise<void> {
    this.adopt(tenant);
    this.meta.set('open_kfid', openKfid);
    this.upsertServicer(servicer, onDuty, Date.now());
    if (onDuty) await this.drain();
  }

  async snapshot(): Promise<ReceptionSnapshot> {
    const loads = this.loads();
    const known = this.sql.exec<{ servicer: string; on_duty: number }>('SELECT servicer, on_duty FROM servicers').toArray();
    const duty = new Map(known.map((s) => [s.servicer, s.on_duty === 1]));
    const names = new Set([...duty.keys(), ...Object.keys(loads)]);
    const queue = this.sql.exec<QueueRow>('SELECT * FROM queue ORDER BY seq').toArray();
    return {
      servicers: [...names].sort().map((servicer) => ({ servicer, onDuty: duty.get(servicer) ?? true, load: loads[servicer] ?? 0 })),
      queue: queue.map((q, i) => ({ conversation: q.conversation, group: q.group_id, enqueuedAt: q.enqueued_at, position: i + 1 })),
    };
  }

  private adopt(tenant: Tenant): void {
    this.tenant.adopt(rpcInput(z.string(), tenant, 'tenant'));
  }

  override async alarm(): Promise<void> {
    // A corp that cancelled its authorization: no one is assigned or told any more (no next alarm).
    if (!(await corpActive(this.tenant.env()))) return;
    try {
      await this.drain();
      await this.deliverNotifications();
    } finally {
      await this.clock.rearm(this.nextWake());
    }
  }

  /** Assigns waiting conversations, oldest first, while anyone who may take them has room. */
  private async drain(): Promise<void> {
    const now = Date.now();
    const waiting = this.sql.exec<QueueRow>('SELECT * FROM queue WHERE not_before <= ? ORDER BY seq', now).toArray();
    if (waiting.length === 0) return;
    await this.refreshServicersIfStale(now);
    let assigned = 0;
    for (const q of waiting) {
      const servicer = this.pick({ candidates: JSON.parse(q.candidates) as string[], strategy: q.strategy, maxConcurrent: q.max_concurrent, lastServicer: q.last_servicer });
      if (!servicer) continue;
      this.ctx.storage.transactionSync(() => {
        this.sql.exec('DELETE FROM queue WHERE seq = ?', q.seq);
        this.recordAssignment(q.conversation, servicer, now);
        this.sql.exec('INSERT OR REPLACE INTO notify (conversation, servicer, attempts, due_at) VALUES (?, ?, 0, ?)', q.conversation, servicer, now);
      });
      assigned++;
    }
    // Told through the alarm, not inline: release() is awaited by the conversation that just ended.
    if (assigned > 0) await this.clock.wake(now);
  }

  /** Tells conversations they were assigned from the queue; retried through the alarm until heard. */
  private async deliverNotifications(): Promise<void> {
    const now = Date.now();
    const due = this.sql
      .exec<{ conversation: string; servicer: string; attempts: number }>('SELECT conversation, servicer, attempts FROM notify WHERE due_at <= ? ORDER BY due_at', now)
      .toArray();
    for (const n of due) {
      try {
        await conversationStub(this.tenant.env(), n.conversation).assignedFromQueue(n.servicer);
        this.sql.exec('DELETE FROM notify WHERE conversation = ? AND servicer = ?', n.conversation, n.servicer);
      } catch (error) {
        const delay = NOTIFY_RETRY_MS[Math.min(n.attempts, NOTIFY_RETRY_MS.length - 1)]!;
        console.warn(JSON.stringify({ at: 'reception.notify', conversation: n.conversation, attempts: n.attempts + 1, error: String(error) }));
        this.sql.exec('UPDATE notify SET attempts = attempts + 1, due_at = ? WHERE conversation = ?', now + delay, n.conversation);
      }
    }
  }

  private pick(input: PickInput): string | null {
    // Round robin keeps one pointer per set of candidates (a group), whatever order they come in.
    const pool = [...input.candidates].sort().join(',');
    const pointer = this.sql.exec<{ pointer: string | null }>('SELECT pointer FROM round_robin WHERE pool = ?', pool).toArray()[0]?.pointer ?? null;
    const choice = chooseServicer({
      candidates: input.candidates,
      loads: this.loads(),
      onDuty: new Set(input.candidates.filter((s) => this.isOnDuty(s))),
      maxConcurrent: input.maxConcurrent,
      strategy: input.strategy,
      rrPointer: pointer,
      lastServicer: input.lastServicer,
    });
    if (!choice) return null;
    if (choice.nextRrPointer !== pointer) this.sql.exec('INSERT OR REPLACE INTO round_robin (pool, pointer) VALUES (?, ?)', pool, choice.nextRrPointer);
    return choice.servicer;
  }

  private recordAssignment(conversation: string, servicer: string, at: number): void {
    this.sql.exec('INSERT OR REPLACE INTO assignments (conversation, servicer, assigned_at) VALUES (?, ?, ?)', conversation, servicer, at);
  }

  private assignmentOf(conversation: string): string | null {
    return this.sql.exec<{ servicer: string }>('SELECT servicer FROM assignments WHERE conversation = ?', conversation).toArray()[0]?.servicer ?? null;
  }

  private isQueued(conversation: string): boolean {
    return this.sql.exec('SELECT 1 FROM queue WHERE conversation = ?', conversation).toArray().length > 0;
  }

  private positionOf(conversation: string): number | null {
    const row = this.sql
      .exec<{ position: number }>('SELECT COUNT(*) AS position FROM queue WHERE seq <= (SELECT seq FROM queue WHERE conversation = ?)', conversation)
      .toArray()[0];
    return row && row.position > 0 ? row.position : null;
  }

  private loads(): Record<string, number> {
    const rows = this.sql.exec<{ servicer: string; n: number }>('SELECT servicer, COUNT(*) AS n FROM assignments GROUP BY servicer').toArray();
    return Object.fromEntries(rows.map((r) => [r.servicer, r.n]));
  }

  /** A servicer WeCom has told us nothing about counts as on duty: routing must not stall on missing data. */
  private isOnDuty(servicer: string): boolean {
    const row = this.sql.exec<{ on_duty: number }>('SELECT on_duty FROM servicers WHERE servicer = ?', servicer).toArray()[0];
    return row ? row.on_duty === 1 : true;
  }

  private upsertServicer(servicer: string, onDuty: boolean, at: number): void {
    this.sql.exec(
      'INSERT INTO servicers (servicer, on_duty, updated_at) VALUES (?, ?, ?) ON CONFLICT (servicer) DO UPDATE SET on_duty = excluded.on_duty, updated_at = excluded.updated_at',
      servicer,
      onDuty ? 1 : 0,
      at,
    );
  }

  private async refreshServicersIfStale(now: number): Promise<void> {
    const openKfid = this.meta.get<string>('open_kfid');
    if (!openKfid || now - (this.meta.get<number>('servicers_refreshed') ?? 0) < SERVICER_REFRESH_MS) return;
    this.meta.set('servicers_refreshed', now);
    try {
      const list = await corpWecomApi(this.tenant.env()).servicerList(openKfid);
      // servicer/list says 0 = 接待中, 1 = 停止接待 (unlike the status events' 1 / 2).
      for (const s of list.servicer_list) if (s.userid) this.upsertServicer(s.userid, s.status === 0, now);
    } catch (error) {
      // Keep what we knew: a failed refresh must not block a handoff.
      console.warn(JSON.stringify({ at: 'reception.servicer_list', open_kfid: openKfid, error: String(error) }));
    }
  }

  private nextWake(): number | null {
    const now = Date.now();
    const queue = this.sql.exec<{ at: number | null }>('SELECT MIN(not_before) AS at FROM queue WHERE not_before > ?', now).toArray()[0]?.at ?? null;
    const notify = this.sql.exec<{ at: number | null }>('SELECT MIN(due_at) AS at FROM notify').toArray()[0]?.at ?? null;
    const next = [queue, notify].filter((x): x is number => x !== null);
    return next.length ? Math.max(Math.min(...next), now) : null;
  }
}
