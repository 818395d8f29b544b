import { describe, expect, it } from 'vitest';
import { outboundMsgid } from '../../src/engine/outbox';
import { Meta, migrate } from '../../src/runtime/storage';
import { ConversationMemo } from '../../src/objects/conversation/memory';
import { Outbox, type DeliveryClient, type DeliveryListener, type OutboxItem } from '../../src/objects/conversation/outbox';
import { CONVERSATION_MIGRATIONS } from '../../src/objects/conversation/tables';
import { Timeline } from '../../src/objects/conversation/timeline';
import { STALE_STATE_ERRCODES, WecomApiError } from '../../src/wecom/errors';
import { sqliteStore } from './support/sqlite';

const T0 = 1_800_000_000_000;
const KEY = 'wkShop:wmAlice';
const text = (content: string) => ({ msgtype: 'text' as const, text: { content } });
const reply = (content: string, source: string, index = 0) => ({ kind: 'send_msg' as const, purpose: 'reply', message: text(content), source, index, meta: { config_version: 3, variant: 'stable' } });

/** WeCom as the outbox meets it: each call answers the next scripted outcome for its path (success when none is left). */
function wecom(script: Record<string, Array<WecomApiError | 'ok'>> = {}) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const answer = async (path: string, body: unknown) => {
    calls.push({ path, body });
    const next = script[path]?.shift();
    if (next instanceof WecomApiError) throw next;
    return {};
  };
  const client = {
    sendMsg: (body) => answer('send_msg', body),
    sendMsgOnEvent: (body) => answer('send_msg_on_event', body),
    serviceStateTrans: (body) => answer('service_state/trans', body),
  } as DeliveryClient;
  return { client, calls };
}

function outboxAt(now: { t: number }) {
  const store = sqliteStore();
  migrate(store, CONVERSATION_MIGRATIONS);
  const meta = new Meta(store.sql);
  const memo = new ConversationMemo(meta);
  memo.adopt('wkShop', 'wmAlice');
  const timeline = new Timeline(store.sql, meta);
  // No jitter: the first retry waits exactly half the base delay's ceiling.
  const outbox = new Outbox(store, timeline, { addressee: () => memo.identity(), maxAgeMs: () => memo.settings().max_delivery_age_ms, random: () => 0 });
  const sent: OutboxItem[] = [];
  const happened: string[] = [];
  const listener: DeliveryListener = {
    sent: (item) => void sent.push(item),
    staleState: async () => void happened.push('stale'),
    transferRefused: () => void happened.push('transfer refused'),
  };
  const clock = { due: () => now.t, now: () => now.t };
  return { outbox, timeline, memo, sent, happened, listener, clock };
}

const transient = (path: string) => new WecomApiError(-1, 'system busy', path, true, 'errcode');
const refused = (path: string, errcode = 95001) => new WecomApiError(errcode, 'refused', path, false, 'errcode');

describe('the outbox', () => {
  it('gives each item a deterministic msgid and queues it once', () => {
    const { outbox } = outboxAt({ t: T0 });
    const first = outbox.enqueue(reply('好的', 'm1'), T0);
    expect(first).toEqual({ msgid: outboundMsgid(KEY, 'm1', 0), queued: true });
    expect(outbox.enqueue(reply('好的', 'm1'), T0 + 5)).toEqual({ msgid: first.msgid, queued: false });
    expect(outbox.entries()).toEqual([expect.objectContaining({ msgid: first.msgid, status: 'pending', attempts: 0, due_at: T0, text: '好的' })]);
  });

  it('delivers in order, with the customer and kf account in the body, and tells the listener after recording message_out', async () => {
    const now = { t: T0 };
    const { outbox, timeline, sent, listener, clock } = outboxAt(now);
    outbox.enqueue(reply('第一句', 'm1', 0), T0);
    outbox.enqueue(reply('第二句', 'm1', 1), T0);
    const { client, calls } = wecom();
    await outbox.deliver(client, clock, listener);
    expect(calls.map((c) => c.body)).toEqual([
      { touser: 'wmAlice', open_kfid: 'wkShop', msgid: outboundMsgid(KEY, 'm1', 0), msgtype: 'text', text: { content: '第一句' } },
      { touser: 'wmAlice', open_kfid: 'wkShop', msgid: outboundMsgid(KEY, 'm1', 1), msgtype: 'text', text: { content: '第二句' } },
    ]);
    expect(sent.map((i) => i.text)).toEqual(['第一句', '第二句']);
    expect(timeline.all()).toEqual([
      expect.objectContaining({ type: 'message_out', text: '第一句', by: 'bot', config_version: 3, variant: 'stable' }),
      expect.objectContaining({ type: 'message_out', text: '第二句' }),
    ]);
    expect(outbox.entries().map((e) => e.status)).toEqual(['sent', 'sent']);
    expect(outbox.nextDueAt()).toBeNull();
  });

  it('retries a transient failure with backoff, holding back the replies behind it, but not a welcome on its own code', async () => {
    const now = { t: T0 };
    const { outbox, timeline, listener, clock } = outboxAt(now);
    outbox.enqueue(reply('第一句', 'm1', 0), T0);
    outbox.enqueue(reply('第二句', 'm1', 1), T0);
    outbox.enqueue({ kind: 'send_msg_on_event', purpose: 'welcome', code: 'CODE', message: text('欢迎'), source: 'welcome:e1', deadline: T0 + 20_000, meta: {} }, T0);
    const { client, calls } = wecom({ send_msg: [transient('send_msg')] });
    await outbox.deliver(client, clock, listener);
    expect(calls.map((c) => c.path)).toEqual(['send_msg', 'send_msg_on_event']);
    const [first] = outbox.entries();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, due_at: T0 + 1_000, last_errmsg: 'system busy' });
    expect(timeline.all().map((e) => e.type)).toEqual(['delivery_retry', 'welcome']);
    expect(outbox.nextDueAt()).toBe(T0 + 1_000);

    now.t = T0 + 1_000;
    await outbox.deliver(client, clock, listener);
    expect(calls.map((c) => c.path)).toEqual(['send_msg', 'send_msg_on_event', 'send_msg', 'send_msg']);
    expect(outbox.entries().map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('gives up on a definitive refusal at once, and asks the conversation to resync when WeCom says the state is wrong', async () => {
    const { outbox, timeline, happened, listener, clock } = outboxAt({ t: T0 });
    const stale = [...STALE_STATE_ERRCODES][0]!;
    outbox.enqueue(reply('机器人在此', 'm1'), T0);
    await outbox.deliver(wecom({ send_msg: [refused('send_msg', stale)] }).client, clock, listener);
    expect(outbox.entries()[0]).toMatchObject({ status: 'failed', attempts: 1, last_errcode: stale });
    expect(timeline.all()).toEqual([expect.objectContaining({ type: 'delivery_failed', reason: 'refused', errcode: stale, text: '机器人在此' })]);
    expect(happened).toEqual(['stale']);
  });

  it('a refused transfer to a servicer falls back to the pool and gives the slot back', async () => {
    const { outbox, listener, clock, happened, sent } = outboxAt({ t: T0 });
    outbox.enqueue({ kind: 'service_state_trans', purpose: 'transfer', service_state: 3, servicer: 'zhangsan', source: 'm1', meta: { service_state: 3, servicer: 'zhangsan', group: 'front' } }, T0);
    const { client, calls } = wecom({ 'service_state/trans': [refused('service_state/trans')] });
    await outbox.deliver(client, clock, listener);
    expect(happened).toEqual(['transfer refused']);
    await outbox.deliver(client, clock, listener);
    expect(calls.map((c) => c.body)).toEqual([
      { open_kfid: 'wkShop', external_userid: 'wmAlice', service_state: 3, servicer_userid: 'zhangsan' },
      { open_kfid: 'wkShop', external_userid: 'wmAlice', service_state: 2 },
    ]);
    expect(sent.map((i) => i.meta)).toEqual([{ service_state: 2, servicer: null, group: 'front' }]);
  });

  it('expires what it could not send in time, and counts a duplicate msgid as delivered', async () => {
    const now = { t: T0 };
    const { outbox, memo, timeline, listener, clock, sent } = outboxAt(now);
    memo.setSettings({ ...memo.settings(), max_delivery_age_ms: 60_000 });
    outbox.enqueue(reply('迟到', 'm1'), T0);
    now.t = T0 + 60_000;
    await outbox.deliver(wecom().client, clock, listener);
    expect(outbox.entries()[0]).toMatchObject({ status: 'failed', expires_at: T0 + 60_000 });
    expect(timeline.all()).toEqual([expect.objectContaining({ type: 'delivery_failed', reason: 'expired', attempts: 0 })]);

    outbox.enqueue(reply('已为您查询', 'm2'), now.t);
    await outbox.deliver(wecom({ send_msg: [new WecomApiError(95003, 'duplicate msgid', 'send_msg', false, 'errcode')] }).client, clock, listener);
    expect(sent.map((i) => i.text)).toEqual(['已为您查询']);
  });

  it('marks a sent message WeCom dropped later, and names it for the timeline', async () => {
    const { outbox, listener, clock } = outboxAt({ t: T0 });
    const { msgid } = outbox.enqueue(reply('您好', 'm1'), T0);
    outbox.markDropped(msgid, 1);
    expect(outbox.entries()[0]?.status).toBe('pending');
    await outbox.deliver(wecom().client, clock, listener);
    outbox.markDropped(msgid, 1);
    expect(outbox.entries()[0]).toMatchObject({ status: 'failed', last_errcode: 1 });
    expect(outbox.sentItem(msgid)).toEqual({ purpose: 'reply', text: '您好', attempts: 1 });
  });
});
