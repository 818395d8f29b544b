import { describe, expect, it } from 'vitest';
import { Meta, migrate } from '../../src/runtime/storage';
import { InboundLog } from '../../src/objects/conversation/inbound';
import { turnDueAt } from '../../src/objects/conversation/merge';
import { loadTurn } from '../../src/objects/conversation/turn/load';
import { ConversationMemo } from '../../src/objects/conversation/memory';
import { Outbox } from '../../src/objects/conversation/outbox';
import { keptFor, prune, pruneDueAt, PRUNE_SLACK_MS } from '../../src/objects/conversation/retention';
import { CONVERSATION_MIGRATIONS } from '../../src/objects/conversation/tables';
import { inboundEvent, Timeline, type StoredEvent } from '../../src/objects/conversation/timeline';
import { Origin, SEEN_RETENTION_MS, type SyncMsgItem } from '../../src/wecom/types';
import { sqliteStore } from './support/sqlite';

const DAY = 24 * 3600_000;
const T0 = 1_800_000_000_000;

function conversationStorage() {
  const store = sqliteStore();
  migrate(store, CONVERSATION_MIGRATIONS);
  const meta = new Meta(store.sql);
  const timeline = new Timeline(store.sql, meta);
  const inbound = new InboundLog(store.sql);
  const memo = new ConversationMemo(meta);
  memo.adopt('wkShop', 'wmAlice');
  const outbox = new Outbox(store, timeline, { addressee: () => memo.identity(), maxAgeMs: () => memo.settings().max_delivery_age_ms });
  return { store, meta, timeline, inbound, memo, outbox };
}

const text = (msgid: string, content: string, origin: number = Origin.customer): SyncMsgItem =>
  ({ msgid, origin, send_time: T0 / 1000, msgtype: 'text', text: { content }, open_kfid: 'wkShop', external_userid: 'wmAlice' }) as SyncMsgItem;

describe('the conversation’s schema', () => {
  it('migrates a new object to the latest version once, and refuses storage newer than the code', () => {
    const store = sqliteStore();
    migrate(store, CONVERSATION_MIGRATIONS);
    migrate(store, CONVERSATION_MIGRATIONS);
    expect(new Meta(store.sql).get('schema_version')).toBe(CONVERSATION_MIGRATIONS.length);
    expect(() => migrate(store, CONVERSATION_MIGRATIONS.slice(0, 1))).toThrow(/newer than this code knows/);
  });
});

describe('the inbound log', () => {
  it('takes each msgid once and hands unprocessed items over in order until they are marked', () => {
    const { inbound } = conversationStorage();
    expect(inbound.add(text('m1', '你好'), T0)).toBe(true);
    expect(inbound.add(text('m2', '价格'), T0 + 1)).toBe(true);
    expect(inbound.add(text('m1', '你好'), T0 + 2)).toBe(false);
    const items = inbound.unprocessed();
    expect(items.map((i) => [i.item.msgid, i.receivedAt])).toEqual([['m1', T0], ['m2', T0 + 1]]);
    inbound.markProcessed(items[0]!.seq);
    expect(inbound.unprocessed().map((i) => i.item.msgid)).toEqual(['m2']);
    expect(inbound.hasUnprocessed()).toBe(true);
    expect(inbound.oldestProcessedAt()).toBe(T0);
    // A processed item still deduplicates a redelivery.
    expect(inbound.add(text('m1', '你好'), T0 + 3)).toBe(false);
  });
});

describe('the timeline', () => {
  it('names inbound items as events: customer and servicer messages, events without their single-use codes', () => {
    expect(inboundEvent(text('m1', '你好'))).toEqual({ type: 'message_in', data: { msgid: 'm1', send_time: T0 / 1000, text: '你好', msgtype: 'text' } });
    expect(inboundEvent({ ...text('s1', '我来了', Origin.servicer), servicer_userid: 'zhangsan' })).toMatchObject({ type: 'message_out', data: { by: 'servicer', servicer: 'zhangsan' } });
    const enter = { msgid: 'e1', origin: Origin.system, send_time: 1, msgtype: 'event', event: { event_type: 'enter_session', open_kfid: 'wkShop', external_userid: 'wmAlice', scene: 'BJ001', welcome_code: 'secret' } } as SyncMsgItem;
    expect(inboundEvent(enter)).toEqual({ type: 'enter_session', data: { msgid: 'e1', send_time: 1, scene: 'BJ001', welcome_code: true } });
  });

  it('copies events to D1 in batches, remembers how far, and prunes only what was copied', async () => {
    const { timeline } = conversationStorage();
    for (let i = 0; i < 5; i++) timeline.record(T0 + i, 'note', { i });
    const copied: StoredEvent[][] = [];
    const copy = async (events: StoredEvent[]) => void copied.push(events);
    expect(await timeline.export(copy, 2)).toEqual({ copied: 2, more: true });
    expect(await timeline.export(copy, 2)).toEqual({ copied: 2, more: true });
    expect(copied.flat().map((e) => e.data.i)).toEqual([0, 1, 2, 3]);
    // A copy that fails is tried again from the same place.
    await expect(timeline.export(() => Promise.reject(new Error('D1 down')), 2)).rejects.toThrow('D1 down');
    expect(await timeline.export(copy, 2)).toEqual({ copied: 1, more: false });
    expect(copied.flat().map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
    expect(await timeline.export(copy, 2)).toEqual({ copied: 0, more: false });
    expect(copied).toHaveLength(3);

    timeline.record(T0 - DAY, 'old but not copied', {});
    timeline.prune(T0 + 3);
    expect(timeline.all().map((e) => e.type)).toEqual(['note', 'note', 'old but not copied']);
    expect(timeline.oldestPrunableAt()).toBe(T0 + 3);
    expect(timeline.count()).toBe(3);
  });

  it('stores how far it copied with the next copy, so an instance that starts again repeats at most the last batch', async () => {
    const { store, meta, timeline } = conversationStorage();
    const copied: string[] = [];
    const copy = async (events: StoredEvent[]) => void copied.push(...events.map((e) => e.type));
    timeline.record(T0, 'a', {});
    timeline.record(T0 + 1, 'b', {});
    await timeline.export(copy);
    expect(meta.get('exported_seq')).toBe(0);
    timeline.record(T0 + 2, 'c', {});
    await timeline.export(copy);
    expect(meta.get('exported_seq')).toBe(2);
    // What this instance copied is prunable at once, its place stored or not.
    timeline.prune(T0 + 2);
    expect(timeline.all().map((e) => e.type)).toEqual(['c']);
    // A new instance over the same storage (the object was evicted) copies again from the stored place.
    timeline.record(T0 + 3, 'd', {});
    await new Timeline(store.sql, new Meta(store.sql)).export(copy);
    expect(copied).toEqual(['a', 'b', 'c', 'c', 'd']);
  });
});

describe('retention', () => {
  it('keeps inbound items at least as long as they deduplicate, and prunes each table by its own rule', async () => {
    const { store, timeline, inbound, outbox, memo } = conversationStorage();
    expect(keptFor(null)).toBeNull();
    expect(keptFor(DAY)).toEqual({ events: DAY, inbound: SEEN_RETENTION_MS });
    const tables = { store, timeline, inbound, outbox };
    expect(pruneDueAt(tables, keptFor(DAY))).toBeNull();

    memo.setSettings({ ...memo.settings(), retention_ms: DAY });
    inbound.add(text('m1', '你好'), T0);
    inbound.markProcessed(inbound.unprocessed()[0]!.seq);
    timeline.record(T0, 'message_in', {});
    await timeline.export(async () => {});
    outbox.enqueue({ kind: 'send_msg', purpose: 'reply', message: { msgtype: 'text', text: { content: '好的' } }, source: 'm1', index: 0, meta: {} }, T0);
    // The pending reply is never pruned; the copied event is due a day later (plus slack).
    expect(pruneDueAt(tables, keptFor(DAY))).toBe(T0 + DAY + PRUNE_SLACK_MS);

    prune(tables, keptFor(DAY), T0 + DAY + 1);
    expect(timeline.count()).toBe(0);
    expect(inbound.oldestProcessedAt()).toBe(T0);
    expect(outbox.entries()).toHaveLength(1);
    prune(tables, keptFor(DAY), T0 + SEEN_RETENTION_MS + 1);
    expect(inbound.oldestProcessedAt()).toBeNull();
    expect(inbound.add(text('m1', '你好'), T0 + SEEN_RETENTION_MS + 2)).toBe(true);
  });
});

describe('when the unprocessed items are due for a turn', () => {
  const event = (msgid: string): SyncMsgItem => ({ msgid, origin: Origin.system, send_time: T0 / 1000, msgtype: 'event', event: { event_type: 'enter_session', welcome_code: 'w1' } }) as SyncMsgItem;

  it('customer messages as the merge policy says, under the settings of the last turn', () => {
    const { inbound, memo } = conversationStorage();
    expect(turnDueAt(inbound.unprocessed(), memo.settings())).toBeNull();
    inbound.add(text('m1', '你好'), T0);
    expect(turnDueAt(inbound.unprocessed(), memo.settings())).toBe(T0 + 1500);
    inbound.add(text('m2', '怎么退款？'), T0 + 300);
    expect(turnDueAt(inbound.unprocessed(), memo.settings())).toBe(T0 + 300);
    memo.setSettings({ ...memo.settings(), merge_window_ms: 1000, adaptive_merge: false });
    expect(turnDueAt(inbound.unprocessed(), memo.settings())).toBe(T0 + 1000);
  });

  it('a turn does not take a burst before it is due, whatever alarm woke the object', async () => {
    const { inbound, memo } = conversationStorage();
    inbound.add(text('m1', '我的订单，'), T0);
    // No database here: a turn that is due goes on to load the customer's profile, and fails.
    const noConfig = () => Promise.reject(new Error('no config here'));
    const sources = { db: null as never, inbound, memo, runtimeFor: noConfig, fallbackRuntime: noConfig };
    expect(await loadTurn(T0 + 1499, sources)).toBeNull();
    await expect(loadTurn(T0 + 1500, sources)).rejects.toThrow(TypeError);
  });

  it('anything but a customer message when it arrived: a welcome code does not wait for a burst', () => {
    const { inbound, memo } = conversationStorage();
    inbound.add(text('m1', '我的订单，'), T0);
    inbound.add(event('e1'), T0 + 200);
    expect(turnDueAt(inbound.unprocessed(), memo.settings())).toBe(T0 + 200);
    const servicer = conversationStorage();
    servicer.inbound.add(text('s1', '您好，', Origin.servicer), T0);
    expect(turnDueAt(servicer.inbound.unprocessed(), servicer.memo.settings())).toBe(T0);
  });
});
