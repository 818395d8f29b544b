import { z } from 'zod';
import { callWecom, DEFAULT_TIMEOUT_MS } from './api';
import { AppLicenseAnswerSchema } from './license';
import { GetTokenAnswerSchema, type GetTokenAnswer } from './types';

/**
 * The 服务商 API of a suite (https://developer.work.weixin.qq.com/document/path/97162 and the pages
 * it links). These answers carry an errcode only on failure ("因历史原因，该接口在调用失败时才返回
 * errcode"); callWecom reads a missing errcode as 0. Token handling lives in the Suite object.
 */

/** suite_access_token expired (https://developer.work.weixin.qq.com/document/path/90313). */
export const SUITE_TOKEN_EXPIRED = 42009;
/** suite_access_token invalid. */
export const SUITE_TOKEN_INVALID = 40082;
/** suite_access_token refused: drop it, fetch another, retry once. */
export const SUITE_TOKEN_REFUSED: ReadonlySet<number> = new Set([SUITE_TOKEN_EXPIRED, SUITE_TOKEN_INVALID]);
/** suite_ticket invalid or expired: wait for WeCom's next push (every 10 minutes). */
export const SUITE_TICKET_INVALID = 40085;
/** auth_code invalid or already used (valid 10 minutes, once). */
export const AUTH_CODE_INVALID = 40078;
/** permanent_code invalid (the corp cancelled, or the code was reset). */
export const PERMANENT_CODE_INVALID = 40084;
/**
 * provider_access_token refused: 40014 (不合法的access_token, which covers the provider token) and
 * 42001 (expired), https://developer.work.weixin.qq.com/document/path/90313: drop it, fetch another, retry once.
 */
export const PROVIDER_TOKEN_REFUSED: ReadonlySet<number> = new Set([40014, 42001]);

export const SuiteTokenAnswerSchema = z.looseObject({ suite_access_token: z.string().min(1), expires_in: z.number().int().positive() });
export const ProviderTokenAnswerSchema = z.looseObject({ provider_access_token: z.string().min(1), expires_in: z.number().int().positive() });
export const CustomizedAuthUrlAnswerSchema = z.looseObject({ qrcode_url: z.url(), expires_in: z.number().int().positive() });
export const PreAuthCodeAnswerSchema = z.looseObject({ pre_auth_code: z.string().min(1), expires_in: z.number().int().positive() });
const CorpInfoSchema = z.looseObject({ corpid: z.string().min(1), corp_name: z.string().default('') });
export const PermanentCodeAnswerSchema = z.looseObject({
  permanent_code: z.string().min(1).max(512),
  auth_corp_info: CorpInfoSchema,
  /** Third-party apps get a first corp token here; 代开发 does not. */
  access_token: z.string().optional(),
  expires_in: z.number().int().positive().optional(),
  state: z.string().optional(),
  /** The app's agent in the corp (its AgentId), https://developer.work.weixin.qq.com/document/path/90603. */
  auth_info: z.looseObject({ agent: z.array(z.looseObject({ agentid: z.number().int() })).default([]) }).optional(),
  /** The admin who authorized the install. */
  auth_user_info: z.looseObject({ userid: z.string().optional() }).optional(),
});
export type PermanentCodeAnswer = z.infer<typeof PermanentCodeAnswerSchema>;
export const AuthInfoAnswerSchema = z.looseObject({ auth_corp_info: CorpInfoSchema });

export interface SuiteCall {
  base: string;
  timeoutMs?: number;
}

const post = <S extends z.ZodType>(call: SuiteCall, path: string, schema: S, body: unknown, query: Record<string, string> = {}) =>
  callWecom({ base: call.base, method: 'POST', path, query, body, schema, timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS });

/** https://developer.work.weixin.qq.com/document/path/97162 */
export const getSuiteToken = (call: SuiteCall, body: { suite_id: string; suite_secret: string; suite_ticket: string }) =>
  post(call, '/cgi-bin/service/get_suite_token', SuiteTokenAnswerSchema, body);

/** The provider's own token (7200 s; errors only through errcode), https://developer.work.weixin.qq.com/document/path/96237. */
export const getProviderToken = (call: SuiteCall, body: { corpid: string; provider_secret: string }) =>
  post(call, '/cgi-bin/service/get_provider_token', ProviderTokenAnswerSchema, body);

/**
 * A 代开发 template's authorization QR link (valid 864000 s): `state` (at most 32 letters or digits)
 * comes back in create_auth and get_permanent_code, https://developer.work.weixin.qq.com/document/path/98744.
 */
export const getCustomizedAuthUrl = (call: SuiteCall, providerToken: string, templateId: string, state: string) =>
  post(call, '/cgi-bin/service/get_customized_auth_url', CustomizedAuthUrlAnswerSchema, { state, templateid_list: [templateId] }, { provider_access_token: providerToken });

/** The app's 接口调用许可 state in one corp (./license.ts reads it), https://developer.work.weixin.qq.com/document/path/95844. */
export const getAppLicenseInfo = (call: SuiteCall, providerToken: string, corpId: string, suiteId: string) =>
  post(call, '/cgi-bin/license/get_app_license_info', AppLicenseAnswerSchema, { corpid: corpId, suite_id: suiteId }, { provider_access_token: providerToken });

/** https://developer.work.weixin.qq.com/document/path/90601 (valid 1200 s). */
export const getPreAuthCode = (call: SuiteCall, suiteToken: string) =>
  callWecom({ base: call.base, method: 'GET', path: '/cgi-bin/service/get_pre_auth_code', query: { suite_access_token: suiteToken }, schema: PreAuthCodeAnswerSchema, timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS });

/** set_session_info: auth_type 1 lets an unpublished app be installed for testing (as WxJava and wechatpy call it). */
export const setSessionInfo = (call: SuiteCall, suiteToken: string, preAuthCode: string, authType: 0 | 1) =>
  post(call, '/cgi-bin/service/set_session_info', z.looseObject({}), { pre_auth_code: preAuthCode, session_info: { auth_type: authType } }, { suite_access_token: suiteToken });

/** https://developer.work.weixin.qq.com/document/path/90603 */
export const getPermanentCode = (call: SuiteCall, suiteToken: string, authCode: string) =>
  post(call, '/cgi-bin/service/get_permanent_code', PermanentCodeAnswerSchema, { auth_code: authCode }, { suite_access_token: suiteToken });

/** https://developer.work.weixin.qq.com/document/path/14943 */
export const getAuthInfo = (call: SuiteCall, suiteToken: string, corpId: string, permanentCode: string) =>
  post(call, '/cgi-bin/service/get_auth_info', AuthInfoAnswerSchema, { auth_corpid: corpId, permanent_code: permanentCode }, { suite_access_token: suiteToken });

/** A third-party app's token for one corp (https://developer.work.weixin.qq.com/document/path/90605). */
export const getCorpToken = (call: SuiteCall, suiteToken: string, corpId: string, permanentCode: string): Promise<GetTokenAnswer> =>
  post(call, '/cgi-bin/service/get_corp_token', GetTokenAnswerSchema, { auth_corpid: corpId, permanent_code: permanentCode }, { suite_access_token: suiteToken });

/** A 代开发 app's token: plain gettoken, the permanent code being the app's secret (https://developer.work.weixin.qq.com/document/path/97164). */
export const getCustomizedCorpToken = (call: SuiteCall, corpId: string, permanentCode: string): Promise<GetTokenAnswer> =>
  callWecom({ base: call.base, method: 'GET', path: '/cgi-bin/gettoken', query: { corpid: corpId, corpsecret: permanentCode }, schema: GetTokenAnswerSchema, timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS });

/** The install page an admin of a corp opens (https://developer.work.weixin.qq.com/document/path/90597). */
export const INSTALL_PAGE = 'https://open.work.weixin.qq.com/3rdapp/install';

export function installUrl(suiteId: string, preAuthCode: string, redirectUri: string, state: string): string {
  const q = new URLSearchParams({ suite_id: suiteId, pre_auth_code: preAuthCode, redirect_uri: redirectUri, state });
  return `${INSTALL_PAGE}?${q}`;
}
