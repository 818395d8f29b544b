import type { Env } from './env';
import { loadStableConfig } from './storage/config-store';
import { createDb } from './storage/db';
import { purgeExpired, type PurgeResult } from './storage/privacy';

/**
 * The daily cron (wrangler.toml `[triggers]`): the retention purge of D1 by the stable config's
 * `retention` section. Each run is bounded (storage/privacy.ts PURGE_BATCHES); a backlog beyond
 * it is logged and continued by the next run. Conversation objects prune their own timelines.
 * Answers what it did (null: no retention configured), for tests and the log.
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<PurgeResult | null> {
  const retention = (await loadStableConfig(env))?.retention;
  if (!retention) return null;
  const result = await purgeExpired(createDb(env.DB), retention, controller.scheduledTime);
  const backlog = Object.entries(result).filter(([, r]) => r.more).map(([table]) => table);
  if (backlog.length > 0) console.warn('retention: more expired rows remain; the next run continues', { backlog, result });
  return result;
}
