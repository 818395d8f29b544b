/**
 * The circuit breaker of a kf account's bot pipeline: when the bot keeps failing, new customer
 * turns go to people ("系统故障：自动切换至备用客服链路"). Pure: the Breaker object keeps the state
 * and calls these.
 *
 * - closed: the bot answers. FAILURES failures (an exception in the decision, an unloadable
 *   config version, the NLP adapter down) within WINDOW_MS open it.
 * - open: new customer turns go straight to people, for COOLDOWN_MS.
 * - half_open: after the cool-down one turn at a time is let through as a probe (a lease of
 *   PROBE_LEASE_MS, so a probe that never reports back does not hold the breaker forever). The
 *   probe's success closes the breaker; its failure opens it again for another cool-down.
 *
 * Failures carry a key (the conversation and the turn): a turn that is run again after a crash
 * reports the same key and is counted once.
 */

export const BREAKER = {
  failures: 5,
  windowMs: 60_000,
  cooldownMs: 60_000,
  probeLeaseMs: 30_000,
} as const;

export type BreakerStatus = 'closed' | 'open' | 'half_open';

export interface BreakerFailure {
  at: number;
  key: string;
  cause: string;
}

export interface BreakerState {
  status: BreakerStatus;
  /** Recent failures, oldest first (at most BREAKER.failures are kept). */
  failures: BreakerFailure[];
  /** When it last opened. */
  openedAt: number | null;
  /** open: when it turns half-open. */
  retryAt: number | null;
  /** half_open: the probe's lease ends here; null when no probe is out. */
  probeUntil: number | null;
  /** When the status last changed. */
  since: number | null;
}

export const CLOSED: BreakerState = { status: 'closed', failures: [], openedAt: null, retryAt: null, probeUntil: null, since: null };

/** The status as of `now`: an open breaker past its cool-down reads as half-open. */
export function currentStatus(state: Pick<BreakerState, 'status' | 'retryAt'>, now: number): BreakerStatus {
  return state.status === 'open' && state.retryAt !== null && now >= state.retryAt ? 'half_open' : state.status;
}

/** Moves an open breaker whose cool-down has passed to half-open (no probe out yet). */
export function settleBreaker(state: BreakerState, now: number): BreakerState {
  return currentStatus(state, now) === 'half_open' && state.status === 'open' ? { ...state, status: 'half_open', retryAt: null, probeUntil: null, since: now } : state;
}

export interface Admission {
  /** The bot may decide this turn. */
  allow: boolean;
  /** It is the half-open probe: report its outcome (botSucceeded / botFailed). */
  probe: boolean;
  status: BreakerStatus;
  state: BreakerState;
}

/** May the bot take a new turn now? In half-open, one probe at a time. */
export function admit(before: BreakerState, now: number): Admission {
  const state = settleBreaker(before, now);
  switch (state.status) {
    case 'closed':
      return { allow: true, probe: false, status: 'closed', state };
    case 'open':
      return { allow: false, probe: false, status: 'open', state };
    case 'half_open': {
      if (state.probeUntil !== null && now < state.probeUntil) return { allow: false, probe: false, status: 'half_open', state };
      return { allow: true, probe: true, status: 'half_open', state: { ...state, probeUntil: now + BREAKER.probeLeaseMs } };
    }
  }
}

/**
 * What a copy of the status (the KV mirror) answers without asking the breaker itself: closed
 * admits, open and still cooling down refuses. Null: ask the breaker (half-open, where one probe
 * at a time is leased, or no copy to go by).
 */
export function admitFromCopy(copy: Pick<BreakerState, 'status' | 'retryAt'> | null, now: number): Pick<Admission, 'allow' | 'probe' | 'status'> | null {
  if (!copy) return null;
  const status = currentStatus(copy, now);
  if (status === 'closed') return { allow: true, probe: false, status };
  if (status === 'open') return { allow: false, probe: false, status };
  return null;
}

/** A failure of the bot pipeline; a key already counted changes nothing. */
export function recordFailure(before: BreakerState, failure: BreakerFailure): BreakerState {
  const state = settleBreaker(before, failure.at);
  if (state.failures.some((f) => f.key === failure.key)) return state;
  const recent = [...state.failures, failure].filter((f) => f.at > failure.at - BREAKER.windowMs).slice(-BREAKER.failures);
  const open = (): BreakerState => ({ status: 'open', failures: recent, openedAt: failure.at, retryAt: failure.at + BREAKER.cooldownMs, probeUntil: null, since: failure.at });
  switch (state.status) {
    case 'closed':
      return recent.length >= BREAKER.failures ? open() : { ...state, failures: recent };
    case 'half_open':
      return open();
    case 'open':
      // A turn let through before it opened: noted, but the cool-down is not extended.
      return { ...state, failures: recent };
  }
}

/** A turn the bot decided without failure. Only the half-open probe's success closes the breaker. */
export function recordSuccess(before: BreakerState, now: number): BreakerState {
  const state = settleBreaker(before, now);
  return state.status === 'half_open' ? { ...CLOSED, since: now } : state;
}
