import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../../env';
import type { TokenResult } from '../../objects/access-token';
import { suiteStub, type SuiteContext } from '../../objects/suite';
import type { CorpSummary } from '../../objects/suite/corps';
import { failureHelp } from '../../wecom/errcode-help';
import { TOKEN_REFUSED, WecomApiError } from '../../wecom/errors';
import { APP_ADMIN_MANAGES, getAdminList, getCorpUserInfo, getUserInfo3rd } from '../../wecom/suite-login';
import type { SuiteSettings } from '../../wecom/suite-settings';
import type { Role } from '../roles';
import type { LoginApp } from './login-url';

/**
 * Many-corps mode's console sign-in (README "Signing in to the console"): the people of an
 * authorized corp sign in to that corp's console.
 * - Third-party app: the ServiceApp web login; getuserinfo3rd names the person's corp and userid.
 * - 代开发 app: the corp is chosen first (`/auth/wecom?corp=<corp id>`), then the CorpApp web login
 *   with the app's AgentId in that corp; auth/getuserinfo with the corp's token names the userid.
 * Who enters, and as what: the admin who authorized the install and the app's admins in the corp
 * (agent/get_admin_list, auth_type 1) as admin; else the corp's member list (its admins keep it
 * through /admin/api/members) with the role given there; nobody else.
 */

export interface Refusal {
  status: ContentfulStatusCode;
  title: string;
  message: string;
}
export interface Person {
  userid: string;
  name: string;
  role: Role;
  corpId: string;
}
export type Identified = { ok: true; person: Person } | ({ ok: false } & Refusal);

const RETRY = '请回到控制台重新扫码登录。';
/** auth/getuserinfo's and getuserinfo3rd's "invalid code" (unknown, used, or past its 5 minutes). */
export const INVALID_CODE = 40029;
/** What a corp id looks like in a query or cookie (third-party apps see longer, provider-scoped ones). */
export const CORP_ID_PARAM = /^[A-Za-z0-9_-]{1,64}$/;

const refuse = (status: ContentfulStatusCode, title: string, message: string): Identified => ({ ok: false, status, title, message });

/** WeCom refused turning the code into a person: 400 for a bad code, 502 with what to do for anything else. */
export function wecomRefused(e: WecomApiError): Identified {
  if (e.errcode === INVALID_CODE) return refuse(400, '登录码无效', `登录码无效、已使用或已超过 5 分钟（errcode 40029）。${RETRY}`);
  const help = failureHelp(e);
  return refuse(502, '企业微信暂时无法确认身份', `${help.message}（errcode ${e.errcode}）。${help.fix}`);
}

const corpRefusal = (corp: CorpSummary | null, corpId: string): Refusal | null =>
  !corp
    ? { status: 403, title: '企业尚未授权', message: `企业（${corpId}）尚未安装授权本应用，无法登录它的控制台。请企业管理员先完成授权安装。` }
    : corp.state === 'cancelled'
      ? { status: 403, title: '企业已取消授权', message: `企业「${corp.name}」已取消对本应用的授权，它的控制台已关闭。重新授权安装后才能登录。` }
      : null;

/** Where a sign-in starts: the third-party app's ServiceApp login, or (代开发) the chosen corp's CorpApp login. */
export async function corpLoginApp(env: Env, suite: SuiteSettings, corpId: string | undefined): Promise<{ ok: true; app: LoginApp; corpId?: string } | ({ ok: false } & Refusal)> {
  if (suite.mode === 'third_party') return { ok: true, app: { type: 'ServiceApp', suiteId: suite.suiteId } };
  if (corpId === undefined) return { ok: false, status: 400, title: '请选择企业', message: '' };
  if (!CORP_ID_PARAM.test(corpId)) return { ok: false, status: 400, title: '企业ID 不正确', message: '企业ID 由字母和数字组成（企业微信管理后台 → 我的企业 → 企业ID）。' };
  const { stub, context } = suiteStub(env, suite);
  const corp = await stub.corp(context, corpId);
  const refusal = corpRefusal(corp, corpId);
  if (refusal) return { ok: false, ...refusal };
  if (corp!.agent_id === null) return { ok: false, status: 503, title: '缺少应用 AgentId', message: '授权信息中没有本应用在该企业的 AgentId。请企业管理员重新授权安装后再登录。' };
  return { ok: true, app: { type: 'CorpApp', corpId, agentId: String(corp!.agent_id) }, corpId };
}

/** The person a login code names, in which corp, with the role they enter with (or why they may not). */
export async function corpPerson(env: Env, suite: SuiteSettings, code: string, chosenCorp: string | undefined): Promise<Identified> {
  const { stub, context } = suiteStub(env, suite);
  const call = { base: env.WECOM_API_BASE };
  const corpToken = new CorpTokenUse(stub, context);
  let corpId: string;
  let userid: string | undefined;
  try {
    if (suite.mode === 'third_party') {
      const suiteToken = await stub.suiteToken(context);
      if (!suiteToken.ok) throw WecomApiError.from(suiteToken.failure);
      const who = await getUserInfo3rd(call, suiteToken.token, code);
      corpId = who.corpid ?? '';
      userid = who.userid;
    } else {
      if (chosenCorp === undefined || !CORP_ID_PARAM.test(chosenCorp)) return refuse(400, '登录请求已失效', `这次登录没有选定企业。${RETRY}`);
      corpId = chosenCorp;
      // A corp that cancelled since the sign-in started is told so, before its (dropped) token is asked for.
      const refusal = corpRefusal(await stub.corp(context, corpId), corpId);
      if (refusal) return { ok: false, ...refusal };
      userid = (await corpToken.with(corpId, (token) => getCorpUserInfo(call, token, code))).userid;
    }
  } catch (e) {
    if (e instanceof WecomApiError) return wecomRefused(e);
    throw e;
  }
  if (!userid || !corpId) return refuse(403, '无法登录', '扫码的微信账号不是已授权企业的成员，只有企业成员可以登录控制台。');
  const corp = await stub.corp(context, corpId);
  const refusal = corpRefusal(corp, corpId);
  if (refusal) return { ok: false, ...refusal };
  const member = await stub.member(context, corpId, userid);
  const asAdmin = { ok: true as const, person: { userid, name: member?.name ?? userid, role: 'admin' as const, corpId } };
  if (corp!.installed_by === userid) return asAdmin;
  if (corp!.agent_id !== null) {
    try {
      const { admin } = await corpToken.with(corpId, (token) => getAdminList(call, token, corp!.agent_id!));
      if (admin.some((a) => a.userid === userid && a.auth_type === APP_ADMIN_MANAGES)) return asAdmin;
    } catch (e) {
      // Without the admin list a listed member still enters with their role; anyone else is told why.
      if (!(e instanceof WecomApiError)) throw e;
      if (!member) return wecomRefused(e);
    }
  }
  if (member) return { ok: true, person: { userid, name: member.name, role: member.role, corpId } };
  return refuse(403, '没有控制台权限', `你的企业微信账号（${userid}）不是「${corp!.name}」中本应用的管理员，也不在它的控制台成员名单中。请企业的应用管理员在控制台把你加为成员。`);
}

/** A corp's token from the Suite object; one refused by WeCom (expired early) is replaced once. */
class CorpTokenUse {
  constructor(
    private readonly stub: ReturnType<typeof suiteStub>['stub'],
    private readonly context: SuiteContext,
  ) {}

  async with<T>(corpId: string, run: (token: string) => Promise<T>): Promise<T> {
    const first = unwrap(await this.stub.corpToken(this.context, corpId));
    try {
      return await run(first);
    } catch (e) {
      if (!(e instanceof WecomApiError && e.kind === 'errcode' && TOKEN_REFUSED.has(e.errcode))) throw e;
    }
    return run(unwrap(await this.stub.refreshCorpToken(this.context, corpId, first)));
  }
}

function unwrap(result: TokenResult): string {
  if (!result.ok) throw WecomApiError.from(result.failure);
  return result.token;
}
