import { env } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { instruction } from '../../src/simulator/suite/instructions';
import { freshSystem } from './support/fresh';
import { resetSim, sim } from './support/sim';
import { adminSuite, CORP_A, CORP_B, deliverSigned, DK_SUITE, install, installCustomized, SUITE, suiteFetch, suiteSim } from './support/suite';

/**
 * The provider token (WECOM_PROVIDER_SECRET), a 代开发 template's authorization QR code through
 * get_customized_auth_url and the state it carries back in create_auth, and each corp's
 * 接口调用许可 state in the corps listing and the corp's diagnostics.
 */

const callsTo = async (path: string) => (await sim.calls({ path })).items;
const asAdmin = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${env.ADMIN_TOKEN}`, ...extra });
const dkFetch = (path: string, init: RequestInit = {}, providerSecret: string | null = SUITE.providerSecret) => suiteFetch(path, init, DK_SUITE, providerSecret);
const dkCorps = async () => ((await (await dkFetch('/admin/api/corps', { headers: asAdmin() })).json()) as { items: { corp_id: string; state: string; auth_mode: string }[] }).items;
const nowS = () => Math.floor(Date.now() / 1000);
const DAY_S = 86_400;

beforeEach(async () => {
  await freshSystem();
  await resetSim();
});

describe('a 代开发 template is authorized by its QR code', () => {
  beforeEach(async () => {
    await suiteSim.setup({ suite_id: DK_SUITE });
    await deliverSigned(await suiteSim.ticket(), DK_SUITE);
  });

  it('install-link answers the QR link; scanning it connects the corp, its state checked', async ({ expect }) => {
    const { url, state, delivered } = await installCustomized(CORP_A);
    expect(url).toMatch(/^https:\/\/open\.work\.weixin\.qq\.com\//);
    const [asked] = await callsTo('/cgi-bin/service/get_customized_auth_url');
    expect(asked!.body).toEqual({ state, templateid_list: [DK_SUITE] });
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await callsTo('/cgi-bin/service/get_pre_auth_code')).toHaveLength(0);
    expect(delivered.status).toBe(200);
    expect(await dkCorps()).toEqual([expect.objectContaining({ corp_id: CORP_A, state: 'active', auth_mode: 'customized' })]);
    // The same QR code serves the next corp too, within its 10 days.
    const again = await suiteSim.scan({ qrcode_url: url, corp_id: CORP_B });
    expect((await deliverSigned(again.callback, DK_SUITE)).status).toBe(200);
    expect((await dkCorps()).map((c) => c.corp_id)).toEqual([CORP_A, CORP_B]);
    // The console draws it: only WeCom's links.
    expect((await dkFetch(`/admin/api/corps/install-link/qr.svg?url=${encodeURIComponent(url)}`, { headers: asAdmin() })).status).toBe(200);
    expect((await dkFetch(`/admin/api/corps/install-link/qr.svg?url=${encodeURIComponent('https://evil.example/x')}`, { headers: asAdmin() })).status).toBe(400);
  });

  it('install-link answers expires_in 864000 (10 days) in the same shape as the third-party link', async ({ expect }) => {
    const link = await dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() });
    expect(link.status).toBe(200);
    expect(await link.json()).toEqual({ url: expect.stringMatching(/^https:/), expires_in: 864000 });
  });

  it('refuses a create_auth whose State it never issued: nothing is exchanged, nothing installed', async ({ expect }) => {
    const { url } = (await (await dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() })).json()) as { url: string };
    const scanned = await suiteSim.scan({ qrcode_url: url, corp_id: CORP_A });
    const setup = { suite_id: DK_SUITE, token: SUITE.token, encoding_aes_key: SUITE.encodingAesKey, suite_secret: SUITE.secret, provider_corp_id: SUITE.providerCorpId, corps: [] };
    const forged = instruction(setup, 'create_auth', { AuthCode: scanned.auth_code, State: 'NotIssuedByUs0000000000000000000' }, nowS());
    expect((await deliverSigned(forged, DK_SUITE)).status).toBe(200);
    expect(await callsTo('/cgi-bin/service/get_permanent_code')).toHaveLength(0);
    expect(await dkCorps()).toEqual([]);
    // Replayed (or retried after the next suite_ticket), the code stays refused.
    await deliverSigned(await suiteSim.ticket(), DK_SUITE);
    expect(await callsTo('/cgi-bin/service/get_permanent_code')).toHaveLength(0);
    expect(await dkCorps()).toEqual([]);
  });

  it('without WECOM_PROVIDER_SECRET, install-link is a 409 naming the setting and asks WeCom nothing', async ({ expect }) => {
    const r = await dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() }, null);
    expect(r.status).toBe(409);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'provider_secret_missing', message: expect.stringContaining('WECOM_PROVIDER_SECRET') });
    expect(await callsTo('/cgi-bin/service/get_provider_token')).toHaveLength(0);
    expect(await callsTo('/cgi-bin/service/get_customized_auth_url')).toHaveLength(0);
    const checks = (await (await dkFetch('/admin/api/diagnostics', { headers: asAdmin() }, null)).json()) as { checks: { id: string; ok: boolean; message: string }[] };
    expect(checks.checks.find((c) => c.id === 'provider_secret')).toMatchObject({ ok: false, message: expect.stringContaining('WECOM_PROVIDER_SECRET') });
  });

  it('fetches one provider token however many ask, and replaces a refused one (42001, 40014) once', async ({ expect }) => {
    const links = await Promise.all(Array.from({ length: 4 }, () => dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() })));
    expect(links.map((l) => l.status)).toEqual([200, 200, 200, 200]);
    expect(await callsTo('/cgi-bin/service/get_provider_token')).toHaveLength(1);
    for (const invalid of [false, true]) {
      await suiteSim.expireProviderToken(invalid);
      expect((await dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() })).status).toBe(200);
    }
    expect(await callsTo('/cgi-bin/service/get_provider_token')).toHaveLength(3);
    const refused = (await callsTo('/cgi-bin/service/get_customized_auth_url')).map((c) => (c.answer as { errcode?: number }).errcode).filter(Boolean);
    expect(refused).toEqual([42001, 40014]);
  });

  it('a wrong provider Secret is a 502 carrying WeCom’s 40001, and the diagnostics say so', async ({ expect }) => {
    const r = await dkFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() }, 'not-the-provider-secret-000000');
    expect(r.status).toBe(502);
    const { error } = (await r.json()) as { error: { message: string; issues: { errcode: number }[] } };
    expect(error.issues[0]!.errcode).toBe(40001);
    expect(error.message).toMatch(/服务商 Secret 不正确[\s\S]*WECOM_PROVIDER_SECRET/);
    const checks = (await (await dkFetch('/admin/api/diagnostics', { headers: asAdmin() }, 'not-the-provider-secret-000000')).json()) as { checks: { id: string; ok: boolean; message: string }[] };
    expect(checks.checks.find((c) => c.id === 'provider_secret')).toMatchObject({ ok: false, message: expect.stringContaining('40001'), fix: expect.stringContaining('WECOM_PROVIDER_SECRET') });
  });
});

describe('the state in get_permanent_code', () => {
  it('refuses an install whose permanent-code answer carries a state we never issued, even when the push named none', async ({ expect }) => {
    await suiteSim.setup();
    await deliverSigned(await suiteSim.ticket());
    const link = (await (await adminSuite('/corps/install-link', { method: 'POST' })).json()) as { url: string };
    const authorized = await suiteSim.authorize({ pre_auth_code: new URL(link.url).searchParams.get('pre_auth_code')!, corp_id: CORP_A, state: 'SomebodyElsesState' });
    const setup = { suite_id: SUITE.suiteId, token: SUITE.token, encoding_aes_key: SUITE.encodingAesKey, suite_secret: SUITE.secret, provider_corp_id: SUITE.providerCorpId, corps: [] };
    expect((await deliverSigned(instruction(setup, 'create_auth', { AuthCode: authorized.auth_code }, nowS()))).status).toBe(200);
    expect(await callsTo('/cgi-bin/service/get_permanent_code')).toHaveLength(1);
    expect(((await (await adminSuite('/corps')).json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe('接口调用许可', () => {
  beforeEach(async () => {
    await suiteSim.setup();
    await deliverSigned(await suiteSim.ticket());
    await install(CORP_A);
    await install(CORP_B);
  });

  type Listed = { corp_id: string; license: { state: string; trial_end_at: number | null } | null };
  const listed = async () => ((await (await adminSuite('/corps')).json()) as { items: Listed[] }).items;
  const diagnostics = async (corp?: string) =>
    ((await (await suiteFetch('/admin/api/diagnostics', { headers: asAdmin(corp ? { 'x-corp-id': corp } : {}) })).json()) as { checks: { id: string; ok: boolean; message: string }[] }).checks;

  it('shows each corp’s licence state in /corps, asking WeCom once per corp within the hour', async ({ expect }) => {
    const trialEnd = nowS() + 60 * DAY_S;
    await suiteSim.license({ corp_id: CORP_A, license_status: 1, trial_end: trialEnd });
    await suiteSim.license({ corp_id: CORP_B, license_status: 1, check_time: nowS() - DAY_S });
    const items = await listed();
    expect(items).toEqual([
      expect.objectContaining({ corp_id: CORP_A, license: expect.objectContaining({ state: 'trial', license_status: 1, trial_end_at: trialEnd * 1000 }) }),
      expect.objectContaining({ corp_id: CORP_B, license: expect.objectContaining({ state: 'needs_license', trial_end_at: null }) }),
    ]);
    await listed();
    await listed();
    const asked = await callsTo('/cgi-bin/license/get_app_license_info');
    expect(asked.map((c) => (c.body as { corpid: string }).corpid).sort()).toEqual([CORP_A, CORP_B]);
    expect(asked.every((c) => (c.body as { suite_id: string }).suite_id === SUITE.suiteId)).toBe(true);
  });

  it('the diagnostics of a corp warn when its trial ends within 14 days; the own corp has no licence check', async ({ expect }) => {
    await suiteSim.license({ corp_id: CORP_A, license_status: 1, trial_end: nowS() + 5 * DAY_S });
    const checks = await diagnostics(CORP_A);
    expect(checks.find((c) => c.id === 'license')).toMatchObject({ ok: false, message: expect.stringMatching(/试用期将于 .* 结束（还剩 5 天）/) });
    expect(checks.find((c) => c.id === 'provider_secret')?.ok).toBe(true);
    expect((await listed())[0]!.license?.state).toBe('trial_ending');
    expect((await diagnostics(CORP_B)).find((c) => c.id === 'license')).toMatchObject({ ok: true });
    expect((await diagnostics()).map((c) => c.id)).not.toContain('license');
  });

  it('is null without WECOM_PROVIDER_SECRET, and WeCom is not asked', async ({ expect }) => {
    const r = await suiteFetch('/admin/api/corps', { headers: asAdmin() }, SUITE.suiteId, null);
    expect(((await r.json()) as { items: Listed[] }).items.map((c) => c.license)).toEqual([null, null]);
    expect(await callsTo('/cgi-bin/license/get_app_license_info')).toHaveLength(0);
    // A third-party app does without it: the install link still works.
    expect((await suiteFetch('/admin/api/corps/install-link', { method: 'POST', headers: asAdmin() }, SUITE.suiteId, null)).status).toBe(200);
  });
});
