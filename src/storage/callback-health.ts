import { z } from 'zod';
import { keepAtMost } from '../runtime/keep-at-most';
import type { TenantEnv } from './tenant';

/**
 * When the callback URL last passed WeCom's GET verification and last took a POST callback, and
 * how far the callback's `timestamp` was from our clock then: what GET /admin/api/diagnostics
 * reports. Written at most once a minute per kind and isolate, so the hot path pays one KV write
 * a minute at most (and never waits for it).
 */

export type CallbackKind = 'get' | 'post';

export const CallbackNoteSchema = z.object({
  /** When it arrived (ms). */
  at: z.number(),
  /** Our clock minus the callback's `timestamp`, in seconds (positive: it arrived after it was stamped). */
  skew_s: z.number(),
});
export type CallbackNote = z.infer<typeof CallbackNoteSchema>;

const key = (kind: CallbackKind): string => `diag:callback:${kind}`;
export const NOTE_INTERVAL_MS = 60_000;
/** Per tenant and kind: each corp's callbacks are noted in its own KV. */
const lastNoted = new Map<string, number>();
/** Tenant and kind pairs remembered per isolate, at most. */
const LAST_NOTED_MAX = 1000;

/** Records a verified callback unless this isolate did so within the last minute; answers the write, or null. */
export function noteCallback(env: TenantEnv, kind: CallbackKind, timestampS: number, nowMs: number = Date.now()): Promise<void> | null {
  const noted = `${env.TENANT}\n${kind}`;
  if (!Number.isFinite(timestampS) || nowMs - (lastNoted.get(noted) ?? -Infinity) < NOTE_INTERVAL_MS) return null;
  keepAtMost(lastNoted, noted, nowMs, LAST_NOTED_MAX);
  const note: CallbackNote = { at: nowMs, skew_s: Math.round(nowMs / 1000 - timestampS) };
  return env.KV.put(key(kind), JSON.stringify(note));
}

export async function readCallbackNote(env: TenantEnv, kind: CallbackKind): Promise<CallbackNote | null> {
  const parsed = CallbackNoteSchema.safeParse(await env.KV.get(key(kind), 'json'));
  return parsed.success ? parsed.data : null;
}

/** Forgets this isolate's minute (tests that wipe KV between cases). */
export function forgetCallbackNotes(): void {
  lastNoted.clear();
}
