import type { Env } from './env';
import { suiteStub } from './objects/suite';
import { loadStableConfig } from './storage/config-store';
import { purgeExpired, type PurgeResult } from './storage/privacy';
import { tenantDb, tenantEnv } from './storage/tenant';
import { OWN_TENANT, tenantOf, type Tenant } from './wecom/corp';
import { suiteSettings } from './wecom/suite-settings';

/**
 * The daily cron (wrangler.toml `[triggers]`): the retention purge of D1 by each corp's stable
 * config's `retention` section, for the own corp and every corp the suite knows (a cancelled
 * corp's rows too: they are kept only as long as its retention says). Each corp's run is bounded
 * (storage/privacy.ts PURGE_BATCHES); a backlog beyond it is logged and continued by the next run.
 * Conversation objects prune their own timelines. Answers what it did per tenant (null: no
 * retention configured), for tests and the log.
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<Map<Tenant, PurgeResult | null>> {
  const results = new Map<Tenant, PurgeResult | null>();
  for (const tenant of await tenants(env)) {
    try {
      results.set(tenant, await purgeTenant(env, tenant, controller.scheduledTime));
    } catch (e) {
      // One corp's failure must not keep the others' data past its retention.
      console.error('retention: purge failed', { tenant, error: String(e) });
    }
  }
  return results;
}

async function purgeTenant(env: Env, tenant: Tenant, now: number): Promise<PurgeResult | null> {
  const scoped = tenantEnv(env, tenant);
  const retention = (await loadStableConfig(scoped))?.retention;
  if (!retention) return null;
  const result = await purgeExpired(tenantDb(scoped), retention, now);
  const backlog = Object.entries(result).filter(([, r]) => r.more).map(([table]) => table);
  if (backlog.length > 0) console.warn('retention: more expired rows remain; the next run continues', { tenant, backlog, result });
  return result;
}

/** The own tenant, then every corp that ever authorized the suite (many-corps mode). */
async function tenants(env: Env): Promise<Tenant[]> {
  const suite = suiteSettings(env);
  if (!suite) return [OWN_TENANT];
  const { stub, context } = suiteStub(env, suite);
  const others = (await stub.corps(context)).map((corp) => tenantOf({ id: corp.corp_id, mode: corp.auth_mode }, env.WECOM_CORP_ID)).filter((t) => t !== OWN_TENANT);
  return [OWN_TENANT, ...others];
}
