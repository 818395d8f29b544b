import { describe, expect, it } from 'vitest';
import { loginBase, loginUrl, WECOM_LOGIN_BASE } from '../../src/admin/signin/login-url';
import { readConsoleMembers } from '../../src/admin/signin/members';
import { signinCheck } from '../../src/admin/signin/setup';
import { auditPath, auditSummary, hashedId } from '../../src/rules/audit-summary';
import { createSimulator } from '../../src/simulator';

/** The sign-in's pure parts: the allow-list, the login URL, what the audit log keeps, and the simulator's web login. */

describe('CONSOLE_MEMBERS', () => {
  it('reads members with roles; the name defaults to the userid', () => {
    const r = readConsoleMembers('[{"userid":"zhangsan","name":"张三","role":"admin"},{"userid":"li.si@x","role":"viewer"}]');
    expect(r.ok && [...r.members.values()]).toEqual([
      { userid: 'zhangsan', name: '张三', role: 'admin' },
      { userid: 'li.si@x', name: 'li.si@x', role: 'viewer' },
    ]);
  });

  it('says in Chinese what is wrong: unset, empty, not JSON, a bad role or userid, an unknown field, a userid twice', () => {
    const cases: [string | undefined, string][] = [
      [undefined, '未设置 CONSOLE_MEMBERS'],
      ['  ', '未设置 CONSOLE_MEMBERS'],
      ['[]', '空列表'],
      ['{', '不是合法的 JSON'],
      ['[{"userid":"a","role":"boss"}]', '0.role'],
      ['[{"userid":"a b","role":"admin"}]', '0.userid'],
      ['[{"userid":"a","role":"admin","password":"x"}]', '格式不对'],
      ['[{"userid":"a","role":"admin"},{"userid":"a","role":"viewer"}]', '1.userid a is listed twice'],
    ];
    for (const [raw, words] of cases) {
      const r = readConsoleMembers(raw);
      expect(r.ok, String(raw)).toBe(false);
      if (!r.ok) expect(r.message, String(raw)).toContain(words);
    }
  });

  it('the diagnostics check names what is missing, and passes with both settings', () => {
    expect(signinCheck({ CONSOLE_MEMBERS: '[{"userid":"a","role":"admin"}]' })).toMatchObject({ id: 'console_signin', ok: false, message: expect.stringContaining('WECOM_AGENT_ID') });
    expect(signinCheck({ WECOM_AGENT_ID: 'abc', CONSOLE_MEMBERS: '[{"userid":"a","role":"admin"}]' }).message).toContain('数字');
    expect(signinCheck({ WECOM_AGENT_ID: '1000002' }).message).toContain('CONSOLE_MEMBERS');
    expect(signinCheck({ WECOM_AGENT_ID: '1000002', CONSOLE_MEMBERS: '[{"userid":"a","role":"admin"}]' })).toMatchObject({ ok: true, fix: '' });
  });

  it('needs neither setting in many-corps mode, and says which web login each corp uses', () => {
    expect(signinCheck({ WECOM_SUITE_ID: 'wwsuite00000000001' })).toMatchObject({ ok: true, message: expect.stringContaining('ServiceApp') });
    expect(signinCheck({ WECOM_SUITE_ID: 'dk00000000000000a1' })).toMatchObject({ ok: true, message: expect.stringContaining('代开发') });
  });
});

describe('the login URL', () => {
  it("goes to WeCom's login host for WeCom or an HTTPS egress proxy, and to a plain-HTTP stand-in (the simulator) itself", () => {
    expect(loginBase('https://qyapi.weixin.qq.com')).toBe(WECOM_LOGIN_BASE);
    expect(loginBase('https://egress.example.com/wecom')).toBe(WECOM_LOGIN_BASE);
    expect(loginBase('http://127.0.0.1:8788')).toBe('http://127.0.0.1:8788');
    expect(loginBase('not a url')).toBe(WECOM_LOGIN_BASE);
  });

  it('carries CorpApp, the corp id as appid, the agent id, the callback and the state, encoded', () => {
    const url = new URL(loginUrl({ apiBase: 'https://qyapi.weixin.qq.com', app: { type: 'CorpApp', corpId: 'ww0123456789abcdef', agentId: '1000002' }, redirectUri: 'https://kefu.example.com/auth/wecom/callback', state: 's&t' }));
    expect(url.origin + url.pathname).toBe('https://login.work.weixin.qq.com/wwlogin/sso/login');
    expect(Object.fromEntries(url.searchParams)).toEqual({ login_type: 'CorpApp', appid: 'ww0123456789abcdef', agentid: '1000002', redirect_uri: 'https://kefu.example.com/auth/wecom/callback', state: 's&t' });
  });

  it("carries ServiceApp and the third-party app's SuiteID as appid, without an agent id", () => {
    const url = new URL(loginUrl({ apiBase: 'https://qyapi.weixin.qq.com', app: { type: 'ServiceApp', suiteId: 'wwsuite00000000001' }, redirectUri: 'https://kefu.example.com/auth/wecom/callback', state: 's' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ login_type: 'ServiceApp', appid: 'wwsuite00000000001', redirect_uri: 'https://kefu.example.com/auth/wecom/callback', state: 's' });
  });
});

describe('what the audit log keeps', () => {
  it("hashes customers' ids in paths and drops nothing else", () => {
    expect(auditPath('/admin/api/users/wmAbc/tags')).toBe(`/admin/api/users/${hashedId('wmAbc')}/tags`);
    expect(auditPath('/admin/api/users/wmAbc')).toMatch(/^\/admin\/api\/users\/#[0-9a-f]{12}$/);
    expect(auditPath('/admin/api/config')).toBe('/admin/api/config');
    expect(auditPath('/admin/api/users')).toBe('/admin/api/users');
  });

  it('summarises from harmless fields only: never a token value, personal data masked', () => {
    expect(auditSummary({ version: 3, warnings: [] })).toBe('version=3');
    expect(auditSummary({ id: 'abc', name: 'ops', role: 'operator', token: 'wkt_secret', created_at: 1 })).toBe('id=abc name=ops role=operator');
    expect(auditSummary({ name: '张三 13812345678' })).toBe('name=张三 138****5678');
    expect(auditSummary({ added: ['vip', 'new'] })).toBe('added=2');
    expect(auditSummary(null)).toBe('');
    expect(auditSummary('text')).toBe('');
  });
});

describe("the simulator's web login", () => {
  const sim = createSimulator({ identity: { corpId: 'wwsim0000000000001', kfSecret: 'secret' }, servicers: [{ userid: 'zhangsan' }] });
  const login = `http://sim/wwlogin/sso/login?login_type=CorpApp&appid=wwsim0000000000001&agentid=1000002&redirect_uri=${encodeURIComponent('https://edge.example/auth/wecom/callback')}&state=xyz`;
  const getuserinfo = async (code: string) => {
    const { access_token } = (await (await sim.handle(new Request('http://sim/cgi-bin/gettoken?corpid=wwsim0000000000001&corpsecret=secret'))).json()) as { access_token: string };
    return (await sim.handle(new Request(`http://sim/cgi-bin/auth/getuserinfo?access_token=${access_token}&code=${code}`))).json();
  };
  const scan = async (as: string) => {
    const page = await (await sim.handle(new Request(login))).text();
    const href = [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&')).find((h) => new URL(h, 'http://sim').searchParams.get('as') === as)!;
    const r = await sim.handle(new Request(new URL(href, 'http://sim')));
    return new URL(r.headers.get('location')!);
  };

  it("offers each member and an outsider; a member's code answers their userid once, then 40029", async () => {
    const back = await scan('zhangsan');
    expect(back.origin + back.pathname).toBe('https://edge.example/auth/wecom/callback');
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;
    expect(await getuserinfo(code)).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
    expect(await getuserinfo(code)).toMatchObject({ errcode: 40029 });
    expect(await getuserinfo('made-up')).toMatchObject({ errcode: 40029 });
    expect(await getuserinfo((await scan('~outsider')).searchParams.get('code')!)).toEqual({ errcode: 0, errmsg: 'ok', openid: expect.stringMatching(/^o/) });
  });

  it('expires codes after 5 minutes and refuses a login request WeCom would refuse', async () => {
    const code = (await scan('zhangsan')).searchParams.get('code')!;
    await sim.handle(new Request('http://sim/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 301 }) }));
    expect(await getuserinfo(code)).toMatchObject({ errcode: 40029 });
    for (const bad of [login.replace('CorpApp', 'ServiceApp'), login.replace('appid=wwsim0000000000001', 'appid=other'), login.replace('agentid=1000002', 'agentid=x')]) {
      expect((await sim.handle(new Request(bad))).status).toBe(400);
    }
    const scanStranger = new URL(login.replace('/login?', '/scan?'));
    scanStranger.searchParams.set('as', 'nobody');
    expect((await sim.handle(new Request(scanStranger))).status).toBe(400);
  });
});
