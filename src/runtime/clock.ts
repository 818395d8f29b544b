/**
 * Time and chance as the Durable Objects see them: the wall clock, where a retry's backoff lands
 * in its jitter range, and how the platform's alarm relates to the time it stands for.
 *
 * Production uses the system's. The worker tests install their own before any object exists
 * (test/worker/support/clock.ts): under it workerd never runs an alarm by itself and the jitter
 * is fixed, so a test decides when each retry happens and knows how many there were.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Uniform in [0, 1): the jitter of retry backoffs. */
  random(): number;
  /**
   * How much later than the time it stands for the platform's alarm is set. 0: the platform runs
   * it when due. A clock that holds alarms back further than any run lasts leaves running them
   * to whoever holds it (the tests' runDurableObjectAlarm); the time it stands for is unchanged.
   */
  readonly holdAlarmsMs: number;
}

export const SYSTEM_CLOCK: Clock = { now: () => Date.now(), random: () => Math.random(), holdAlarmsMs: 0 };

let installed: Clock = SYSTEM_CLOCK;

/** The clock of the Durable Objects in this isolate; each object reads it once, when constructed. */
export function objectClock(): Clock {
  return installed;
}

/** Replaces the objects' clock for the objects constructed from now on. Production never calls it. */
export function installClock(clock: Clock): void {
  installed = clock;
}
