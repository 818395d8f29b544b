/** Retry delays shared by the objects that retry: the outbox's deliveries, the Inbox's pulls. */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before try number `attempt + 1`, after `attempt` failures (attempt ≥ 1): exponential,
 * capped, with "equal jitter" (half fixed, half random) so that objects failing together do not
 * retry together, yet never retry at once.
 */
export function backoffMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
