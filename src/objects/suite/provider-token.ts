import { WecomApiError } from '../../wecom/errors';
import { getProviderToken, PROVIDER_TOKEN_REFUSED, type SuiteCall } from '../../wecom/suite-api';
import type { SuiteSettings } from '../../wecom/suite-settings';
import type { TokenResult } from '../access-token';
import type { TokenSlots } from './token-slots';

/**
 * The provider's own provider_access_token (https://developer.work.weixin.qq.com/document/path/96237),
 * for the 代开发 QR link and the licence checks: one single-flight slot beside the suite token,
 * replaced once when WeCom refuses it. Without WECOM_PROVIDER_SECRET there is none.
 */

const PROVIDER_TOKEN = 'provider-token';
const PATH = '/cgi-bin/service/get_provider_token';
/** Not a WeCom code: the secret is not set, so no call is made (the admin routes turn it into a 4xx). */
export const NO_PROVIDER_SECRET = -2;

export class ProviderToken {
  constructor(
    private readonly slots: TokenSlots,
    private readonly settings: SuiteSettings,
    private readonly call: SuiteCall,
  ) {}

  get configured(): boolean {
    return this.settings.providerSecret !== null;
  }

  token(): Promise<TokenResult> {
    return this.slots.get(PROVIDER_TOKEN, () => this.fetch());
  }

  /** Runs `use` with the provider token, replaced once on 40014/42001. Throws WecomApiError. */
  with<T>(use: (token: string) => Promise<T>): Promise<T> {
    return this.slots.with(PROVIDER_TOKEN, () => this.fetch(), PROVIDER_TOKEN_REFUSED, use);
  }

  private async fetch(): Promise<{ token: string; expiresIn: number }> {
    const secret = this.settings.providerSecret;
    if (secret === null) throw new WecomApiError(NO_PROVIDER_SECRET, 'WECOM_PROVIDER_SECRET is not set', PATH, false, 'errcode');
    const answer = await getProviderToken(this.call, { corpid: this.settings.providerCorpId, provider_secret: secret });
    return { token: answer.provider_access_token, expiresIn: answer.expires_in };
  }
}
