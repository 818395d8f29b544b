import { DurableObject } from 'cloudflare:workers';
import { profileObject } from '../runtime/profile';
import { z } from 'zod';
import { admit, admitFromCopy, CLOSED, currentStatus, recordFailure, recordSuccess, settleBreaker, type BreakerState, type BreakerStatus } from '../engine/breaker';
import type { Env } from '../env';
import { readBreakerMirrorOf, writeBreakerMirror } from '../storage/breaker-mirror';
import type { TenantEnv } from '../storage/tenant';
import { tenantScoped, type Tenant } from '../wecom/corp';
import { ObjectTenant } from './tenant';
import { AlarmClock } from '../runtime/alarm-clock';
import { objectClock } from '../runtime/clock';
import { rpcInput } from '../runtime/rpc';
import { Meta, migrate } from '../runtime/storage';

/**
 * The circuit breaker of one kf account's bot pipeline (engine/breaker.ts), one object per
 * open_kfid: the one strongly consistent state every conversation of the account shares. Each
 * change of status is mirrored to KV (storage/breaker-mirror.ts); conversations read that mirror
 * before a bot turn and come here only when it is not simply closed or open (a half-open probe),
 * or to report how the bot fared. /healthz reads the mirror too.
 */

const FailureSchema = z.strictObject({
  /** The conversation and its turn: a turn run again after a crash is counted once. */
  key: z.string().min(1).max(512),
  cause: z.string().max(1000),
});

export interface BreakerView {
  status: BreakerStatus;
  /** Failures within the window (engine/breaker.ts BREAKER), newest last. */
  failures: Array<{ at: number; cause: string }>;
  opened_at: number | null;
  /** open: when the first probe may go through. */
  retry_at: number | null;
  since: number | null;
}

/** What a report did: `changed` when the status moved (closed → open, half-open → closed, …). */
export type BreakerChange = BreakerView & { changed: boolean };

export interface BotAdmission {
  allow: boolean;
  probe: boolean;
  status: BreakerStatus;
}

/** A failed write of the KV mirror is tried again this much later. */
const MIRROR_RETRY_MS = 5_000;

export class Breaker extends DurableObject<Env> {
  private readonly meta: Meta;
  private readonly clock: AlarmClock;
  private readonly tenant: ObjectTenant;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    profileObject('Breaker', this, ctx, env);
    this.tenant = new ObjectTenant(ctx.storage, env);
    migrate(ctx.storage, []);
    this.meta = new Meta(ctx.storage.sql);
    this.clock = new AlarmClock(ctx.storage, this.meta, objectClock());
  }

  /** Whether the bot may decide a new customer turn now; in half-open, one probe at a time. */
  async admit(tenant: Tenant, openKfid: string): Promise<BotAdmission> {
    this.adopt(tenant, openKfid);
    const a = admit(this.state(), Date.now());
    await this.save(a.state);
    return { allow: a.allow, probe: a.probe, status: a.status };
  }

  async failed(tenant: Tenant, openKfid: string, input: z.input<typeof FailureSchema>): Promise<BreakerChange> {
    this.adopt(tenant, openKfid);
    const f = rpcInput(FailureSchema, input, 'bot failure');
    return this.save(recordFailure(this.state(), { at: Date.now(), key: f.key, cause: f.cause }));
  }

  /** The half-open probe went through: the breaker closes. Otherwise changes nothing. */
  async succeeded(tenant: Tenant, openKfid: string): Promise<BreakerChange> {
    this.adopt(tenant, openKfid);
    return this.save(recordSuccess(this.state(), Date.now()));
  }

  async view(): Promise<BreakerView> {
    return breakerView(this.state(), Date.now());
  }

  override async alarm(): Promise<void> {
    // The cool-down ends on time even without traffic, so the mirror (and /healthz) stops saying "open".
    const dirty = this.meta.get<boolean>('mirror_dirty') === true;
    await this.save(settleBreaker(this.state(), this.clock.dueNow()), dirty);
    const state = this.state();
    const next = [state.status === 'open' ? state.retryAt : null, this.meta.get<boolean>('mirror_dirty') ? Date.now() + MIRROR_RETRY_MS : null].filter((x): x is number => x !== null);
    await this.clock.rearm(next.length ? Math.max(Math.min(...next), Date.now()) : null);
  }

  private adopt(tenant: Tenant, openKfid: string): void {
    this.tenant.adopt(rpcInput(z.string(), tenant, 'tenant'));
    rpcInput(z.string().min(1), openKfid, 'open_kfid');
    if (this.meta.get<string>('open_kfid') !== openKfid) this.meta.set('open_kfid', openKfid);
  }

  private state(): BreakerState {
    return this.meta.get<BreakerState>('breaker') ?? CLOSED;
  }

  /** Stores the state; on a change of status (or a mirror still to write), mirrors it to KV and wakes for the end of the cool-down. */
  private async save(next: BreakerState, mirrorAnyway = false): Promise<BreakerChange> {
    const before = this.state();
    const openKfid = this.meta.get<string>('open_kfid');
    // Most turns find it closed and leave it so: no write.
    if (JSON.stringify(next) !== JSON.stringify(before)) this.meta.set('breaker', next);
    const changed = next.status !== before.status;
    if (changed) console.warn(JSON.stringify({ at: 'breaker', open_kfid: openKfid, from: before.status, to: next.status, cause: next.failures.at(-1)?.cause ?? null }));
    if ((changed || mirrorAnyway) && openKfid) {
      try {
        await writeBreakerMirror(this.tenant.env(), openKfid, next);
        this.meta.set('mirror_dirty', null);
      } catch (e) {
        // Conversations read the mirror: a failed write is tried again soon, and never fails the turn that reported.
        console.warn(JSON.stringify({ at: 'breaker.mirror', open_kfid: openKfid, error: String(e) }));
        this.meta.set('mirror_dirty', true);
        await this.clock.wake(Date.now() + MIRROR_RETRY_MS);
      }
    }
    if (changed && next.retryAt !== null) await this.clock.wake(next.retryAt);
    return { ...breakerView(next, Date.now()), changed };
  }
}

function breakerView(state: BreakerState, now: number): BreakerView {
  return {
    status: currentStatus(state, now),
    failures: state.failures.map(({ at, cause }) => ({ at, cause })),
    opened_at: state.openedAt,
    retry_at: state.status === 'open' ? state.retryAt : null,
    since: state.since,
  };
}

/** One kf account's breaker object (per tenant). */
export function breakerStub(env: TenantEnv, openKfid: string): DurableObjectStub<Breaker> {
  return env.BREAKER.get(env.BREAKER.idFromName(tenantScoped(env.TENANT, openKfid)));
}

/**
 * The breaker as a conversation's turn uses it: the KV copy answers while the breaker is closed
 * (no call per bot turn) or cooling down; the object leases the half-open probe and hears reports.
 */
export function breakerFor(env: TenantEnv, openKfid: string) {
  return {
    admit: async (): Promise<BotAdmission> => admitFromCopy(await readBreakerMirrorOf(env, openKfid), Date.now()) ?? breakerStub(env, openKfid).admit(env.TENANT, openKfid),
    failed: (key: string, cause: string): Promise<BreakerChange> => breakerStub(env, openKfid).failed(env.TENANT, openKfid, { key, cause }),
    succeeded: (): Promise<BreakerChange> => breakerStub(env, openKfid).succeeded(env.TENANT, openKfid),
  };
}
