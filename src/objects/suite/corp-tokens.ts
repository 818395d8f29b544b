import { WecomApiError } from '../../wecom/errors';
import { getCorpToken, getCustomizedCorpToken, PERMANENT_CODE_INVALID, type SuiteCall } from '../../wecom/suite-api';
import type { TokenResult } from '../access-token';
import type { CorpBook } from './corps';
import type { SuiteToken } from './suite-token';
import type { TokenSlots } from './token-slots';

/**
 * A corp's access token, one single-flight slot per corp: service/get_corp_token for a
 * third-party app (https://developer.work.weixin.qq.com/document/path/90605), plain gettoken with
 * the permanent code as the secret for 代开发 (https://developer.work.weixin.qq.com/document/path/97164).
 * A corp that is not active gets no token.
 */

export const corpTokenKey = (corpId: string) => `corp-token:${corpId}`;
const PATH = '/cgi-bin/service/get_corp_token';

export class CorpTokens {
  constructor(
    private readonly corps: CorpBook,
    private readonly suite: SuiteToken,
    private readonly slots: TokenSlots,
    private readonly call: SuiteCall,
  ) {}

  async token(corpId: string): Promise<TokenResult> {
    const refused = await this.refusal(corpId);
    return refused ?? this.slots.get(corpTokenKey(corpId), () => this.fetch(corpId));
  }

  async refresh(corpId: string, stale: string): Promise<TokenResult> {
    const refused = await this.refusal(corpId);
    return refused ?? this.slots.refresh(corpTokenKey(corpId), stale, () => this.fetch(corpId));
  }

  forget(corpId: string): Promise<void> {
    return this.slots.forget(corpTokenKey(corpId));
  }

  /** Checked on every call, cached token or not: a cancelled corp's token is never handed out again. */
  private async refusal(corpId: string): Promise<TokenResult | null> {
    const corp = await this.corps.get(corpId);
    if (corp?.state === 'active') return null;
    const why = corp ? 'cancelled its authorization' : 'never authorized this suite';
    return { ok: false, failure: { errcode: PERMANENT_CODE_INVALID, errmsg: `corp ${corpId} ${why}`, path: PATH, transient: false, kind: 'errcode' } };
  }

  private async fetch(corpId: string): Promise<{ token: string; expiresIn: number }> {
    const code = await this.corps.permanentCode(corpId);
    if (!code.ok) throw new WecomApiError(PERMANENT_CODE_INVALID, `no usable permanent code for corp ${corpId} (${code.reason})`, PATH, false, 'errcode');
    const answer =
      code.mode === 'customized'
        ? await getCustomizedCorpToken(this.call, corpId, code.code)
        : await this.suite.with((suiteToken) => getCorpToken(this.call, suiteToken, corpId, code.code));
    return { token: answer.access_token, expiresIn: answer.expires_in };
  }
}
