import { ApiFailure, Errcode } from '../errcodes';
import type { SuiteProvider } from './provider';

/**
 * The 服务商 API under /cgi-bin/service/ (and the licence API under /cgi-bin/license/): HTTP 200 with the answer, and `{errcode, errmsg}` on
 * failure only, as these calls do ("因历史原因，该接口在调用失败时才返回errcode").
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const ROUTES: Record<string, (p: SuiteProvider, body: Obj, query: Record<string, string>) => Obj> = {
  '/cgi-bin/service/get_pre_auth_code': (p) => p.preAuthCode(),
  '/cgi-bin/service/set_session_info': (p, b) => p.setSessionInfo(b),
  '/cgi-bin/service/get_permanent_code': (p, b) => p.getPermanentCode(b),
  '/cgi-bin/service/get_auth_info': (p, b) => p.getAuthInfo(b),
  '/cgi-bin/service/get_corp_token': (p, b) => p.getCorpToken(b),
  // The ServiceApp web login's code (./web-login.ts).
  '/cgi-bin/service/auth/getuserinfo3rd': (p, _b, q) => p.login.userInfo3rd(q.code),
};

/** Calls made with the provider's own token (./provider-desk.ts). */
const PROVIDER_ROUTES: Record<string, (p: SuiteProvider, body: Obj) => Obj> = {
  '/cgi-bin/service/get_customized_auth_url': (p, b) => p.desk.customizedAuthUrl(b),
  '/cgi-bin/license/get_app_license_info': (p, b) => p.desk.appLicenseInfo(b, (corpId) => p.isAuthorized(corpId)),
};

export const isServiceApi = (path: string): boolean => path.startsWith('/cgi-bin/service/') || path.startsWith('/cgi-bin/license/');

export function answerServiceApi(provider: SuiteProvider | null, path: string, query: Record<string, string>, body: unknown): { status: number; json: Obj } {
  try {
    if (!provider) throw new ApiFailure(Errcode.invalidSuiteId, 'simulator: no suite is set up (POST /_sim/suite/setup)');
    const b = body === undefined ? {} : body;
    if (!isObj(b)) throw new ApiFailure(Errcode.dataFormat, 'data format error: the body must be a JSON object');
    if (path === '/cgi-bin/service/get_suite_token') return { status: 200, json: provider.getSuiteToken(b) };
    if (path === '/cgi-bin/service/get_provider_token') return { status: 200, json: provider.desk.getProviderToken(b) };
    const providerRoute = PROVIDER_ROUTES[path];
    if (providerRoute) {
      provider.desk.providerTokens.check(query.provider_access_token);
      return { status: 200, json: providerRoute(provider, b) };
    }
    const route = ROUTES[path];
    if (!route) return { status: 404, json: { errcode: 404, errmsg: `simulator: no service API at ${path}` } };
    provider.checkSuiteToken(query.suite_access_token);
    return { status: 200, json: route(provider, b, query) };
  } catch (e) {
    if (e instanceof ApiFailure) return { status: 200, json: { errcode: e.errcode, errmsg: e.errmsg } };
    throw e;
  }
}
