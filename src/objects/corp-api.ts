import type { TenantEnv } from '../storage/tenant';
import { createWecomApi, type TokenResult, type TokenSource, type WecomApi, type WecomApiOptions } from '../wecom/api';
import { OWN_TENANT } from '../wecom/corp';
import { suiteSettings } from '../wecom/suite-settings';
import { suiteStub } from './suite';
import { keepAtMost } from '../runtime/keep-at-most';

/**
 * The WeCom client of a tenant's corp. The own corp keeps its self-built app's token
 * (WECOM_KF_SECRET through the AccessTokenCache); an authorized corp's token comes from the Suite
 * object (service/get_corp_token for a third-party app, gettoken with the permanent code for
 * 代开发), which hands none out once the corp cancelled.
 */
export function corpWecomApi(env: TenantEnv, opts: Omit<WecomApiOptions, 'tokens'> = {}): WecomApi {
  return env.TENANT === OWN_TENANT ? createWecomApi(env, opts) : createWecomApi(env, { ...opts, tokens: suiteTokenSource(env, env.TENANT) });
}

function suiteTokenSource(env: TenantEnv, corpId: string): TokenSource {
  const name = `corp-token:${corpId}`;
  const suite = suiteSettings(env);
  if (!suite) {
    // Many-corps mode was switched off: no corp but the own one has a token here.
    const refused: TokenResult = { ok: false, failure: { errcode: 0, errmsg: `corp ${corpId} is served only in many-corps mode (WECOM_SUITE_ID)`, path: '/cgi-bin/service/get_corp_token', transient: false, kind: 'invalid_response' } };
    return { name, token: async () => refused, refresh: async () => refused };
  }
  const { stub, context } = suiteStub(env, suite);
  return { name, token: () => stub.corpToken(context, corpId), refresh: (stale) => stub.refreshCorpToken(context, corpId, stale) };
}

/**
 * How long an isolate trusts that a corp is still active before asking the Suite object again: the
 * one Suite object would otherwise take a round trip from every run of every corp's objects.
 * After cancel_auth the corp's objects stop within this long (at once in the isolate that took the
 * cancel); WeCom refuses the cancelled corp's token by then anyway.
 */
const ACTIVE_MEMO_MS = 10_000;
const activeUntil = new Map<string, number>();
/** Corps remembered as active per isolate, at most (then the one remembered longest ago goes). */
const ACTIVE_MEMO_MAX = 1000;

/** The isolate forgets that `corpId` was active (cancel_auth, change_auth). */
export function forgetCorpActive(corpId: string): void {
  activeUntil.delete(corpId);
}

/**
 * Whether the tenant's corp is still served: always for the own corp; for another, while it is
 * authorized and active in the Suite object. After cancel_auth its objects stop pulling, turning
 * and sending (their work waits; retention removes what they keep). Only "active" is remembered.
 */
export async function corpActive(env: TenantEnv): Promise<boolean> {
  if (env.TENANT === OWN_TENANT) return true;
  if ((activeUntil.get(env.TENANT) ?? 0) > Date.now()) return true;
  const suite = suiteSettings(env);
  if (!suite) return false;
  const { stub, context } = suiteStub(env, suite);
  const active = (await stub.corp(context, env.TENANT))?.state === 'active';
  if (active) keepAtMost(activeUntil, env.TENANT, Date.now() + ACTIVE_MEMO_MS, ACTIVE_MEMO_MAX);
  else activeUntil.delete(env.TENANT);
  return active;
}
