import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { recordBehaviorEvent } from '../../src/storage/behavior';
import { getReleaseState, getStable, listVersions, loadCompiled, loadConfig, putVersion, readReleaseState, releaseVersion, rollbackRelease, snapshotKey } from '../../src/storage/config-store';
import { eq } from 'drizzle-orm';
import { bound, runBatch, type Slots } from '../../src/storage/bound';
import { getCustomer, listCustomers, upsertCustomerSeen } from '../../src/storage/customers';
import { customers } from '../../src/storage/schema';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { applyTagChanges } from '../../src/storage/tags';
import { listViolations, recordViolation } from '../../src/storage/violations';
import type { Config } from '../../src/rules/config';
import example from '../fixtures/config.example.json';
import { migrate, resetStorage } from './support/admin';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/** Storage against the real D1 and KV of the test Worker; each test starts from the migrated, empty database. */

beforeAll(migrate);
beforeEach(resetStorage);
const db = () => tenantDb(own);
const by = { createdBy: 'test' };

describe('customers', () => {
  it('first and last seen widen, never move back, and known fields survive a sighting without them', async () => {
    await upsertCustomerSeen(db(), { external_userid: 'wmA', open_kfid: 'wk1', at: 2000, channel: 'BJ001', scene_param: 'store_id=BJ001', language: 'zh' });
    await upsertCustomerSeen(db(), { external_userid: 'wmA', open_kfid: 'wk2', at: 1000 });
    await upsertCustomerSeen(db(), { external_userid: 'wmA', open_kfid: 'wk2', at: 3000, nickname: '小王' });
    expect(await getCustomer(db(), 'wmA')).toMatchObject({
      open_kfid: 'wk2', channel: 'BJ001', scene_param: 'store_id=BJ001', language: 'zh', nickname: '小王', first_seen: 1000, last_seen: 3000, tags: [],
    });
  });

  it('a newer channel replaces the older one with its scene_param', async () => {
    await upsertCustomerSeen(db(), { external_userid: 'wmB', open_kfid: 'wk1', at: 1, channel: 'BJ001', scene_param: 'store_id=BJ001' });
    await upsertCustomerSeen(db(), { external_userid: 'wmB', open_kfid: 'wk1', at: 2, channel: 'WEB', scene_param: null });
    expect(await getCustomer(db(), 'wmB')).toMatchObject({ channel: 'WEB', scene_param: null });
  });

  it('an unknown customer is null', async () => {
    expect(await getCustomer(db(), 'nobody')).toBeNull();
  });
});

describe('statements kept per shape', () => {
  it('bind each run its own values, and refuse a missing one by name', async () => {
    await upsertCustomerSeen(db(), { external_userid: 'wmS1', open_kfid: 'wk1', at: 1 });
    await upsertCustomerSeen(db(), { external_userid: 'wmS2', open_kfid: 'wk2', at: 2 });
    expect(await getCustomer(db(), 'wmS1')).toMatchObject({ external_userid: 'wmS1', open_kfid: 'wk1', first_seen: 1 });
    expect(await getCustomer(db(), 'wmS2')).toMatchObject({ external_userid: 'wmS2', open_kfid: 'wk2', first_seen: 2 });
    const profile = (p: Slots) => db().select().from(customers).where(eq(customers.externalUserid, p(0, 'id')));
    expect(() => bound(db(), 'test.profile', profile, [{}])).toThrow("test.profile: no value for row 0's id");
    const [[row]] = await runBatch(db(), [bound<(typeof customers.$inferSelect)[]>(db(), 'test.profile', profile, [{ id: 'wmS2' }])]);
    expect(row).toMatchObject({ externalUserid: 'wmS2', openKfid: 'wk2' });
  });
});

describe('applyTagChanges', () => {
  it('is idempotent and keeps the first provenance', async () => {
    const first = await applyTagChanges(db(), 'wmT', { add: [{ tag: '售后咨询', source: 'rule', source_ref: '退货咨询用户' }] }, 100);
    expect(first).toEqual({ added: [{ tag: '售后咨询', source: 'rule', source_ref: '退货咨询用户' }], removed: [] });
    const again = await applyTagChanges(db(), 'wmT', { add: [{ tag: '售后咨询', source: 'manual', source_ref: 'op1' }] }, 200);
    expect(again).toEqual({ added: [], removed: [] });
    expect((await getCustomer(db(), 'wmT'))?.tag_details).toEqual([{ tag: '售后咨询', source: 'rule', source_ref: '退货咨询用户', added_at: 100 }]);
  });

  it('creates the profile of a customer never seen, who has not been seen yet', async () => {
    await applyTagChanges(db(), 'wmVIP', { add: [{ tag: 'VIP', source: 'manual' }] }, 5);
    expect(await getCustomer(db(), 'wmVIP')).toMatchObject({ tags: ['VIP'], first_seen: null, last_seen: null, created_at: 5, channel: null });
  });

  it('removes what is there, ignores what is not, and removal runs before addition', async () => {
    await applyTagChanges(db(), 'wmR', { add: [{ tag: 'a', source: 'rule' }, { tag: 'b', source: 'channel', source_ref: 'BJ001' }] });
    expect(await applyTagChanges(db(), 'wmR', { remove: ['a', 'zzz'] })).toEqual({ added: [], removed: ['a'] });
    const both = await applyTagChanges(db(), 'wmR', { add: [{ tag: 'b', source: 'rule' }], remove: ['b'] });
    expect(both.removed).toEqual(['b']);
    expect(both.added.map((a) => a.tag)).toEqual(['b']);
    expect((await getCustomer(db(), 'wmR'))?.tag_details).toMatchObject([{ tag: 'b', source: 'rule' }]);
  });

  it('handles more tags than D1 allows bound parameters in one statement', async () => {
    const tags = Array.from({ length: 250 }, (_, i) => `t${i}`);
    const added = await applyTagChanges(db(), 'wmMany', { add: tags.map((tag) => ({ tag, source: 'rule' as const })) });
    expect(added.added).toHaveLength(250);
    const removed = await applyTagChanges(db(), 'wmMany', { remove: tags });
    expect(removed.removed).toHaveLength(250);
  });
});

describe('listCustomers', () => {
  it('pages by tag in external_userid order without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await applyTagChanges(db(), `wm${i}`, { add: [{ tag: i % 2 === 0 ? 'even' : 'odd', source: 'manual' }] });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listCustomers(db(), { tag: 'even', limit: 3, after });
      seen.push(...page.items.map((u) => u.external_userid));
      if (page.last === null) break;
      after = page.last;
    }
    expect(seen).toEqual(['wm0', 'wm2', 'wm4', 'wm6']);
  });
});

describe('events, violations, timeline copy', () => {
  it('a behaviour event with a natural id is recorded once', async () => {
    const a = await recordBehaviorEvent(db(), { id: 'msg-1', external_userid: 'wmE', type: 'menu_click', ref: 'menu_human' });
    const b = await recordBehaviorEvent(db(), { id: 'msg-1', external_userid: 'wmE', type: 'menu_click', ref: 'menu_human' });
    expect([a.recorded, b.recorded]).toEqual([true, false]);
  });

  it('violations page newest first and a retried recording is one row', async () => {
    for (let i = 0; i < 5; i++) {
      await recordViolation(db(), { id: `v${i}`, at: 1000 + (i % 3), open_kfid: 'wk1', external_userid: 'wmV', direction: 'inbound', masked_words: ['违*词'], masked_excerpt: `含有违*词 ${i}` });
    }
    await recordViolation(db(), { id: 'v0', at: 1000, open_kfid: 'wk1', external_userid: 'wmV', direction: 'inbound', masked_words: ['违*词'], masked_excerpt: 'x' });
    const first = await listViolations(db(), { limit: 3 });
    expect(first.items.map((v) => v.id)).toEqual(['v2', 'v4', 'v1']);
    const rest = await listViolations(db(), { limit: 3, after: first.last! });
    expect(rest.items.map((v) => v.id)).toEqual(['v3', 'v0']);
    expect(rest.last).toBeNull();
    expect(rest.items[1]).toMatchObject({ words: ['违*词'], excerpt: '含有违*词 0' });
  });

  it('appending timeline events is idempotent and chunked', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ({ id: `wk1:wmC:${i}`, at: i, open_kfid: 'wk1', external_userid: 'wmC', type: i % 2 ? 'message_in' : 'message_out', config_version: 1, data: { text: `m${i}` } }));
    await appendConversationEvents(db(), events);
    await appendConversationEvents(db(), events.slice(30));
    await appendConversationEvents(db(), []);
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM conversation_events').first<{ n: number }>())!;
    expect(n).toBe(40);
  });
});

describe('config store', () => {
  it('the first version becomes stable; later ones are stored but not live', async () => {
    expect(await readReleaseState(own)).toBeNull();
    const v1 = await putVersion(own, { tag_rules: [] }, by);
    const v2 = await putVersion(own, example, { ...by, note: 'full example' });
    expect([v1.ok && v1.version, v2.ok && v2.version]).toEqual([1, 2]);
    expect(await readReleaseState(own)).toMatchObject({ stable: 1, candidate: null, stage: 'none' });
    expect((await getStable(own))?.document).toEqual({ tag_rules: [] });
    expect((await listVersions(own)).map((v) => [v.version, v.note])).toEqual([[2, 'full example'], [1, null]]);
  });

  it('refuses an invalid document and stores nothing', async () => {
    const r = await putVersion(own, { knowledge: [{ id: 'x', questions: ['q'], answer: 'a', requires_context: 'ghost' }] }, by);
    expect(r.ok).toBe(false);
    expect(await listVersions(own)).toEqual([]);
  });

  it('putVersion writes the parsed snapshot to KV; loadConfig rebuilds a missing one from D1', async () => {
    const put = await putVersion(own, example, by);
    if (!put.ok) throw new Error('example refused');
    const snapshot = await env.KV.get<Config>(snapshotKey(put.version), 'json');
    expect(snapshot?.bot.merge_window_ms).toBe(1500);
    expect(snapshot?.channels[1]).toEqual({ code: 'WEB', name: '官网咨询按钮', type: 'web', open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', params: {}, auto_tag: [] });
    // A version stored by another isolate whose KV write was lost: only D1 has it.
    await env.DB.prepare("INSERT INTO config_versions (version, document, created_at, created_by, note) VALUES (77, ?, 0, 'elsewhere', NULL)").bind(JSON.stringify(example)).run();
    const loaded = await loadConfig(own, 77);
    expect(loaded?.channels[0]?.auto_tag).toEqual(['北京用户', '夏季促销']);
    expect(await env.KV.get(snapshotKey(77), 'json')).toEqual(loaded);
    expect(await loadConfig(own, 78)).toBeNull();
  });

  it('loadCompiled builds once per version', async () => {
    const put = await putVersion(own, example, by);
    if (!put.ok) throw new Error('refused');
    let builds = 0;
    const compile = (c: { tag_rules: unknown[] }) => ({ rules: c.tag_rules.length, build: ++builds });
    const a = await loadCompiled(own, put.version, compile);
    const b = await loadCompiled(own, put.version, compile);
    expect(a).toEqual({ rules: 6, build: 1 });
    expect(b).toBe(a);
  });

  it('release: candidate stages keep their salt, full promotes any version, rollback cancels', async () => {
    for (const doc of [{}, { welcome: { text: 'v2' } }, { welcome: { text: 'v3' } }]) await putVersion(own, doc, by);
    const internal = await releaseVersion(own, { version: 2, stage: 'internal', internal: { tags: ['内部员工'] } });
    if (!internal.ok) throw new Error(internal.reason);
    const percent = await releaseVersion(own, { version: 2, stage: 'percent', percent: 10 });
    if (!percent.ok) throw new Error(percent.reason);
    expect(percent.state).toMatchObject({ stable: 1, candidate: 2, stage: 'percent', percent: 10, internal: { ids: [], tags: ['内部员工'] }, salt: internal.state.salt });
    const other = await releaseVersion(own, { version: 3, stage: 'percent', percent: 10 });
    if (!other.ok) throw new Error(other.reason);
    expect(other.state.salt).not.toBe(internal.state.salt);
    expect(await rollbackRelease(own)).toMatchObject({ ok: true, state: { stable: 1, candidate: null, stage: 'none' } });
    expect(await releaseVersion(own, { version: 3, stage: 'full' })).toMatchObject({ ok: true, state: { stable: 3, candidate: null, stage: 'full' } });
    expect(await releaseVersion(own, { version: 1, stage: 'full' })).toMatchObject({ ok: true, state: { stable: 1 } });
    expect(await releaseVersion(own, { version: 1, stage: 'internal' })).toEqual({ ok: false, reason: 'already_stable' });
    expect(await releaseVersion(own, { version: 9, stage: 'full' })).toEqual({ ok: false, reason: 'unknown_version' });
  });

  it('two releases at once: one wins, the other is told the state changed', async () => {
    for (const doc of [{}, { welcome: { text: 'v2' } }, { welcome: { text: 'v3' } }]) await putVersion(own, doc, by);
    const outcomes = await Promise.all([releaseVersion(own, { version: 2, stage: 'full' }), releaseVersion(own, { version: 3, stage: 'full' })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'concurrent_change' }]);
  });

  it('getReleaseState trusts its copy for at most a second', async () => {
    await putVersion(own, {}, by);
    await putVersion(own, { welcome: { text: 'v2' } }, by);
    const t0 = Date.now();
    expect(await getReleaseState(own, t0)).toMatchObject({ stable: 1 });
    // Written behind the cache's back, as another isolate would.
    await env.DB.prepare('UPDATE release_state SET stable = 2').run();
    expect(await getReleaseState(own, t0 + 500)).toMatchObject({ stable: 1 });
    expect(await getReleaseState(own, t0 + 1000)).toMatchObject({ stable: 2 });
  });
});
