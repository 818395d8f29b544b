import { z } from 'zod';
import { check } from '../admin/input';
import { notFound } from '../admin/errors';
import type { Env } from '../env';
import { corpActive } from '../objects/corp-api';
import { tenantEnv, type TenantEnv } from '../storage/tenant';
import { OWN_TENANT } from '../wecom/corp';
import { SERVED_CORP_ID, SERVED_CORP_ID_RULE } from '../wecom/settings-shapes';

// A third-party app's corps have provider-scoped ids, not `ww…`: the same shape the admin API takes.
const CorpIdSchema = z.string().regex(SERVED_CORP_ID, { error: SERVED_CORP_ID_RULE });

/**
 * The corp a public route serves: the own corp when the request names none (or names it), else
 * the corp named by `?corp=<corpid>` (the widget's `data-corp`), when it is authorized and active
 * in many-corps mode. A corp that never authorized, cancelled, or any corp while many-corps mode
 * is off is a 404: the public answer does not tell which corps were ever connected.
 */
export async function publicCorpEnv(env: Env, corp: string | undefined): Promise<TenantEnv> {
  if (corp === undefined || corp === env.WECOM_CORP_ID) return tenantEnv(env, OWN_TENANT);
  const scoped = tenantEnv(env, check(CorpIdSchema, corp));
  if (!(await corpActive(scoped))) throw notFound(`corp ${corp} is not served here`);
  return scoped;
}
