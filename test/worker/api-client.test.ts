import { env, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { judgeFailure, REPLY_BACKOFF } from '../../src/engine/outbox';
import { accessTokenCacheName, createWecomApi, forgetAccessTokens } from '../../src/wecom/api';
import { WecomApiError } from '../../src/wecom/errors';
import { parseSyncMsgItems } from '../../src/wecom/types';
import { resetSim, sim } from './support';

/**
 * The kf API client against the WeCom simulator: the shared access token (cached, single-flight,
 * refreshed once when refused), timeouts, and errors told apart by what the caller must do.
 */

const calls = async (path: string) => (await sim.calls({ path })).items;
const fault = sim.fault;

const KF = 'wkApiClientTest01';
const USER = 'wmApiClientUser01';
const cacheStub = () => env.ACCESS_TOKEN.get(env.ACCESS_TOKEN.idFromName(accessTokenCacheName(env)));

beforeEach(async () => {
  await resetSim({ accounts: [{ open_kfid: KF }] });
  // A cold cache per test: the simulator forgot every token it issued.
  await runInDurableObject(cacheStub(), (_o, state) => state.storage.deleteAll());
});

async function failure(p: Promise<unknown>): Promise<WecomApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WecomApiError) return e;
    throw e;
  }
  throw new Error('the call did not fail');
}

describe('access token', () => {
  it('is fetched once and shared by later calls', async ({ expect }) => {
    const api = createWecomApi(env);
    await api.accountList();
    await api.accountList();
    await createWecomApi(env).accountList();
    expect(await calls('/cgi-bin/gettoken')).toHaveLength(1);
    expect(await calls('/cgi-bin/kf/account/list')).toHaveLength(3);
  });

  it('is fetched by a single gettoken however many callers ask at once (single-flight)', async ({ expect }) => {
    await fault({ path: '/cgi-bin/gettoken', kind: 'delay', ms: 50 });
    const api = createWecomApi(env);
    await Promise.all(Array.from({ length: 12 }, () => api.accountList()));
    expect(await calls('/cgi-bin/gettoken')).toHaveLength(1);
  });

  for (const [what, invalid, errcode] of [
    ['expired (42001)', false, 42001],
    ['invalidated early (40014)', true, 40014],
  ] as const) {
    it(`${what}: dropped, fetched again once, and the call retried once`, async ({ expect }) => {
      const api = createWecomApi(env);
      await api.accountList();
      await sim.expireToken(invalid);
      const answer = await api.accountList({});
      expect(answer.account_list.map((a) => a.open_kfid)).toEqual([KF]);
      expect(await calls('/cgi-bin/gettoken')).toHaveLength(2);
      const list = await calls('/cgi-bin/kf/account/list');
      expect(list.map((c) => (c.answer as { errcode: number }).errcode)).toEqual([0, errcode, 0]);
    });
  }

  it('a multipart upload whose token is refused is sent again whole (a fresh form per attempt)', async ({ expect }) => {
    const api = createWecomApi(env);
    await api.accountList();
    await sim.expireToken(true);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const answer = await api.uploadImage({ bytes: png, filename: 'avatar.png', contentType: 'image/png' });
    expect(answer.media_id).toBeTruthy();
    const uploads = await calls('/cgi-bin/media/upload');
    expect(uploads.map((c) => [(c.answer as { errcode: number }).errcode, c.body])).toEqual([
      [40014, { media: { filename: 'avatar.png', content_type: 'image/png', size: png.length } }],
      [0, { media: { filename: 'avatar.png', content_type: 'image/png', size: png.length } }],
    ]);
  });

  it('a refusal of many concurrent calls costs one gettoken, not one per caller', async ({ expect }) => {
    const api = createWecomApi(env);
    await api.accountList();
    await sim.expireToken();
    await Promise.all(Array.from({ length: 8 }, () => api.accountList()));
    expect(await calls('/cgi-bin/gettoken')).toHaveLength(2);
  });

  it('is renewed before it expires, and a failed renewal keeps serving the still-valid token', async ({ expect }) => {
    const api = createWecomApi(env);
    await api.accountList();
    // Stand at 95% of the token's life: past the 90% renewal point, before expiry (and past the
    // isolate's one-minute copy of the token, so the call asks the cache object again).
    const due = async () => {
      forgetAccessTokens();
      await runInDurableObject(cacheStub(), async (_o, state) => {
        const t = await state.storage.get<{ token: string; refreshAt: number; expiresAt: number }>('token');
        await state.storage.put('token', { ...t!, refreshAt: Date.now() - 1 });
      });
    };
    await due();
    await fault({ path: '/cgi-bin/gettoken', kind: 'http', status: 502 });
    await api.accountList();
    await due();
    await api.accountList();
    const gettokens = await calls('/cgi-bin/gettoken');
    expect(gettokens.map((c) => c.status)).toEqual([200, 502, 200]);
    expect((await calls('/cgi-bin/kf/account/list')).every((c) => (c.answer as { errcode: number }).errcode === 0)).toBe(true);
  });

  it('a refused secret (40001 at gettoken) is definitive, and neither secret nor token shows in the error', async ({ expect }) => {
    await fault({ path: '/cgi-bin/gettoken', kind: 'errcode', errcode: 40001, errmsg: 'invalid credential' });
    const e = await failure(createWecomApi(env).accountList());
    expect({ errcode: e.errcode, path: e.path, transient: e.transient }).toEqual({ errcode: 40001, path: '/cgi-bin/gettoken', transient: false });
    expect(e.message).not.toContain(env.WECOM_KF_SECRET);
    expect(e.message).not.toMatch(/access_token=|corpsecret=/);
  });
});

describe('errors', () => {
  it('WeCom busy (-1) and rate limits are transient', async ({ expect }) => {
    await fault({ path: 'kf/account/list', kind: 'errcode', errcode: -1, errmsg: 'system busy' });
    await fault({ path: 'kf/account/list', kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit' });
    const api = createWecomApi(env);
    for (const errcode of [-1, 45009]) {
      const e = await failure(api.accountList());
      expect({ errcode: e.errcode, kind: e.kind, transient: e.transient, path: e.path }).toEqual({ errcode, kind: 'errcode', transient: true, path: '/cgi-bin/kf/account/list' });
    }
  });

  it('HTTP 5xx is transient, and the errmsg says what happened', async ({ expect }) => {
    await fault({ path: 'kf/account/list', kind: 'http', status: 503 });
    const e = await failure(createWecomApi(env).accountList());
    expect({ kind: e.kind, status: e.status, transient: e.transient }).toEqual({ kind: 'http', status: 503, transient: true });
    expect(e.errmsg).toContain('503');
  });

  it('a call without an answer times out as a transient error', async ({ expect }) => {
    await fault({ path: 'kf/account/list', kind: 'hang', ms: 5_000 });
    const e = await failure(createWecomApi(env, { timeoutMs: 100 }).accountList());
    await sim.release();
    expect({ kind: e.kind, transient: e.transient }).toEqual({ kind: 'timeout', transient: true });
  });

  it('95018 (session not in state 0/1) is a definitive refusal', async ({ expect }) => {
    await sim.say({ open_kfid: KF, external_userid: USER, text: '你好' });
    const api = createWecomApi(env);
    await api.serviceStateTrans({ open_kfid: KF, external_userid: USER, service_state: 2 });
    const e = await failure(api.sendMsg({ touser: USER, open_kfid: KF, msgtype: 'text', text: { content: '在吗' } }));
    expect({ errcode: e.errcode, transient: e.transient }).toEqual({ errcode: 95018, transient: false });
  });

  it('a reply whose answer was lost is recognised as delivered when retried with its msgid', async ({ expect }) => {
    await sim.say({ open_kfid: KF, external_userid: USER, text: '你好' });
    const api = createWecomApi(env, { timeoutMs: 100 });
    const send = { touser: USER, open_kfid: KF, msgid: 'reply-lost-answer-1', msgtype: 'text' as const, text: { content: '您好' } };
    // Processed by WeCom, then the answer never comes back.
    await fault({ path: 'kf/send_msg', kind: 'hang', phase: 'after', ms: 5_000 });
    const lost = await failure(api.sendMsg(send));
    await sim.release();
    expect(lost.transient).toBe(true);
    const again = await failure(api.sendMsg(send));
    expect(judgeFailure(again, { attempts: 2, expiresAt: null, policy: REPLY_BACKOFF }, Date.now())).toEqual({ type: 'delivered' });
    const sent = await sim.sent({ external_userid: USER });
    expect(sent).toHaveLength(1);
  });
});

describe('answers', () => {
  it('sync_msg items that do not parse are set aside one by one, not the page', ({ expect }) => {
    const good = { msgid: 'm1', open_kfid: KF, external_userid: USER, send_time: 1, origin: 3, msgtype: 'text', text: { content: 'hi' } };
    const future = { msgid: 'm2', open_kfid: KF, external_userid: USER, send_time: 2, origin: 3, msgtype: 'channels_shop_order', channels_shop_order: { order_id: 'x' } };
    const broken = { open_kfid: KF, send_time: 3, origin: 3, msgtype: 'text' };
    const { items, rejected } = parseSyncMsgItems([good, future, broken]);
    expect(items.map((i) => i.msgid)).toEqual(['m1', 'm2']);
    expect(items[1]).toMatchObject({ channels_shop_order: { order_id: 'x' } });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatch(/msgid/);
  });

  it('an unexpected answer shape with errcode 0 is a definitive invalid_response', async ({ expect }) => {
    // servicer/list of an account answers servicer_list; add_contact_way must answer a url.
    await fault({ path: 'kf/add_contact_way', kind: 'errcode', errcode: 0, errmsg: 'ok' });
    const e = await failure(createWecomApi(env).addContactWay({ open_kfid: KF }));
    expect({ kind: e.kind, transient: e.transient }).toEqual({ kind: 'invalid_response', transient: false });
  });
});

describe('the isolate’s copy of the access token', () => {
  it('spares the cache object a round trip per call, and a refused copy is replaced through the object', async ({ expect }) => {
    const api = createWecomApi(env);
    await api.accountList();
    await api.accountList();
    expect(await calls('/cgi-bin/gettoken')).toHaveLength(1);
    // WeCom invalidates the token early: the copy is refused once, renewed through the object, and the call succeeds.
    await sim.expireToken(true);
    await api.accountList();
    expect((await calls('/cgi-bin/gettoken')).map((c) => c.status)).toEqual([200, 200]);
    const lists = await calls('/cgi-bin/kf/account/list');
    expect(lists.map((c) => (c.answer as { errcode: number }).errcode)).toEqual([0, 0, 40014, 0]);
  });
});
