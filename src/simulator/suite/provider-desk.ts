import { SECOND, type SimClock } from '../clock';
import { ApiFailure, ControlError, Errcode } from '../errcodes';
import { randomId } from '../ids';
import type { SuiteSetup } from './provider';
import { TokenBook } from './token-book';

/**
 * What the provider itself holds beside its suite: its provider_access_token (7200 s, from its
 * corp id and Secret, https://developer.work.weixin.qq.com/document/path/96237), a 代开发
 * template's authorization QR codes (10 days, each with its state,
 * https://developer.work.weixin.qq.com/document/path/98744), and each corp's 接口调用许可 state
 * as a tester sets it (https://developer.work.weixin.qq.com/document/path/95844; by default WeCom
 * does not check licences for the app: license_status 0).
 */

export const PROVIDER_TOKEN_TTL = 7200 * SECOND;
export const QR_TTL = 864_000 * SECOND;
/** The simulator's page for a QR code (WeCom's own path is not public; the Worker only draws the link). */
export const CUSTOMIZED_AUTH_PAGE = 'https://open.work.weixin.qq.com/3rdapp/customized_auth';
const STATE = /^[A-Za-z0-9]{1,32}$/;

type Obj = Record<string, unknown>;

export interface LicenseSetting {
  license_status: 0 | 1;
  /** Unix seconds, as WeCom answers them. */
  trial_start?: number | undefined;
  trial_end?: number | undefined;
  check_time?: number | undefined;
}

export class ProviderDesk {
  /** The provider tokens: get_provider_token issues them; 40014 unknown or invalidated, 42001 expired. */
  readonly providerTokens: TokenBook;
  private readonly qrCodes = new Map<string, { state: string; expiresAt: number }>();
  private readonly licenses = new Map<string, LicenseSetting>();

  constructor(
    private readonly setup: SuiteSetup,
    private readonly clock: SimClock,
  ) {
    this.providerTokens = new TokenBook(clock, PROVIDER_TOKEN_TTL, { invalid: Errcode.invalidAccessToken, expired: Errcode.accessTokenExpired, name: 'provider_access_token' });
  }

  /** 40013 for another corp id, 40001 for a Secret that is not the provider's (or when the setup has none). */
  getProviderToken(body: Obj): Obj {
    if (body.corpid !== this.setup.provider_corp_id) throw new ApiFailure(Errcode.invalidCorpId, 'invalid corpid');
    if (!this.setup.provider_secret || body.provider_secret !== this.setup.provider_secret) throw new ApiFailure(Errcode.invalidSecret, 'invalid provider_secret');
    const { token, expiresIn } = this.providerTokens.issue();
    return { provider_access_token: token, expires_in: expiresIn };
  }

  /** get_customized_auth_url: a 代开发 template's id in templateid_list, a state of at most 32 letters or digits. */
  customizedAuthUrl(body: Obj): Obj {
    const list = body.templateid_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 9 || !list.includes(this.setup.suite_id)) throw new ApiFailure(Errcode.invalidParameter, 'templateid_list must name this provider’s template');
    if (!this.setup.suite_id.startsWith('dk')) throw new ApiFailure(Errcode.invalidParameter, `${this.setup.suite_id} is not a 代开发 template`);
    if (typeof body.state !== 'string' || !STATE.test(body.state)) throw new ApiFailure(Errcode.invalidParameter, 'state must be 1-32 letters or digits');
    const code = randomId(32);
    this.qrCodes.set(code, { state: body.state, expiresAt: this.clock.now() + QR_TTL });
    return { qrcode_url: `${CUSTOMIZED_AUTH_PAGE}?qrcode=${code}`, expires_in: QR_TTL / 1000 };
  }

  /** The state of a QR link still within its 10 days (404 otherwise). */
  scannedState(qrcodeUrl: string): string {
    let code: string | null = null;
    try {
      const url = new URL(qrcodeUrl);
      if (`${url.origin}${url.pathname}` === CUSTOMIZED_AUTH_PAGE) code = url.searchParams.get('qrcode');
    } catch {
      // not a URL: refused below
    }
    const qr = this.qrCodes.get(code ?? '');
    if (!qr || qr.expiresAt <= this.clock.now()) throw new ControlError(404, 'no live authorization QR code at that link');
    return qr.state;
  }

  setLicense(corpId: string, setting: LicenseSetting): void {
    this.licenses.set(corpId, setting);
  }

  /** license/get_app_license_info for a corp that installed the app (40013 otherwise) and this suite (40083 otherwise). */
  appLicenseInfo(body: Obj, installed: (corpId: string) => boolean): Obj {
    if (body.suite_id !== this.setup.suite_id) throw new ApiFailure(Errcode.invalidSuiteId, 'invalid suite_id');
    const corpId = typeof body.corpid === 'string' ? body.corpid : '';
    if (!installed(corpId)) throw new ApiFailure(Errcode.invalidCorpId, 'the corp has not installed this app');
    const l = this.licenses.get(corpId) ?? { license_status: 0 };
    return {
      license_status: l.license_status,
      ...(l.license_status === 1 && l.trial_end !== undefined ? { trail_info: { start_time: l.trial_start ?? l.trial_end - 90 * 86_400, end_time: l.trial_end } } : {}),
      ...(l.check_time !== undefined ? { license_check_time: l.check_time } : {}),
    };
  }
}
