/**
 * The simulator's clock. Every platform rule (7200 s access tokens, 10-minute sync tokens,
 * 20-second event codes, the 48-hour send window, the 3-day sync_msg window) reads this clock, so
 * a test can jump ahead with `advance()` instead of sleeping.
 */
export interface SimClock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  /** Unix seconds, simulated (what WeCom puts in `send_time` and `CreateTime`). */
  nowSeconds(): number;
  advance(seconds: number): void;
  /** Back to the base clock (reset). */
  rewind(): void;
  readonly offsetMs: number;
}

export function createClock(base: () => number = Date.now): SimClock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    nowSeconds: () => Math.floor((base() + offsetMs) / 1000),
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('the clock only moves forward');
      offsetMs += seconds * 1000;
    },
    rewind() {
      offsetMs = 0;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
