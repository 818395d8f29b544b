import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from './support/admin';
import { cookieOf, scan } from './support/signin';
import { corpApi, corpSignIn, installAs, startCorpSignIn } from './support/corp-signin';
import { freshSystem } from './support/fresh';
import { resetSim, sim } from './support/sim';
import { CORP_A, CORP_B, deliverSigned, suiteFetch, suiteSim } from './support/suite';

/**
 * Who acts for which corp in many-corps mode: corp-bound admin tokens, the provider admin's
 * X-Corp-Id, the audit log per corp, per-corp console sign-in through the suite's web login, the
 * corp's member list, and a cancelled corp's tokens and sessions; single-corp mode as before.
 * People (the simulator's suite): 甲公司 (A) boss-a manages the app, clerk-a is a member;
 * 乙公司 (B) boss-b manages it, helper-b only sends messages (auth_type 0), clerk-b is a member.
 */

const DK = 'dk00000000000000a1';
const PEOPLE = [
  { corp_id: env.WECOM_CORP_ID, name: '测试企业' },
  { corp_id: CORP_A, name: '甲公司', members: ['clerk-a'], admins: [{ userid: 'boss-a', auth_type: 1 as const }] },
  {
    corp_id: CORP_B,
    name: '乙公司',
    members: ['clerk-b', 'installer-b'],
    admins: [
      { userid: 'boss-b', auth_type: 1 as const },
      { userid: 'helper-b', auth_type: 0 as const },
    ],
  },
];

beforeEach(async () => {
  await freshSystem();
  await resetSim();
  await suiteSim.setup({ corps: PEOPLE });
});

async function tokenOf(corp: string, role = 'admin'): Promise<string> {
  const made = await corpApi('POST', '/tokens', {}, { name: `${corp}-${role}`, role, corp_id: corp });
  expect(made.status).toBe(201);
  expect(made.body.corp_id).toBe(corp);
  return made.body.token as string;
}

const codeOf = (r: { body: { error?: { code: string } } }) => r.body.error?.code;

describe('corp-bound tokens', () => {
  it('act for their corp only: X-Corp-Id of another is 403, the corps and tokens for another corp are provider-only', async () => {
    await installAs(CORP_A);
    await installAs(CORP_B);
    const a = await tokenOf(CORP_A);

    const who = await corpApi('GET', '/session', { token: a });
    expect(who.body).toMatchObject({ role: 'admin', via: 'token', corp_id: CORP_A, provider: false });
    expect(who.headers.get('x-corp-id')).toBe(CORP_A);
    expect((await corpApi('GET', '/session', { token: a, corp: CORP_A })).status).toBe(200);

    const other = await corpApi('GET', '/config/versions', { token: a, corp: CORP_B });
    expect([other.status, codeOf(other)]).toEqual([403, 'corp_forbidden']);
    expect(other.body.error.message).toContain(CORP_B);
    for (const [method, path] of [
      ['GET', '/corps'],
      ['POST', '/corps/install-link'],
    ] as const) {
      const r = await corpApi(method, path, { token: a });
      expect([r.status, codeOf(r)], `${method} ${path}`).toEqual([403, 'provider_only']);
    }
    const forB = await corpApi('POST', '/tokens', { token: a }, { name: 'sneaky', role: 'viewer', corp_id: CORP_B });
    expect([forB.status, codeOf(forB)]).toEqual([403, 'provider_only']);

    // A token it makes belongs to its own corp, named or not; it lists and revokes only its corp's tokens.
    const own = await corpApi('POST', '/tokens', { token: a }, { name: 'a-script', role: 'viewer' });
    expect([own.status, own.body.corp_id]).toEqual([201, CORP_A]);
    expect((await corpApi('POST', '/tokens', { token: a }, { name: 'a-named', role: 'viewer', corp_id: CORP_A })).body.corp_id).toBe(CORP_A);
    const b = await tokenOf(CORP_B);
    const listed = await corpApi('GET', '/tokens', { token: a });
    expect(listed.body.items.map((t: { corp_id: string }) => t.corp_id)).toEqual([CORP_A, CORP_A, CORP_A]);
    const bId = (await corpApi('GET', '/tokens', { token: b })).body.items[0].id as string;
    expect((await corpApi('DELETE', `/tokens/${bId}`, { token: a })).status).toBe(404);
    expect((await corpApi('GET', '/session', { token: b })).status).toBe(200);
    // The stored token keeps its corp in KV and D1.
    const row = await env.DB.prepare('SELECT corp_id FROM admin_tokens WHERE id = ?').bind(bId).first<{ corp_id: string }>();
    expect(row?.corp_id).toBe(CORP_B);
  });

  it('refuses unknown and malformed corps clearly, and makes nothing', async () => {
    await installAs(CORP_A);
    const unknown = await corpApi('GET', '/config/versions', { corp: 'wwnobody0000000009' });
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'corp_unknown']);
    const bad = await corpApi('GET', '/config/versions', { corp: 'not a corp!' });
    expect([bad.status, codeOf(bad), bad.body.error.issues[0].path]).toEqual([400, 'invalid_input', ['headers', 'X-Corp-Id']]);
    const forUnknown = await corpApi('POST', '/tokens', {}, { name: 'x', role: 'viewer', corp_id: 'wwnobody0000000009' });
    expect([forUnknown.status, codeOf(forUnknown)]).toEqual([404, 'corp_unknown']);
    const malformed = await corpApi('POST', '/tokens', {}, { name: 'x', role: 'viewer', corp_id: 'a b' });
    expect([malformed.status, malformed.body.error.issues[0].path]).toEqual([400, ['corp_id']]);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM admin_tokens').first<{ n: number }>())!.n).toBe(0);
  });
});

describe('the provider admin', () => {
  it('picks a corp with X-Corp-Id (the own corp without it) and sees that corp’s audit entries only', async () => {
    await installAs(CORP_A);
    await installAs(CORP_B);
    expect((await corpApi('GET', '/session')).body).toMatchObject({ corp_id: env.WECOM_CORP_ID, provider: true });
    expect((await corpApi('POST', '/tokens', { corp: CORP_B }, { name: 'made-in-b', role: 'viewer' })).body.corp_id).toBe(CORP_B);
    await tokenOf(CORP_A);
    const b = await tokenOf(CORP_B, 'operator');
    expect((await corpApi('PUT', '/members/clerk-b', { token: b }, { role: 'viewer' })).status).toBe(403);

    const inB = await corpApi('GET', '/audit', { corp: CORP_B });
    expect(inB.headers.get('x-corp-id')).toBe(CORP_B);
    expect(inB.body.items.map((e: { summary: string }) => e.summary)).toEqual([expect.stringContaining('name=made-in-b')]);
    const inA = await corpApi('GET', '/audit', { corp: CORP_A });
    expect(inA.body.items).toEqual([]);
    // Its own writes without X-Corp-Id are the own corp's: the two install links, the tokens made for A and B.
    const own = await corpApi('GET', '/audit');
    expect(own.body.items.map((e: { path: string }) => e.path)).toEqual(['/admin/api/tokens', '/admin/api/tokens', '/admin/api/corps/install-link', '/admin/api/corps/install-link']);
    // The install link as a QR code: this suite's install page only, for the provider only.
    const link = await corpApi('POST', '/corps/install-link');
    const qr = await suiteFetch(`/admin/api/corps/install-link/qr.svg?url=${encodeURIComponent(link.body.url)}`, { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect([qr.status, qr.headers.get('content-type')]).toEqual([200, 'image/svg+xml; charset=utf-8']);
    expect(await qr.text()).toMatch(/^<svg/);
    const elsewhere = await corpApi('GET', `/corps/install-link/qr.svg?url=${encodeURIComponent('https://evil.example/3rdapp/install?suite_id=wwsuite00000000001')}`);
    expect([elsewhere.status, elsewhere.body.error.issues[0].path]).toEqual([400, ['url']]);
    expect(codeOf(await corpApi('GET', `/corps/install-link/qr.svg?url=${encodeURIComponent(link.body.url)}`, { token: await tokenOf(CORP_B) }))).toBe('provider_only');
    // The corps list carries each corp's AgentId and installer.
    const corps = await corpApi('GET', '/corps');
    expect(corps.body.items).toEqual([
      expect.objectContaining({ corp_id: CORP_A, state: 'active', agent_id: 1000002, installed_by: 'boss-a' }),
      expect.objectContaining({ corp_id: CORP_B, state: 'active', agent_id: 1000003, installed_by: 'boss-b' }),
    ]);
  });
});

describe('per-corp console sign-in (third-party app)', () => {
  it('signs a person of corp B in through ServiceApp and getuserinfo3rd; the session acts for B only', async () => {
    await installAs(CORP_A);
    await installAs(CORP_B, { userid: 'installer-b' });
    const { loginUrl } = await startCorpSignIn();
    expect(Object.fromEntries(loginUrl!.searchParams)).toMatchObject({ login_type: 'ServiceApp', appid: 'wwsuite00000000001' });

    const boss = await corpSignIn(`${CORP_B}:boss-b`);
    expect(boss.done.headers.get('location')).toBe('/console');
    const s = boss.session!;
    expect((await corpApi('GET', '/session', { session: s })).body).toMatchObject({ id: 'wecom:boss-b', role: 'admin', via: 'session', corp_id: CORP_B, provider: false });
    const other = await corpApi('GET', '/config/versions', { session: s, corp: CORP_A });
    expect([other.status, codeOf(other)]).toEqual([403, 'corp_forbidden']);
    expect(codeOf(await corpApi('GET', '/corps', { session: s }))).toBe('provider_only');
    const audit = await corpApi('GET', '/audit', { session: s });
    expect(audit.body.items).toEqual([expect.objectContaining({ principal_id: 'wecom:boss-b', summary: 'signed in' })]);
    expect((await corpApi('GET', '/audit', { corp: CORP_A })).body.items).toEqual([]);
    const rows = await env.DB.prepare('SELECT userid, role, corp_id FROM console_sessions').all();
    expect(rows.results).toEqual([{ userid: 'boss-b', role: 'admin', corp_id: CORP_B }]);

    // The installer is an admin too; someone who only sends messages, or a member not on the list, is refused.
    expect((await corpApi('GET', '/session', { session: (await corpSignIn(`${CORP_B}:installer-b`)).session! })).body.role).toBe('admin');
    for (const who of ['helper-b', 'clerk-b']) {
      const refused = await corpSignIn(`${CORP_B}:${who}`);
      expect([refused.done.status, refused.session], who).toEqual([403, null]);
      expect(await refused.done.text()).toContain('没有控制台权限');
    }
    // An admin of B adds clerk-b as an operator: they enter as one; taken off the list, they are out at once.
    const added = await corpApi('PUT', '/members/clerk-b', { session: s }, { name: '小李', role: 'operator' });
    expect(added.body).toMatchObject({ userid: 'clerk-b', name: '小李', role: 'operator', added_by: 'wecom:boss-b' });
    expect((await corpApi('GET', '/members', { session: s })).body.items).toHaveLength(1);
    expect((await corpApi('GET', '/members', { corp: CORP_A })).body.items).toEqual([]);
    const clerk = (await corpSignIn(`${CORP_B}:clerk-b`)).session!;
    expect((await corpApi('GET', '/session', { session: clerk })).body).toMatchObject({ name: '小李', role: 'operator', corp_id: CORP_B });
    // Renamed only, the session stays; given another role, it ends (the next sign-in carries the new one).
    expect((await corpApi('PUT', '/members/clerk-b', { session: s }, { name: '李明', role: 'operator' })).body.added_by).toBe('wecom:boss-b');
    expect((await corpApi('GET', '/session', { session: clerk })).status).toBe(200);
    await corpApi('PUT', '/members/clerk-b', { session: s }, { name: '李明', role: 'viewer' });
    expect((await corpApi('GET', '/session', { session: clerk })).status).toBe(401);
    const viewer = (await corpSignIn(`${CORP_B}:clerk-b`)).session!;
    expect((await corpApi('GET', '/session', { session: viewer })).body).toMatchObject({ name: '李明', role: 'viewer' });
    expect((await corpApi('DELETE', '/members/clerk-b', { session: s })).status).toBe(200);
    expect((await corpApi('GET', '/session', { session: viewer })).status).toBe(401);
    expect(codeOf(await corpApi('DELETE', '/members/clerk-b', { session: s }))).toBe('not_found');
    const badRole = await corpApi('PUT', '/members/clerk-b', { session: s }, { role: 'owner' });
    expect([badRole.status, badRole.body.error.issues[0].path]).toEqual([400, ['role']]);
    const badUserid = await corpApi('PUT', '/members/not%20a%20userid', { session: s }, { role: 'viewer' });
    expect([badUserid.status, badUserid.body.error.issues[0].path]).toEqual([400, ['userid']]);
    expect((await corpApi('PUT', '/members/clerk-b', { session: s }, { role: 'viewer', extra: 1 })).status).toBe(400);
    expect((await corpApi('GET', '/members', { session: s })).body.items).toEqual([]);
  });

  it('offers only authorized corps, and refuses an outsider and a code WeCom does not know (40029)', async () => {
    await installAs(CORP_A);
    const { loginUrl, stateCookie } = await startCorpSignIn();
    const page = await (await fetch(loginUrl!)).text();
    expect(page).toContain(`${CORP_A} 的 boss-a`);
    expect(page).not.toContain(CORP_B);
    const first = await corpSignIn(`${CORP_A}:boss-a`);
    expect(first.session).not.toBeNull();
    const outsider = await corpSignIn('~outsider');
    expect([outsider.done.status, outsider.session]).toEqual([403, null]);
    // A code that getuserinfo3rd does not know.
    const forged = await suiteFetch(`/auth/wecom/callback?code=forged&state=${stateCookie.split('=')[1]}`, { headers: { cookie: stateCookie } });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('40029');
  });
});

describe('a cancelled corp', () => {
  it('refuses its tokens and sessions, also after it installs again, and the provider cannot act for it while cancelled', async () => {
    await installAs(CORP_A);
    const a = await tokenOf(CORP_A);
    const s = (await corpSignIn(`${CORP_A}:boss-a`)).session!;
    expect((await corpApi('PUT', '/members/clerk-a', { session: s }, { role: 'viewer' })).status).toBe(200);
    expect((await deliverSigned(await suiteSim.cancel(CORP_A))).status).toBe(200);
    for (const who of [{ token: a }, { session: s }, { corp: CORP_A }]) {
      const r = await corpApi('GET', '/config/versions', who);
      expect([r.status, codeOf(r)], JSON.stringify(Object.keys(who))).toEqual([403, 'corp_cancelled']);
    }
    const token = await corpApi('POST', '/tokens', {}, { name: 'late', role: 'viewer', corp_id: CORP_A });
    expect([token.status, codeOf(token)]).toEqual([403, 'corp_cancelled']);
    // Its member list went with its authorization, and WeCom's login no longer offers it.
    expect(await (await fetch((await startCorpSignIn()).loginUrl!)).text()).not.toContain(CORP_A);
    expect((await corpApi('GET', '/members', { corp: CORP_A })).status).toBe(403);

    // Installed again, the corp is served again, but what was made before it cancelled stays refused.
    await installAs(CORP_A);
    expect((await corpApi('GET', '/config/versions', { corp: CORP_A })).status).toBe(200);
    for (const who of [{ token: a }, { session: s }]) {
      const r = await corpApi('GET', '/config/versions', who);
      expect([r.status, codeOf(r)], JSON.stringify(Object.keys(who))).toEqual([403, 'corp_cancelled']);
    }
    expect((await corpApi('GET', '/session', { token: await tokenOf(CORP_A) })).status).toBe(200);
    expect((await corpApi('GET', '/members', { corp: CORP_A })).body.items).toEqual([]);
  });
});

describe('per-corp console sign-in (代开发)', () => {
  it('asks for the corp, then signs in with CorpApp, its AgentId and the corp token', async () => {
    await suiteSim.setup({ suite_id: DK, corps: PEOPLE });
    await installAs(CORP_B, { suiteId: DK, userid: 'installer-b' });
    const ask = await startCorpSignIn('', DK);
    expect(ask.response.status).toBe(400);
    expect(ask.response.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(await ask.response.text()).toContain('<form method="get" action="/auth/wecom">');
    const unknown = await startCorpSignIn(`?corp=${CORP_A}`, DK);
    expect([unknown.response.status, unknown.loginUrl]).toEqual([403, null]);
    expect((await startCorpSignIn('?corp=bad%20id', DK)).response.status).toBe(400);

    const { loginUrl } = await startCorpSignIn(`?corp=${CORP_B}`, DK);
    expect(Object.fromEntries(loginUrl!.searchParams)).toMatchObject({ login_type: 'CorpApp', appid: CORP_B, agentid: '1000003' });
    const boss = await corpSignIn(`${CORP_B}:boss-b`, `?corp=${CORP_B}`, DK);
    expect((await corpApi('GET', '/session', { session: boss.session! }, undefined, DK)).body).toMatchObject({ role: 'admin', corp_id: CORP_B });
    expect((await sim.calls({ path: '/cgi-bin/agent/get_admin_list' })).items[0]?.body).toEqual({ agentid: 1000003 });

    // The corp cancels while someone is on the login page: the callback says so and asks WeCom nothing.
    const { loginUrl: pending, stateCookie } = await startCorpSignIn(`?corp=${CORP_B}`, DK);
    const back = await scan(pending!, `${CORP_B}:boss-b`);
    expect((await deliverSigned(await suiteSim.cancel(CORP_B), DK)).status).toBe(200);
    const late = await suiteFetch(`${back.pathname}${back.search}`, { headers: { cookie: stateCookie }, redirect: 'manual' }, DK);
    expect([late.status, cookieOf(late.headers, 'wk_session')]).toEqual([403, undefined]);
    expect(await late.text()).toContain('企业已取消授权');
    // A state cookie whose corp was tampered with is refused too.
    const tampered = await suiteFetch(`${back.pathname}${back.search}`, { headers: { cookie: `${stateCookie}x!` }, redirect: 'manual' }, DK);
    expect(tampered.status).toBe(400);
  });
});

describe('single-corp mode', () => {
  it('keeps every caller on WECOM_CORP_ID: corp_id may only name it, X-Corp-Id of another is 403, no member list', async () => {
    const made = await api('POST', '/tokens', { body: { name: 'same', role: 'viewer', corp_id: env.WECOM_CORP_ID } });
    expect([made.status, made.body.corp_id]).toEqual([201, env.WECOM_CORP_ID]);
    const other = await api('POST', '/tokens', { body: { name: 'other', role: 'viewer', corp_id: CORP_A } });
    expect([other.status, other.body.error.issues[0].path]).toEqual([400, ['corp_id']]);
    expect((await api('GET', '/session')).body).toMatchObject({ corp_id: env.WECOM_CORP_ID, provider: false });
    expect((await api('GET', '/members')).body.error.code).toBe('suite_mode_off');
  });
});
