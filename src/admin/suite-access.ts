import type { Env } from '../env';
import { suiteSettings, SuiteSettingsError, type SuiteSettings } from '../wecom/suite-settings';
import { ApiError, misconfigured } from './errors';
import type { Principal } from './auth';

/**
 * What many-corps mode's admin routes need first: the suite's settings (404 `suite_mode_off`
 * while WECOM_SUITE_ID is unset, 503 when they are malformed), and for the provider's own routes
 * a provider admin (a caller bound to one corp gets 403 `provider_only`).
 */

export function suiteSettingsOf(env: Env): SuiteSettings {
  let suite: SuiteSettings | null;
  try {
    suite = suiteSettings(env);
  } catch (e) {
    if (e instanceof SuiteSettingsError) throw misconfigured(e.message);
    throw e;
  }
  if (!suite) throw new ApiError(404, 'suite_mode_off', 'many-corps mode is off: set WECOM_SUITE_ID (README "Many companies")');
  return suite;
}

export function requireProvider(principal: Principal): void {
  if (principal.corp !== null) {
    throw new ApiError(403, 'provider_only', `only the provider admin (ADMIN_TOKEN) may do this; this ${principal.via === 'session' ? 'session' : 'token'} belongs to corp ${principal.corp}`);
  }
}
