import { env } from 'cloudflare:test';
import { cookieOf, scan } from './signin';
import { deliverSigned, suiteFetch, suiteSim } from './suite';

/**
 * Many-corps mode's console sign-in and admin requests, driven as a browser and a script would,
 * through the Worker with the suite's settings (./suite.ts). Cookies are carried by hand.
 */

export interface Caller {
  token?: string;
  session?: { cookie: string; csrf: string };
  /** Sent as X-Corp-Id. */
  corp?: string;
}

/** A JSON request to /admin/api in many-corps mode; the bootstrap (provider) token unless the caller says otherwise. */
export async function corpApi(method: string, path: string, who: Caller = {}, body?: unknown, suiteId?: string) {
  const headers: Record<string, string> = {};
  if (who.session) Object.assign(headers, { cookie: who.session.cookie, 'x-csrf-token': who.session.csrf });
  else headers.authorization = `Bearer ${who.token ?? env.ADMIN_TOKEN}`;
  if (who.corp !== undefined) headers['x-corp-id'] = who.corp;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await suiteFetch(`/admin/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, suiteId);
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

/** /auth/wecom (with `?corp=` for a 代开发 app): the login page's URL and the state cookie. */
export async function startCorpSignIn(query = '', suiteId?: string): Promise<{ response: Response; loginUrl: URL | null; stateCookie: string }> {
  const response = await suiteFetch(`/auth/wecom${query}`, { redirect: 'manual' }, suiteId);
  const location = response.headers.get('location');
  return { response, loginUrl: location ? new URL(location) : null, stateCookie: cookieOf(response.headers, 'wk_signin_state')?.pair ?? '' };
}

/** The whole sign-in: `as` (`<corp id>:<userid>`) scans; the callback's answer, and the session when one was made. */
export async function corpSignIn(as: string, query = '', suiteId?: string): Promise<{ done: Response; session: { cookie: string; csrf: string } | null }> {
  const { loginUrl, stateCookie } = await startCorpSignIn(query, suiteId);
  if (!loginUrl) throw new Error('the sign-in did not go to a login page');
  const back = await scan(loginUrl, as);
  const done = await suiteFetch(`${back.pathname}${back.search}`, { headers: { cookie: stateCookie }, redirect: 'manual' }, suiteId);
  const cookie = cookieOf(done.headers, 'wk_session')?.pair;
  if (!cookie) return { done, session: null };
  const who = await corpApi('GET', '/session', { session: { cookie, csrf: '' } }, undefined, suiteId);
  return { done, session: { cookie, csrf: who.body.csrf_token as string } };
}

/** A fresh ticket, then `userid` (default: the corp's first app admin) installs the suite in `corpId` through the install link and its redirect (a 代开发 template: its QR code). */
export async function installAs(corpId: string, opts: { userid?: string; suiteId?: string } = {}): Promise<void> {
  const ticket = await suiteSim.ticket();
  if ((await deliverSigned(ticket, opts.suiteId)).status !== 200) throw new Error('the ticket was refused');
  const link = await corpApi('POST', '/corps/install-link', {}, undefined, opts.suiteId);
  if (link.status !== 200) throw new Error(`install-link answered ${link.status}: ${JSON.stringify(link.body)}`);
  if (opts.suiteId?.startsWith('dk')) {
    // A 代开发 template: the admin scans its QR code; the create_auth push connects the corp.
    const scanned = await suiteSim.scan({ qrcode_url: link.body.url as string, corp_id: corpId, ...(opts.userid ? { userid: opts.userid } : {}) });
    if ((await deliverSigned(scanned.callback, opts.suiteId)).status !== 200) throw new Error('the create_auth push was refused');
    return;
  }
  const q = Object.fromEntries(new URL(link.body.url as string).searchParams);
  const authorized = await suiteSim.authorize({ pre_auth_code: q.pre_auth_code!, corp_id: corpId, redirect_uri: q.redirect_uri!, state: q.state!, ...(opts.userid ? { userid: opts.userid } : {}) });
  const redirect = new URL(authorized.redirect!);
  const page = await suiteFetch(`${redirect.pathname}${redirect.search}`, {}, opts.suiteId);
  if (page.status !== 200) throw new Error(`the install redirect answered ${page.status}`);
}
