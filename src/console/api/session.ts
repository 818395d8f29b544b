/**
 * How the console proves who it is to the admin API, two ways:
 * - a person signed in with WeCom QR code: the browser sends the HttpOnly session cookie by
 *   itself; the console holds only the session's CSRF token (in memory, from GET /session) and
 *   repeats it in X-CSRF-Token on every request (the server checks it on writes);
 * - an operator's pasted admin bearer token, kept only in this tab's sessionStorage; it wins
 *   over a cookie when both are there.
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
  /** Forgets the token or the CSRF token (the server ends a cookie session on DELETE /session). */
  signOut(): void;
}

const KEY = 'adminToken';

export class ConsoleSession implements Session {
  private csrf: string | null = null;

  constructor(private readonly store: Storage = sessionStorage) {}

  headers(): Record<string, string> {
    const token = this.store.getItem(KEY);
    if (token) return { authorization: `Bearer ${token}` };
    return this.csrf ? { 'x-csrf-token': this.csrf } : {};
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
    this.csrf = null;
  }
}
