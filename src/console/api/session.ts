/**
 * How the console proves who it is to the admin API, two ways:
 * - a person signed in with WeCom QR code: the browser sends the HttpOnly session cookie by
 *   itself; the console holds only the session's CSRF token (in memory, from GET /session) and
 *   repeats it in X-CSRF-Token on every request (the server checks it on writes);
 * - an operator's pasted admin bearer token, kept only in this tab's sessionStorage; it wins
 *   over a cookie when both are there.
 * The provider admin of many-corps mode may also pick the corp it acts for (企业列表 → 进入): the
 * corp id is kept in this tab's sessionStorage and sent as X-Corp-Id on every request.
 * The pages only see `Session`.
 */
export interface Session {
  /** Headers that authenticate a request to /admin/api (none before the cookie session was adopted: the cookie goes by itself). */
  headers(): Record<string, string>;
  /** Which way this tab signed in, if it did. */
  readonly via: 'token' | 'session' | null;
  signIn(token: string): void;
  /** Adopts the cookie session GET /admin/api/session answered. */
  adopt(csrf: string): void;
  /** Forgets the token, the CSRF token and the corp picked (the server ends a cookie session on DELETE /session). */
  signOut(): void;
  /** The corp the provider picked (sent as X-Corp-Id), null for its own. */
  readonly corp: string | null;
  pickCorp(corpId: string | null): void;
}

const KEY = 'adminToken';
const CORP_KEY = 'corpId';

export class ConsoleSession implements Session {
  private csrf: string | null = null;

  constructor(private readonly store: Storage = sessionStorage) {}

  headers(): Record<string, string> {
    const token = this.store.getItem(KEY);
    const corp: Record<string, string> = this.corp ? { 'x-corp-id': this.corp } : {};
    if (token) return { authorization: `Bearer ${token}`, ...corp };
    return this.csrf ? { 'x-csrf-token': this.csrf, ...corp } : corp;
  }

  get corp(): string | null {
    return this.store.getItem(CORP_KEY);
  }

  pickCorp(corpId: string | null): void {
    if (corpId) this.store.setItem(CORP_KEY, corpId);
    else this.store.removeItem(CORP_KEY);
  }

  get via(): 'token' | 'session' | null {
    if (this.store.getItem(KEY)) return 'token';
    return this.csrf ? 'session' : null;
  }

  signIn(token: string): void {
    this.store.setItem(KEY, token.trim());
  }

  adopt(csrf: string): void {
    this.csrf = csrf;
  }

  signOut(): void {
    this.store.removeItem(KEY);
    this.store.removeItem(CORP_KEY);
    this.csrf = null;
  }
}
