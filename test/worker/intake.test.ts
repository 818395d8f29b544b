import { env, evictDurableObject, listDurableObjectIds, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import type { TimelineEvent } from '../../src/objects/conversation';
import { alarmAt, deliver, fireAlarm, resetSim, settle, sim } from './support';
import { api } from './support/admin';
import { freshSystem } from './support/fresh';
import { OWN_TENANT } from '../../src/wecom/corp';

/**
 * Exactly-once intake: WeCom's callbacks, retried or concurrent, lead
 * to every message being handed to its conversation once, in order, with the cursor saved only
 * after that, whatever the paging, the access token or the conversation does meanwhile.
 */

const KF = 'wkIntakeTest0001';
const inbox = (kf = KF) => env.INBOX.get(env.INBOX.idFromName(kf));
const conversation = (user: string, kf = KF) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${kf}:${user}`));
const ofType = (events: TimelineEvent[], type: string) => events.filter((e) => e.type === type);
const texts = async (user: string) => ofType((await conversation(user).view()).events, 'message_in').map((e) => e.text);
const syncCalls = async () => (await sim.calls({ path: 'kf/sync_msg' })).items;
/** A welcome is sent only when the stable config has one; the first stored version is stable. */
async function configureWelcome(): Promise<void> {
  const put = await api('PUT', '/config', { body: { welcome: { text: '您好，欢迎咨询。' } } });
  if (put.status !== 200) throw new Error(`storing the config answered ${put.status}: ${JSON.stringify(put.body)}`);
}
/** The message of an RPC call's refusal (handled here, so it is not reported as unhandled). */
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => 'no refusal',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );

beforeEach(async () => {
  // Objects from earlier tests would pull against the fresh simulator and blur the call log.
  await freshSystem();
  await resetSim();
});

describe('retried and concurrent callbacks', () => {
  it('a callback delivered 3 times gives one welcome and one processing', async ({ expect }) => {
    await configureWelcome();
    const action = await sim.enter({ open_kfid: KF, external_userid: 'wmThrice', scene: 'BJ001' });
    expect(action.welcome_code).toBeDefined();
    await deliver(action);
    await deliver(action);
    await deliver(action);
    await settle();

    const sent = await sim.sent({ external_userid: 'wmThrice' });
    expect(sent.map((m) => m.slot)).toEqual([{ via: 'send_msg_on_event', code: 'welcome' }]);
    const { events } = await conversation('wmThrice').view();
    expect(ofType(events, 'enter_session')).toHaveLength(1);
    expect(ofType(events, 'enter_session')[0]).toMatchObject({ scene: 'BJ001', welcome_code: true });
    expect(ofType(events, 'welcome')).toEqual([expect.objectContaining({ msgid: sent[0]!.msgid, text: sent[0]!.content })]);
  });

  it('the same callback delivered 3 times at once records the message once', async ({ expect }) => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmAtOnce', text: '在吗' });
    await Promise.all([deliver(action), deliver(action), deliver(action)]);
    await settle();
    expect(await texts('wmAtOnce')).toEqual(['在吗']);
    // The pulls used the callback's Token, as WeCom asks (https://developer.work.weixin.qq.com/document/path/94670).
    expect((await syncCalls())[0]?.body).toMatchObject({ token: action.callback.token, open_kfid: KF, limit: 1000 });
  });

  it('a callback retried after its messages were handled changes nothing', async ({ expect }) => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmLate', text: '你好' });
    await deliver(action);
    await settle();
    const before = await conversation('wmLate').view();
    await deliver(action);
    await settle();
    expect(await conversation('wmLate').view()).toEqual(before);
    // The retried pull started from the saved cursor: it was served nothing again.
    const pages = await syncCalls();
    expect(pages.at(-1)?.answer).toMatchObject({ errcode: 0, msg_list: [] });
    expect((pages.at(-1)?.body as { cursor?: string }).cursor).toBeTruthy();
  });

  it('two concurrent callbacks never pull in parallel; one arriving mid-pull causes exactly one more pass', async ({ expect }) => {
    const first = await sim.say({ open_kfid: KF, external_userid: 'wmOne', text: '一' });
    await deliver(first);
    // Slow pulls, so that everything below lands while the first pull is running.
    await sim.fault({ path: 'kf/sync_msg', kind: 'delay', ms: 300, count: 20 });
    const pulling = inbox().pullNow();
    const second = await sim.say({ open_kfid: KF, external_userid: 'wmTwo', text: '二' });
    const third = await sim.say({ open_kfid: KF, external_userid: 'wmThree', text: '三' });
    await Promise.all([deliver(second), deliver(third), inbox().pullNow()]);
    await pulling;

    const { items, max_concurrent } = await sim.calls({ path: 'kf/sync_msg' });
    expect(max_concurrent['/cgi-bin/kf/sync_msg']).toBe(1);
    expect(items).toHaveLength(2);
    await settle();
    expect((await sim.calls({ path: 'kf/sync_msg' })).max_concurrent['/cgi-bin/kf/sync_msg']).toBe(1);
    expect([await texts('wmOne'), await texts('wmTwo'), await texts('wmThree')]).toEqual([['一'], ['二'], ['三']]);
  });
});

describe('volume', () => {
  it('100 messages in a burst from one customer are each handled once and in order', async ({ expect }) => {
    const burst = Array.from({ length: 100 }, (_, i) => `第${i + 1}条`);
    const actions = [];
    for (const text of burst) actions.push(await sim.say({ open_kfid: KF, external_userid: 'wmBurst', text }));
    // Each message brought its own callback; WeCom delivers them in any order, at once.
    await Promise.all([...actions].reverse().map((a) => deliver(a)));
    await settle();

    const { events } = await conversation('wmBurst').view();
    const inbound = ofType(events, 'message_in');
    expect(inbound.map((e) => e.text)).toEqual(burst);
    expect(inbound.map((e) => e.msgid)).toEqual(actions.map((a) => a.items[0]!.msgid));
    // All 100 were waiting when the first pull ran: one turn decided them, one reply answered them.
    expect(ofType(events, 'fallback')).toHaveLength(1);
    expect(await sim.sent({ external_userid: 'wmBurst' })).toHaveLength(1);
    expect((await sim.calls({ path: 'kf/sync_msg' })).max_concurrent['/cgi-bin/kf/sync_msg']).toBe(1);
  });

  it('2,500 waiting messages of 5 customers are pulled across 3 pages and each handled once', async ({ expect }) => {
    const customers = ['wmPage1', 'wmPage2', 'wmPage3', 'wmPage4', 'wmPage5'];
    let last;
    for (let round = 0; round < 50; round++) {
      for (const c of customers) {
        last = await sim.say({ open_kfid: KF, external_userid: c, texts: Array.from({ length: 10 }, (_, i) => `${c}-${round * 10 + i}`) });
      }
    }
    // Only the newest callback arrives (WeCom may drop callbacks): one pull must fetch everything.
    await deliver(last!);
    await settle();

    const pages = (await syncCalls()).map((c) => (c.answer as { msg_list: unknown[]; has_more: number }));
    expect(pages.slice(0, 3).map((p) => [p.msg_list.length, p.has_more])).toEqual([
      [1000, 1],
      [1000, 1],
      [500, 0],
    ]);
    for (const c of customers) expect(await texts(c)).toEqual(Array.from({ length: 500 }, (_, i) => `${c}-${i}`));
    expect(await inbox().status()).toMatchObject({ seen: 2500, pending: false, lastError: null });
  });
});

describe('failures on the way', () => {
  it('an access token that expires mid-pull costs no message', async ({ expect }) => {
    await configureWelcome();
    // A token in use first, so that there is one to expire.
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmToken', text: 'start' }));
    await settle();
    await sim.say({ open_kfid: KF, external_userid: 'wmToken', texts: Array.from({ length: 1500 }, (_, i) => `t${i}`) });
    const action = await sim.enter({ open_kfid: KF, external_userid: 'wmTokenWelcome' });
    await deliver(action);
    await sim.fault({ path: 'kf/sync_msg', kind: 'delay', ms: 200 });
    const pulling = inbox().pullNow();
    // Expires while the first page is in flight: WeCom answers that page 42001.
    await sim.expireToken();
    await pulling;
    await settle();

    expect(await texts('wmToken')).toEqual(['start', ...Array.from({ length: 1500 }, (_, i) => `t${i}`)]);
    expect(await sim.sent({ external_userid: 'wmTokenWelcome' })).toHaveLength(1);
    const errcodes = (await syncCalls()).map((c) => (c.answer as { errcode: number }).errcode);
    expect(errcodes).toContain(42001);
    expect((await sim.calls({ path: 'gettoken' })).items).toHaveLength(2);
  });

  it('a callback Token older than 10 minutes: the pull goes on without it, nothing lost', async ({ expect }) => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmStaleToken', text: '还在吗' });
    await sim.advance(11 * 60);
    await deliver(action);
    await settle();
    expect(await texts('wmStaleToken')).toEqual(['还在吗']);
    const bodies = (await syncCalls()).map((c) => c.body as { token?: string });
    expect(bodies[0]?.token).toBe(action.callback.token);
    expect(bodies[1]?.token).toBeUndefined();
  });

  it('a failing sync_msg keeps the cursor and is retried with backoff', async ({ expect }) => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmRetryPull', text: '喂' });
    // Enough failures for every pull that may run before the check (the notify's alarm fires by itself too).
    await sim.fault({ path: 'kf/sync_msg', kind: 'http', status: 502, count: 3 });
    await deliver(action);
    const status = await inbox().pullNow();
    expect(status).toMatchObject({ pending: true, cursor: '', lastError: { kind: 'http', status: 502 } });
    expect(status.retryAt).toBeGreaterThan(Date.now());
    expect(await alarmAt(inbox())).toBe(status.retryAt);
    await sim.clearFaults();
    await fireAlarm(inbox());
    expect(await texts('wmRetryPull')).toEqual(['喂']);
    expect(await inbox().status()).toMatchObject({ pending: false, lastError: null, retryAt: null });
  });

  it('an empty page with has_more = 1 does not end the pull', async ({ expect }) => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmEmptyPage', text: '有人吗' });
    await sim.fault({ path: 'kf/sync_msg', kind: 'empty_page' });
    await deliver(action);
    await inbox().pullNow();
    expect(await texts('wmEmptyPage')).toEqual(['有人吗']);
  });

  it('the cursor is not saved when a conversation cannot take its messages, and the retry hands each on once', async ({ expect }) => {
    // A conversation that holds another customer refuses the items (a real guard of ingest()).
    const broken = conversation('wmBroken');
    await runInDurableObject(broken, (_c, state) => {
      state.storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('open_kfid', ?), ('external_userid', '\"wmSomeoneElse\"')", JSON.stringify(KF));
    });
    await sim.say({ open_kfid: KF, external_userid: 'wmHealthy', text: '正常' });
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmBroken', text: '坏了' });
    await deliver(action);

    const failed = await inbox().pullNow();
    expect(failed).toMatchObject({ pending: true, cursor: '', lastError: { message: expect.stringMatching(/did not take/) } });
    // Handed on before the failure, and not again after it.
    expect(await texts('wmHealthy')).toEqual(['正常']);

    await runInDurableObject(broken, (_c, state) => {
      state.storage.sql.exec("DELETE FROM meta WHERE key IN ('open_kfid', 'external_userid')");
    });
    // A conversation keeps what it read for its life (it is its storage's only writer): a repair
    // behind its back takes effect when it starts again, as after a deploy.
    await evictDurableObject(broken);
    await fireAlarm(inbox());
    // Every pull so far, the failed ones and the one after the repair, started from the same (empty) cursor.
    const cursors = (await syncCalls()).map((c) => (c.body as { cursor?: string }).cursor);
    expect(cursors).toHaveLength(2);
    expect(new Set(cursors)).toEqual(new Set([undefined]));
    await settle();
    const healed = await inbox().status();
    expect(healed).toMatchObject({ pending: false, lastError: null });
    expect(healed.cursor).not.toBe('');
    expect(await texts('wmBroken')).toEqual(['坏了']);
    expect(await texts('wmHealthy')).toEqual(['正常']);
  });
});

describe('what the inbox is given', () => {
  it('refuses a malformed notify with a clear error and stores nothing', async ({ expect }) => {
    const stub = inbox('wkNotifyBad');
    expect(await refusal(stub.notify({ tenant: OWN_TENANT, token: '', openKfId: 'wkNotifyBad', receivedAt: Date.now() }))).toMatch(/invalid notify: .*token/s);
    expect(await refusal(stub.notify({ tenant: OWN_TENANT, token: 'x'.repeat(129), openKfId: 'wkNotifyBad', receivedAt: Date.now() }))).toMatch(/invalid notify: .*token/s);
    expect(await refusal(stub.notify({ tenant: OWN_TENANT, token: 'ENCx', openKfId: 'wkNotifyBad' } as never))).toMatch(/invalid notify: .*receivedAt/s);
    expect(await stub.status()).toMatchObject({ openKfId: null, pending: false });
  });

  it('refuses a notify for another kf account than its own', async ({ expect }) => {
    const stub = inbox('wkNotifyOwn');
    await stub.notify({ tenant: OWN_TENANT, token: 'ENCa', openKfId: 'wkNotifyOwn', receivedAt: Date.now() });
    expect(await refusal(stub.notify({ tenant: OWN_TENANT, token: 'ENCb', openKfId: 'wkNotifyOther', receivedAt: Date.now() }))).toMatch(/wkNotifyOther/);
  });

  it('kf-wide events (a servicer going off duty) stay with the kf account, not a conversation', async ({ expect }) => {
    const conversations = async () => (await listDurableObjectIds(env.CONVERSATION)).map(String);
    const before = await conversations();
    const action = await sim.status({ servicer_userid: 'zhangsan', status: 2, open_kfid: KF });
    await deliver(action);
    await settle();
    expect((await env.RECEPTION.get(env.RECEPTION.idFromName(KF)).snapshot()).servicers).toEqual([{ servicer: 'zhangsan', onDuty: false, load: 0 }]);
    expect(await conversations()).toEqual(before);
  });
});

describe('what the inbox keeps', () => {
  it('items set aside as malformed are kept only as long as the platform could deliver them again', async ({ expect }) => {
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmKeep01', text: '你好' }));
    await settle();
    const old = Date.now() - 5 * 24 * 3600_000;
    await runInDurableObject(inbox(), (_i, state) => {
      state.storage.sql.exec('INSERT INTO rejected (raw, reason, at) VALUES (?, ?, ?)', '{"external_userid":"wmOld"}', 'test: old', old);
      state.storage.sql.exec('INSERT INTO rejected (raw, reason, at) VALUES (?, ?, ?)', '{"external_userid":"wmNew"}', 'test: new', Date.now());
    });
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmKeep01', text: '在吗' }));
    await settle();
    const kept = await runInDurableObject(inbox(), (_i, state) => state.storage.sql.exec<{ reason: string }>('SELECT reason FROM rejected').toArray().map((r) => r.reason));
    expect(kept).toEqual(['test: new']);
  });
});

describe('what a conversation is given', () => {
  const text = (msgid: string, content: string) => ({ msgid, open_kfid: KF, external_userid: 'wmDirect', send_time: 1_700_000_000, origin: 3, msgtype: 'text', text: { content } });

  it('stores each msgid once, even when the same items come again at the same time', async ({ expect }) => {
    const c = conversation('wmDirect');
    const results = await Promise.all([c.ingest([text('d1', '一')], OWN_TENANT), c.ingest([text('d1', '一')], OWN_TENANT), c.ingest([text('d1', '一'), text('d2', '二')], OWN_TENANT)]);
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(2);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(2);
    expect(await texts('wmDirect')).toEqual(['一', '二']);
  });

  it('records messages of every type, and event types it does not know yet, on the timeline', async ({ expect }) => {
    const c = conversation('wmDirect');
    const base = { open_kfid: KF, external_userid: 'wmDirect', send_time: 1_700_000_000 };
    await c.ingest([
      { ...base, msgid: 'k1', origin: 3, msgtype: 'image', image: { media_id: 'MEDIA' } },
      { ...base, msgid: 'k2', origin: 3, msgtype: 'link', link: { title: '订单详情', url: 'https://example.com' } },
      { ...base, msgid: 'k3', origin: 4, msgtype: 'event', event: { event_type: 'user_recall_msg', recall_msgid: 'k1' } },
    ], OWN_TENANT);
    const { events } = await c.view();
    expect(events.map((e) => [e.type, e.msgid, e.text ?? e.recall_msgid])).toEqual([
      ['message_in', 'k1', '[image]'],
      ['message_in', 'k2', '[link] 订单详情'],
      ['user_recall_msg', 'k3', 'k1'],
    ]);
  });

  it('refuses malformed items with a clear error and stores nothing', async ({ expect }) => {
    const c = conversation('wmDirect');
    expect(await refusal(c.ingest([], OWN_TENANT))).toMatch(/invalid ingest items/);
    const { external_userid: _u, ...withoutCustomer } = text('d3', '三');
    expect(await refusal(c.ingest([withoutCustomer as never], OWN_TENANT))).toMatch(/invalid ingest items: .*external_userid/s);
    expect(await refusal(c.ingest([text('d4', '四'), { ...text('d5', '五'), external_userid: 'wmOther' }], OWN_TENANT))).toMatch(/mixes conversations/);
    expect(await texts('wmDirect')).toEqual([]);
  });
});

describe('the conversation mirrors WeCom’s session', () => {
  it('from the events: customer → queued by us → taken by a servicer → ended → customer again', async ({ expect }) => {
    const user = 'wmMirror';
    // The pool move is ours: the handoff keyword, the notice, then the transfer behind it.
    await deliver(await sim.say({ open_kfid: KF, external_userid: user, text: '转人工' }));
    await settle();
    expect(await conversation(user).view()).toMatchObject({ state: 'queued', servicer: null });
    const moves = (await sim.calls()).items.filter((c) => c.path !== '/cgi-bin/gettoken' && c.path !== '/cgi-bin/kf/sync_msg');
    expect(moves.map((c) => [c.path, (c.answer as { errcode: number }).errcode])).toEqual([
      ['/cgi-bin/kf/send_msg', 0],
      ['/cgi-bin/kf/service_state/trans', 0],
    ]);
    expect(moves[1]!.body).toMatchObject({ external_userid: user, service_state: 2 });

    // WeCom reports the servicer's take and the end.
    await deliver(await sim.take({ open_kfid: KF, external_userid: user, servicer_userid: 'lisi' }));
    await settle();
    expect(await conversation(user).view()).toMatchObject({ state: 'human', servicer: 'lisi' });

    await deliver(await sim.reply({ open_kfid: KF, external_userid: user, text: '您好，我是客服李四' }));
    await deliver(await sim.end({ open_kfid: KF, external_userid: user }));
    await settle();
    expect(await conversation(user).view()).toMatchObject({ state: 'closed', servicer: null });

    await deliver(await sim.say({ open_kfid: KF, external_userid: user, text: '还有个问题' }));
    await settle();
    const view = await conversation(user).view();
    // A new session, which the bot answers (its fallback: nothing is configured).
    expect(view.state).toBe('bot');
    // What passed between the customer and WeCom, and the states it moved the mirror through
    // (the engine's own annotations, such as handoff or fallback, are left out here).
    const facts = new Set(['message_in', 'message_out', 'session_status_change', 'state']);
    expect(view.events.filter((e) => facts.has(e.type)).map((e) => (e.type === 'message_out' ? `message_out:${String(e.by)}` : e.type))).toEqual([
      'message_in',
      'message_out:bot',
      'state',
      'state',
      'session_status_change',
      'state',
      'message_out:servicer',
      'session_status_change',
      'state',
      'message_in',
      'state',
      'message_out:bot',
      'state',
    ]);
    expect(ofType(view.events, 'handoff')).toEqual([expect.objectContaining({ reason: 'keyword' })]);
    expect(ofType(view.events, 'message_out')[1]).toMatchObject({ by: 'servicer', servicer: 'lisi', text: '您好，我是客服李四' });
    expect(ofType(view.events, 'state').map((e) => [e.from, e.to, e.trigger])).toEqual([
      ['new', 'bot', 'bot_reply'],
      ['bot', 'queued', 'transfer'],
      ['queued', 'human', 'taken_from_pool'],
      ['human', 'closed', 'ended'],
      ['closed', 'new', 'customer_message'],
      ['new', 'bot', 'bot_reply'],
    ]);
    for (const e of view.events) expect(e.at).toEqual(expect.any(Number));
  });
});
