import { Hono, type Context } from 'hono';
import type { Env } from '../../env';
import { createConsoleSession } from '../../storage/console-sessions';
import { createDb } from '../../storage/db';
import { createWecomApi } from '../../wecom/api';
import { adminCorp, tenantOf } from '../../wecom/corp';
import { WecomApiError } from '../../wecom/errors';
import { suiteSettings, SuiteSettingsError, type SuiteSettings } from '../../wecom/suite-settings';
import { audit } from '../audit';
import { sameSecret, sha256Hex } from '../auth';
import { clearStateCookie, readStateCookie, SESSION_TTL_S, setSessionCookie, setStateCookie, SIGNIN_PATH } from './cookies';
import { corpLoginApp, corpPerson, wecomRefused, type Identified } from './corp-signin';
import { loginUrl, randomToken, type LoginApp } from './login-url';
import { readConsoleMembers } from './members';
import { chooseCorpPage, signinPage } from './page';
import { signinSetupProblem } from './setup';
import { sessionPrincipalId } from './session-auth';

/**
 * The console's sign-in with a WeCom QR code (web login,
 * https://developer.work.weixin.qq.com/document/path/98152 and /98176), mounted at /auth/wecom:
 *
 *   GET /auth/wecom           → 302 to WeCom's login page with a random `state`, bound to this
 *                                browser by a 10-minute cookie
 *   GET /auth/wecom/callback  ?code=&state= → `state` must equal the cookie's; the code names a
 *                                person; one who may enter gets a session (cookie) and 302 to
 *                                /console; anyone else a Chinese page saying why
 *
 * Single-corp mode: the self-built app's login, auth/getuserinfo through the shared access token,
 * and CONSOLE_MEMBERS. Many-corps mode: the people of each authorized corp, into that corp's
 * console (./corp-signin.ts); a 代开发 app asks for the corp first (`?corp=<corp id>`).
 */

/** A WeCom code is a short token; anything longer is not one. */
const CODE = /^[A-Za-z0-9_-]{1,512}$/;
const RETRY = '请回到控制台重新扫码登录。';
/** The state cookie of a 代开发 sign-in also carries the corp chosen: `<state>.<corp id>` (neither holds a dot). */
const STATE_CORP_SEPARATOR = '.';

type SigninContext = Context<{ Bindings: Env }>;

/** The suite's settings in many-corps mode, null in single-corp mode; malformed ones are a page saying so. */
function suiteOf(env: Env): { ok: true; suite: SuiteSettings | null } | { ok: false; message: string } {
  try {
    return { ok: true, suite: suiteSettings(env) };
  } catch (e) {
    if (e instanceof SuiteSettingsError) return { ok: false, message: e.message };
    throw e;
  }
}

/** Single-corp mode: the self-built app's getuserinfo, then CONSOLE_MEMBERS. */
async function ownCorpPerson(env: Env, code: string): Promise<Identified> {
  let userid: string | undefined;
  try {
    userid = (await createWecomApi(env).authUserInfo(code)).userid;
  } catch (e) {
    if (e instanceof WecomApiError) return wecomRefused(e);
    throw e;
  }
  if (!userid) return { ok: false, status: 403, title: '无法登录', message: '扫码的账号不是本企业的成员，只有本企业成员可以登录控制台。' };
  const members = readConsoleMembers(env.CONSOLE_MEMBERS);
  if (!members.ok) return { ok: false, status: 503, title: '扫码登录尚未配置', message: `${members.message}。请联系管理员。` };
  const member = members.members.get(userid);
  if (!member) return { ok: false, status: 403, title: '没有控制台权限', message: `你的企业微信账号（${userid}）不在控制台的授权名单中。请联系管理员把你加入 CONSOLE_MEMBERS 并指定角色。` };
  return { ok: true, person: { ...member, corpId: env.WECOM_CORP_ID } };
}

async function start(c: SigninContext): Promise<Response> {
  const mode = suiteOf(c.env);
  if (!mode.ok) return signinPage(c, 503, '扫码登录尚未配置', `${mode.message}。请联系服务商。`);
  let app: LoginApp;
  let corpId: string | undefined;
  if (mode.suite) {
    const chosen = await corpLoginApp(c.env, mode.suite, c.req.query('corp'));
    if (!chosen.ok) return chosen.message === '' ? chooseCorpPage(c) : signinPage(c, chosen.status, chosen.title, chosen.message);
    ({ app, corpId } = chosen);
  } else {
    const problem = signinSetupProblem(c.env);
    if (problem) return signinPage(c, 503, '扫码登录尚未配置', `${problem}，无法发起企业微信扫码登录。请管理员在 wrangler.toml 的 [vars] 中设置后重新部署，或用管理令牌登录。`);
    app = { type: 'CorpApp', corpId: c.env.WECOM_CORP_ID, agentId: c.env.WECOM_AGENT_ID ?? '' };
  }
  const state = randomToken();
  setStateCookie(c, corpId === undefined ? state : `${state}${STATE_CORP_SEPARATOR}${corpId}`);
  const redirectUri = new URL(`${SIGNIN_PATH}/callback`, c.req.url).href;
  return c.redirect(loginUrl({ apiBase: c.env.WECOM_API_BASE, app, redirectUri, state }), 302);
}

async function finish(c: SigninContext): Promise<Response> {
  const [expected, chosenCorp] = (readStateCookie(c) ?? '').split(STATE_CORP_SEPARATOR);
  const { state, code } = c.req.query();
  clearStateCookie(c);
  if (!expected || !state || !(await sameSecret(state, expected))) {
    return signinPage(c, 400, '登录请求已失效', `这次登录不是从本浏览器发起的，或已超过 10 分钟。${RETRY}`);
  }
  if (!code || !CODE.test(code)) return signinPage(c, 400, '登录未完成', `企业微信没有给出登录码（可能取消了授权）。${RETRY}`);
  const mode = suiteOf(c.env);
  if (!mode.ok) return signinPage(c, 503, '扫码登录尚未配置', `${mode.message}。请联系服务商。`);
  const identified = mode.suite ? await corpPerson(c.env, mode.suite, code, chosenCorp) : await ownCorpPerson(c.env, code);
  if (!identified.ok) return signinPage(c, identified.status, identified.title, identified.message);
  const { person } = identified;

  const choice = adminCorp(c.env, person.corpId, undefined);
  if (!choice.ok) throw new Error(choice.message);
  const id = randomToken(32);
  const now = Date.now();
  const tenant = tenantOf(choice.corp, c.env.WECOM_CORP_ID);
  await createConsoleSession(createDb(c.env.DB), await sha256Hex(id), {
    userid: person.userid,
    name: person.name,
    role: person.role,
    csrf: randomToken(32),
    created_at: now,
    expires_at: now + SESSION_TTL_S * 1000,
    tenant,
  });
  setSessionCookie(c, id);
  const principal = { id: sessionPrincipalId(person.userid), name: person.name, role: person.role, via: 'session' as const, corp: person.corpId, issuedAt: now };
  await audit(c.env, principal, choice.corp, { method: 'GET', path: `${SIGNIN_PATH}/callback`, status: 302, summary: 'signed in' });
  return c.redirect('/console', 302);
}

export const signinRoutes = new Hono<{ Bindings: Env }>()
  .use(async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  })
  .get('/', start)
  .get('/callback', finish);
