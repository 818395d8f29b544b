import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { fetchAccessToken, type TokenResult } from '../wecom/api';
import { WecomApiError } from '../wecom/errors';

/**
 * The one place the access token lives (one instance per corp id + secret, see
 * accessTokenCacheName). gettoken is rate-limited and every new token invalidates nothing but
 * costs quota, so all callers share this one: cached in storage (it survives eviction), renewed
 * at 90% of its lifetime, and fetched by a single gettoken however many callers ask at once
 * (isolates refreshing at once would invalidate each other's tokens).
 */

export type { TokenResult } from '../wecom/api';

interface StoredToken {
  token: string;
  /** Renew from here on (90% of expires_in), still usable until expiresAt if renewal fails. */
  refreshAt: number;
  expiresAt: number;
}

const KEY = 'token';
const RENEW_AT = 0.9;

export class AccessTokenCache extends DurableObject<Env> {
  /** The gettoken in flight, shared by every caller arriving meanwhile (in memory: one per live instance is the point). */
  private inflight: Promise<TokenResult> | null = null;

  /** A valid token: the cached one, or a fresh one when it is due for renewal. */
  async token(): Promise<TokenResult> {
    const cached = await this.ctx.storage.get<StoredToken>(KEY);
    if (cached && Date.now() < cached.refreshAt) return { ok: true, token: cached.token };
    const fresh = await this.fetchOnce();
    // Renewal failed but the old token has not expired yet: keep serving it.
    if (!fresh.ok && cached && Date.now() < cached.expiresAt) return { ok: true, token: cached.token };
    return fresh;
  }

  /**
   * WeCom refused `stale` (40014, 42001, 40001): forget it and answer a new one. When another
   * caller already replaced it, that newer token is answered without a second gettoken.
   */
  async refresh(stale: string): Promise<TokenResult> {
    const cached = await this.ctx.storage.get<StoredToken>(KEY);
    if (cached && cached.token !== stale && Date.now() < cached.expiresAt) return { ok: true, token: cached.token };
    if (cached?.token === stale) await this.ctx.storage.delete(KEY);
    return this.fetchOnce();
  }

  private fetchOnce(): Promise<TokenResult> {
    this.inflight ??= this.fetchAndStore().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchAndStore(): Promise<TokenResult> {
    const startedAt = Date.now();
    try {
      const answer = await fetchAccessToken(this.env);
      const lifetimeMs = answer.expires_in * 1000;
      // Counted from the request, not the answer: the token's clock started on WeCom's side before we saw it.
      const stored: StoredToken = { token: answer.access_token, refreshAt: startedAt + lifetimeMs * RENEW_AT, expiresAt: startedAt + lifetimeMs };
      await this.ctx.storage.put(KEY, stored);
      return { ok: true, token: stored.token };
    } catch (e) {
      if (e instanceof WecomApiError) {
        console.warn('gettoken failed', e.message);
        return { ok: false, failure: e.toJSON() };
      }
      throw e;
    }
  }
}
