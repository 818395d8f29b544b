import type { Env } from '../env';
import { tenantDb, tenantEnv, type TenantDb, type TenantEnv } from '../storage/tenant';
import { tenantOf, type CorpIdentity } from '../wecom/corp';

/** What a resource route needs of its request: the Worker's env and the corp it acts for (corpContext). */
interface CorpRequest {
  env: Env;
  var: { corp: CorpIdentity };
}

/** The env of the corp an admin request acts for: its D1 rows, KV keys, objects and WeCom token. */
export const corpEnv = (c: CorpRequest): TenantEnv => tenantEnv(c.env, tenantOf(c.var.corp, c.env.WECOM_CORP_ID));

/** The D1 handle of the corp an admin request acts for. */
export const corpDb = (c: CorpRequest): TenantDb => tenantDb(corpEnv(c));
