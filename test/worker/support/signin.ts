import { SELF } from 'cloudflare:test';

/**
 * The console's QR sign-in driven as a browser would: /auth/wecom, the simulator's login page,
 * a member's scan, the callback. Cookies are carried by hand (SELF.fetch keeps no jar).
 */

export const ORIGIN = 'http://edge.test';

/** `name=value` of a Set-Cookie header for `name`, or undefined. */
export function cookieOf(headers: Headers, name: string): { pair: string; attributes: string } | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...rest] = line.split(';');
  return { pair: pair!.trim(), attributes: rest.map((a) => a.trim()).join('; ') };
}

/** Step 1: our Worker sends the browser to the login page with a state cookie. */
export async function startSignIn(): Promise<{ loginUrl: URL; stateCookie: string; response: Response }> {
  const response = await SELF.fetch(`${ORIGIN}/auth/wecom`, { redirect: 'manual' });
  const loginUrl = new URL(response.headers.get('location') ?? 'about:blank');
  return { loginUrl, stateCookie: cookieOf(response.headers, 'wk_signin_state')?.pair ?? '', response };
}

/** Step 2: on the (simulated) login page, `as` scans; answers the callback URL WeCom sends the browser to. */
export async function scan(loginUrl: URL, as: string): Promise<URL> {
  const page = await (await fetch(loginUrl)).text();
  const href = [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&')).find((h) => new URL(h, loginUrl).searchParams.get('as') === as);
  if (!href) throw new Error(`the login page offers no scan as ${as}: ${page}`);
  const scanned = await fetch(new URL(href, loginUrl), { redirect: 'manual' });
  if (scanned.status !== 302) throw new Error(`the scan answered ${scanned.status}: ${await scanned.text()}`);
  return new URL(scanned.headers.get('location')!);
}

/** Step 3: the browser comes back to our callback with its state cookie. */
export const callback = (url: URL, stateCookie: string) => SELF.fetch(url, { headers: stateCookie ? { cookie: stateCookie } : {}, redirect: 'manual' });

/** The whole flow for a member on the allow-list: the session cookie and the CSRF token. */
export async function signIn(as: string): Promise<{ cookie: string; csrf: string }> {
  const { loginUrl, stateCookie } = await startSignIn();
  const done = await callback(await scan(loginUrl, as), stateCookie);
  const cookie = cookieOf(done.headers, 'wk_session')?.pair;
  if (done.status !== 302 || !cookie) throw new Error(`sign-in as ${as} answered ${done.status}: ${await done.text()}`);
  const session = await SELF.fetch(`${ORIGIN}/admin/api/session`, { headers: { cookie } });
  const { csrf_token } = (await session.json()) as { csrf_token: string };
  return { cookie, csrf: csrf_token };
}

/** A request to /admin/api with the session cookie (and the CSRF token when given). */
export async function withSession(method: string, path: string, s: { cookie: string; csrf?: string }, body?: unknown) {
  const headers: Record<string, string> = { cookie: s.cookie };
  if (s.csrf !== undefined) headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await SELF.fetch(`${ORIGIN}/admin/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}
