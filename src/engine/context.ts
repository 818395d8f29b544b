/**
 * Multi-turn context (价格 → 有没有优惠): the topics a conversation is currently about,
 * each with the time it stops being relevant. A plain JSON object so the Conversation object can
 * store it and show it in `view()` as is. Pure: `now` is always passed in.
 */

/** topic → expiry time (ms since the epoch). */
export type ContextTopics = Readonly<Record<string, number>>;

export const EMPTY_CONTEXT: ContextTopics = Object.freeze({});

/** Activates `topic` (or extends it) until now + ttl. */
export function setTopic(context: ContextTopics, topic: string, now: number, ttlSeconds: number): ContextTopics {
  return { ...context, [topic]: now + ttlSeconds * 1000 };
}

export function isActive(context: ContextTopics, topic: string, now: number): boolean {
  const until = context[topic];
  return until !== undefined && until > now;
}

/** Topics still active at `now`, most recently set first (the one with the latest expiry). */
export function activeTopics(context: ContextTopics, now: number): string[] {
  return Object.entries(context)
    .filter(([, until]) => until > now)
    .sort((a, b) => b[1] - a[1])
    .map(([topic]) => topic);
}

/** Drops expired topics; answers the same object when nothing expired (cheap change detection). */
export function expire(context: ContextTopics, now: number): { context: ContextTopics; expired: string[] } {
  const kept: Record<string, number> = {};
  const expired: string[] = [];
  for (const [topic, until] of Object.entries(context)) {
    if (until > now) kept[topic] = until;
    else expired.push(topic);
  }
  return { context: expired.length === 0 ? context : kept, expired };
}

/** When the next topic expires (for the object's alarm, if it wants to record expiry on time). */
export function nextExpiry(context: ContextTopics): number | undefined {
  const times = Object.values(context);
  return times.length === 0 ? undefined : Math.min(...times);
}
