import { currentStatus, type BreakerState, type BreakerStatus } from '../engine/breaker';
import { tenantScoped } from '../wecom/corp';
import type { TenantEnv } from './tenant';

/**
 * A cheap, eventually consistent copy of every kf account's breaker status (per tenant: its KV) for /healthz: one KV
 * key per account whose breaker is not closed (`breaker:<open_kfid>`, the status in its
 * metadata, so one list call reads them all). The Breaker object holds the truth and writes
 * this on every change of status; conversations read their account's key before a bot turn, so a
 * closed breaker costs them no call to the object.
 */
const PREFIX = 'breaker:';
/** /healthz must answer even when KV does not. */
const READ_TIMEOUT_MS = 1000;

interface MirrorMetadata {
  status: BreakerStatus;
  retry_at: number | null;
}

/**
 * Each account's mirrored state as this isolate last read it, used for MIRROR_KEPT_MS: a turn per
 * customer message would otherwise read KV every time, while KV's own edge cache already lets a
 * read lag a write by up to 60 s. A write from this isolate drops its entry at once. Keyed by tenant and kf
 * account (the same open_kfid may be two corps'), one entry per account, at most MIRROR_KEPT_MAX (then the oldest goes).
 */
const MIRROR_KEPT_MS = 1000;
const MIRROR_KEPT_MAX = 1000;
const kept = new Map<string, { at: number; state: Pick<BreakerState, 'status' | 'retryAt'> }>();
const keptKey = (env: TenantEnv, openKfid: string) => tenantScoped(env.TENANT, openKfid);
/** Counts this isolate's writes: a read that a write overtook keeps nothing. */
let writes = 0;

export async function writeBreakerMirror(env: TenantEnv, openKfid: string, state: BreakerState): Promise<void> {
  const key = PREFIX + openKfid;
  // Before and after: a read begun while the write is under way keeps nothing either.
  const forget = () => void (kept.delete(keptKey(env, openKfid)), writes++);
  forget();
  try {
    if (state.status === 'closed') await env.KV.delete(key);
    else await env.KV.put(key, '', { metadata: { status: state.status, retry_at: state.retryAt } satisfies MirrorMetadata });
  } finally {
    forget();
  }
}

/** Answers `work`, or null when it does not answer within READ_TIMEOUT_MS or fails. */
async function withinTimeout<T>(work: Promise<T>, what: string): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS)));
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    console.warn(`${what}: breaker mirror unreadable`, String(e));
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** One kf account's mirrored state (closed when it has no key); null when KV does not answer in time. */
export async function readBreakerMirrorOf(env: TenantEnv, openKfid: string, now: number = Date.now()): Promise<Pick<BreakerState, 'status' | 'retryAt'> | null> {
  const recent = kept.get(keptKey(env, openKfid));
  if (recent && now - recent.at < MIRROR_KEPT_MS) return recent.state;
  const writesBefore = writes;
  const read = env.KV.getWithMetadata<MirrorMetadata>(PREFIX + openKfid).then(({ metadata }) => (metadata ? { status: metadata.status, retryAt: metadata.retry_at } : { status: 'closed' as const, retryAt: null }));
  const state = await withinTimeout(read, 'conversation');
  if (state && writes === writesBefore) {
    const entry = keptKey(env, openKfid);
    kept.delete(entry);
    if (kept.size >= MIRROR_KEPT_MAX) kept.delete(kept.keys().next().value!);
    kept.set(entry, { at: now, state });
  }
  return state;
}

export interface BreakerSummary {
  open: string[];
  half_open: string[];
}

/** The kf accounts whose breaker is open or half-open; null when KV does not answer in time. */
export async function readBreakerMirror(env: TenantEnv, now: number = Date.now()): Promise<BreakerSummary | null> {
  const page = await withinTimeout(env.KV.list<MirrorMetadata>({ prefix: PREFIX }), 'healthz');
  if (!page) return null;
  const summary: BreakerSummary = { open: [], half_open: [] };
  for (const k of page.keys) {
    if (!k.metadata) continue;
    // An open breaker past its cool-down is half-open, whether or not its object has noticed yet.
    const status = currentStatus({ status: k.metadata.status, retryAt: k.metadata.retry_at }, now);
    if (status !== 'closed') summary[status].push(k.name.slice(PREFIX.length));
  }
  return summary;
}
