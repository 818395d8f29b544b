import type { SimClock } from '../clock';
import { ApiFailure, Errcode } from '../errcodes';
import { randomId } from '../ids';
import { answerLoginPages, LOGIN_CODE_TTL, LoginRefusal, OUTSIDER } from '../web-login';
import type { SuiteProvider } from './provider';

/**
 * The web login of the suite's app in the corps that installed it
 * (https://developer.work.weixin.qq.com/document/path/98152), played for the browser:
 * - `login_type=ServiceApp&appid=<suite id>` (a third-party app): the page lists the people of every
 *   corp that authorized it; service/auth/getuserinfo3rd answers the code's `{corpid, userid,
 *   open_userid}` with the suite token. A 代开发 app has no ServiceApp login (the page refuses it)
 *   and may not call getuserinfo3rd (48002).
 * - `login_type=CorpApp&appid=<corp id>&agentid=<the app's AgentId there>` (a 代开发 app): the
 *   corp's people; auth/getuserinfo answers `{userid}` with that corp's token.
 * Scanning (`/wwlogin/sso/scan?as=<corp id>:<userid>|~outsider&…`) sends the browser back with a
 * code, valid once within 5 minutes; a code unknown, used, late or of another corp is 40029.
 * agent/get_admin_list (corp token, `{agentid}`) lists the app's admins; another agent is 301002.
 */

interface SuiteLoginCode {
  corpId: string | null;
  userid: string | null;
  expiresAt: number;
  used: boolean;
  via: 'ServiceApp' | 'CorpApp';
}

type Obj = Record<string, unknown>;

export class SuiteLogin {
  private readonly codes = new Map<string, SuiteLoginCode>();

  constructor(
    private readonly provider: SuiteProvider,
    private readonly clock: SimClock,
  ) {}

  /** Whether this login request is the suite's (else the own corp's self-built app plays it). */
  handles(q: URLSearchParams): boolean {
    if (q.get('login_type') === 'ServiceApp') return true;
    const corpId = q.get('appid') ?? '';
    return this.provider.customized && this.provider.isAuthorized(corpId) && q.get('agentid') === String(this.provider.agentIdOf(corpId));
  }

  answer(url: URL): Response {
    return answerLoginPages(url, () => {
      const { via, corps, redirectUri, state } = this.check(url.searchParams);
      return {
        redirectUri,
        state,
        title: `企业微信扫码登录（模拟，${via}）`,
        people: corps.flatMap((corp) => this.provider.people(corp).map((u) => ({ as: `${corp}:${u}`, label: `${corp} 的 ${u}` }))),
        issue: (as) => this.issue(via, corps, as),
      };
    });
  }

  /** service/auth/getuserinfo3rd: a ServiceApp code's person, once. */
  userInfo3rd(code: string | undefined): Obj {
    if (this.provider.customized) throw new ApiFailure(Errcode.apiForbidden, 'api forbidden: a 代开发 app may not call getuserinfo3rd');
    const login = this.take(code, 'ServiceApp', null);
    return login.userid ? { corpid: login.corpId, userid: login.userid, open_userid: `wo${login.userid}` } : { openid: `o${randomId(27)}` };
  }

  /** auth/getuserinfo with a corp's token: a CorpApp code of that corp, once. */
  corpUserInfo(corpId: string, code: string | undefined): Obj {
    const login = this.take(code, 'CorpApp', corpId);
    return login.userid ? { userid: login.userid } : { openid: `o${randomId(27)}` };
  }

  /** agent/get_admin_list with a corp's token. */
  adminList(corpId: string, body: Obj): Obj {
    if (body.agentid !== this.provider.agentIdOf(corpId)) throw new ApiFailure(Errcode.noAgentPermission, `no privilege to access/modify contact/party/agent: agentid ${String(body.agentid)}`);
    return { admin: this.provider.admins(corpId) };
  }

  private check(q: URLSearchParams): { via: SuiteLoginCode['via']; corps: string[]; redirectUri: URL; state: string } {
    let redirectUri: URL;
    try {
      redirectUri = new URL(q.get('redirect_uri') ?? '');
    } catch {
      throw new LoginRefusal('redirect_uri must be an absolute URL');
    }
    const state = q.get('state') ?? '';
    if (q.get('login_type') === 'ServiceApp') {
      if (this.provider.customized) throw new LoginRefusal('a 代开发 app signs in with login_type=CorpApp and the corp id as appid');
      if (q.get('appid') !== this.provider.setup.suite_id) throw new LoginRefusal(`appid must be the SuiteID ${this.provider.setup.suite_id}`);
      return { via: 'ServiceApp', corps: this.provider.setup.corps.map((c) => c.corp_id).filter((c) => this.provider.isAuthorized(c)), redirectUri, state };
    }
    return { via: 'CorpApp', corps: [q.get('appid') ?? ''], redirectUri, state };
  }

  private issue(via: SuiteLoginCode['via'], corps: string[], as: string): string {
    const [corpId = '', userid = ''] = as.split(':');
    const person = as !== OUTSIDER && corps.includes(corpId) && this.provider.people(corpId).includes(userid);
    if (!person && as !== OUTSIDER) throw new LoginRefusal(`${as} is not a person of a corp this login serves`);
    const code = randomId(32);
    this.codes.set(code, { corpId: person ? corpId : null, userid: person ? userid : null, expiresAt: this.clock.now() + LOGIN_CODE_TTL, used: false, via });
    return code;
  }

  private take(code: string | undefined, via: SuiteLoginCode['via'], corpId: string | null): SuiteLoginCode {
    const login = code === undefined ? undefined : this.codes.get(code);
    const fits = login && !login.used && login.expiresAt > this.clock.now() && login.via === via && (corpId === null || login.corpId === null || login.corpId === corpId);
    if (!login || !fits) throw new ApiFailure(Errcode.invalidCode, 'invalid code');
    login.used = true;
    return login;
  }
}
