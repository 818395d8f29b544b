import type { SimClock } from '../clock';
import { ApiFailure } from '../errcodes';
import { randomId } from '../ids';

/**
 * One kind of the provider's tokens (the suite token, the provider token): asking again while the
 * current one lives answers it with its remaining seconds; a tester may expire or invalidate it.
 */
export class TokenBook {
  private readonly tokens = new Map<string, { expiresAt: number; invalid?: boolean }>();
  private current: string | null = null;

  constructor(
    private readonly clock: SimClock,
    private readonly ttlMs: number,
    /** The errcodes for a token unknown or invalidated, and for one expired; the token's name for errmsg. */
    private readonly refusal: { invalid: number; expired: number; name: string },
  ) {}

  issue(): { token: string; expiresIn: number } {
    const now = this.clock.now();
    const live = this.current ? this.tokens.get(this.current) : undefined;
    if (this.current && live && !live.invalid && live.expiresAt > now) return { token: this.current, expiresIn: Math.ceil((live.expiresAt - now) / 1000) };
    this.current = randomId(64);
    this.tokens.set(this.current, { expiresAt: now + this.ttlMs });
    return { token: this.current, expiresIn: this.ttlMs / 1000 };
  }

  check(token: string | undefined): void {
    const t = this.tokens.get(token ?? '');
    if (!t || t.invalid) throw new ApiFailure(this.refusal.invalid, `invalid ${this.refusal.name}`);
    if (t.expiresAt <= this.clock.now()) throw new ApiFailure(this.refusal.expired, `${this.refusal.name} expired`);
  }

  /** The current token answers `expired` from now on (`invalid`: as unknown). */
  expire(invalid: boolean): void {
    const t = this.current ? this.tokens.get(this.current) : undefined;
    if (!t) return;
    if (invalid) t.invalid = true;
    else t.expiresAt = Math.min(t.expiresAt, this.clock.now());
  }
}
