import { describe, expect, it } from 'vitest';
import { CorpBook } from '../../src/objects/suite/corps';
import type { KeyValueStore } from '../../src/objects/suite/store';
import { TokenSlots } from '../../src/objects/suite/token-slots';
import { seal, sealingKey, unseal } from '../../src/runtime/seal';
import { createWecomCrypto } from '../../src/wecom/crypto';
import { readFlatXml } from '../../src/wecom/xml';
import { createSimulator } from '../../src/simulator';
import { createClock } from '../../src/simulator/clock';
import { ApiFailure, Errcode } from '../../src/simulator/errcodes';
import { SuiteProvider } from '../../src/simulator/suite/provider';
import { WecomApiError } from '../../src/wecom/errors';
import { InstructionError, readInstruction } from '../../src/wecom/suite-instructions';
import { authModeOf, providerSecretOf, providerSecretShape, suiteSettings, SuiteSettingsError } from '../../src/wecom/suite-settings';

// Many-corps mode's pure parts: sealing, instructions, settings, token slots, the corp book, and
// the simulator's provider rules.

function mapStore(): KeyValueStore & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  return {
    raw,
    get: async <T>(key: string) => structuredClone(raw.get(key)) as T | undefined,
    put: async (key, value) => void raw.set(key, structuredClone(value)),
    delete: async (key) => raw.delete(key),
    list: async <T>({ prefix }: { prefix: string }) => new Map([...raw].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k, structuredClone(v) as T])),
  };
}

describe('seal', () => {
  it('opens only with the same secret and name, and never holds the plaintext', async () => {
    const key = await sealingKey('suite-secret-one', 'permanent-code v1');
    const sealed = await seal(key, 'the-permanent-code', 'corp:wwa');
    expect(JSON.stringify(sealed)).not.toContain('the-permanent-code');
    expect(await unseal(key, sealed, 'corp:wwa')).toBe('the-permanent-code');
    expect(await unseal(key, sealed, 'corp:wwb')).toBeNull();
    expect(await unseal(await sealingKey('suite-secret-two', 'permanent-code v1'), sealed, 'corp:wwa')).toBeNull();
    expect(await unseal(key, { ...sealed, data: btoa('tampered-bytes-here!') }, 'corp:wwa')).toBeNull();
    expect((await seal(key, 'x', 'n')).iv).not.toBe((await seal(key, 'x', 'n')).iv);
  });
});

describe('readInstruction', () => {
  const base = { SuiteId: 'wwsuite01', TimeStamp: '1700000000' };
  it('reads each InfoType, acknowledges unknown ones and refuses malformed known ones', () => {
    expect(readInstruction({ ...base, InfoType: 'suite_ticket', SuiteTicket: 't' })).toEqual({ kind: 'known', instruction: { ...base, InfoType: 'suite_ticket', SuiteTicket: 't' } });
    expect(readInstruction({ ...base, InfoType: 'cancel_auth', AuthCorpId: 'wwa' }).kind).toBe('known');
    expect(readInstruction({ ...base, InfoType: 'change_contact' })).toEqual({ kind: 'other', infoType: 'change_contact', suiteId: 'wwsuite01' });
    expect(() => readInstruction({ ...base, InfoType: 'create_auth' })).toThrow(InstructionError);
    expect(() => readInstruction({ ...base, InfoType: 'suite_ticket', SuiteTicket: 't', TimeStamp: 'soon' })).toThrow(/TimeStamp/);
    expect(() => readInstruction({ InfoType: 'anything' })).toThrow(/SuiteId/);
  });
});

describe('suiteSettings', () => {
  const good = {
    WECOM_PROVIDER_CORP_ID: 'wwprovider00000001',
    WECOM_SUITE_ID: 'dk00000000000000a1',
    WECOM_SUITE_SECRET: 'suite-secret-0123456789abcdefghij',
    WECOM_SUITE_TOKEN: 'suitetoken',
    WECOM_SUITE_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  };
  it('is off without a suite id, on with every setting, and names each bad one', () => {
    expect(suiteSettings({})).toBeNull();
    expect(suiteSettings({ ...good, WECOM_SUITE_ID: ' ' })).toBeNull();
    expect(suiteSettings(good)).toMatchObject({ suiteId: 'dk00000000000000a1', mode: 'customized' });
    expect(authModeOf('wwsuite00000000001')).toBe('third_party');
    try {
      suiteSettings({ ...good, WECOM_SUITE_TOKEN: 'bad token!', WECOM_PROVIDER_CORP_ID: '' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SuiteSettingsError);
      expect((e as SuiteSettingsError).problems.join('\n')).toMatch(/WECOM_PROVIDER_CORP_ID[\s\S]*WECOM_SUITE_TOKEN/);
      expect((e as Error).message).not.toContain(good.WECOM_SUITE_SECRET);
    }
  });

  it('WECOM_PROVIDER_SECRET is optional, needed by a 代开发 template, and refused (naming it, never echoing it) when malformed', () => {
    expect(suiteSettings(good)?.providerSecret).toBeNull();
    expect(suiteSettings({ ...good, WECOM_PROVIDER_SECRET: 'provider-secret-0123456789abcdef' })?.providerSecret).toBe('provider-secret-0123456789abcdef');
    expect(providerSecretShape(good)).toMatchObject({ id: 'provider_secret', ok: false });
    expect(providerSecretShape({ ...good, WECOM_SUITE_ID: 'wwsuite00000000001' })).toMatchObject({ ok: true });
    expect(providerSecretShape({ ...good, WECOM_PROVIDER_SECRET: 'provider-secret-0123456789abcdef' })).toBeNull();
    const bad = { ...good, WECOM_PROVIDER_SECRET: 'bad secret!' };
    expect(providerSecretOf(bad)).toBe('malformed');
    expect(() => suiteSettings(bad)).toThrow(SuiteSettingsError);
    expect(() => suiteSettings(bad)).toThrow(/WECOM_PROVIDER_SECRET/);
    try {
      suiteSettings(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain('bad secret!');
    }
  });
});

describe('TokenSlots', () => {
  it('fetches once for concurrent callers, serves the old token while a renewal fails, and refreshes a refused one once', async () => {
    let now = 0;
    let fetches = 0;
    const slots = new TokenSlots(mapStore(), () => now);
    const fetch = async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 5));
      return { token: `t${fetches}`, expiresIn: 100 };
    };
    const all = await Promise.all(Array.from({ length: 8 }, () => slots.get('k', fetch)));
    expect(all.every((r) => r.ok && r.token === 't1')).toBe(true);
    expect(fetches).toBe(1);
    now = 95_000; // past 90% of its life, before expiry
    const failing = async () => {
      throw new WecomApiError(-1, 'busy', '/cgi-bin/x', true, 'errcode');
    };
    expect(await slots.get('k', failing)).toEqual({ ok: true, token: 't1' });
    now = 101_000;
    expect(await slots.get('k', failing)).toEqual({ ok: false, failure: expect.objectContaining({ errcode: -1 }) });
    const [a, b] = await Promise.all([slots.refresh('k', 't1', fetch), slots.refresh('k', 't1', fetch)]);
    expect([a, b]).toEqual([{ ok: true, token: 't2' }, { ok: true, token: 't2' }]);
    expect(await slots.refresh('k', 't1', fetch)).toEqual({ ok: true, token: 't2' });
    expect(fetches).toBe(2);
  });
});

describe('CorpBook', () => {
  it('keeps the code sealed, hands it out while active, and drops it on cancel', async () => {
    const store = mapStore();
    const key = sealingKey('suite-secret-one', 'permanent-code v1');
    const book = new CorpBook(store, () => key, () => 1000);
    await book.authorize({ corpId: 'wwa', name: '甲', mode: 'third_party', permanentCode: 'perm-A', agentId: 1000005, installedBy: 'boss' });
    expect(JSON.stringify([...store.raw])).not.toContain('perm-A');
    expect(await book.permanentCode('wwa')).toEqual({ ok: true, code: 'perm-A', mode: 'third_party' });
    expect(await book.permanentCode('wwb')).toEqual({ ok: false, reason: 'unknown' });
    expect(await book.cancel('wwa')).toBe(true);
    expect(await book.permanentCode('wwa')).toEqual({ ok: false, reason: 'cancelled' });
    expect(await book.list()).toEqual([expect.objectContaining({ corp_id: 'wwa', state: 'cancelled', cancelled_at: 1000 })]);
    expect(await book.cancel('wwb')).toBe(false);
    const rotated = new CorpBook(store, () => sealingKey('another-secret-xx', 'permanent-code v1'), () => 2000);
    await book.authorize({ corpId: 'wwa', name: '', mode: 'third_party', permanentCode: 'perm-A2', agentId: null, installedBy: null });
    expect(await rotated.permanentCode('wwa')).toEqual({ ok: false, reason: 'unreadable' });
    // A re-authorization that names no agent or installer keeps the ones known.
    expect(await book.get('wwa')).toEqual(expect.objectContaining({ name: '甲', agent_id: 1000005, installed_by: 'boss' }));
  });
});

describe('the simulated provider', () => {
  const SETUP = {
    suite_id: 'wwsuite00000000001',
    suite_secret: 'suite-secret-0123456789abcdefghij',
    token: 'suitetoken',
    encoding_aes_key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    provider_corp_id: 'wwprovider00000001',
    corps: [{ corp_id: 'wwa', name: '甲' }],
  };
  const failure = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      return e instanceof ApiFailure ? e.errcode : e;
    }
    return 0;
  };

  it('answers 40085 for a stale ticket, 42009 for an expired suite token and 40078 for a used auth code', () => {
    const clock = createClock(() => Date.UTC(2026, 0, 5));
    const p = new SuiteProvider(SETUP, clock);
    const ticket = p.newTicket();
    const body = { suite_id: SETUP.suite_id, suite_secret: SETUP.suite_secret, suite_ticket: ticket };
    expect(failure(() => p.getSuiteToken({ ...body, suite_secret: 'wrong' }))).toBe(Errcode.invalidSuiteSecret);
    const { suite_access_token: token } = p.getSuiteToken(body) as { suite_access_token: string };
    expect(failure(() => p.checkSuiteToken(token))).toBe(0);
    expect(failure(() => p.checkSuiteToken('unknown'))).toBe(Errcode.invalidSuiteToken);
    const { pre_auth_code: pre } = p.preAuthCode() as { pre_auth_code: string };
    const { authCode } = p.authorize(pre, 'wwa');
    expect((p.getPermanentCode({ auth_code: authCode }) as { auth_corp_info: unknown }).auth_corp_info).toEqual({ corpid: 'wwa', corp_name: '甲' });
    expect(failure(() => p.getPermanentCode({ auth_code: authCode }))).toBe(Errcode.invalidAuthCode);
    clock.advance(7200);
    expect(failure(() => p.checkSuiteToken(token))).toBe(Errcode.suiteTokenExpired);
    expect(failure(() => p.getSuiteToken(body))).toBe(Errcode.invalidSuiteTicket);
    expect(failure(() => p.authorize(pre, 'wwa'))).toBe(Errcode.invalidPreAuthCode);
  });

  it('gives a 代开发 corp its token through gettoken with the permanent code, never get_corp_token', () => {
    const p = new SuiteProvider({ ...SETUP, suite_id: 'dk00000000000000a1' }, createClock(() => Date.UTC(2026, 0, 5)));
    const { pre_auth_code: pre } = p.preAuthCode() as { pre_auth_code: string };
    const answer = p.getPermanentCode({ auth_code: p.authorize(pre, 'wwa').authCode }) as { permanent_code: string; access_token?: string };
    expect(answer.access_token).toBeUndefined();
    expect(p.gettoken('wwa', answer.permanent_code)).toMatchObject({ expires_in: 7200 });
    expect(p.gettoken('wwa', 'the self-built secret')).toBeNull();
    expect(failure(() => p.getCorpToken({ auth_corpid: 'wwa', permanent_code: answer.permanent_code }))).toBe(Errcode.apiForbidden);
    p.cancel('wwa');
    expect(p.gettoken('wwa', answer.permanent_code)).toBeNull();
  });

  it("plays the app's web login: getuserinfo3rd once per code, the admin list per agent, and refuses what WeCom refuses", () => {
    const corps = [{ corp_id: 'wwa', name: '甲', members: ['clerk'], admins: [{ userid: 'boss', auth_type: 1 as const }] }];
    const p = new SuiteProvider({ ...SETUP, corps }, createClock(() => Date.UTC(2026, 0, 5)));
    const { pre_auth_code: pre } = p.preAuthCode() as { pre_auth_code: string };
    const installed = p.getPermanentCode({ auth_code: p.authorize(pre, 'wwa').authCode });
    expect(installed).toMatchObject({ auth_info: { agent: [{ agentid: 1000001 }] }, auth_user_info: { userid: 'boss' } });
    const login = (as: string) => {
      const q = new URLSearchParams({ login_type: 'ServiceApp', appid: SETUP.suite_id, redirect_uri: 'https://edge.test/back', state: 's', as });
      const r = p.login.answer(new URL(`http://wecom.test/wwlogin/sso/scan?${q}`));
      return new URL(r.headers.get('location')!).searchParams.get('code')!;
    };
    const code = login('wwa:clerk');
    expect(p.login.userInfo3rd(code)).toMatchObject({ corpid: 'wwa', userid: 'clerk' });
    expect(failure(() => p.login.userInfo3rd(code))).toBe(Errcode.invalidCode);
    expect(p.login.userInfo3rd(login('~outsider'))).toEqual({ openid: expect.any(String) });
    // A ServiceApp code is no CorpApp code.
    expect(failure(() => p.login.corpUserInfo('wwa', login('wwa:boss')))).toBe(Errcode.invalidCode);
    expect(p.login.adminList('wwa', { agentid: 1000001 })).toEqual({ admin: [{ userid: 'boss', auth_type: 1 }] });
    expect(failure(() => p.login.adminList('wwa', { agentid: 7 }))).toBe(Errcode.noAgentPermission);
    const dk = new SuiteProvider({ ...SETUP, suite_id: 'dk00000000000000a1', corps }, createClock(() => Date.UTC(2026, 0, 5)));
    expect(failure(() => dk.login.userInfo3rd('any'))).toBe(Errcode.apiForbidden);
    expect(dk.login.answer(new URL(`http://wecom.test/wwlogin/sso/login?login_type=ServiceApp&appid=dk00000000000000a1&redirect_uri=https://e.test/`)).status).toBe(400);
  });
});

describe('the simulated install page', () => {
  it('lists the corps, and authorizing one redirects with an auth code and the state', async () => {
    const sim = createSimulator({ now: () => Date.UTC(2026, 0, 5) });
    const post = (path: string, body: unknown) => sim.handle(new Request(`http://wecom.test${path}`, { method: 'POST', body: JSON.stringify(body) }));
    await post('/_sim/suite/setup', {
      suite_id: 'wwsuite00000000001',
      suite_secret: 'suite-secret-0123456789abcdefghij',
      token: 'suitetoken',
      encoding_aes_key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      provider_corp_id: 'wwprovider00000001',
      corps: [{ corp_id: 'wwa', name: '甲<公司>' }, { corp_id: 'wwb', name: '乙' }],
    });
    const ticket = (await (await post('/_sim/suite/ticket', {})).json()) as { info_type: string; body: string };
    expect(ticket.info_type).toBe('suite_ticket');
    const suiteCrypto = createWecomCrypto({ token: 'suitetoken', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: 'wwsuite00000000001' });
    const { SuiteTicket: suiteTicket } = readFlatXml(suiteCrypto.decrypt(readFlatXml(ticket.body).Encrypt!));
    const answer = async (r: Response) => (await r.json()) as Record<string, string>;
    const { suite_access_token: suiteToken } = await answer(await post('/cgi-bin/service/get_suite_token', { suite_id: 'wwsuite00000000001', suite_secret: 'suite-secret-0123456789abcdefghij', suite_ticket: suiteTicket }));
    const { pre_auth_code: pre } = await answer(await sim.handle(new Request(`http://wecom.test/cgi-bin/service/get_pre_auth_code?suite_access_token=${suiteToken}`)));
    const authorized = await sim.handle(
      new Request('https://open.work.weixin.qq.com/3rdapp/install/authorize', { method: 'POST', body: new URLSearchParams({ pre_auth_code: pre!, corp_id: 'wwb', redirect_uri: 'https://edge.test/done', state: 's1' }) }),
    );
    expect(authorized.status).toBe(302);
    const to = new URL(authorized.headers.get('location')!);
    expect([to.origin + to.pathname, to.searchParams.get('state'), to.searchParams.get('expires_in')]).toEqual(['https://edge.test/done', 's1', '600']);
    const permanent = await answer(await post(`/cgi-bin/service/get_permanent_code?suite_access_token=${suiteToken}`, { auth_code: to.searchParams.get('auth_code') }));
    expect(permanent.auth_corp_info).toEqual({ corpid: 'wwb', corp_name: '乙' });
    const page = await sim.handle(new Request('https://open.work.weixin.qq.com/3rdapp/install?suite_id=wwsuite00000000001&pre_auth_code=x&redirect_uri=https%3A%2F%2Fedge.test%2Fdone&state=s1'));
    const html = await page.text();
    expect(html).toContain('授权给「甲&#60;公司&#62;」');
    expect(html).toContain('授权给「乙」');
    // An unknown pre-auth code is refused on the page itself.
    const form = new URLSearchParams({ pre_auth_code: 'x', corp_id: 'wwa', redirect_uri: 'https://edge.test/done', state: 's1' });
    const refused = await sim.handle(new Request('https://open.work.weixin.qq.com/3rdapp/install/authorize', { method: 'POST', body: form }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('40077');
  });
});
