/**
 * How the console proves who it is to the admin API. Today the operator pastes an admin bearer
 * token, kept only in this tab's sessionStorage; a cookie session can replace TokenSession later
 * without touching the pages (they only see `Session`).
 */
export interface Session {
  /** Headers that authenticate a request to /admin/api. */
  headers(): Record<string, string>;
  readonly signedIn: boolean;
  signIn(secret: string): void;
  signOut(): void;
}

const KEY = 'adminToken';

export class TokenSession implements Session {
  constructor(private readonly store: Storage = sessionStorage) {}

  headers(): Record<string, string> {
    const token = this.store.getItem(KEY);
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  get signedIn(): boolean {
    return Boolean(this.store.getItem(KEY));
  }

  signIn(token: string): void {
    this.store.setItem(KEY, token.trim());
  }

  signOut(): void {
    this.store.removeItem(KEY);
  }
}
