import { WecomApiError } from '../../wecom/errors';
import type { TokenResult } from '../access-token';
import type { KeyValueStore } from './store';

/**
 * Tokens kept in storage under a key each (the suite's, one per corp): answered from storage until
 * 90% of their lifetime, then fetched again by one call however many callers ask at once, and the
 * old one served while it is still valid if that call fails.
 */

interface Slot {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

export interface Fetched {
  token: string;
  expiresIn: number;
}

const RENEW_AT = 0.9;

export class TokenSlots {
  /** The fetch in flight per key, shared by every caller arriving meanwhile. */
  private readonly inflight = new Map<string, Promise<TokenResult>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
  ) {}

  async get(key: string, fetch: () => Promise<Fetched>): Promise<TokenResult> {
    const cached = await this.store.get<Slot>(key);
    if (cached && this.now() < cached.refreshAt) return { ok: true, token: cached.token };
    const fresh = await this.fetchOnce(key, fetch);
    if (!fresh.ok && cached && this.now() < cached.expiresAt) return { ok: true, token: cached.token };
    return fresh;
  }

  /** WeCom refused `stale`: a newer token already stored is answered, otherwise one fetch. */
  async refresh(key: string, stale: string, fetch: () => Promise<Fetched>): Promise<TokenResult> {
    const cached = await this.store.get<Slot>(key);
    if (cached && cached.token !== stale && this.now() < cached.expiresAt) return { ok: true, token: cached.token };
    if (cached?.token === stale) await this.store.delete(key);
    return this.fetchOnce(key, fetch);
  }

  /**
   * Runs `use` with the key's token; when WeCom refuses it (an errcode in `refused`), the token is
   * replaced once and `use` runs again. Throws WecomApiError.
   */
  async with<T>(key: string, fetch: () => Promise<Fetched>, refused: ReadonlySet<number>, use: (token: string) => Promise<T>): Promise<T> {
    const first = unwrap(await this.get(key, fetch));
    try {
      return await use(first);
    } catch (e) {
      if (!(e instanceof WecomApiError && e.kind === 'errcode' && refused.has(e.errcode))) throw e;
    }
    return use(unwrap(await this.refresh(key, first, fetch)));
  }

  /** A token handed out elsewhere (get_permanent_code's first corp token), valid from `startedAt`. */
  async keep(key: string, token: Fetched, startedAt: number): Promise<void> {
    const lifetimeMs = token.expiresIn * 1000;
    await this.store.put<Slot>(key, { token: token.token, refreshAt: startedAt + lifetimeMs * RENEW_AT, expiresAt: startedAt + lifetimeMs });
  }

  async forget(key: string): Promise<void> {
    await this.store.delete(key);
  }

  private fetchOnce(key: string, fetch: () => Promise<Fetched>): Promise<TokenResult> {
    let running = this.inflight.get(key);
    if (!running) {
      running = this.fetchAndStore(key, fetch).finally(() => this.inflight.delete(key));
      this.inflight.set(key, running);
    }
    return running;
  }

  private async fetchAndStore(key: string, fetch: () => Promise<Fetched>): Promise<TokenResult> {
    // Counted from the request: the token's clock started on WeCom's side before we saw it.
    const startedAt = this.now();
    try {
      const fetched = await fetch();
      await this.keep(key, fetched, startedAt);
      return { ok: true, token: fetched.token };
    } catch (e) {
      if (e instanceof WecomApiError) return { ok: false, failure: e.toJSON() };
      throw e;
    }
  }
}

export function unwrap(result: TokenResult): string {
  if (!result.ok) throw WecomApiError.from(result.failure);
  return result.token;
}
