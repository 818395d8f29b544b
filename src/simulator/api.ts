import { ApiFailure, Errcode } from './errcodes';
import type { SuiteProvider } from './suite/provider';
import type { World } from './world';

/**
 * The kf API under /cgi-bin: routes a call to the world's rules and shapes the answer as WeCom
 * does: HTTP 200 with `{errcode, errmsg, …}`, errcode 0 meaning success.
 */

type Obj = Record<string, unknown>;

export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** Fault `empty_page` armed for this call. */
  emptyPage: boolean;
}

type Handler = (world: World, call: ApiCall, body: Obj) => Obj;

const ROUTES: Record<string, Handler> = {
  '/cgi-bin/kf/sync_msg': (w, c, b) => w.messages.syncMsg(b, { emptyPage: c.emptyPage }, (id) => w.kf.known(id).open_kfid),
  '/cgi-bin/kf/send_msg': (w, _c, b) => w.sendMsg(b),
  '/cgi-bin/kf/send_msg_on_event': (w, _c, b) => w.sendMsgOnEvent(b),
  '/cgi-bin/kf/service_state/get': (w, _c, b) => w.serviceStateGet(b),
  '/cgi-bin/kf/service_state/trans': (w, _c, b) => w.serviceStateTrans(b),
  '/cgi-bin/kf/customer/batchget': (w, _c, b) => w.customers.batchget(b),
  '/cgi-bin/kf/account/list': (w, _c, b) => w.kf.accountList(b),
  '/cgi-bin/kf/account/add': (w, _c, b) => w.kf.accountAdd(b),
  '/cgi-bin/kf/account/update': (w, _c, b) => w.kf.accountUpdate(b),
  '/cgi-bin/kf/add_contact_way': (w, _c, b) => w.kf.addContactWay(b, w.identity.corpId),
  '/cgi-bin/kf/servicer/list': (w, c) => w.kf.servicerList(c.query.open_kfid),
  '/cgi-bin/kf/servicer/add': (w, _c, b) => w.kf.servicerAdd(b),
  '/cgi-bin/kf/servicer/del': (w, _c, b) => w.kf.servicerDel(b),
  // Multipart: the body is the parsed form (src/simulator/media.ts readMultipart).
  '/cgi-bin/media/upload': (w, c, b) => w.kf.media.upload(c.query.type, b),
  // The web login's code (./web-login.ts).
  '/cgi-bin/auth/getuserinfo': (w, c) => w.webLogin.userInfo(c.query.code),
};
/** Calls an authorized corp makes with the token the suite got for it (./suite/web-login.ts). */
const SUITE_CORP_ROUTES: Record<string, (suite: SuiteProvider, corpId: string, call: ApiCall, body: Obj) => Obj> = {
  '/cgi-bin/auth/getuserinfo': (s, corpId, c) => s.login.corpUserInfo(corpId, c.query.code),
  '/cgi-bin/agent/get_admin_list': (s, corpId, _c, b) => s.login.adminList(corpId, b),
};
/** Routes that take their parameters from the query (GET), not a JSON body. */
const QUERY_ROUTES = new Set(['/cgi-bin/kf/servicer/list', '/cgi-bin/auth/getuserinfo']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON answer and HTTP status of one kf API call. */
export function answerApi(world: World, call: ApiCall, suite: SuiteProvider | null = null): { status: number; json: Obj } {
  const ok = (extra: Obj) => ({ status: 200, json: { errcode: Errcode.ok, errmsg: 'ok', ...extra } });
  try {
    // A 代开发 app's gettoken: one of the suite's corps, its permanent code as the secret.
    if (call.path === '/cgi-bin/gettoken') return ok(suite?.gettoken(call.query.corpid, call.query.corpsecret) ?? world.tokens.get(call.query.corpid, call.query.corpsecret));
    const suiteCorp = suite?.isCorpToken(call.query.access_token);
    const suiteRoute = SUITE_CORP_ROUTES[call.path];
    if (suite && suiteCorp && suiteRoute) return ok(suiteRoute(suite, suiteCorp, call, isObj(call.body) ? call.body : {}));
    const route = ROUTES[call.path];
    if (!route) return { status: 404, json: { errcode: 404, errmsg: `simulator: no kf API at ${call.path}` } };
    // An authorized corp's token (the suite's get_corp_token or a 代开发 gettoken) comes with that
    // corp's world (./index.ts worldOf): another corp's open_kfid is unknown there (95004), as on
    // WeCom. The call log names the corp (CallRecord.corp).
    if (!suite?.isCorpToken(call.query.access_token)) world.tokens.check(call.query.access_token);
    if (call.path.startsWith('/cgi-bin/kf/')) world.kf.checkApiSwitch();
    // account/list was a bodiless GET in older SDKs; an empty body means "defaults" there.
    const body = call.body === undefined && (QUERY_ROUTES.has(call.path) || call.path === '/cgi-bin/kf/account/list') ? {} : call.body;
    if (!isObj(body)) throw new ApiFailure(Errcode.dataFormat, 'data format error: the body must be a JSON object');
    return ok(route(world, call, body));
  } catch (e) {
    if (e instanceof ApiFailure) return { status: 200, json: { errcode: e.errcode, errmsg: e.errmsg } };
    throw e;
  }
}
