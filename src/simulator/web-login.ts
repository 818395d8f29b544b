import { MINUTE, type SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { randomId } from './ids';

/**
 * WeCom's web login for a self-built app (https://developer.work.weixin.qq.com/document/path/98152,
 * /98176), played for the browser: `GET /wwlogin/sso/login?login_type=CorpApp&appid=&agentid=
 * &redirect_uri=&state=` shows the corp's members, each with a 扫码 link standing in for the phone
 * that scans the QR code, and one for someone outside the corp. The link
 * (`/wwlogin/sso/scan?as=<userid>|~outsider&…`) sends the browser back to redirect_uri with a
 * `code` and the same `state`. `auth/getuserinfo` answers a code once, within 5 minutes: a member's
 * `userid`, an outsider's `openid`; anything else 40029.
 */

export const LOGIN_CODE_TTL = 5 * MINUTE;
/** The scan link of someone who is not a member of the corp. */
export const OUTSIDER = '~outsider';

interface LoginCode {
  userid: string | null;
  openid: string | null;
  expiresAt: number;
  used: boolean;
}

export class WebLogin {
  private readonly codes = new Map<string, LoginCode>();

  constructor(
    private readonly clock: SimClock,
    private readonly corpId: string,
    private readonly members: () => readonly string[],
  ) {}

  /** The code the scan of `as` produces (a member's userid, or OUTSIDER). */
  issue(as: string): string {
    const member = this.members().includes(as);
    if (!member && as !== OUTSIDER) throw new LoginRefusal(`${as} is not a member of the corp`);
    const code = randomId(32);
    this.codes.set(code, { userid: member ? as : null, openid: member ? null : `o${randomId(27)}`, expiresAt: this.clock.now() + LOGIN_CODE_TTL, used: false });
    return code;
  }

  /** auth/getuserinfo: the code's person, once. */
  userInfo(code: string | undefined): Record<string, unknown> {
    const login = code === undefined ? undefined : this.codes.get(code);
    if (!login || login.used || login.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.invalidCode, 'invalid code');
    login.used = true;
    return login.userid ? { userid: login.userid } : { openid: login.openid };
  }

  /** The login request's parameters as WeCom checks them; a LoginRefusal names the first bad one. */
  checkRequest(q: URLSearchParams): { redirectUri: URL; state: string } {
    if (q.get('login_type') !== 'CorpApp') throw new LoginRefusal('login_type must be CorpApp (a self-built app)');
    if (q.get('appid') !== this.corpId) throw new LoginRefusal(`appid must be the corp id ${this.corpId}`);
    if (!/^[0-9]+$/.test(q.get('agentid') ?? '')) throw new LoginRefusal('agentid must be the app\'s AgentId (digits)');
    let redirectUri: URL;
    try {
      redirectUri = new URL(q.get('redirect_uri') ?? '');
    } catch {
      throw new LoginRefusal('redirect_uri must be an absolute URL');
    }
    return { redirectUri, state: q.get('state') ?? '' };
  }

  memberList(): readonly string[] {
    return this.members();
  }
}

export class LoginRefusal extends Error {}

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const html = (status: number, body: string) =>
  new Response(`<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>企业微信登录（模拟）</title></head><body>${body}</body></html>\n`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });

/** What a login request offers: where the scan returns, who may scan (`as` and how the page names them), and the code a scan makes. */
export interface LoginOffer {
  redirectUri: URL;
  state: string;
  title: string;
  people: { as: string; label: string }[];
  issue(as: string): string;
}

/**
 * The login page and the scan (GET /wwlogin/sso/login, /wwlogin/sso/scan) for a request `offer`
 * reads (throwing LoginRefusal for a bad one): the page links one scan per person and one for
 * someone outside; a scan sends the browser back to redirect_uri with a code and the state.
 */
export function answerLoginPages(url: URL, offer: () => LoginOffer): Response {
  try {
    const o = offer();
    if (url.pathname === '/wwlogin/sso/scan') {
      const back = new URL(o.redirectUri);
      back.searchParams.set('code', o.issue(url.searchParams.get('as') ?? ''));
      back.searchParams.set('state', o.state);
      return new Response(null, { status: 302, headers: { location: back.href } });
    }
    if (url.pathname !== '/wwlogin/sso/login') return html(404, `<p>no such page: ${escape(url.pathname)}</p>`);
    const scan = (as: string) => {
      const link = new URL('/wwlogin/sso/scan', url);
      link.search = url.search;
      link.searchParams.set('as', as);
      return link.pathname + link.search;
    };
    const items = o.people.map((p) => `<li><a href="${escape(scan(p.as))}">以 ${escape(p.label)} 扫码</a></li>`);
    items.push(`<li><a href="${escape(scan(OUTSIDER))}">以非企业成员的微信扫码</a></li>`);
    return html(200, `<main><h1>${escape(o.title)}</h1><p>选择扫码的人：</p><ul>${items.join('')}</ul></main>`);
  } catch (e) {
    if (e instanceof LoginRefusal) return html(400, `<main><h1>登录参数错误</h1><p>${escape(e.message)}</p></main>`);
    throw e;
  }
}

/** The self-built app's login pages. */
export function answerWebLogin(login: WebLogin, url: URL): Response {
  return answerLoginPages(url, () => ({
    ...login.checkRequest(url.searchParams),
    title: '企业微信扫码登录（模拟）',
    people: login.memberList().map((m) => ({ as: m, label: m })),
    issue: (as) => login.issue(as),
  }));
}
