import { Hono, type Context } from 'hono';
import type { Env } from '../../env';
import { createConsoleSession } from '../../storage/console-sessions';
import { createDb } from '../../storage/db';
import { createWecomApi } from '../../wecom/api';
import { failureHelp } from '../../wecom/errcode-help';
import { WecomApiError } from '../../wecom/errors';
import { audit } from '../audit';
import { sameSecret, sha256Hex } from '../auth';
import { clearStateCookie, readStateCookie, SESSION_TTL_S, setSessionCookie, setStateCookie, SIGNIN_PATH } from './cookies';
import { loginUrl, randomToken } from './login-url';
import { readConsoleMembers } from './members';
import { signinPage } from './page';
import { signinSetupProblem } from './setup';
import { sessionPrincipalId } from './session-auth';

/**
 * The console's sign-in with a WeCom QR code (self-built app web login,
 * https://developer.work.weixin.qq.com/document/path/98152 and /98176), mounted at /auth/wecom:
 *
 *   GET /auth/wecom           → 302 to WeCom's login page with a random `state`, bound to this
 *                                browser by a 10-minute cookie
 *   GET /auth/wecom/callback  ?code=&state= → `state` must equal the cookie's; the code goes to
 *                                auth/getuserinfo (through the shared access token); a userid in
 *                                CONSOLE_MEMBERS gets a session (cookie) and 302 to /console;
 *                                anyone else a Chinese page saying why
 */

/** A WeCom code is a short token; anything longer is not one. */
const CODE = /^[A-Za-z0-9_-]{1,512}$/;
/** auth/getuserinfo's "invalid code" (unknown, used, or past its 5 minutes). */
const INVALID_CODE = 40029;

const RETRY = '请回到控制台重新扫码登录。';

async function finish(c: Context<{ Bindings: Env }>): Promise<Response> {
  const expected = readStateCookie(c);
  const { state, code } = c.req.query();
  clearStateCookie(c);
  if (!expected || !state || !(await sameSecret(state, expected))) {
    return signinPage(c, 400, '登录请求已失效', `这次登录不是从本浏览器发起的，或已超过 10 分钟。${RETRY}`);
  }
  if (!code || !CODE.test(code)) return signinPage(c, 400, '登录未完成', `企业微信没有给出登录码（可能取消了授权）。${RETRY}`);
  let userid: string | undefined;
  try {
    userid = (await createWecomApi(c.env).authUserInfo(code)).userid;
  } catch (e) {
    if (!(e instanceof WecomApiError)) throw e;
    if (e.errcode === INVALID_CODE) return signinPage(c, 400, '登录码无效', `登录码无效、已使用或已超过 5 分钟（errcode 40029）。${RETRY}`);
    const help = failureHelp(e);
    return signinPage(c, 502, '企业微信暂时无法确认身份', `${help.message}（errcode ${e.errcode}）。${help.fix}`);
  }
  if (!userid) return signinPage(c, 403, '无法登录', '扫码的账号不是本企业的成员，只有本企业成员可以登录控制台。');
  const members = readConsoleMembers(c.env.CONSOLE_MEMBERS);
  if (!members.ok) return signinPage(c, 503, '扫码登录尚未配置', `${members.message}。请联系管理员。`);
  const member = members.members.get(userid);
  if (!member) return signinPage(c, 403, '没有控制台权限', `你的企业微信账号（${userid}）不在控制台的授权名单中。请联系管理员把你加入 CONSOLE_MEMBERS 并指定角色。`);

  const id = randomToken(32);
  const now = Date.now();
  await createConsoleSession(createDb(c.env.DB), await sha256Hex(id), { ...member, csrf: randomToken(32), created_at: now, expires_at: now + SESSION_TTL_S * 1000 });
  setSessionCookie(c, id);
  await audit(c.env, { id: sessionPrincipalId(member.userid), name: member.name, role: member.role, via: 'session' }, { method: 'GET', path: `${SIGNIN_PATH}/callback`, status: 302, summary: 'signed in' });
  return c.redirect('/console', 302);
}

export const signinRoutes = new Hono<{ Bindings: Env }>()
  .use(async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  })
  .get('/', (c) => {
    const problem = signinSetupProblem(c.env);
    if (problem) return signinPage(c, 503, '扫码登录尚未配置', `${problem}，无法发起企业微信扫码登录。请管理员在 wrangler.toml 的 [vars] 中设置后重新部署，或用管理令牌登录。`);
    const state = randomToken();
    setStateCookie(c, state);
    const redirectUri = new URL(`${SIGNIN_PATH}/callback`, c.req.url).href;
    return c.redirect(loginUrl({ apiBase: c.env.WECOM_API_BASE, corpId: c.env.WECOM_CORP_ID, agentId: c.env.WECOM_AGENT_ID ?? '', redirectUri, state }), 302);
  })
  .get('/callback', finish);
