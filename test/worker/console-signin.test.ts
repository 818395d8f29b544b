import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { api, migrate, resetStorage, tokenFor } from './support/admin';
import { resetSim, sim } from './support/sim';
import { callback, cookieOf, ORIGIN, scan, signIn, startSignIn, withSession } from './support/signin';

/**
 * The console's sign-in with a WeCom QR code against the simulator's login page and
 * auth/getuserinfo, the cookie session beside bearer tokens, CSRF on cookie writes, sign-out,
 * expiry, and the audit log of writes. CONSOLE_MEMBERS (vitest.config.ts): zhangsan admin,
 * lisi operator, wangwu viewer; zhaoliu is a member of the corp but not on the list.
 */

beforeAll(migrate);
beforeEach(async () => {
  await resetStorage();
  await resetSim();
  await sim.corp({ members: ['zhangsan', 'lisi', 'wangwu', 'zhaoliu'] });
});

const versions = async () => (await api('GET', '/config/versions')).body.items.length as number;
const auditItems = async () => (await api('GET', '/audit')).body.items as Array<Record<string, unknown>>;

describe('QR sign-in', () => {
  it('sends the browser to the login page with corp id, agent id, callback and a state bound by a short Lax cookie', async () => {
    const { response, loginUrl, stateCookie } = await startSignIn();
    expect(response.status).toBe(302);
    expect(loginUrl.origin + loginUrl.pathname).toBe('http://wecom.test/wwlogin/sso/login');
    const q = loginUrl.searchParams;
    expect([q.get('login_type'), q.get('appid'), q.get('agentid'), q.get('redirect_uri')]).toEqual(['CorpApp', env.WECOM_CORP_ID, '1000002', `${ORIGIN}/auth/wecom/callback`]);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stateCookie).toBe(`wk_signin_state=${q.get('state')}`);
    const attributes = cookieOf(response.headers, 'wk_signin_state')!.attributes;
    for (const a of ['Max-Age=600', 'Path=/auth/wecom', 'HttpOnly', 'Secure', 'SameSite=Lax']) expect(attributes).toContain(a);
    // Each start has a state of its own.
    expect((await startSignIn()).loginUrl.searchParams.get('state')).not.toBe(q.get('state'));
  });

  it('signs an allowed member in: the session cookie is HttpOnly, Secure, SameSite=Strict, Path=/ and lasts 8 hours', async () => {
    const { loginUrl, stateCookie } = await startSignIn();
    const back = await scan(loginUrl, 'zhangsan');
    expect(back.href.startsWith(`${ORIGIN}/auth/wecom/callback?`)).toBe(true);
    const done = await callback(back, stateCookie);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/console');
    const session = cookieOf(done.headers, 'wk_session')!;
    expect(session.pair).toMatch(/^wk_session=[A-Za-z0-9_-]{43}$/);
    for (const a of ['Max-Age=28800', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']) expect(session.attributes).toContain(a);
    // The state is spent.
    expect(cookieOf(done.headers, 'wk_signin_state')?.attributes).toContain('Max-Age=0');
    // Only the hash of the cookie's id is stored.
    const rows = await env.DB.prepare('SELECT id_hash, userid, role FROM console_sessions').all<{ id_hash: string; userid: string; role: string }>();
    expect(rows.results).toEqual([{ id_hash: expect.stringMatching(/^[0-9a-f]{64}$/), userid: 'zhangsan', role: 'admin' }]);
    expect(JSON.stringify(rows.results)).not.toContain(session.pair.slice('wk_session='.length));
  });

  it('refuses a state that does not match the cookie (or no cookie), and signs nobody in', async () => {
    const { loginUrl } = await startSignIn();
    const back = await scan(loginUrl, 'zhangsan');
    for (const cookie of ['wk_signin_state=someone-elses-state', '']) {
      const r = await callback(back, cookie);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(await r.text()).toContain('登录请求已失效');
      expect(cookieOf(r.headers, 'wk_session')).toBeUndefined();
    }
    expect((await env.DB.prepare('SELECT count(*) AS n FROM console_sessions').first<{ n: number }>())!.n).toBe(0);
  });

  it('refuses a code used once already (40029) and a code past its 5 minutes', async () => {
    const { loginUrl, stateCookie } = await startSignIn();
    const back = await scan(loginUrl, 'zhangsan');
    expect((await callback(back, stateCookie)).status).toBe(302);
    const again = await callback(back, stateCookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('40029');
    expect(cookieOf(again.headers, 'wk_session')).toBeUndefined();

    const late = await startSignIn();
    const lateBack = await scan(late.loginUrl, 'zhangsan');
    await sim.advance(301);
    const expired = await callback(lateBack, late.stateCookie);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('登录码无效');
  });

  it('refuses a member who is not on CONSOLE_MEMBERS, and someone outside the corp, each with a Chinese page', async () => {
    for (const [as, words] of [['zhaoliu', ['没有控制台权限', 'zhaoliu', 'CONSOLE_MEMBERS']], ['~outsider', ['不是本企业的成员']]] as const) {
      const { loginUrl, stateCookie } = await startSignIn();
      const r = await callback(await scan(loginUrl, as), stateCookie);
      expect(r.status, as).toBe(403);
      const page = await r.text();
      for (const w of words) expect(page).toContain(w);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(cookieOf(r.headers, 'wk_session')).toBeUndefined();
    }
  });

  it("answers WeCom's own refusal of the exchange with a 502 page that says what to do", async () => {
    const { loginUrl, stateCookie } = await startSignIn();
    const back = await scan(loginUrl, 'zhangsan');
    await sim.fault({ path: '/cgi-bin/auth/getuserinfo', kind: 'errcode', errcode: 60020, errmsg: 'not allow to access from your ip' });
    const r = await callback(back, stateCookie);
    expect(r.status).toBe(502);
    const page = await r.text();
    expect(page).toContain('60020');
    expect(page).toContain('企业可信IP');
  });

  it('says the sign-in is not set up (503) without WECOM_AGENT_ID or a valid CONSOLE_MEMBERS', async () => {
    for (const [override, words] of [
      [{ WECOM_AGENT_ID: '' }, 'WECOM_AGENT_ID'],
      [{ CONSOLE_MEMBERS: '' }, '未设置 CONSOLE_MEMBERS'],
      [{ CONSOLE_MEMBERS: '[{"userid":"a","role":"boss"}]' }, 'CONSOLE_MEMBERS 格式不对'],
    ] as const) {
      const r = await worker.fetch(new Request(`${ORIGIN}/auth/wecom`), { ...env, ...override }, createExecutionContext());
      expect(r.status).toBe(503);
      expect(await r.text()).toContain(words);
    }
  });
});

describe('the session cookie in the admin API', () => {
  it('reads with the cookie alone and answers who is signed in with the CSRF token', async () => {
    const s = await signIn('zhangsan');
    const who = await withSession('GET', '/session', s);
    expect(who.body).toEqual({ id: 'wecom:zhangsan', name: '张三', role: 'admin', via: 'session', csrf_token: s.csrf, expires_at: expect.any(Number), corp_id: env.WECOM_CORP_ID, provider: false });
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await withSession('GET', '/config/versions', s)).status).toBe(200);
  });

  it('refuses a write without the CSRF token, or with a wrong one (403, nothing stored); with it the write succeeds', async () => {
    const s = await signIn('zhangsan');
    for (const csrf of [undefined, 'wrong', '']) {
      const r = await withSession('PUT', '/config', { cookie: s.cookie, ...(csrf === undefined ? {} : { csrf }) }, DEMO_CONFIG);
      expect(r.status, `csrf ${csrf}`).toBe(403);
      expect(r.body).toEqual({ error: { code: 'csrf_required', message: expect.stringContaining('X-CSRF-Token'), issues: [] } });
    }
    expect(await versions()).toBe(0);
    const ok = await withSession('PUT', '/config', s, DEMO_CONFIG);
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
    expect((await api('GET', '/config/versions')).body.items[0].created_by).toBe('wecom:zhangsan');
  });

  it('gives each person the role CONSOLE_MEMBERS names', async () => {
    const lisi = await signIn('lisi');
    expect((await withSession('PUT', '/config', lisi, DEMO_CONFIG)).status).toBe(200);
    const denied = await withSession('POST', '/release', lisi, { version: 1, stage: 'full' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('signed-in person has operator');
    const wangwu = await signIn('wangwu');
    expect((await withSession('GET', '/config', wangwu)).status).toBe(200);
    expect((await withSession('PUT', '/config', wangwu, DEMO_CONFIG)).status).toBe(403);
    // The list is read on every request: taken off it, lisi is out at once; promoted, wangwu may write.
    const changed = { ...env, CONSOLE_MEMBERS: JSON.stringify([{ userid: 'wangwu', role: 'operator' }]) };
    const as = (s: { cookie: string; csrf: string }, method = 'GET') =>
      worker.fetch(new Request(`${ORIGIN}/admin/api/config/validate`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(DEMO_CONFIG) }), changed, createExecutionContext());
    expect((await as(lisi, 'POST')).status).toBe(401);
    expect((await as(wangwu, 'POST')).status).toBe(200);
  });

  it('signs out: the session is gone and its cookie no longer works', async () => {
    const s = await signIn('zhangsan');
    expect((await withSession('DELETE', '/session', { cookie: s.cookie })).status).toBe(403);
    const out = await withSession('DELETE', '/session', s);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signed_out: true });
    expect(cookieOf(out.headers, 'wk_session')?.attributes).toContain('Max-Age=0');
    const after = await withSession('GET', '/config/versions', s);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('is off with the rest of the admin API while ADMIN_TOKEN is too short (503)', async () => {
    const s = await signIn('zhangsan');
    const r = await worker.fetch(new Request(`${ORIGIN}/admin/api/config/versions`, { headers: { cookie: s.cookie } }), { ...env, ADMIN_TOKEN: 'short-admin-token' }, createExecutionContext());
    expect(r.status).toBe(503);
  });

  it('refuses an expired session and an unknown cookie', async () => {
    const s = await signIn('zhangsan');
    await env.DB.prepare('UPDATE console_sessions SET expires_at = ?').bind(Date.now() - 1).run();
    expect((await withSession('GET', '/config/versions', s)).status).toBe(401);
    expect((await withSession('GET', '/config/versions', { cookie: 'wk_session=not-a-session' })).status).toBe(401);
  });

  it('leaves bearer tokens as they were: no CSRF needed, and an Authorization header wins over a cookie', async () => {
    const s = await signIn('wangwu');
    const { token } = await tokenFor('operator');
    expect((await api('PUT', '/config', { token, body: DEMO_CONFIG })).status).toBe(200);
    const who = await api('GET', '/session', { token });
    expect(who.body).toMatchObject({ role: 'operator', via: 'token', csrf_token: null, expires_at: null });
    expect((await api('DELETE', '/session', { token })).body.error.code).toBe('not_a_session');
    // A wrong bearer beside a valid cookie is a wrong bearer.
    const mixed = await SELF.fetch(`${ORIGIN}/admin/api/config/versions`, { headers: { cookie: s.cookie, authorization: 'Bearer nope' } });
    expect(mixed.status).toBe(401);
  });
});

describe('the audit log', () => {
  it('records every successful write by token or session, sign-in and sign-out, never a token value; reads and refused writes are not recorded', async () => {
    const created = await api('POST', '/tokens', { body: { name: 'ops laptop', role: 'operator' } });
    const s = await signIn('zhangsan');
    await withSession('PUT', '/config', s, DEMO_CONFIG);
    await withSession('PUT', '/config', { cookie: s.cookie }, DEMO_CONFIG);
    await api('POST', '/config/validate', { raw: '{' });
    await api('POST', '/users/wmCustomer0001/tags', { body: { add: ['vip'] } });
    await withSession('DELETE', '/session', s);

    const items = await auditItems();
    const rows = items.map((i) => [i.principal_id, i.via, i.method, i.path, i.status, i.summary]);
    expect(rows).toEqual([
      ['wecom:zhangsan', 'session', 'DELETE', '/admin/api/session', 200, 'signed out'],
      ['bootstrap', 'token', 'POST', expect.stringMatching(/^\/admin\/api\/users\/#[0-9a-f]{12}\/tags$/), 200, 'added=1'],
      ['wecom:zhangsan', 'session', 'PUT', '/admin/api/config', 200, 'version=1'],
      ['wecom:zhangsan', 'session', 'GET', '/auth/wecom/callback', 302, 'signed in'],
      ['bootstrap', 'token', 'POST', '/admin/api/tokens', 201, expect.stringContaining('role=operator')],
    ]);
    expect(items[2]).toMatchObject({ principal_name: '张三', role: 'admin', at: expect.any(Number) });
    const text = JSON.stringify(items);
    expect(text).not.toContain(created.body.token);
    expect(text).not.toContain('wmCustomer0001');
  });

  it('is readable by admins only, newest first, a page at a time', async () => {
    const { token: operator } = await tokenFor('operator');
    for (let i = 0; i < 3; i++) await api('POST', '/config/validate', { body: DEMO_CONFIG });
    expect((await api('GET', '/audit', { token: operator })).status).toBe(403);
    const viewer = await signIn('wangwu');
    expect((await withSession('GET', '/audit', viewer)).status).toBe(403);
    const admin = await signIn('zhangsan');
    expect((await withSession('GET', '/audit', admin)).status).toBe(200);

    const all = await auditItems();
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; next_cursor: string | null } } = await api('GET', `/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
    expect(all.map((i) => i.at)).toEqual([...all.map((i) => i.at as number)].sort((a, b) => b - a));
    expect((await api('GET', '/audit?cursor=bogus')).status).toBe(400);
  });
});

describe('described and checked', () => {
  it('lists /session and /audit in the OpenAPI document, with the cookie as a second security scheme', async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/admin/api/openapi.json`)).json()) as any;
    expect(doc.paths['/audit'].get['x-required-role']).toBe('admin');
    expect(Object.keys(doc.paths['/session'])).toEqual(['get', 'delete']);
    expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'wk_session' });
  });

  it('the diagnostics say whether the QR sign-in is set up', async () => {
    const checks = (await api('GET', '/diagnostics')).body.checks as Array<{ id: string; ok: boolean; message: string; fix: string }>;
    expect(checks.find((c) => c.id === 'console_signin')).toMatchObject({ ok: true, message: expect.stringContaining('授权名单 3 人') });
  });
});
