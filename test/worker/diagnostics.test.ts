import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../src/admin/diagnostics';
import { forgetCallbackNotes, readCallbackNote } from '../../src/storage/callback-health';
import { createWecomCrypto } from '../../src/wecom/crypto';
import example from '../fixtures/config.example.json';
import { api, resetStorage, tokenFor } from './support/admin';
import { resetSim, sim } from './support/sim';
import { tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/** GET /admin/api/diagnostics on a healthy setup and on broken ones: every check says what to do. */

const KF = example.channels[0]!.open_kfid;
const crypto = createWecomCrypto({ token: env.WECOM_TOKEN, encodingAesKey: env.WECOM_ENCODING_AES_KEY, receiveId: env.WECOM_CORP_ID });
const nowS = () => Math.floor(Date.now() / 1000);

function signed(encrypted: string, timestamp: number): string {
  const nonce = '1372623149';
  return new URLSearchParams({ msg_signature: crypto.sign(String(timestamp), nonce, encrypted), timestamp: String(timestamp), nonce }).toString();
}

/** WeCom's URL verification, stamped `ageS` seconds ago. */
async function verifyUrl(ageS = 0): Promise<void> {
  const echostr = crypto.encrypt('1616140317555161061');
  const r = await SELF.fetch(`http://edge.test/wecom/callback?${signed(echostr, nowS() - ageS)}&echostr=${encodeURIComponent(echostr)}`);
  expect(await r.text()).toBe('1616140317555161061');
}

/** A kf callback, stamped `ageS` seconds ago. */
async function callback(ageS = 0): Promise<void> {
  const xml = `<xml><ToUserName><![CDATA[${env.WECOM_CORP_ID}]]></ToUserName><CreateTime>${nowS()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCtoken]]></Token><OpenKfId><![CDATA[${KF}]]></OpenKfId></xml>`;
  const encrypted = crypto.encrypt(xml);
  const body = `<xml><ToUserName><![CDATA[${env.WECOM_CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`;
  const r = await SELF.fetch(`http://edge.test/wecom/callback?${signed(encrypted, nowS() - ageS)}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  expect(await r.text()).toBe('success');
}

type Check = { id: string; ok: boolean; message: string; fix: string };
const byId = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

async function diagnostics(): Promise<Record<string, Check>> {
  const r = await api('GET', '/diagnostics');
  expect(r.status).toBe(200);
  return byId(r.body.checks);
}

/** The KV notes are written after the answer (waitUntil): wait for them. */
async function noted(kind: 'get' | 'post'): Promise<void> {
  for (let i = 0; i < 50 && !(await readCallbackNote(own, kind)); i++) await new Promise((r) => setTimeout(r, 20));
}

beforeEach(async () => {
  await resetStorage();
  forgetCallbackNotes();
  await resetSim({ accounts: [{ open_kfid: KF, name: '售后' }] });
});

describe('GET /admin/api/diagnostics', () => {
  it('a healthy setup passes every check', async () => {
    await api('PUT', '/config', { body: example });
    await verifyUrl();
    await callback();
    await noted('get');
    await noted('post');
    const checks = await diagnostics();
    expect(Object.keys(checks)).toEqual(['corp_id', 'token', 'encoding_aes_key', 'kf_secret', 'admin_token', 'gettoken', 'kf_api', 'trusted_ip', 'callback_verified', 'callback_received', 'clock_skew', 'config', 'console_signin']);
    for (const c of Object.values(checks)) expect(c, c.id).toMatchObject({ ok: true, fix: '' });
    expect(checks.kf_api!.message).toContain('共 1 个客服账号');
    expect(checks.callback_verified!.message).toMatch(/验证成功：\d{4}-/);
    expect(Math.abs(Number(/相差 (-?\d+) 秒/.exec(checks.clock_skew!.message)![1]))).toBeLessThanOrEqual(2);
  });

  it('a fresh setup says what is missing: no callbacks, no config', async () => {
    const checks = await diagnostics();
    expect(checks.callback_verified).toMatchObject({ ok: false, fix: expect.stringContaining('http://edge.test/wecom/callback') });
    expect(checks.callback_received).toMatchObject({ ok: false, fix: expect.stringContaining('客服链接') });
    expect(checks.clock_skew).toMatchObject({ ok: true, message: expect.stringContaining('暂无法测量') });
    expect(checks.config).toMatchObject({ ok: false, message: '还没有保存过配置' });
  });

  it('a refused secret fails gettoken, and the kf API is not checked without a token', async () => {
    await resetSim({ accounts: [{ open_kfid: KF }], kfSecret: 'another-secret' });
    const checks = await diagnostics();
    expect(checks.gettoken).toMatchObject({ ok: false, message: expect.stringContaining('40001'), fix: expect.stringContaining('WECOM_KF_SECRET') });
    expect(checks.kf_api).toMatchObject({ ok: false, message: expect.stringContaining('没有 access_token') });
    expect(checks.trusted_ip!.ok).toBe(false);
  });

  it('the kf API switch off, no permission, and an untrusted IP each fail with their fix', async () => {
    await sim.corp({ api_enabled: false });
    let checks = await diagnostics();
    expect(checks.gettoken!.ok).toBe(true);
    expect(checks.kf_api).toMatchObject({ ok: false, message: expect.stringContaining('95017'), fix: expect.stringContaining('通过API管理微信客服账号') });
    expect(checks.trusted_ip!.ok).toBe(true);

    await sim.corp({ api_enabled: true });
    await sim.fault({ path: 'kf/account/list', kind: 'errcode', errcode: 48002 });
    expect((await diagnostics()).kf_api).toMatchObject({ ok: false, fix: expect.stringContaining('可调用接口的应用') });

    await sim.fault({ path: 'kf/account/list', kind: 'errcode', errcode: 60020, errmsg: 'not allow to access from your ip' });
    checks = await diagnostics();
    expect(checks.trusted_ip).toMatchObject({ ok: false, fix: expect.stringContaining('WECOM_API_BASE') });
    expect(checks.trusted_ip!.fix).toContain('企业可信IP');
  });

  it('reports the clock skew of the last verified callback and the stable config’s warnings', async () => {
    await verifyUrl(100);
    await noted('get');
    expect((await diagnostics()).clock_skew).toMatchObject({ ok: false, message: expect.stringMatching(/相差 (99|100|101) 秒/), fix: expect.stringContaining('300 秒') });

    const warned = structuredClone(example) as Record<string, unknown>;
    warned.routing = [{ when: { tag: 'VIP' }, group: 'no_such_group' }, { default: true, strategy: 'least_busy' }];
    const validated = await api('POST', '/config/validate', { body: warned });
    expect(validated.body.warnings.length).toBeGreaterThan(0);
    await api('PUT', '/config', { body: warned });
    expect((await diagnostics()).config).toMatchObject({ ok: false, message: expect.stringContaining('routing.0.group') });
  });

  it('bad secrets fail their own checks without showing their values; a check that breaks is a failure, not a 500', async () => {
    const bad = { ...env, WECOM_CORP_ID: 'corp', WECOM_TOKEN: 'has space', WECOM_ENCODING_AES_KEY: 'tooshort-secret', WECOM_KF_SECRET: '', ADMIN_TOKEN: 'short' };
    const checks = byId(await runDiagnostics(tenantEnv(bad, OWN_TENANT), 'http://edge.test'));
    for (const id of ['corp_id', 'token', 'encoding_aes_key', 'kf_secret', 'admin_token']) expect(checks[id]!.ok, id).toBe(false);
    expect(JSON.stringify(checks)).not.toContain('tooshort-secret');
    expect(checks.encoding_aes_key!.message).toContain('43');

    const brokenKv = { ...env, KV: { get: () => Promise.reject(new Error('KV unavailable')) } as unknown as KVNamespace };
    const broken = byId(await runDiagnostics(tenantEnv(brokenKv, OWN_TENANT), 'http://edge.test'));
    expect(broken.callback_verified).toMatchObject({ ok: false, message: expect.stringContaining('KV unavailable') });
  });

  it('needs the operator role', async () => {
    const viewer = await tokenFor('viewer');
    expect((await api('GET', '/diagnostics', { token: viewer.token })).status).toBe(403);
    const op = await tokenFor('operator');
    expect((await api('GET', '/diagnostics', { token: op.token })).status).toBe(200);
  });
});
