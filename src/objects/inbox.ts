import { DurableObject } from 'cloudflare:workers';
import { profileObject } from '../runtime/profile';
import { z } from 'zod';
import { backoffMs, type BackoffPolicy } from '../runtime/backoff';
import { SerialRunner } from '../runtime/serial-runner';
import type { Env } from '../env';
import type { WecomApi } from '../wecom/api';
import type { TenantEnv } from '../storage/tenant';
import { corpActive, corpWecomApi } from './corp-api';
import { ObjectTenant } from './tenant';
import { handOnPage } from './inbox-page';
import { SYNC_TOKEN_REFUSED, WecomApiError, type WecomApiFailure } from '../wecom/errors';
import { OpenKfIdSchema, SyncTokenSchema } from '../wecom/callback';
import { SEEN_RETENTION_MS } from '../wecom/types';
import { AlarmClock } from '../runtime/alarm-clock';
import { objectClock, type Clock } from '../runtime/clock';
import { rpcInput } from '../runtime/rpc';
import { Meta, migrate } from '../runtime/storage';
import { traceRun, type RunTrace } from '../runtime/run-trace';

/**
 * The inbox of one kf account (one instance per open_kfid): turns WeCom's "there is something
 * new" callbacks into every message handed on exactly once, in order.
 *
 * - The callback route awaits notify(), which only stores the Token durably and sets the alarm.
 * - The alarm pulls kf/sync_msg from the saved cursor while has_more, one pull at a time.
 * - Each page: msgids already seen are skipped, items are grouped per customer and handed to
 *   that customer's Conversation object (awaited: it stores them), and only then is the cursor
 *   saved. A crash in between re-reads the page; the seen-set and the Conversation's own msgid
 *   check make the re-read harmless: every message is handed on once, none is lost.
 */

/** What the callback route hands over; receivedAt is the Worker's clock when the callback arrived. */
export const NotifySchema = z.strictObject({
  /** Whose kf account: '' for the deployment's own corp, an authorized corp's id otherwise (src/wecom/corp.ts). */
  tenant: z.string(),
  token: SyncTokenSchema,
  /** Empty for the 2021 callback format without OpenKfId: then all accounts are pulled together. */
  openKfId: z.union([z.literal(''), OpenKfIdSchema]),
  receivedAt: z.number().int().nonnegative(),
  /**
   * The callback's msg_signature and how long a replay of it can still pass the route's
   * timestamp check: a signature served within that time is answered without another pull.
   */
  served: z.strictObject({ signature: z.string().regex(/^[0-9a-f]{40}$/), forMs: z.number().int().nonnegative() }).optional(),
});
export type NotifyInput = z.infer<typeof NotifySchema>;

export interface InboxStatus {
  openKfId: string | null;
  cursor: string;
  /** A pull was asked for and has not completed yet. */
  pending: boolean;
  /** When the next try is planned after a failure, or null. */
  retryAt: number | null;
  lastError: WecomApiFailure | { message: string } | null;
  /** msgids remembered for deduplication (bounded by the platform's 3-day reach). */
  seen: number;
  /** Items set aside because they did not parse, kept raw. */
  rejected: number;
}

/** The callback Token is valid 10 minutes from WeCom's side; stop using it a little before. */
const SYNC_TOKEN_TTL_MS = 10 * 60_000 - 30_000;
/** Without a Token WeCom rate-limits sync_msg strictly: at most one such pass a minute per account. */
const TOKENLESS_INTERVAL_MS = 60_000;
const PAGE_LIMIT = 1000;
const MAX_STALLED_PAGES = 10;
/** sync_msg: retried until it works, never faster than WeCom's rate limit tolerates. */
const PULL_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

const MIGRATIONS = [
  `CREATE TABLE seen (msgid TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
   CREATE INDEX seen_by_time ON seen (seen_at);
   CREATE TABLE kf_events (msgid TEXT PRIMARY KEY, at INTEGER NOT NULL, item TEXT NOT NULL);
   CREATE TABLE rejected (raw TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);`,
  `CREATE TABLE served_callbacks (signature TEXT PRIMARY KEY, until INTEGER NOT NULL);
   CREATE INDEX served_callbacks_by_time ON served_callbacks (until);`,
  // kf-wide events were copied here and never read or pruned: Reception keeps what they tell.
  `DROP TABLE kf_events;`,
];

interface StoredToken {
  value: string;
  receivedAt: number;
}

/** The pull has to wait (tokenless rate limit) until `until`; not a failure. */
class PullDeferred extends Error {
  constructor(readonly until: number) {
    super(`pull deferred until ${new Date(until).toISOString()}`);
  }
}

export class Inbox extends DurableObject<Env> {
  private readonly meta: Meta;
  private readonly time: Clock = objectClock();
  private readonly clock: AlarmClock;
  private readonly runner = new SerialRunner(() => this.drain());
  /** The account, the pull requests and the newest Token, once read or written (this instance is their only writer). */
  private openKfId: string | undefined;
  private requestedCount: number | undefined;
  private latestToken: StoredToken | null | undefined;
  private readonly tenant: ObjectTenant;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    profileObject('Inbox', this, ctx, env);
    this.tenant = new ObjectTenant(ctx.storage, env);
    migrate(ctx.storage, MIGRATIONS);
    // This instance is the only writer of its storage: what it read or wrote (and saw committed)
    // stays true, so it is kept for the instance's life instead of read afresh per request.
    this.meta = new Meta(ctx.storage.sql, true);
    this.clock = new AlarmClock(ctx.storage, this.meta, this.time);
  }

  /**
   * A kf_msg_or_event callback arrived: keep its Token and have the alarm pull. Returns as soon
   * as that is durable (a few row writes; the output gate holds the answer until they are
   * committed); the pull never runs inside the callback's request, and nothing here waits on it.
   */
  async notify(input: NotifyInput): Promise<{ replayed: boolean }> {
    const n = rpcInput(NotifySchema, input, 'notify');
    this.tenant.adopt(n.tenant);
    this.adopt(n.openKfId);
    if (n.served && this.replayed(n.served.signature, n.served.forMs, n.receivedAt)) return { replayed: true };
    const current = this.token();
    if (!current || n.receivedAt >= current.receivedAt) this.setToken({ value: n.token, receivedAt: n.receivedAt });
    this.request();
    // A pull in progress makes one more pass for this request (the runner's flag, not a new
    // alarm): during a burst of callbacks the pulls coalesce.
    if (this.runner.busy) {
      void this.runner.run();
      return { replayed: false };
    }
    // Respect a pending backoff: a burst of callbacks during a WeCom outage must not hammer it.
    // Every run ends in rearm(), so an alarm the clock set for now or earlier is still to run.
    await this.clock.wakeCovered(Math.max(Date.now(), this.meta.get<number>('retry_at') ?? 0));
    return { replayed: false };
  }

  /**
   * Whether this signature was served already (a replayed or redelivered callback: the pull it
   * caused covers it); else remembers it for as long as a replay could pass the timestamp check.
   * One statement: the insert writes nothing when a live row for the signature exists (an
   * expired one is renewed; the drain prunes the rest).
   */
  private replayed(signature: string, forMs: number, now: number): boolean {
    const cursor = this.ctx.storage.sql.exec(
      'INSERT INTO served_callbacks (signature, until) VALUES (?, ?) ON CONFLICT (signature) DO UPDATE SET until = excluded.until WHERE served_callbacks.until < ?',
      signature,
      now + forMs,
      now,
    );
    return cursor.rowsWritten === 0;
  }

  /** Pulls now, or joins the pull in progress (then one more pass follows it); resolves when idle. */
  async pullNow(): Promise<InboxStatus> {
    // No callback yet: the inbox does not know its account, and there is nothing to pull.
    if (this.meta.get<string>('open_kfid') === null) return this.status();
    this.request();
    await this.runner.run();
    return this.status();
  }

  override async alarm(): Promise<void> {
    await this.runner.run();
  }

  async status(): Promise<InboxStatus> {
    const count = (table: string) => this.ctx.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
    return {
      openKfId: this.meta.get<string>('open_kfid'),
      cursor: this.meta.get<string>('cursor') ?? '',
      pending: this.requested() > this.served(),
      retryAt: this.meta.get<number>('retry_at'),
      lastError: this.meta.get<InboxStatus['lastError']>('last_error'),
      seen: count('seen'),
      rejected: count('rejected'),
    };
  }

  // ── the pull loop ──────────────────────────────────────────────────────────

  /**
   * Pull requests are counted durably: each notify adds one, a pass serves every request made
   * before it started. A notify during a pass therefore causes exactly one more pass, and it
   * survives an eviction mid-pull (the alarm brings the object back and the count is still there).
   */
  private request(): void {
    this.requestedCount = this.requested() + 1;
    this.meta.set('requested', this.requestedCount);
  }
  /** Kept in memory too: this instance is the only writer, and notify reads it on every callback. */
  private requested(): number {
    return (this.requestedCount ??= this.meta.get<number>('requested') ?? 0);
  }
  private served(): number {
    return this.meta.get<number>('served') ?? 0;
  }

  private token(): StoredToken | null {
    if (this.latestToken === undefined) this.latestToken = this.meta.get<StoredToken>('token');
    return this.latestToken;
  }
  private setToken(token: StoredToken | null): void {
    this.latestToken = token;
    this.meta.set('token', token);
  }

  private adopt(openKfId: string): void {
    if (this.openKfId === openKfId) return;
    const known = this.meta.get<string>('open_kfid');
    if (known === null) this.meta.set('open_kfid', openKfId);
    else if (known !== openKfId) throw new Error(`inbox of ${JSON.stringify(known)} was notified for ${JSON.stringify(openKfId)}`);
    this.openKfId = openKfId;
  }

  /** Removes a value; when it is known to be absent already (read or kept), runs no statement. */
  private clear(key: string): void {
    if (this.meta.get(key) !== null) this.meta.set(key, null);
  }

  private async drain(): Promise<void> {
    let next: number | null = null;
    let passes = 0;
    const trace = traceRun(this.env, 'Inbox', () => ({ account: this.meta.get<string>('open_kfid') }));
    try {
      const env = this.tenant.env();
      // A corp that cancelled its authorization: nothing is pulled for it any more (what is kept is still pruned).
      if (!(await corpActive(env))) this.meta.set('served', this.requested());
      const api = corpWecomApi(env);
      while (this.served() < this.requested()) {
        const asked = this.requested();
        await this.pass(api, env, trace);
        passes++;
        this.meta.set('served', asked);
        for (const key of ['failures', 'retry_at', 'last_error']) this.clear(key);
      }
      this.ctx.storage.sql.exec('DELETE FROM seen WHERE seen_at < ?', Date.now() - SEEN_RETENTION_MS);
      this.ctx.storage.sql.exec('DELETE FROM served_callbacks WHERE until < ?', Date.now());
      // Items set aside as malformed may hold a customer's id and words: kept for diagnosis only as
      // long as the platform could deliver them again, like the seen-set (PIPL: no silent archive).
      this.ctx.storage.sql.exec('DELETE FROM rejected WHERE at < ?', Date.now() - SEEN_RETENTION_MS);
    } catch (e) {
      next = this.failed(e);
    } finally {
      await this.clock.rearm(next);
      trace.end({ broken: next !== null, passes });
    }
  }

  /** Records a failed pull; answers when to try again (null: wait for the next callback). */
  private failed(e: unknown): number | null {
    const openKfId = this.meta.get<string>('open_kfid');
    if (e instanceof PullDeferred) {
      this.meta.set('retry_at', e.until);
      return e.until;
    }
    const error = e instanceof WecomApiError ? e.toJSON() : { message: e instanceof Error ? e.message : String(e) };
    this.meta.set('last_error', error);
    if (e instanceof WecomApiError && !e.transient) {
      // A definitive refusal (no permission, unknown account…) will not heal by retrying. The
      // cursor is kept, so the next callback after the fix pulls everything that waited.
      console.error('inbox: sync_msg refused, waiting for the next callback', { openKfId, error });
      this.meta.set('served', this.requested());
      this.meta.set('retry_at', null);
      return null;
    }
    // Transient (busy, 5xx, timeout) or a Conversation that could not store its items: the cursor
    // was not saved, so the same page comes again after the backoff.
    const failures = (this.meta.get<number>('failures') ?? 0) + 1;
    const retryAt = Date.now() + backoffMs(failures, PULL_BACKOFF, () => this.time.random());
    console.warn('inbox: pull failed, retrying', { openKfId, failures, retryAt, error });
    this.meta.set('failures', failures);
    this.meta.set('retry_at', retryAt);
    return retryAt;
  }

  /** One pass: pages from the saved cursor until has_more is 0. */
  private async pass(api: WecomApi, env: TenantEnv, trace: RunTrace): Promise<void> {
    const openKfId = this.meta.get<string>('open_kfid') ?? '';
    let cursor = this.meta.get<string>('cursor') ?? '';
    let stalled = 0;
    for (;;) {
      const token = this.syncToken();
      let page;
      try {
        page = await api.syncMsg({ ...(cursor ? { cursor } : {}), ...(token ? { token } : {}), limit: PAGE_LIMIT, ...(openKfId ? { open_kfid: openKfId } : {}) });
      } catch (e) {
        if (token && e instanceof WecomApiError && e.errcode === SYNC_TOKEN_REFUSED) {
          // The Token has expired on WeCom's side earlier than we counted: go on without it.
          this.setToken(null);
          continue;
        }
        throw e;
      }
      // has_more with an empty page, even with the same cursor, is normal (https://developer.work.weixin.qq.com/document/path/94670): ask again. Only
      // a long run of them means something is wrong; then back off instead of spinning.
      stalled = page.has_more && page.msg_list.length === 0 && (page.next_cursor || cursor) === cursor ? stalled + 1 : 0;
      if (stalled > MAX_STALLED_PAGES) throw new Error(`sync_msg answered has_more ${stalled} times without any progress`);
      trace.phase('pulled');
      await handOnPage(this.ctx.storage, page.msg_list, openKfId, env);
      trace.phase('handed');
      cursor = page.next_cursor || cursor;
      this.meta.set('cursor', cursor);
      if (!page.has_more) return;
    }
  }

  /** The callback Token while it is valid; else null, after claiming the tokenless rate slot. */
  private syncToken(): string | null {
    const now = Date.now();
    const token = this.token();
    if (token && now - token.receivedAt < SYNC_TOKEN_TTL_MS) return token.value;
    const last = this.meta.get<number>('last_tokenless_at');
    if (last !== null && now - last < TOKENLESS_INTERVAL_MS) throw new PullDeferred(last + TOKENLESS_INTERVAL_MS);
    this.meta.set('last_tokenless_at', now);
    console.warn('inbox: pulling without a callback Token (none younger than 10 minutes); WeCom rate-limits such pulls', {
      openKfId: this.meta.get<string>('open_kfid'),
    });
    return null;
  }
}
