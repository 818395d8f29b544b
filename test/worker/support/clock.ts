import { backoffMs, type BackoffPolicy } from '../../../src/runtime/backoff';
import type { Clock } from '../../../src/runtime/clock';

/**
 * The Durable Objects' clock in the worker tests (setup.ts installs it in every file's runtime).
 * Alarms are held back a year: workerd never runs one by itself, so an alarm runs only when a
 * test runs it (fireAlarm, settle) and each retry happens exactly when the test says. Backoffs
 * land in the middle of their jitter range, so a test can know every wait (`testBackoffMs`).
 */
export const TEST_CLOCK: Clock = { now: () => Date.now(), random: () => 0.5, holdAlarmsMs: 365 * 86_400_000 };

/** The wait before try `attempt + 1` under the test clock. */
export function testBackoffMs(attempt: number, policy: BackoffPolicy): number {
  return backoffMs(attempt, policy, TEST_CLOCK.random);
}
