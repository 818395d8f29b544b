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
 * The corp an admin request acts for. Admin tokens are not bound to a corp yet, so every request
 * acts for the deployment's own corp; in many-corps mode that corp is one of the suite's, in the
 * suite's auth mode.
 */
export function adminCorp(env: SuiteEnv & { WECOM_CORP_ID: string }): CorpIdentity {
  return suiteModeOn(env) ? { id: env.WECOM_CORP_ID, mode: authModeOf(env.WECOM_SUITE_ID!.trim()) } : singleCorp(env.WECOM_CORP_ID);
}
