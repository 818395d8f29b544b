import { SECOND, type SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { ALNUM, randomId } from './ids';

export const ACCESS_TOKEN_TTL = 7200 * SECOND;

type Obj = Record<string, unknown>;

/** gettoken and the access tokens it hands out: valid 7200 s, expired or invalidated on demand. */
export class AccessTokens {
  private readonly tokens = new Map<string, { expiresAt: number; invalid: boolean }>();
  private current: string | null = null;

  constructor(
    private readonly identity: { corpId: string; kfSecret: string },
    private readonly clock: SimClock,
  ) {}

  /** gettoken: within its 7200 s the same token comes back, with the seconds it has left. */
  get(corpid: string | undefined, secret: string | undefined): Obj {
    if (corpid !== this.identity.corpId) throw new ApiFailure(Errcode.invalidCorpId, 'invalid corpid');
    if (secret !== this.identity.kfSecret) throw new ApiFailure(Errcode.invalidSecret, 'invalid credential: corpsecret');
    const now = this.clock.now();
    const current = this.current ? this.tokens.get(this.current) : undefined;
    if (this.current && current && !current.invalid && current.expiresAt > now) {
      return { access_token: this.current, expires_in: Math.ceil((current.expiresAt - now) / 1000) };
    }
    const token = randomId(64, `${ALNUM}-_`);
    this.tokens.set(token, { expiresAt: now + ACCESS_TOKEN_TTL, invalid: false });
    this.current = token;
    return { access_token: token, expires_in: ACCESS_TOKEN_TTL / 1000 };
  }

  /** 41001 missing, 40014 unknown or invalidated, 42001 expired. */
  check(token: string | undefined) {
    if (!token) throw new ApiFailure(Errcode.missingAccessToken, 'access_token missing');
    const t = this.tokens.get(token);
    if (!t || t.invalid) throw new ApiFailure(Errcode.invalidAccessToken, 'invalid access_token');
    if (t.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.accessTokenExpired, 'access_token expired');
  }

  /** Forces the current access token to expire (42001) or to be invalid (40014). */
  expire(invalid: boolean) {
    const t = this.current ? this.tokens.get(this.current) : undefined;
    if (!t) return;
    if (invalid) t.invalid = true;
    else t.expiresAt = Math.min(t.expiresAt, this.clock.now());
  }
}
