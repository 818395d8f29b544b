import { beforeEach, describe, expect, it } from 'vitest';
import { api, resetStorage, tokenFor } from './support/admin';
import { resetSim, sim } from './support/sim';

/** kf accounts and servicers through the admin API, played by the simulator with the platform's limits. */

const KF = 'wkKfAdminTest0001';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');

function accountForm(fields: { name?: string; avatar?: Uint8Array; filename?: string; type?: string }): FormData {
  const form = new FormData();
  if (fields.name !== undefined) form.append('name', fields.name);
  if (fields.avatar) form.append('avatar', new File([fields.avatar], fields.filename ?? 'avatar.png', { type: fields.type ?? 'image/png' }));
  return form;
}

/** The one issue of a 502: WeCom's errcode with the Chinese message and fix. */
function refusal(r: { status: number; body: any }) {
  expect(r.status).toBe(502);
  expect(r.body.error.code).toBe('wecom_error');
  return { errcode: r.body.error.issues[0].errcode as number, message: r.body.error.message as string };
}

/** The calls WeCom accepted (a first call may meet 40014 with a token of an earlier test and be retried). */
const callsTo = async (path: string) => (await sim.calls({ path })).items.filter((c) => (c.answer as { errcode?: number }).errcode === 0);

beforeEach(async () => {
  await resetStorage();
  await resetSim({ accounts: [{ open_kfid: KF, name: '售前' }], servicers: [{ userid: 'zhangsan' }] });
});

describe('GET /kf/accounts', () => {
  it('reads every page of kf/account/list, 100 at a time, until a short page', async () => {
    await resetSim({ accounts: Array.from({ length: 230 }, (_, i) => ({ open_kfid: `wkPage${String(i).padStart(4, '0')}`, name: `客服${i}` })) });
    const r = await api('GET', '/kf/accounts');
    expect(r.status).toBe(200);
    expect(r.body.accounts).toHaveLength(230);
    expect(r.body.accounts[229]).toEqual({ open_kfid: 'wkPage0229', name: '客服229', avatar: '' });
    expect((await callsTo('kf/account/list')).map((c) => c.body)).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
  });

  it('a viewer may read; the kf API switch off is a 502 that says to turn it on', async () => {
    const viewer = await tokenFor('viewer');
    expect((await api('GET', '/kf/accounts', { token: viewer.token })).body.accounts).toEqual([{ open_kfid: KF, name: '售前', avatar: '' }]);
    await sim.corp({ api_enabled: false });
    const r = refusal(await api('GET', '/kf/accounts'));
    expect(r.errcode).toBe(95017);
    expect(r.message).toContain('API');
    expect(r.message).toContain('开启');
  });

  it('no 微信客服 permission (48002) and an untrusted IP (60020) each say what to do', async () => {
    await sim.fault({ path: 'kf/account/list', kind: 'errcode', errcode: 48002, errmsg: 'api forbidden' });
    const perm = refusal(await api('GET', '/kf/accounts'));
    expect(perm).toMatchObject({ errcode: 48002 });
    expect(perm.message).toContain('可调用接口的应用');
    await sim.fault({ path: 'kf/account/list', kind: 'errcode', errcode: 60020, errmsg: 'not allow to access from your ip' });
    const ip = refusal(await api('GET', '/kf/accounts'));
    expect(ip).toMatchObject({ errcode: 60020 });
    expect(ip.message).toContain('企业可信IP');
    expect(ip.message).toContain('WECOM_API_BASE');
  });
});

describe('POST /kf/accounts', () => {
  it('uploads the avatar as an image, then adds the account with its media_id', async () => {
    const op = await tokenFor('operator');
    const r = await api('POST', '/kf/accounts', { token: op.token, form: accountForm({ name: '售后客服', avatar: PNG, filename: 'x.bin', type: 'application/octet-stream' }) });
    expect(r.status).toBe(201);
    const [upload] = await callsTo('media/upload');
    expect(upload!.query.type).toBe('image');
    // Typed by its bytes, whatever the browser declared.
    expect(upload!.body).toEqual({ media: { filename: 'avatar.png', content_type: 'image/png', size: PNG.length } });
    const [add] = await callsTo('kf/account/add');
    expect(add!.body).toEqual({ name: '售后客服', media_id: (upload!.answer as { media_id: string }).media_id });
    const created = (await sim.kfAccounts()).find((a) => a.open_kfid === r.body.open_kfid);
    expect(created).toMatchObject({ name: '售后客服', avatar: expect.stringMatching(/^https:\/\//) });
    expect((await api('GET', '/kf/accounts')).body.accounts.map((a: { name: string }) => a.name)).toEqual(['售前', '售后客服']);
  });

  it('refuses a bad name or image with 400 before WeCom sees anything', async () => {
    const cases: [FormData, string, RegExp][] = [
      [accountForm({ name: '一'.repeat(17), avatar: PNG }), 'name', /16/],
      [accountForm({ name: '', avatar: PNG }), 'name', /不能为空/],
      [accountForm({ name: '售后', avatar: GIF, type: 'image/png' }), 'avatar', /JPG 或 PNG/],
      [accountForm({ name: '售后', avatar: new Uint8Array([0xff, 0xd8, 0xff]) }), 'avatar', /不完整/],
      [accountForm({ name: '售后', avatar: new Uint8Array(2 * 1024 * 1024 + 1).fill(0xff) }), 'avatar', /2 MiB/],
      [accountForm({ name: '售后', avatar: new Uint8Array(5 * 1024 * 1024).fill(0xff) }), 'avatar', /2 MiB/],
      [accountForm({ name: '售后' }), 'avatar', /图片文件/],
    ];
    for (const [form, field, message] of cases) {
      const r = await api('POST', '/kf/accounts', { form });
      expect(r.status, field).toBe(400);
      expect(r.body.error.issues).toEqual([expect.objectContaining({ path: [field], message: expect.stringMatching(message) })]);
    }
    // 16 characters (counted as people count them) is fine.
    expect((await api('POST', '/kf/accounts', { form: accountForm({ name: '一'.repeat(15) + '😀', avatar: JPG, type: 'image/jpeg' }) })).status).toBe(201);
    const json = await api('POST', '/kf/accounts', { body: { name: 'x' } });
    expect(json.body.error.code).toBe('invalid_form');
    expect(await callsTo('media/upload')).toHaveLength(1);
  });

  it('an unverified corp stops at 10 accounts (95027); verified, it goes on', async () => {
    await resetSim({ accounts: Array.from({ length: 10 }, (_, i) => ({ open_kfid: `wkTen${i}` })) });
    await sim.corp({ verified: false });
    const r = refusal(await api('POST', '/kf/accounts', { form: accountForm({ name: '第十一个', avatar: PNG }) }));
    expect(r.errcode).toBe(95027);
    expect(r.message).toContain('10 个');
    expect(r.message).toContain('认证');
    expect(await sim.kfAccounts()).toHaveLength(10);
    await sim.corp({ verified: true });
    expect((await api('POST', '/kf/accounts', { form: accountForm({ name: '第十一个', avatar: PNG }) })).status).toBe(201);
  });

  it('WeCom refusing the image (40009) reaches the operator with its errcode; no account is added', async () => {
    await sim.fault({ path: 'media/upload', kind: 'errcode', errcode: 40009, errmsg: 'invalid image size' });
    const r = refusal(await api('POST', '/kf/accounts', { form: accountForm({ name: '售后', avatar: PNG }) }));
    expect(r).toMatchObject({ errcode: 40009 });
    expect(r.message).toContain('2 MiB');
    expect(await callsTo('kf/account/add')).toEqual([]);
  });

  it('a viewer may not create accounts', async () => {
    const viewer = await tokenFor('viewer');
    expect((await api('POST', '/kf/accounts', { token: viewer.token, form: accountForm({ name: '售后', avatar: PNG }) })).status).toBe(403);
  });
});

describe('PATCH /kf/accounts/:open_kfid', () => {
  it('renames, changes the avatar, or both; an unknown account is 95004', async () => {
    expect((await api('PATCH', `/kf/accounts/${KF}`, { form: accountForm({ name: '售前咨询' }) })).status).toBe(200);
    expect((await callsTo('kf/account/update')).at(-1)!.body).toEqual({ open_kfid: KF, name: '售前咨询' });
    expect((await api('PATCH', `/kf/accounts/${KF}`, { form: accountForm({ avatar: JPG, type: 'image/jpeg' }) })).status).toBe(200);
    const [account] = await sim.kfAccounts();
    expect(account).toMatchObject({ name: '售前咨询', avatar: expect.stringMatching(/^https:\/\//) });
    expect((await api('PATCH', `/kf/accounts/${KF}`, { form: accountForm({}) })).status).toBe(400);
    expect((await api('PATCH', `/kf/accounts/${KF}`, { form: accountForm({ name: 'x'.repeat(17) }) })).status).toBe(400);
    expect(refusal(await api('PATCH', '/kf/accounts/wkNobody', { form: accountForm({ name: '新名字' }) })).errcode).toBe(95004);
  });
});

describe('/kf/accounts/:open_kfid/servicers', () => {
  it('lists, adds and removes servicers; each unknown member or department fails on its own', async () => {
    await sim.corp({ members: ['lisi'], departments: [2] });
    expect((await api('GET', `/kf/accounts/${KF}/servicers`)).body).toEqual({ servicer_list: [{ userid: 'zhangsan', status: 0 }] });

    const added = await api('POST', `/kf/accounts/${KF}/servicers`, { body: { userid_list: ['lisi', 'ghost'], department_id_list: [2, 99] } });
    expect(added.status).toBe(200);
    expect(added.body.ok).toBe(false);
    expect(added.body.results).toEqual([
      { userid: 'lisi', ok: true, errcode: 0, message: '成功' },
      { userid: 'ghost', ok: false, errcode: 60111, message: expect.stringContaining('不存在'), fix: expect.any(String) },
      { department_id: 2, ok: true, errcode: 0, message: '成功' },
      { department_id: 99, ok: false, errcode: 60123, message: expect.stringContaining('部门'), fix: expect.any(String) },
    ]);
    expect((await api('GET', `/kf/accounts/${KF}/servicers`)).body.servicer_list).toEqual([{ userid: 'zhangsan', status: 0 }, { userid: 'lisi', status: 0 }, { department_id: 2 }]);

    const removed = await api('DELETE', `/kf/accounts/${KF}/servicers`, { body: { userid_list: ['zhangsan'] } });
    expect(removed.body).toEqual({ ok: true, results: [{ userid: 'zhangsan', ok: true, errcode: 0, message: '成功' }] });
    expect((await sim.kfAccounts())[0]!.servicers).toEqual([{ userid: 'lisi', on_duty: true }]);
  });

  it('refuses empty or oversized lists with 400, and a viewer may only read', async () => {
    expect((await api('POST', `/kf/accounts/${KF}/servicers`, { body: {} })).status).toBe(400);
    const many = await api('POST', `/kf/accounts/${KF}/servicers`, { body: { userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`) } });
    expect(many.body.error.issues).toEqual([expect.objectContaining({ path: ['userid_list'] })]);
    expect((await api('POST', `/kf/accounts/bad%20id/servicers`, { body: { userid_list: ['lisi'] } })).status).toBe(400);
    const viewer = await tokenFor('viewer');
    expect((await api('GET', `/kf/accounts/${KF}/servicers`, { token: viewer.token })).status).toBe(200);
    expect((await api('DELETE', `/kf/accounts/${KF}/servicers`, { token: viewer.token, body: { userid_list: ['zhangsan'] } })).status).toBe(403);
    expect(await callsTo('kf/servicer/add')).toEqual([]);
  });

  it('an account WeCom does not know is a 502 with 95004', async () => {
    expect(refusal(await api('GET', '/kf/accounts/wkNobody/servicers')).errcode).toBe(95004);
  });
});
