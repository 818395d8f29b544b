import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSimulator, type Action, type EnterAction, type SentMessage, type SimCallback, type Simulator, type SyncItem } from '../../src/simulator';
import { request as httpRequest } from 'node:http';
import { CONTROL_TOKEN_HEADER, serveSimulator } from '../../src/simulator/http';
import { createWecomCrypto } from '../../src/wecom/crypto';

// The simulator's own rules, driven through handle() in Node, as the Worker would meet them.

const KF = 'wkSimTest0001';
const KF2 = 'wkSimTest0002';
const ID = { corpId: 'wwunitcorp0001', token: 'unittoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'unit-secret' };
const BASE = 'http://wecom.test';

type Json = Record<string, any>;

function setup(options: Parameters<typeof createSimulator>[0] = {}) {
  let t = Date.UTC(2026, 0, 5, 2, 0, 0);
  const sim = createSimulator({ identity: ID, accounts: [{ open_kfid: KF }, { open_kfid: KF2 }], servicers: [{ userid: 'zhangsan' }, { userid: 'lisi', on_duty: false }], now: () => t, ...options });
  let accessToken = '';
  const raw = (method: string, path: string, body?: unknown) =>
    sim.handle(new Request(`${BASE}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }));
  const ctl = async <T = Json>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> => {
    const r = await raw(method, `/_sim/${path}`, body);
    const j = (await r.json()) as T;
    if (r.status !== 200) throw Object.assign(new Error(`${path}: ${r.status} ${JSON.stringify(j)}`), { status: r.status });
    return j;
  };
  const token = async () => {
    const r = (await (await raw('GET', `/cgi-bin/gettoken?corpid=${ID.corpId}&corpsecret=${ID.kfSecret}`)).json()) as Json;
    accessToken = r.access_token;
    return r;
  };
  const call = async (path: string, body?: unknown): Promise<Json> => (await raw('POST', `/cgi-bin/kf/${path}?access_token=${accessToken}`, body)).json() as Promise<Json>;
  /** Like a real client: fetches a token first and once more after 40014/42001. */
  const api = async (path: string, body?: unknown): Promise<Json> => {
    if (!accessToken) await token();
    const r = await call(path, body);
    if (r.errcode !== 40014 && r.errcode !== 42001) return r;
    await token();
    return call(path, body);
  };
  return {
    sim,
    raw,
    ctl,
    api,
    /** One call with the token as it is (no refresh). */
    call,
    token,
    setToken: (v: string) => (accessToken = v),
    /** Moves the base clock (real time passing), as opposed to /_sim/clock/advance. */
    tick: (ms: number) => (t += ms),
    say: (user: string, text: string, kf = KF) => ctl<Action>('customer/say', { open_kfid: KF === kf ? KF : kf, external_userid: user, text }),
    enter: (user: string, extra: Json = {}) => ctl<EnterAction>('customer/enter', { open_kfid: KF, external_userid: user, ...extra }),
    send: (user: string, text: string, extra: Json = {}) => api('send_msg', { touser: user, open_kfid: KF, msgtype: 'text', text: { content: text }, ...extra }),
    sent: async (user?: string) => (await ctl<{ items: SentMessage[] }>(`sent${user ? `?external_userid=${user}` : ''}`)).items,
    advance: (seconds: number) => ctl('clock/advance', { seconds }),
    trans: (user: string, service_state: number, servicer_userid?: string) =>
      api('service_state/trans', { open_kfid: KF, external_userid: user, service_state, ...(servicer_userid ? { servicer_userid } : {}) }),
    state: async (user: string) => (await api('service_state/get', { open_kfid: KF, external_userid: user })).service_state as number,
  };
}

/** Reads a kf account's whole log through sync_msg; answers the items and the pages' shapes. */
async function syncAll(s: ReturnType<typeof setup>, body: Json = {}) {
  const pages: { n: number; has_more: number }[] = [];
  const items: SyncItem[] = [];
  let cursor = body.cursor ?? '';
  for (let i = 0; i < 20; i++) {
    const r = await s.api('sync_msg', { open_kfid: KF, ...body, cursor });
    expect(r.errcode).toBe(0);
    pages.push({ n: r.msg_list.length, has_more: r.has_more });
    items.push(...r.msg_list);
    cursor = r.next_cursor;
    if (!r.has_more) return { items, pages, cursor };
  }
  throw new Error('sync_msg never ended');
}

describe('access token', () => {
  it('checks corpid and secret, lasts 7200 s on the simulator clock, and can be forced to expire', async () => {
    const s = setup();
    const bad = async (q: string) => (await (await s.raw('GET', `/cgi-bin/gettoken?${q}`)).json()) as Json;
    expect((await bad(`corpid=wwother&corpsecret=${ID.kfSecret}`)).errcode).toBe(40013);
    expect((await bad(`corpid=${ID.corpId}&corpsecret=nope`)).errcode).toBe(40001);
    const first = await s.token();
    expect(first).toMatchObject({ errcode: 0, expires_in: 7200 });
    expect((await s.call('account/list', {})).errcode).toBe(0);

    await s.advance(3600);
    const again = await s.token();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBe(3600);

    await s.advance(3600);
    expect((await s.call('account/list', {})).errcode).toBe(42001);
    const fresh = await s.token();
    expect(fresh.access_token).not.toBe(first.access_token);

    await s.ctl('token/expire', {});
    expect((await s.call('account/list', {})).errcode).toBe(42001);
    await s.token();
    await s.ctl('token/expire', { invalid: true });
    expect((await s.call('account/list', {})).errcode).toBe(40014);

    s.setToken('');
    expect(await (await s.raw('POST', '/cgi-bin/kf/account/list', {})).json()).toMatchObject({ errcode: 41001 });
    s.setToken('made-up');
    expect((await s.call('account/list', {})).errcode).toBe(40014);
  });
});

describe('kf/sync_msg', () => {
  it('serves 2,500 messages in pages of at most 1000 with has_more, in order, each once', async () => {
    const s = setup();
    const texts = Array.from({ length: 2500 }, (_, i) => `m${i}`);
    await s.ctl('customer/say', { open_kfid: KF, external_userid: 'wmBurst', texts });
    const { items, pages, cursor } = await syncAll(s);
    expect(pages).toEqual([
      { n: 1000, has_more: 1 },
      { n: 1000, has_more: 1 },
      { n: 500, has_more: 0 },
    ]);
    expect(items.map((i) => (i.msgtype === 'text' ? i.text.content : ''))).toEqual(texts);
    expect(new Set(items.map((i) => i.msgid)).size).toBe(2500);
    expect(items.every((i) => i.origin === 3 && i.open_kfid === KF && i.external_userid === 'wmBurst')).toBe(true);

    const idle = await s.api('sync_msg', { open_kfid: KF, cursor });
    expect(idle).toMatchObject({ errcode: 0, has_more: 0, msg_list: [] });
    await s.say('wmBurst', 'one more');
    const next = await s.api('sync_msg', { open_kfid: KF, cursor: idle.next_cursor, limit: 10 });
    expect(next.msg_list.map((i: Json) => i.text.content)).toEqual(['one more']);
  });

  it('honours limit, refuses limits over 1000, foreign and malformed cursors', async () => {
    const s = setup();
    await s.ctl('customer/say', { open_kfid: KF, external_userid: 'wmA', texts: ['a', 'b', 'c'] });
    await s.say('wmB', 'other account', KF2);
    const page = await s.api('sync_msg', { open_kfid: KF, limit: 2 });
    expect(page).toMatchObject({ errcode: 0, has_more: 1 });
    expect(page.msg_list).toHaveLength(2);
    expect(page.next_cursor.length).toBeLessThanOrEqual(64);
    expect((await s.api('sync_msg', { open_kfid: KF, limit: 1001 })).errcode).toBe(40058);
    expect((await s.api('sync_msg', { open_kfid: KF2, cursor: page.next_cursor })).errcode).toBe(40058);
    expect((await s.api('sync_msg', { open_kfid: KF, cursor: 'not-a-cursor' })).errcode).toBe(40058);
    expect((await s.api('sync_msg', { open_kfid: 'wkUnknown' })).errcode).toBe(95004);
    // Without open_kfid every account's messages come, in the order they were written.
    const all = await s.api('sync_msg', {});
    expect(all.msg_list.map((i: Json) => i.open_kfid)).toEqual([KF, KF, KF, KF2]);
  });

  it('serves only the last 3 days', async () => {
    const s = setup();
    await s.say('wmOld', 'old');
    await s.advance(2 * 86400);
    await s.say('wmOld', 'recent');
    expect((await syncAll(s)).items.map((i) => (i.msgtype === 'text' ? i.text.content : ''))).toEqual(['old', 'recent']);
    await s.advance(86400 + 1);
    expect((await syncAll(s)).items.map((i) => (i.msgtype === 'text' ? i.text.content : ''))).toEqual(['recent']);
  });

  it('accepts the callback Token for 10 minutes and only for its own account', async () => {
    const s = setup();
    const { callback } = await s.say('wmTok', 'hi');
    expect((await s.api('sync_msg', { open_kfid: KF, token: callback.token })).errcode).toBe(0);
    expect((await s.api('sync_msg', { open_kfid: KF2, token: callback.token })).errcode).toBe(95007);
    expect((await s.api('sync_msg', { open_kfid: KF, token: 'ENCwrong' })).errcode).toBe(95007);
    await s.advance(601);
    expect((await s.api('sync_msg', { open_kfid: KF, token: callback.token })).errcode).toBe(95007);
    expect((await s.api('sync_msg', { open_kfid: KF })).errcode).toBe(0);
  });

  it('answers 45033 beyond the concurrency limit and reports the concurrency it saw', async () => {
    const s = setup({ syncConcurrencyLimit: 2 });
    await s.token();
    await s.ctl('faults', { path: 'kf/sync_msg', kind: 'delay', ms: 50, count: 3 });
    const answers = await Promise.all([1, 2, 3].map(() => s.api('sync_msg', { open_kfid: KF })));
    expect(answers.map((a) => a.errcode).sort()).toEqual([0, 0, 45033]);
    const calls = await s.ctl('calls?path=kf/sync_msg');
    expect(calls.max_concurrent['/cgi-bin/kf/sync_msg']).toBe(3);
  });
});

describe('kf/send_msg', () => {
  it('sends only in states 0/1: 95018 before the first message, while queued, with a human and after the end', async () => {
    const s = setup();
    await s.enter('wmState');
    expect((await s.send('wmState', 'too early')).errcode).toBe(95018);
    await s.say('wmState', '你好');
    expect((await s.send('wmState', 'in state 0')).errcode).toBe(0);
    expect((await s.trans('wmState', 1)).errcode).toBe(0);
    expect((await s.send('wmState', 'in state 1')).errcode).toBe(0);
    expect((await s.trans('wmState', 2)).errcode).toBe(0);
    expect(await s.send('wmState', 'queued')).toMatchObject({ errcode: 95018, errmsg: expect.stringContaining('session status invalid') });
    expect((await s.trans('wmState', 3, 'zhangsan')).errcode).toBe(0);
    expect((await s.send('wmState', 'human')).errcode).toBe(95018);
    expect((await s.trans('wmState', 4)).errcode).toBe(0);
    expect((await s.send('wmState', 'ended')).errcode).toBe(95018);
    expect((await s.sent('wmState')).map((m) => m.content)).toEqual(['in state 0', 'in state 1']);
  });

  it('allows 5 messages per customer message, within 48 hours of it', async () => {
    const s = setup();
    await s.say('wmQuota', '在吗');
    for (let i = 1; i <= 5; i++) expect((await s.send('wmQuota', `r${i}`)).errcode).toBe(0);
    expect((await s.send('wmQuota', 'r6')).errcode).toBe(95002);
    await s.say('wmQuota', '还有问题');
    expect((await s.send('wmQuota', 'after the new message')).errcode).toBe(0);
    expect((await s.sent('wmQuota')).map((m) => m.slot)).toEqual([1, 2, 3, 4, 5, 1].map((n) => ({ via: 'send_msg', n })));
    await s.advance(48 * 3600);
    expect((await s.send('wmQuota', 'two days later')).errcode).toBe(95001);
  });

  it('never delivers a msgid twice and validates msgid, text and msgmenu', async () => {
    const s = setup();
    await s.say('wmVal', 'hi');
    expect(await s.send('wmVal', 'once', { msgid: 'reply-1_a' })).toMatchObject({ errcode: 0, msgid: 'reply-1_a' });
    expect((await s.send('wmVal', 'once', { msgid: 'reply-1_a' })).errcode).toBe(95003);
    expect((await s.sent('wmVal')).filter((m) => m.msgid === 'reply-1_a')).toHaveLength(1);
    expect((await s.send('wmVal', 'x', { msgid: 'a'.repeat(33) })).errcode).toBe(40058);
    expect((await s.send('wmVal', 'x', { msgid: 'has space' })).errcode).toBe(40058);
    expect((await s.send('wmVal', '')).errcode).toBe(44004);
    expect((await s.send('wmVal', '价'.repeat(683))).errcode).toBe(45002); // 2049 bytes
    expect((await s.send('wmVal', '价'.repeat(682))).errcode).toBe(0); // 2046 bytes
    const menu = (list: unknown[]) => s.api('send_msg', { touser: 'wmVal', open_kfid: KF, msgtype: 'msgmenu', msgmenu: { head_content: '请选择', list } });
    const click = (id: string, content = '选项') => ({ type: 'click', click: { id, content } });
    expect((await menu(Array.from({ length: 11 }, (_, i) => click(`${i}`)))).errcode).toBe(40058);
    expect((await menu([click('x'.repeat(65))])).errcode).toBe(45002);
    expect((await menu([click('1', '长'.repeat(43))])).errcode).toBe(45002);
    expect((await menu([{ type: 'bogus' }])).errcode).toBe(40058);
    expect((await s.api('send_msg', { touser: 'wmNobody', open_kfid: KF, msgtype: 'text', text: { content: 'x' } })).errcode).toBe(40096);
    expect((await s.api('send_msg', 'not json')).errcode).toBe(47001);
  });
});

describe('kf/send_msg_on_event', () => {
  const welcome = (s: ReturnType<typeof setup>, code: string | undefined, msgtype = 'text') =>
    s.api('send_msg_on_event', { code, msgtype, ...(msgtype === 'text' ? { text: { content: '欢迎光临' } } : { msgmenu: { list: [{ type: 'click', click: { id: '1', content: '转人工' } }] } }) });

  it('gives a welcome_code that works once within 20 s, and none again within 48 h', async () => {
    const s = setup();
    const { welcome_code } = await s.enter('wmWelcome', { scene: 'BJ001', scene_param: 'store=BJ001' });
    expect(welcome_code).toBeTruthy();
    expect((await welcome(s, welcome_code, 'msgmenu')).errcode).toBe(0);
    expect((await welcome(s, welcome_code)).errcode).toBe(95008);
    expect((await s.sent('wmWelcome'))[0]).toMatchObject({ msgtype: 'msgmenu', slot: { via: 'send_msg_on_event', code: 'welcome' }, menu: [{ id: '1', content: '转人工' }] });
    expect((await s.enter('wmWelcome')).welcome_code).toBeUndefined();
    await s.advance(48 * 3600);
    expect((await s.enter('wmWelcome')).welcome_code).toBeTruthy();
  });

  it('expires the welcome_code after 20 s and gives none to a customer who wrote in the last 48 h', async () => {
    const s = setup();
    const late = await s.enter('wmLate');
    await s.advance(21);
    expect((await welcome(s, late.welcome_code)).errcode).toBe(95008);
    await s.say('wmTalked', 'hello');
    expect((await s.enter('wmTalked')).welcome_code).toBeUndefined();
  });

  it('uses queue and end codes only in the state that produced them, with their msgtypes', async () => {
    const s = setup();
    await s.say('wmCodes', 'hi');
    const queued = await s.trans('wmCodes', 2);
    expect(queued.msg_code).toBeTruthy();
    expect((await welcome(s, queued.msg_code, 'msgmenu')).errcode).toBe(40058);
    const taken = await s.trans('wmCodes', 3, 'zhangsan');
    expect(taken.msg_code).toBeTruthy();
    expect((await welcome(s, queued.msg_code)).errcode).toBe(95018);
    expect((await welcome(s, taken.msg_code)).errcode).toBe(0);
    const ended = await s.trans('wmCodes', 4);
    expect((await welcome(s, ended.msg_code, 'msgmenu')).errcode).toBe(0);
    const ended2 = await s.say('wmCodes', 'again');
    expect(ended2.items).toHaveLength(1);
    expect(await s.state('wmCodes')).toBe(0);
    expect((await s.sent('wmCodes')).map((m) => m.slot)).toEqual([
      { via: 'send_msg_on_event', code: 'taken' },
      { via: 'send_msg_on_event', code: 'end' },
    ]);
  });

  it('expires the end code after 20 s', async () => {
    const s = setup();
    await s.say('wmEnd', 'hi');
    await s.trans('wmEnd', 3, 'zhangsan');
    const { msg_code } = await s.trans('wmEnd', 4);
    await s.advance(20);
    expect((await welcome(s, msg_code)).errcode).toBe(95008);
  });
});

describe('service_state', () => {
  it('allows 0→1/2/3, 1→2/3, 2→3, 3→3/4 and nothing from 4; a customer message reopens as 0', async () => {
    const s = setup();
    await s.enter('wmT');
    expect(await s.state('wmT')).toBe(4);
    expect((await s.trans('wmT', 1)).errcode).toBe(95016);
    await s.say('wmT', 'hi');
    expect(await s.state('wmT')).toBe(0);
    expect((await s.trans('wmT', 1)).errcode).toBe(0);
    expect((await s.trans('wmT', 0)).errcode).toBe(95016);
    expect((await s.trans('wmT', 4)).errcode).toBe(95016);
    expect((await s.trans('wmT', 3, 'lisi')).errcode).toBe(95014);
    expect((await s.trans('wmT', 3, 'nobody')).errcode).toBe(95014);
    expect((await s.trans('wmT', 3)).errcode).toBe(40058);
    const first = await s.trans('wmT', 3, 'zhangsan');
    expect(first).toMatchObject({ errcode: 0, msg_code: expect.any(String) });
    expect(await s.api('service_state/get', { open_kfid: KF, external_userid: 'wmT' })).toMatchObject({ service_state: 3, servicer_userid: 'zhangsan' });
    expect((await s.trans('wmT', 3, 'zhangsan')).errcode).toBe(95016);
    await s.ctl('servicer/status', { servicer_userid: 'lisi', status: 1 });
    const transfer = await s.trans('wmT', 3, 'lisi');
    expect(transfer).toMatchObject({ errcode: 0 });
    expect(transfer.msg_code).toBeUndefined();
    expect((await s.trans('wmT', 2)).errcode).toBe(95016);
    expect((await s.trans('wmT', 4)).msg_code).toBeTruthy();
    expect((await s.trans('wmT', 0)).errcode).toBe(95016);
    await s.say('wmT', 'back');
    expect(await s.state('wmT')).toBe(0);
  });

  it('ends a session 48 hours after the customer last wrote', async () => {
    const s = setup();
    await s.say('wmIdle', 'hi');
    await s.trans('wmIdle', 3, 'zhangsan');
    await s.advance(48 * 3600);
    expect(await s.state('wmIdle')).toBe(4);
  });
});

describe('actors', () => {
  it('servicer take, reply and end write session_status_change events with msg_codes', async () => {
    const s = setup();
    await s.say('wmHuman', '人工');
    await s.trans('wmHuman', 2);
    const take = await s.ctl<Action>('servicer/take', { open_kfid: KF, external_userid: 'wmHuman', servicer_userid: 'zhangsan' });
    expect(take.items[0]).toMatchObject({ origin: 4, msgtype: 'event', event: { event_type: 'session_status_change', change_type: 1, new_servicer_userid: 'zhangsan', msg_code: expect.any(String) } });
    const reply = await s.ctl<Action>('servicer/reply', { open_kfid: KF, external_userid: 'wmHuman', text: '您好，我是张三' });
    expect(reply.items).toMatchObject([{ origin: 5, servicer_userid: 'zhangsan', msgtype: 'text', text: { content: '您好，我是张三' } }]);
    const end = await s.ctl<Action>('servicer/end', { open_kfid: KF, external_userid: 'wmHuman' });
    expect(end.items[0]).toMatchObject({ event: { change_type: 3, old_servicer_userid: 'zhangsan', msg_code: expect.any(String) } });
    expect(await s.state('wmHuman')).toBe(4);
    const reenter = await s.ctl<Action>('servicer/reply', { open_kfid: KF, external_userid: 'wmHuman', text: '还在吗', servicer_userid: 'zhangsan' });
    expect(reenter.items.map((i) => (i.msgtype === 'event' ? i.event : i.origin))).toMatchObject([{ event_type: 'session_status_change', change_type: 4 }, 5]);
    expect(await s.state('wmHuman')).toBe(3);
    await expect(s.ctl('servicer/take', { open_kfid: KF, external_userid: 'wmHuman', servicer_userid: 'lisi' })).rejects.toMatchObject({ status: 409 });
  });

  it('servicer status changes write events and show in servicer/list', async () => {
    const s = setup();
    const off = await s.ctl<Action>('servicer/status', { servicer_userid: 'zhangsan', status: 2 });
    expect(off.items.map((i) => i.open_kfid).sort()).toEqual([KF, KF2]);
    expect(off.callbacks).toHaveLength(2);
    expect(off.items[0]).toMatchObject({ origin: 4, event: { event_type: 'servicer_status_change', servicer_userid: 'zhangsan', status: 2 } });
    await s.token();
    const list = (await (await s.raw('GET', `/cgi-bin/kf/servicer/list?open_kfid=${KF}&access_token=${(await s.token()).access_token}`)).json()) as Json;
    expect(list.servicer_list).toEqual([
      { userid: 'zhangsan', status: 1 },
      { userid: 'lisi', status: 1 },
    ]);
  });

  it('a menu click is text with menu_id and the content of the item last sent', async () => {
    const s = setup();
    await s.say('wmMenu', 'hi');
    await s.api('send_msg', {
      touser: 'wmMenu',
      open_kfid: KF,
      msgtype: 'msgmenu',
      msgmenu: { head_content: '您对本次服务满意吗', list: [{ type: 'click', click: { id: '101', content: '满意' } }, { type: 'click', click: { id: '102', content: '不满意' } }] },
    });
    const click = await s.ctl<Action>('customer/click', { open_kfid: KF, external_userid: 'wmMenu', menu_id: '102' });
    expect(click.items[0]).toMatchObject({ origin: 3, msgtype: 'text', text: { content: '不满意', menu_id: '102' } });
    await expect(s.ctl('customer/click', { open_kfid: KF, external_userid: 'wmMenu', menu_id: '999' })).rejects.toMatchObject({ status: 409 });
    await expect(s.ctl('customer/say', { open_kfid: KF, external_userid: 'wmMenu' })).rejects.toMatchObject({ status: 400 });
  });

  it('customer/batchget, account/list paging and add_contact_way', async () => {
    const s = setup();
    await s.enter('wmProfile', { scene: 'BJ001', scene_param: 'store_id=BJ001', nickname: '小王' });
    const got = await s.api('customer/batchget', { external_userid_list: ['wmProfile', 'wmNobody'], need_enter_session_context: 1 });
    expect(got).toMatchObject({
      errcode: 0,
      customer_list: [{ external_userid: 'wmProfile', nickname: '小王', enter_session_context: { scene: 'BJ001', scene_param: 'store_id=BJ001' } }],
      invalid_external_userid: ['wmNobody'],
    });
    expect((await s.api('account/list', { offset: 1, limit: 1 })).account_list).toMatchObject([{ open_kfid: KF2 }]);
    expect((await s.api('account/list', { limit: 101 })).errcode).toBe(40058);
    const link = await s.api('add_contact_way', { open_kfid: KF, scene: 'BJ001' });
    expect(link.url).toMatch(/^https:\/\/work\.weixin\.qq\.com\/kf\/kfc[0-9a-f]+\?enc_scene=/);
    expect((await s.api('add_contact_way', { open_kfid: KF, scene: 'bad scene!' })).errcode).toBe(40058);
  });
});

describe('faults', () => {
  it('answers 5xx and errcodes for the next N calls, then recovers', async () => {
    const s = setup();
    await s.say('wmF', 'hi');
    await s.ctl('faults', { path: 'kf/send_msg', kind: 'http', status: 502, count: 2 });
    await s.token();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.raw('POST', `/cgi-bin/kf/send_msg?access_token=${(await s.token()).access_token}`, { touser: 'wmF', open_kfid: KF, msgtype: 'text', text: { content: 'x' }, msgid: 'same' })).status);
    expect(statuses).toEqual([502, 502, 200]);
    await s.ctl('faults', { path: '/cgi-bin/kf/sync_msg', kind: 'errcode', errcode: -1 });
    expect((await s.api('sync_msg', { open_kfid: KF })).errcode).toBe(-1);
    expect((await s.api('sync_msg', { open_kfid: KF })).errcode).toBe(0);
    const calls = await s.ctl('calls?path=kf/send_msg');
    expect(calls.items.map((c: Json) => c.fault ?? null)).toEqual(['http', 'http', null]);
  });

  it('a call hung before processing changes nothing; hung after, it was delivered and only the answer is late', async () => {
    const s = setup();
    await s.say('wmHang', 'hi');
    await s.token();
    await s.ctl('faults', { path: 'kf/send_msg', kind: 'hang' });
    const lost = s.send('wmHang', 'lost', { msgid: 'm-lost' });
    await new Promise((r) => setTimeout(r, 10));
    expect(await s.ctl('faults/release', {})).toEqual({ released: 1 });
    await expect(lost).rejects.toThrow(); // 504 text, not JSON
    expect(await s.sent('wmHang')).toEqual([]);

    await s.ctl('faults', { path: 'kf/send_msg', kind: 'hang', phase: 'after' });
    const late = s.send('wmHang', 'late', { msgid: 'm-late' });
    await new Promise((r) => setTimeout(r, 10));
    expect((await s.sent('wmHang')).map((m) => m.msgid)).toEqual(['m-late']);
    await s.ctl('faults/release', {});
    expect((await late).errcode).toBe(0);
    expect((await s.send('wmHang', 'late', { msgid: 'm-late' })).errcode).toBe(95003);
  });

  it('a hang times out by itself, and a reset releases hung calls', async () => {
    const s = setup();
    await s.token();
    await s.ctl('faults', { path: 'kf/account/list', kind: 'hang', ms: 20 });
    expect((await s.raw('POST', `/cgi-bin/kf/account/list?access_token=${(await s.token()).access_token}`, {})).status).toBe(504);
    await s.ctl('faults', { path: 'kf/account/list', kind: 'hang' });
    const hung = s.raw('POST', `/cgi-bin/kf/account/list?access_token=x`, {});
    await new Promise((r) => setTimeout(r, 10));
    await s.ctl('reset', {});
    expect((await hung).status).toBe(504);
    expect(await s.ctl('faults')).toEqual({ faults: [] });
  });

  it('empty_page answers has_more 1 with nothing, then the messages', async () => {
    const s = setup();
    await s.say('wmEmpty', 'hi');
    await s.ctl('faults', { path: 'kf/sync_msg', kind: 'empty_page' });
    const empty = await s.api('sync_msg', { open_kfid: KF });
    expect(empty).toMatchObject({ errcode: 0, has_more: 1, msg_list: [] });
    const next = await s.api('sync_msg', { open_kfid: KF, cursor: empty.next_cursor });
    expect(next.msg_list).toHaveLength(1);
  });

  it('refuses malformed control requests with 400 and unknown routes with 404', async () => {
    const s = setup();
    await expect(s.ctl('faults', { path: 'kf/send_msg', kind: 'explode' })).rejects.toMatchObject({ status: 400 });
    await expect(s.ctl('clock/advance', { seconds: -5 })).rejects.toMatchObject({ status: 400 });
    await expect(s.ctl('nope', {})).rejects.toMatchObject({ status: 404 });
    await expect(s.ctl('servicer/end', { open_kfid: KF, external_userid: 'wmNever' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('callbacks', () => {
  it('are signed, encrypted for the corp id and carry a Token for sync_msg', async () => {
    const s = setup();
    const { callback } = await s.say('wmCb', 'hi');
    const url = new URL(callback.path_and_query, 'http://worker.test');
    expect(url.pathname).toBe('/wecom/callback');
    const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(callback.body)?.[1] ?? '';
    expect(callback.body).toContain(`<ToUserName><![CDATA[${ID.corpId}]]></ToUserName>`);
    const crypto = createWecomCrypto({ token: ID.token, encodingAesKey: ID.encodingAesKey, receiveId: ID.corpId });
    const q = url.searchParams;
    expect(crypto.verify(q.get('msg_signature') ?? '', q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypted)).toBe(true);
    expect(Math.abs(Number(q.get('timestamp')) - Date.now() / 1000)).toBeLessThan(5);
    const xml = crypto.decrypt(encrypted);
    expect(xml).toContain('<Event><![CDATA[kf_msg_or_event]]></Event>');
    expect(xml).toContain(`<Token><![CDATA[${callback.token}]]></Token>`);
    expect(xml).toContain(`<OpenKfId><![CDATA[${KF}]]></OpenKfId>`);
    expect((await s.api('sync_msg', { open_kfid: KF, token: callback.token })).msg_list).toHaveLength(1);
  });

  it('are POSTed to the callbackUrl in server mode, retried until 200 with the same query', async () => {
    const seen: { url: string; status: number }[] = [];
    const receiver = createServer((req, res) => {
      const status = seen.length < 2 ? 500 : 200;
      seen.push({ url: req.url ?? '', status });
      req.resume();
      res.writeHead(status).end(status === 200 ? 'success' : 'no');
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const s = setup({ delivery: { backoffMs: 5 } });
      await s.ctl('reset', { callbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wecom/callback` });
      const { callback } = await s.say('wmPost', 'hi');
      let deliveries: Json[] = [];
      for (let i = 0; i < 100 && deliveries.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        deliveries = (await s.ctl('deliveries')).items;
      }
      expect(deliveries).toMatchObject([{ token: callback.token, attempts: [500, 500, 200], delivered: true }]);
      expect(new Set(seen.map((x) => x.url))).toEqual(new Set([callback.path_and_query]));
    } finally {
      receiver.close();
    }
  });
});

describe('http adapter', () => {
  it('serves the same simulator over node:http', async () => {
    const sim: Simulator = createSimulator({ identity: ID });
    const server = await serveSimulator(sim, 0);
    try {
      const r = await fetch(`${server.url}/cgi-bin/gettoken?corpid=${ID.corpId}&corpsecret=${ID.kfSecret}`);
      expect(await r.json()).toMatchObject({ errcode: 0, expires_in: 7200 });
      const body = JSON.stringify({ open_kfid: KF, external_userid: 'wmHttp', text: 'hi' });
      const say = await fetch(`${server.url}/_sim/customer/say`, { method: 'POST', headers: { [CONTROL_TOKEN_HEADER]: server.controlToken, 'content-type': 'application/json' }, body });
      expect(((await say.json()) as { callback: SimCallback }).callback.token).toMatch(/^ENC/);
    } finally {
      await server.close();
    }
  });

  it('answers only local Host names, and its control API only with this run\'s token and JSON bodies', async () => {
    const sim: Simulator = createSimulator({ identity: ID });
    const server = await serveSimulator(sim, 0);
    const port = new URL(server.url).port;
    // fetch cannot forge Host; node:http can, as a rebinding browser would send it.
    const send = (path: string, headers: Record<string, string>, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.once('error', reject);
        req.end(body);
      });
    const token = { [CONTROL_TOKEN_HEADER]: server.controlToken };
    const say = JSON.stringify({ open_kfid: KF, external_userid: 'wmHttp', text: 'hi' });
    try {
      expect(await send('/_sim/state', { ...token, host: `evil.example:${port}` })).toBe(421);
      expect(await send('/cgi-bin/gettoken', { host: `rebind.example:${port}` })).toBe(421);
      expect(await send('/_sim/state', { host: `localhost:${port}` })).toBe(401);
      expect(await send('/_sim/state', { host: `localhost:${port}`, [CONTROL_TOKEN_HEADER]: 'guess' })).toBe(401);
      expect(await send('/_sim/customer/say', { ...token, host: `127.0.0.1:${port}`, 'content-type': 'text/plain' }, say)).toBe(415);
      expect(await send('/_sim/state', { ...token, host: `localhost:${port}` })).toBe(200);
      // The refused post said nothing: the customer never wrote.
      const state = await sim.handle(new Request('http://sim/_sim/state'));
      expect(((await state.json()) as { sessions: unknown[] }).sessions).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
