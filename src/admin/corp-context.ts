import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { suiteStub } from '../objects/suite';
import { adminCorp } from '../wecom/corp';
import { SERVED_CORP_ID, SERVED_CORP_ID_RULE } from '../wecom/settings-shapes';
import type { AdminEnv } from './auth';
import { ApiError, invalidInput } from './errors';
import { suiteSettingsOf } from './suite-access';

/**
 * Resolves the corp an authenticated admin request acts for (`c.get('corp')`) and names it in
 * `X-Corp-Id`, so a client always knows whose data it reads. A corp-bound token or session acts
 * for its corp only (X-Corp-Id naming another is 403 `corp_forbidden`); the provider admin of
 * many-corps mode picks one with X-Corp-Id, the own corp (WECOM_CORP_ID) without it. A corp other
 * than the own corp must have authorized the suite and not cancelled: an unknown one is 404
 * `corp_unknown` for the provider (403 for a caller bound to it), a cancelled one 403 `corp_cancelled`.
 */

export const CORP_HEADER = 'X-Corp-Id';

export const corpContext: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const asked = c.req.header(CORP_HEADER);
  if (asked !== undefined && !SERVED_CORP_ID.test(asked)) {
    throw invalidInput([{ code: 'invalid_format', path: ['headers', CORP_HEADER], message: SERVED_CORP_ID_RULE }], `${CORP_HEADER} is not a corp id`);
  }
  const principal = c.get('principal');
  const choice = adminCorp(c.env, principal.corp, asked);
  if (!choice.ok) throw new ApiError(403, 'corp_forbidden', choice.message);
  if (!choice.own) await requireActiveCorp(c.env, choice.corp.id, principal.corp === null ? null : principal.issuedAt);
  c.set('corp', choice.corp);
  await next();
  c.res.headers.set(CORP_HEADER, choice.corp.id);
};

/**
 * Throws unless the suite's book has the corp active (the own corp is always served). `boundSince`:
 * when the token or session bound to this corp was made (null for the provider): one made before
 * the corp's current authorization (it cancelled and installed again since) stays refused, as
 * WeCom asks a provider to let go of what a cancelled corp left.
 */
export async function requireActiveCorp(env: Env, corpId: string, boundSince: number | null): Promise<void> {
  const { stub, context } = suiteStub(env, suiteSettingsOf(env));
  const corp = await stub.corp(context, corpId);
  if (!corp) {
    throw boundSince !== null
      ? new ApiError(403, 'corp_unknown', `corp ${corpId}, which this caller belongs to, has not authorized the suite`)
      : new ApiError(404, 'corp_unknown', `no corp ${corpId} has authorized the suite (GET /admin/api/corps lists them)`);
  }
  if (corp.state === 'cancelled') throw new ApiError(403, 'corp_cancelled', `corp ${corpId} cancelled its authorization; its tokens and sessions act for nothing`);
  if (boundSince !== null && boundSince < corp.authorized_at) {
    throw new ApiError(403, 'corp_cancelled', `corp ${corpId} cancelled its authorization after this token or session was made; it acts for nothing, even now that the corp installed the suite again`);
  }
}
