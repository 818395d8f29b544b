import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator';

// The simulator's account, servicer and media rules, driven through handle() as the Worker meets them.

const ID = { corpId: 'wwunitcorp0001', token: 'unittoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'unit-secret' };
const KF = 'wkKfAdminUnit01';
const BASE = 'http://wecom.test';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

type Json = Record<string, any>;

async function setup(accounts = [{ open_kfid: KF }]) {
  const sim = createSimulator({ identity: ID, accounts, servicers: [{ userid: 'zhangsan' }] });
  const json = async (r: Response) => (await r.json()) as Json;
  // A token per call: the clock may have moved past the last one's 7200 s.
  const token = async () => (await json(await sim.handle(new Request(`${BASE}/cgi-bin/gettoken?corpid=${ID.corpId}&corpsecret=${ID.kfSecret}`)))).access_token as string;
  const call = async (path: string, body: unknown) =>
    json(await sim.handle(new Request(`${BASE}/cgi-bin/${path}?access_token=${await token()}`, { method: 'POST', body: JSON.stringify(body) })));
  const upload = async (file: Uint8Array | null, type = 'image', field = 'media') => {
    const form = new FormData();
    if (file) form.append(field, new File([file], 'a.png', { type: 'image/png' }));
    else form.append('other', 'x');
    return json(await sim.handle(new Request(`${BASE}/cgi-bin/media/upload?access_token=${await token()}&type=${type}`, { method: 'POST', body: form })));
  };
  const control = async (path: string, body?: unknown) =>
    json(await sim.handle(new Request(`${BASE}/_sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })));
  const mediaId = async () => (await upload(PNG)).media_id as string;
  const servicers = async () => json(await sim.handle(new Request(`${BASE}/cgi-bin/kf/servicer/list?open_kfid=${KF}&access_token=${await token()}`)));
  return { call, upload, control, mediaId, servicers };
}

describe('media/upload', () => {
  it('takes a JPG or PNG of 6 bytes to 2 MiB as type image; refuses the rest with WeCom’s codes', async () => {
    const s = await setup();
    expect(await s.upload(PNG)).toMatchObject({ errcode: 0, type: 'image', media_id: expect.any(String) });
    expect((await s.upload(PNG, 'voice')).errcode).toBe(40005);
    expect((await s.upload(null)).errcode).toBe(44001);
    expect((await s.upload(PNG.slice(0, 5))).errcode).toBe(40006);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await s.upload(big)).errcode).toBe(40009);
    expect((await s.upload(new TextEncoder().encode('GIF89a....'))).errcode).toBe(40004);
  });

  it('a media_id lasts 3 days on the simulator clock', async () => {
    const s = await setup();
    const media_id = await s.mediaId();
    await s.control('clock/advance', { seconds: 3 * 24 * 3600 });
    expect((await s.call('kf/account/add', { name: '售后', media_id })).errcode).toBe(40007);
  });
});

describe('kf/account/add, update, list', () => {
  it('adds with a name of 1-16 characters and a valid media_id, and lists it with its avatar', async () => {
    const s = await setup();
    const added = await s.call('kf/account/add', { name: '售后客服', media_id: await s.mediaId() });
    expect(added).toMatchObject({ errcode: 0, open_kfid: expect.stringMatching(/^wk/) });
    expect((await s.call('kf/account/add', { name: '一'.repeat(17), media_id: await s.mediaId() })).errcode).toBe(95006);
    expect((await s.call('kf/account/add', { name: '售后', media_id: 'nope' })).errcode).toBe(40007);
    const list = await s.call('kf/account/list', { offset: 0, limit: 100 });
    expect(list.account_list).toEqual([
      { open_kfid: KF, name: expect.any(String), avatar: '', manage_privilege: true },
      { open_kfid: added.open_kfid, name: '售后客服', avatar: expect.stringMatching(/^https:\/\//), manage_privilege: true },
    ]);
  });

  it('pages with offset and limit (1..100)', async () => {
    const s = await setup(Array.from({ length: 5 }, (_, i) => ({ open_kfid: `wkPage${i}` })));
    expect((await s.call('kf/account/list', { offset: 3, limit: 2 })).account_list.map((a: Json) => a.open_kfid)).toEqual(['wkPage3', 'wkPage4']);
    expect((await s.call('kf/account/list', { offset: 5, limit: 2 })).account_list).toEqual([]);
    expect((await s.call('kf/account/list', { offset: 0, limit: 101 })).errcode).toBe(40058);
  });

  it('an unverified corp creates at most 10 accounts (95027)', async () => {
    const s = await setup(Array.from({ length: 9 }, (_, i) => ({ open_kfid: `wkNine${i}` })));
    expect(await s.control('corp', { verified: false })).toMatchObject({ verified: false, api_enabled: true });
    expect((await s.call('kf/account/add', { name: '第十', media_id: await s.mediaId() })).errcode).toBe(0);
    expect((await s.call('kf/account/add', { name: '第十一', media_id: await s.mediaId() })).errcode).toBe(95027);
    await s.control('corp', { verified: true });
    expect((await s.call('kf/account/add', { name: '第十一', media_id: await s.mediaId() })).errcode).toBe(0);
  });

  it('an update with one bad part changes nothing', async () => {
    const s = await setup();
    expect((await s.call('kf/account/update', { open_kfid: KF, name: 'x'.repeat(17), media_id: await s.mediaId() })).errcode).toBe(95006);
    expect((await s.control('kf/accounts')).accounts[0]).toMatchObject({ avatar: '' });
    expect((await s.call('kf/account/update', { open_kfid: KF })).errcode).toBe(40058);
    expect((await s.call('kf/account/update', { open_kfid: 'wkNobody', name: 'x' })).errcode).toBe(95004);
    expect((await s.call('kf/account/update', { open_kfid: KF, name: '新名字' })).errcode).toBe(0);
    expect((await s.control('kf/accounts')).accounts[0]).toMatchObject({ name: '新名字' });
  });
});

describe('kf/servicer/add, del, list', () => {
  it('answers each userid and department on its own; the lists are checked as a whole', async () => {
    const s = await setup();
    await s.control('corp', { members: ['lisi'], departments: [7] });
    const r = await s.call('kf/servicer/add', { open_kfid: KF, userid_list: ['lisi', 'ghost'], department_id_list: [7, 8] });
    expect(r.errcode).toBe(0);
    expect(r.result_list.map((x: Json) => [x.userid ?? x.department_id, x.errcode])).toEqual([
      ['lisi', 0],
      ['ghost', 60111],
      [7, 0],
      [8, 60123],
    ]);
    expect((await s.servicers()).servicer_list).toEqual([{ userid: 'zhangsan', status: 0 }, { userid: 'lisi', status: 0 }, { department_id: 7 }]);
    expect((await s.call('kf/servicer/add', { open_kfid: KF })).errcode).toBe(40058);
    expect((await s.call('kf/servicer/add', { open_kfid: KF, userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`) })).errcode).toBe(40058);
    expect((await s.call('kf/servicer/del', { open_kfid: KF, userid_list: ['zhangsan'], department_id_list: [7] })).result_list.every((x: Json) => x.errcode === 0)).toBe(true);
    expect((await s.control('kf/accounts')).accounts[0]).toMatchObject({ servicers: [{ userid: 'lisi', on_duty: true }], departments: [] });
  });
});

describe('the kf API switch', () => {
  it('off, every kf/* call answers 95017; gettoken and media/upload still work', async () => {
    const s = await setup();
    await s.control('corp', { api_enabled: false });
    for (const path of ['kf/account/list', 'kf/servicer/add', 'kf/sync_msg']) expect((await s.call(path, {})).errcode, path).toBe(95017);
    expect((await s.upload(PNG)).errcode).toBe(0);
    expect(await s.control('corp')).toMatchObject({ api_enabled: false });
  });
});
