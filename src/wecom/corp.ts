import { authModeOf, suiteModeOn, type AuthMode, type SuiteEnv } from './suite-settings';

/**
 * The corp a request acts for, resolved once per callback and per admin request: the deployment's
 * own corp (WECOM_CORP_ID) in single-corp mode, or an authorized corp of the suite in many-corps
 * mode. Data of a corp is kept apart by this id.
 */
export interface CorpIdentity {
  id: string;
  /** `single`: the deployment's own self-built app; otherwise how the corp authorized the suite. */
  mode: 'single' | AuthMode;
}

export const singleCorp = (corpId: string): CorpIdentity => ({ id: corpId, mode: 'single' });

/**
 * The key a corp's data is kept under in D1 (`corp_id` columns), KV (key prefix) and Durable
 * Object names (name prefix): '' for the deployment's own corp (WECOM_CORP_ID), so single-corp
 * data, object names and keys stay exactly what they were before many corps; the corp id for
 * every other corp.
 */
export type Tenant = string;

export const OWN_TENANT: Tenant = '';

export const tenantOf = (corp: CorpIdentity, ownCorpId: string): Tenant => (corp.id === ownCorpId ? OWN_TENANT : corp.id);

/** A per-tenant name for a Durable Object or a KV key: unchanged for the own corp. */
export const tenantScoped = (tenant: Tenant, name: string): string => (tenant === OWN_TENANT ? name : `corp:${tenant}:${name}`);

/**
 * Which corp an admin request may act for, decided from the caller alone (README "Who acts for
 * which corp"). `bound` is the corp the caller belongs to: a corp-bound token or console session,
 * or, in single-corp mode, everyone (the own corp); null is the provider admin of many-corps mode,
 * who picks a corp with `X-Corp-Id` (`asked`) and acts for the own corp (WECOM_CORP_ID) without one.
 * A corp other than the own corp must still be looked up: it must have authorized the suite and
 * not cancelled (src/admin/corp-context.ts asks the Suite object).
 */
export type CorpChoice = { ok: true; corp: CorpIdentity; own: boolean } | { ok: false; message: string };

export function adminCorp(env: SuiteEnv & { WECOM_CORP_ID: string }, bound: string | null, asked: string | undefined): CorpChoice {
  const own = env.WECOM_CORP_ID;
  const many = suiteModeOn(env);
  const caller = many ? bound : own;
  if (caller !== null && asked !== undefined && asked !== caller) {
    return { ok: false, message: `the caller acts for corp ${caller} only; X-Corp-Id names ${asked}` };
  }
  const id = caller ?? asked ?? own;
  if (!many) return { ok: true, corp: singleCorp(own), own: true };
  return { ok: true, corp: { id, mode: authModeOf(env.WECOM_SUITE_ID!.trim()) }, own: id === own };
}
