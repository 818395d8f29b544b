import { env, listDurableObjectIds, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { suiteStub } from '../../src/objects/suite';
import { instruction } from '../../src/simulator/suite/instructions';
import { createWecomCrypto } from '../../src/wecom/crypto';
import { suiteSettings } from '../../src/wecom/suite-settings';
import { freshSystem } from './support/fresh';
import { resetSim, sim } from './support/sim';
import { adminSuite, CORP_A, CORP_B, deliverSigned, DK_SUITE, install, installCustomized, SUITE, suiteEnv, suiteFetch, suiteSim } from './support/suite';

/**
 * Many-corps mode through the real Worker against the simulator's provider: instruction callbacks,
 * the Suite object's tokens, the install flow, and data callbacks of many corps.
 */

const suite = (suiteId = SUITE.suiteId) => suiteStub(env, suiteSettings(suiteEnv(suiteId))!);
const callsTo = async (path: string) => (await sim.calls({ path })).items;
/** Inbox objects in existence (the list outlives a storage reset, so tests compare before and after). */
const inboxCount = async () => (await listDurableObjectIds(env.INBOX)).length;
const text = async (r: Response) => ({ status: r.status, text: await r.text() });

async function withTicket(): Promise<void> {
  const r = await deliverSigned(await suiteSim.ticket());
  if (r.status !== 200) throw new Error(`ticket answered ${r.status}`);
}

beforeEach(async () => {
  await freshSystem();
  await resetSim();
  await suiteSim.setup();
});

describe('mode off', () => {
  it('answers 404 on the suite routes and keeps /wecom/callback single-corp', async ({ expect }) => {
    expect((await SELF.fetch('http://edge.test/wecom/suite/callback', { method: 'POST', body: '<xml/>' })).status).toBe(404);
    const corps = await SELF.fetch('http://edge.test/admin/api/corps', { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect(corps.status).toBe(404);
    expect(corps.headers.get('x-corp-id')).toBe(env.WECOM_CORP_ID);
    expect(((await corps.json()) as { error: { code: string } }).error.code).toBe('suite_mode_off');
  });
});

describe('instruction callbacks', () => {
  it('verifies the URL for the provider corp id and refuses an echostr for anyone else', async ({ expect }) => {
    const forProvider = createWecomCrypto({ token: SUITE.token, encodingAesKey: SUITE.encodingAesKey, receiveId: SUITE.providerCorpId });
    const forOther = createWecomCrypto({ token: SUITE.token, encodingAesKey: SUITE.encodingAesKey, receiveId: 'wwsomebodyelse0001' });
    const verify = (crypto: typeof forProvider, path: string) => {
      const echostr = crypto.encrypt('5927782489442352469');
      const ts = String(Math.floor(Date.now() / 1000));
      return suiteFetch(`${path}?${new URLSearchParams({ msg_signature: crypto.sign(ts, 'n1', echostr), timestamp: ts, nonce: 'n1', echostr })}`);
    };
    for (const path of ['/wecom/suite/callback', '/wecom/callback']) {
      expect(await text(await verify(forProvider, path))).toEqual({ status: 200, text: '5927782489442352469' });
      expect((await verify(forOther, path)).status).toBe(401);
    }
  });

  it('answers success to a suite_ticket, keeps the newest and ignores an older one arriving late', async ({ expect }) => {
    const now = Math.floor(Date.now() / 1000);
    const setup = { suite_id: SUITE.suiteId, token: SUITE.token, encoding_aes_key: SUITE.encodingAesKey, suite_secret: SUITE.secret, provider_corp_id: SUITE.providerCorpId, corps: [] };
    expect(await text(await deliverSigned(instruction(setup, 'suite_ticket', { SuiteTicket: 'newer-ticket' }, now)))).toEqual({ status: 200, text: 'success' });
    expect(await text(await deliverSigned(instruction(setup, 'suite_ticket', { SuiteTicket: 'older-ticket' }, now - 60)))).toEqual({ status: 200, text: 'success' });
    // A replay of the newer one changes nothing either.
    expect((await deliverSigned(instruction(setup, 'suite_ticket', { SuiteTicket: 'newer-ticket' }, now))).status).toBe(200);
    const { stub } = suite();
    const stored = await runInDurableObject(stub, (_i, state) => state.storage.get<{ ticket: string }>('suite-ticket'));
    expect(stored?.ticket).toBe('newer-ticket');
  });

  it('refuses bad signatures (401), another suite (401) and malformed instructions (400), storing nothing', async ({ expect }) => {
    const ticket = await suiteSim.ticket();
    const forged = ticket.path_and_query.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'0'.repeat(40)}`);
    expect((await suiteFetch(forged, { method: 'POST', body: ticket.body })).status).toBe(401);

    await suiteSim.setup({ suite_id: 'wwsuiteother000001' });
    expect(await text(await deliverSigned(await suiteSim.ticket()))).toEqual({ status: 401, text: expect.stringMatching(/not for this suite id/) });

    const setup = { suite_id: SUITE.suiteId, token: SUITE.token, encoding_aes_key: SUITE.encodingAesKey, suite_secret: SUITE.secret, provider_corp_id: SUITE.providerCorpId, corps: [] };
    expect(await text(await deliverSigned(instruction(setup, 'create_auth', {}, Math.floor(Date.now() / 1000))))).toEqual({ status: 400, text: expect.stringMatching(/AuthCode/) });
    expect((await suiteFetch(ticket.path_and_query, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const { stub } = suite();
    expect(await runInDurableObject(stub, async (_i, state) => [...(await state.storage.list()).keys()])).toEqual([]);
  });
});

describe('diagnostics in many-corps mode', () => {
  it('checks the five settings and whether a suite_ticket arrived', async ({ expect }) => {
    const checks = async () => ((await (await adminSuite('/diagnostics')).json()) as { checks: { id: string; ok: boolean }[] }).checks;
    const before = await checks();
    expect(before.filter((c) => c.id.startsWith('suite') || c.id === 'provider_corp_id')).toEqual([
      expect.objectContaining({ id: 'provider_corp_id', ok: true }),
      expect.objectContaining({ id: 'suite_id', ok: true }),
      expect.objectContaining({ id: 'suite_secret', ok: true }),
      expect.objectContaining({ id: 'suite_token', ok: true }),
      expect.objectContaining({ id: 'suite_encoding_aes_key', ok: true }),
      expect.objectContaining({ id: 'suite_ticket', ok: false }),
    ]);
    await withTicket();
    expect((await checks()).find((c) => c.id === 'suite_ticket')?.ok).toBe(true);
    const single = (await (await SELF.fetch('http://edge.test/admin/api/diagnostics', { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } })).json()) as { checks: { id: string }[] };
    expect(single.checks.map((c) => c.id)).not.toContain('suite_ticket');
  });
});

describe('the Suite object', () => {
  it('fetches one suite token however many ask at once, and replaces an expired one (42009) once', async ({ expect }) => {
    await withTicket();
    const { stub, context } = suite();
    const tokens = await Promise.all(Array.from({ length: 12 }, () => stub.suiteToken(context)));
    expect(new Set(tokens.map((t) => (t.ok ? t.token : 'failed'))).size).toBe(1);
    expect(await callsTo('/cgi-bin/service/get_suite_token')).toHaveLength(1);

    await suiteSim.expireToken();
    const link = await adminSuite('/corps/install-link', { method: 'POST' });
    expect(link.status).toBe(200);
    expect(await callsTo('/cgi-bin/service/get_suite_token')).toHaveLength(2);
  });

  it('refuses a bad install-link body with a clear 400 and asks WeCom for nothing', async ({ expect }) => {
    await withTicket();
    const malformed = await adminSuite('/corps/install-link', { method: 'POST', body: '{"test": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    for (const body of [{ test: 'yes' }, { test: true, extra: 1 }]) {
      const bad = await adminSuite('/corps/install-link', { method: 'POST', body: JSON.stringify(body) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
    expect(await callsTo('/cgi-bin/service/get_pre_auth_code')).toHaveLength(0);
  });

  it('says a fresh suite_ticket is missing (40085) before any arrived', async ({ expect }) => {
    const link = await adminSuite('/corps/install-link', { method: 'POST' });
    expect(link.status).toBe(502);
    expect(JSON.stringify(await link.json())).toMatch(/40085/);
    expect(await callsTo('/cgi-bin/service/get_suite_token')).toHaveLength(0);
  });

  it('fetches one corp token per corp under concurrent requests', async ({ expect }) => {
    await withTicket();
    await install(CORP_A);
    await install(CORP_B);
    const { stub, context } = suite();
    // get_permanent_code handed out a first token for each: forget them so both corps fetch.
    await runInDurableObject(stub, async (_i, state) => void (await state.storage.delete([`corp-token:${CORP_A}`, `corp-token:${CORP_B}`])));
    const answers = await Promise.all([CORP_A, CORP_B, CORP_A, CORP_B, CORP_A, CORP_B].map((corp) => stub.corpToken(context, corp)));
    expect(answers.every((a) => a.ok)).toBe(true);
    const calls = await callsTo('/cgi-bin/service/get_corp_token');
    expect(calls.map((c) => (c.body as { auth_corpid: string }).auth_corpid).sort()).toEqual([CORP_A, CORP_B]);
  });
});

describe('install', () => {
  it('connects a corp end to end: link, authorize, redirect page, listing; the create_auth push for the same code is harmless', async ({ expect }) => {
    await withTicket();
    const { page, authorize } = await install(CORP_A);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/企业已连接[\s\S]*甲公司/);
    expect(await text(await deliverSigned(authorize.callback))).toEqual({ status: 200, text: 'success' });
    expect(await callsTo('/cgi-bin/service/get_permanent_code')).toHaveLength(1);

    const list = await adminSuite('/corps');
    expect(list.headers.get('x-corp-id')).toBe(env.WECOM_CORP_ID);
    expect(await list.json()).toEqual({ items: [expect.objectContaining({ corp_id: CORP_A, name: '甲公司', state: 'active', auth_mode: 'third_party' })] });
    // Reloading the redirect reads the same result.
    const again = await suiteFetch(new URL(authorize.redirect!).pathname + new URL(authorize.redirect!).search);
    expect(again.status).toBe(200);
  });

  it('connects a corp from the create_auth push alone (the exchange runs after success is answered)', async ({ expect }) => {
    await withTicket();
    const link = (await (await adminSuite('/corps/install-link', { method: 'POST', body: JSON.stringify({ test: true }) })).json()) as { url: string };
    const q = Object.fromEntries(new URL(link.url).searchParams);
    expect(link.url).toMatch(/^https:\/\/open\.work\.weixin\.qq\.com\/3rdapp\/install\?suite_id=wwsuite/);
    expect((await callsTo('/cgi-bin/service/set_session_info'))[0]?.body).toEqual({ pre_auth_code: q.pre_auth_code, session_info: { auth_type: 1 } });
    const { callback } = await suiteSim.authorize({ pre_auth_code: q.pre_auth_code!, corp_id: CORP_B });
    expect(await text(await deliverSigned(callback))).toEqual({ status: 200, text: 'success' });
    expect(((await (await adminSuite('/corps')).json()) as { items: { corp_id: string }[] }).items.map((c) => c.corp_id)).toEqual([CORP_B]);
  });

  it('keeps an AuthCode whose exchange failed after the answer, and exchanges it after the next suite_ticket', async ({ expect }) => {
    await withTicket();
    const link = (await (await adminSuite('/corps/install-link', { method: 'POST' })).json()) as { url: string };
    const { callback } = await suiteSim.authorize({ pre_auth_code: new URL(link.url).searchParams.get('pre_auth_code')!, corp_id: CORP_A });
    await sim.fault({ path: '/cgi-bin/service/get_permanent_code', kind: 'http', status: 503 });
    expect(await text(await deliverSigned(callback))).toEqual({ status: 200, text: 'success' });
    expect(((await (await adminSuite('/corps')).json()) as { items: unknown[] }).items).toEqual([]);
    await withTicket();
    expect(((await (await adminSuite('/corps')).json()) as { items: { corp_id: string }[] }).items.map((c) => c.corp_id)).toEqual([CORP_A]);
  });

  it('refuses a used or unknown auth code (40078) and a state it never issued, clearly', async ({ expect }) => {
    await withTicket();
    const link = (await (await adminSuite('/corps/install-link', { method: 'POST' })).json()) as { url: string };
    const state = new URL(link.url).searchParams.get('state')!;
    const used = await suiteFetch(`/wecom/suite/authorized?auth_code=never-issued&state=${state}`);
    expect(await text(used)).toEqual({ status: 400, text: expect.stringMatching(/40078/) });
    const forged = await suiteFetch('/wecom/suite/authorized?auth_code=abc&state=notours');
    expect(await text(forged)).toEqual({ status: 400, text: expect.stringMatching(/安装链接已失效/) });
    expect((await suiteFetch('/wecom/suite/authorized?state=x')).status).toBe(400);
    expect(((await (await adminSuite('/corps')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('stores the permanent code sealed: the raw storage never holds the plaintext', async ({ expect }) => {
    await withTicket();
    await install(CORP_A);
    const permanent = ((await callsTo('/cgi-bin/service/get_permanent_code'))[0]!.answer as { permanent_code: string }).permanent_code;
    const { stub } = suite();
    const raw = await runInDurableObject(stub, async (_i, state) => JSON.stringify([...(await state.storage.list()).entries()]));
    expect(raw).toContain(CORP_A);
    expect(raw).toContain('"v":"v1"');
    expect(raw).not.toContain(permanent);
    // And the sealed code still works: a corp token through get_corp_token with it.
    await runInDurableObject(stub, async (_i, state) => void (await state.storage.delete(`corp-token:${CORP_A}`)));
    const { context } = suite();
    expect((await stub.corpToken(context, CORP_A)).ok).toBe(true);
    expect(((await callsTo('/cgi-bin/service/get_corp_token'))[0]!.body as { permanent_code: string }).permanent_code).toBe(permanent);
  });

  it('cancel_auth marks the corp cancelled and stops its tokens; a replay changes nothing', async ({ expect }) => {
    await withTicket();
    await install(CORP_A);
    const { stub, context } = suite();
    expect((await stub.corpToken(context, CORP_A)).ok).toBe(true);
    const cancel = await suiteSim.cancel(CORP_A);
    expect(await text(await deliverSigned(cancel))).toEqual({ status: 200, text: 'success' });
    expect((await deliverSigned(cancel)).status).toBe(200);
    const before = (await sim.calls()).items.length;
    const refused = await stub.corpToken(context, CORP_A);
    expect(refused).toEqual({ ok: false, failure: expect.objectContaining({ errcode: 40084, errmsg: expect.stringMatching(/cancelled/) }) });
    expect((await sim.calls()).items.length).toBe(before);
    expect(await (await adminSuite('/corps')).json()).toEqual({ items: [expect.objectContaining({ corp_id: CORP_A, state: 'cancelled', cancelled_at: expect.any(Number) })] });
  });

  it('a 代开发 template: gettoken with the permanent code, and reset_permanent_code replaces it', async ({ expect }) => {
    const dk = DK_SUITE;
    await suiteSim.setup({ suite_id: dk });
    await deliverSigned(await suiteSim.ticket(), dk);
    expect((await installCustomized(CORP_A)).delivered.status).toBe(200);
    const { stub, context } = suite(dk);
    const first = await stub.corpToken(context, CORP_A);
    expect(first.ok).toBe(true);
    const gettoken = await callsTo('/cgi-bin/gettoken');
    expect(gettoken.map((c) => c.query.corpid)).toEqual([CORP_A]);
    expect(await callsTo('/cgi-bin/service/get_corp_token')).toHaveLength(0);

    expect((await deliverSigned(await suiteSim.reset(CORP_A), dk)).status).toBe(200);
    const second = await stub.corpToken(context, CORP_A);
    expect(second.ok && first.ok && second.token !== first.token).toBe(true);
    const [, again] = await callsTo('/cgi-bin/gettoken');
    expect(again?.query.corpsecret).not.toBe(gettoken[0]!.query.corpsecret);
    const corps = (await (await suiteFetch('/admin/api/corps', { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } }, dk)).json()) as { items: { auth_mode: string }[] };
    expect(corps.items.map((c) => c.auth_mode)).toEqual(['customized']);
  });
});

describe('data callbacks of many corps on /wecom/callback', () => {
  it('hands the served corp’s event to its Inbox', async ({ expect }) => {
    const before = await inboxCount();
    await withTicket();
    await install(env.WECOM_CORP_ID);
    expect(await text(await deliverSigned(await suiteSim.kfEvent(env.WECOM_CORP_ID, 'wkservedcorp0001')))).toEqual({ status: 200, text: 'success' });
    expect(await inboxCount()).toBe(before + 1);
  });

  it('hands every authorized corp’s event to that corp’s own Inbox, also for the same open_kfid', async ({ expect }) => {
    const before = await inboxCount();
    await withTicket();
    await install(CORP_A);
    await install(env.WECOM_CORP_ID);
    expect(await text(await deliverSigned(await suiteSim.kfEvent(CORP_A, 'wksharedkf000001')))).toEqual({ status: 200, text: 'success' });
    expect(await text(await deliverSigned(await suiteSim.kfEvent(env.WECOM_CORP_ID, 'wksharedkf000001')))).toEqual({ status: 200, text: 'success' });
    expect(await inboxCount()).toBe(before + 2);
  });

  it('refuses an unknown and a cancelled corp with 403, and nothing is handed on', async ({ expect }) => {
    const before = await inboxCount();
    await withTicket();
    expect(await text(await deliverSigned(await suiteSim.kfEvent(CORP_B, 'wkcorpb000000001')))).toEqual({ status: 403, text: expect.stringMatching(/has not authorized/) });
    await install(env.WECOM_CORP_ID);
    await deliverSigned(await suiteSim.cancel(env.WECOM_CORP_ID));
    expect(await text(await deliverSigned(await suiteSim.kfEvent(env.WECOM_CORP_ID, 'wkservedcorp0001')))).toEqual({ status: 403, text: expect.stringMatching(/cancelled/) });
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a callback encrypted for corp A that names corp B (401), and bad signatures (401)', async ({ expect }) => {
    const before = await inboxCount();
    await withTicket();
    await install(env.WECOM_CORP_ID);
    const forA = await suiteSim.kfEvent(CORP_A, 'wkcorpa000000001');
    const namingB = { ...forA, body: forA.body.replace(`<ToUserName><![CDATA[${CORP_A}]]></ToUserName>`, `<ToUserName><![CDATA[${env.WECOM_CORP_ID}]]></ToUserName>`) };
    expect(namingB.body).not.toBe(forA.body);
    expect(await text(await deliverSigned(namingB))).toEqual({ status: 401, text: expect.stringMatching(/encrypted for corp wwcorpa/) });
    const served = await suiteSim.kfEvent(env.WECOM_CORP_ID, 'wkservedcorp0001');
    const forged = { ...served, path_and_query: served.path_and_query.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'a'.repeat(40)}`) };
    expect((await deliverSigned(forged)).status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });
});
