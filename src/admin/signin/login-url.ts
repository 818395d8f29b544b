/**
 * Where the browser goes to scan the QR code: WeCom's web login
 * (https://developer.work.weixin.qq.com/document/path/98152). `login_type=CorpApp` for a self-built
 * or 代开发 app, with the corp id as `appid` and the app's AgentId in that corp; `ServiceApp` for a
 * third-party app, with its SuiteID as `appid` (anyone of any corp that installed it may scan).
 */

export const WECOM_LOGIN_BASE = 'https://login.work.weixin.qq.com';
export const LOGIN_PATH = '/wwlogin/sso/login';

/**
 * The login host, derived from WECOM_API_BASE: WeCom itself, or an HTTPS egress proxy (which
 * forwards only /cgi-bin), means WeCom's login page; a plain-HTTP base is a local stand-in (the
 * simulator under `npm start` and the tests), which plays the login page on the same origin.
 */
export function loginBase(apiBase: string): string {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    return WECOM_LOGIN_BASE;
  }
  return url.protocol === 'http:' ? url.origin : WECOM_LOGIN_BASE;
}

export type LoginApp = { type: 'CorpApp'; corpId: string; agentId: string } | { type: 'ServiceApp'; suiteId: string };

export function loginUrl(o: { apiBase: string; app: LoginApp; redirectUri: string; state: string }): string {
  const url = new URL(LOGIN_PATH, loginBase(o.apiBase));
  const app: Record<string, string> = o.app.type === 'CorpApp' ? { login_type: 'CorpApp', appid: o.app.corpId, agentid: o.app.agentId } : { login_type: 'ServiceApp', appid: o.app.suiteId };
  url.search = new URLSearchParams({ ...app, redirect_uri: o.redirectUri, state: o.state }).toString();
  return url.href;
}

/** A self-built app's AgentId: digits (应用管理 → the app → AgentId). */
export const AGENT_ID = /^[0-9]{1,12}$/;

/** 128 random bits, base64url: the login's `state`, session ids and CSRF tokens. */
export function randomToken(bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
