import { z } from 'zod';
import { OpenKfidSchema } from './input';

/**
 * The time range the figures' routes take (`from`, `to`, `open_kfid`, `limit`) and the part of
 * their answer that says what it covered.
 */

/** The most raw timeline events one request folds (the release comparison; the metrics' partial edge hours). */
export const METRICS_MAX_EVENTS = 50_000;
const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_MS = 7 * DAY_MS;

// Query values arrive as strings; an empty `from=` must be refused, not read as the epoch.
const Millis = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'must be milliseconds since the epoch' })
  .transform(Number);

export const RangeQuerySchema = z
  .strictObject({
    /** Inclusive, ms; default `to` minus 7 days. */
    from: Millis.optional(),
    /** Exclusive, ms; default now. */
    to: Millis.optional(),
    open_kfid: OpenKfidSchema.optional(),
    /** The most raw events read (default and maximum METRICS_MAX_EVENTS). */
    limit: z.coerce.number().int().min(1).max(METRICS_MAX_EVENTS).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { error: '`from` must be before `to`', path: ['to'] });
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

/** The range a query asks for: `to` defaults to now, `from` to DEFAULT_RANGE_MS before `to`. */
export function rangeBounds(q: Pick<RangeQuery, 'from' | 'to'>, now: number = Date.now()): { from: number; to: number } {
  const to = q.to ?? Math.max(now + 1, (q.from ?? 0) + 1);
  return { from: q.from ?? Math.max(0, to - DEFAULT_RANGE_MS), to };
}

export const RangeAnswerSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** The end of what the figures cover: `to`, or the time of the last raw event read when truncated. */
  covered_to: z.number().int(),
  truncated: z.boolean(),
});
