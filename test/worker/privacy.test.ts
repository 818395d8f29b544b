import { createScheduledController, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { sha256Hex } from '../../src/admin/auth';
import { recordBehaviorEvent } from '../../src/storage/behavior';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { eraseCustomerRows, purgeExpired } from '../../src/storage/privacy';
import { keepUncertainQuestion } from '../../src/storage/uncertain-questions';
import { recordViolation } from '../../src/storage/violations';
import { alarmAt, deliverAndSettle, fireAlarm, resetSim, sim } from './support';
import { api, tokenFor } from './support/admin';
import { freshSystem } from './support/fresh';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/**
 * PIPL (个人信息保护法): the right to delete, the right of access, and retention, end to end
 * through the simulator: a customer talks, is tagged, trips the sensitive-word filter, clicks
 * and joins, is handed to a person; then is erased everywhere, or exported, or aged out.
 */

const KF = 'wkPrivacyShop00001';
const KF2 = 'wkPrivacyShop00002';
const DAY = 24 * 3600_000;

const CONFIG = {
  tag_rules: [{ rule_name: '退货咨询用户', trigger_type: 'message_keyword', keywords: ['退货'], action: 'add_tag', tag_name: '售后咨询' }],
  links: [
    { open_kfid: KF, name: '售后', timezone: 'Asia/Shanghai' },
    { open_kfid: KF2, name: '售前', timezone: 'Asia/Shanghai' },
  ],
  groups: [{ id: 'staff', name: '客服', servicers: ['zhangsan'] }],
  routing: [{ default: true, group: 'staff', strategy: 'least_busy' }],
  knowledge: [{ id: 'price', questions: ['多少钱'], answer: '标准版 99 元/月。' }],
  fallback: { reply: '抱歉，我没有理解您的问题。', escalate_after_seconds: 300 },
  handoff: { keywords: ['转人工'] },
  sensitive_words: { words: ['违禁词'], action: 'block', reply: '您的消息包含不当内容，已被拦截。' },
};

const conversation = (user: string, kf = KF) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${kf}:${user}`));
const say = async (user: string, text: string, kf = KF) => deliverAndSettle(await sim.say({ open_kfid: kf, external_userid: user, text }));

/** Rows of `user` in each D1 table that holds personal data. */
async function rowsOf(user: string): Promise<Record<string, number>> {
  const tables = ['customers', 'customer_tags', 'behavior_events', 'violations', 'conversation_events', 'uncertain_questions', 'metrics_rollup_cursors'];
  const counts = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE external_userid = ?`).bind(user)));
  return Object.fromEntries(tables.map((t, i) => [t, (counts[i]!.results[0] as { n: number }).n]));
}

/** Stores the document and makes it stable (the first version is stable at once). */
async function putConfig(doc: object): Promise<void> {
  const put = await api('PUT', '/config', { body: doc });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  if (put.body.version > 1) expect((await api('POST', '/release', { body: { version: put.body.version, stage: 'full' } })).status).toBe(200);
}

/** A customer with data everywhere: two conversations (one with a servicer), tags of two sources, a violation, behaviour events. */
async function richCustomer(user: string): Promise<void> {
  await say(user, '我想退货');
  await say(user, '这是违禁词');
  await say(user, '多少钱', KF2);
  expect((await api('POST', `/users/${user}/tags`, { body: { add: ['VIP'] } })).status).toBe(200);
  expect((await api('POST', '/events', { body: { external_userid: user, open_kfid: KF, type: 'campaign_join', ref: 'spring' } })).status).toBe(201);
  await say(user, '转人工');
}

beforeEach(async () => {
  await freshSystem();
  await resetSim({ accounts: [{ open_kfid: KF }, { open_kfid: KF2 }], servicers: [{ userid: 'zhangsan', open_kfids: [KF, KF2], on_duty: true }] });
  await putConfig(CONFIG);
});

describe('DELETE /admin/api/users/:external_userid (right to delete)', () => {
  it('erases the customer from every D1 table and every conversation, frees their servicer, and leaves others alone', async () => {
    const user = 'wmForgetMe01';
    const other = 'wmStays01';
    await richCustomer(user);
    await say(other, '我想退货');
    const before = await rowsOf(user);
    for (const [table, n] of Object.entries(before)) expect(n, table).toBeGreaterThan(0);
    expect((await conversation(user).view()).state).toBe('human');
    const load = async () => (await api('GET', `/reception/${KF}`)).body.servicers.find((s: { servicer: string }) => s.servicer === 'zhangsan')?.load;
    expect(await load()).toBe(1);
    const otherBefore = await rowsOf(other);

    const r = await api('DELETE', `/users/${user}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      complete: true,
      deleted: {
        customers: 1,
        tags: before.customer_tags,
        behavior_events: before.behavior_events,
        violations: before.violations,
        conversation_events: before.conversation_events,
        uncertain_questions: before.uncertain_questions,
        metrics_rollup_cursors: before.metrics_rollup_cursors,
        conversations: 2,
      },
    });

    expect(before.metrics_rollup_cursors).toBe(2);
    expect(await rowsOf(user)).toEqual({ customers: 0, customer_tags: 0, behavior_events: 0, violations: 0, conversation_events: 0, uncertain_questions: 0, metrics_rollup_cursors: 0 });
    expect(await rowsOf(other)).toEqual(otherBefore);
    for (const kf of [KF, KF2]) {
      const v = await conversation(user, kf).view();
      expect(v).toMatchObject({ state: 'new', external_userid: null, servicer: null, events: [] });
      expect(await conversation(user, kf).outbox()).toEqual([]);
      expect(await alarmAt(conversation(user, kf))).toBeNull();
    }
    expect(await load()).toBe(0);
    expect((await api('GET', `/users/${user}`)).status).toBe(404);
  });

  it('records an audit line with the SHA-256 of the id and never the id itself', async () => {
    const user = 'wmAudited01';
    await richCustomer(user);
    const r = await api('DELETE', `/users/${user}`);
    const rows = (await env.DB.prepare('SELECT * FROM erasures').all<Record<string, unknown>>()).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: r.body.erasure_id, subject_hash: await sha256Hex(user), requested_by: 'bootstrap' });
    expect(JSON.parse(rows[0]!.counts as string)).toEqual({ ...r.body.deleted, complete: true });
    expect(JSON.stringify(rows)).not.toContain(user);
  });

  it('is idempotent: a second DELETE answers zeros (and is audited too)', async () => {
    const user = 'wmTwice01';
    await say(user, '我想退货');
    expect((await api('DELETE', `/users/${user}`)).body.deleted.customers).toBe(1);
    const again = await api('DELETE', `/users/${user}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ complete: true, deleted: { customers: 0, tags: 0, behavior_events: 0, violations: 0, conversation_events: 0, uncertain_questions: 0, conversations: 0 } });
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM erasures').first<{ n: number }>())!.n).toBe(2);
  });

  it('a customer who writes again afterwards starts fresh: no old timeline, tags or memory', async () => {
    const user = 'wmComesBack01';
    await say(user, '我想退货');
    await api('DELETE', `/users/${user}`);
    const sent = await say(user, '多少钱');
    expect(sent.map((m) => m.content)).toEqual(['标准版 99 元/月。']);
    const v = await conversation(user).view();
    expect(v.events.filter((e) => e.type === 'message_in').map((e) => e.text)).toEqual(['多少钱']);
    const profile = await api('GET', `/users/${user}`);
    expect(profile.status).toBe(200);
    expect(profile.body.tags).toEqual([]);
    expect((await rowsOf(user)).conversation_events).toBe(v.events.length);
  });

  it('needs the admin role: operators and viewers get 403, and nothing is erased', async () => {
    const user = 'wmGuarded01';
    await say(user, '我想退货');
    const before = await rowsOf(user);
    for (const role of ['operator', 'viewer'] as const) {
      const { token } = await tokenFor(role);
      expect((await api('DELETE', `/users/${user}`, { token })).status).toBe(403);
      expect((await api('GET', `/users/${user}/export`, { token })).status).toBe(403);
    }
    expect(await rowsOf(user)).toEqual(before);
    expect((await conversation(user).view()).events.length).toBeGreaterThan(0);
  });

  it('is described in the OpenAPI document with its role', async () => {
    const doc = (await api('GET', '/openapi.json', { token: null })).body;
    expect(doc.paths['/users/{external_userid}'].delete['x-required-role']).toBe('admin');
    expect(doc.paths['/users/{external_userid}/export'].get['x-required-role']).toBe('admin');
  });

  it('refuses an id that is not one with 400', async () => {
    expect((await api('DELETE', `/users/${'x'.repeat(300)}`)).status).toBe(400);
  });

  it('a customer with more rows than one request erases is finished by repeating it', async () => {
    const db = tenantDb(own);
    const user = 'wmManyRows01';
    for (let i = 0; i < 5; i++) await recordBehaviorEvent(db, { external_userid: user, type: 'link_click', ref: `l${i}`, at: 1000 + i });
    const first = await eraseCustomerRows(db, user, { size: 2, max: 2 });
    expect(first).toMatchObject({ complete: false, rows: { behavior_events: 4, customers: 0 } });
    const second = await eraseCustomerRows(db, user, { size: 2, max: 2 });
    expect(second).toMatchObject({ complete: true, rows: { behavior_events: 1 } });
    expect((await rowsOf(user)).behavior_events).toBe(0);
  });
});

describe('GET /admin/api/users/:external_userid/export (right of access)', () => {
  it('is one document: the profile with tag provenance, behaviour events, violations and every conversation’s timeline', async () => {
    const user = 'wmExport01';
    await richCustomer(user);
    const r = await api('GET', `/users/${user}/export`);
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc).toMatchObject({ external_userid: user, profile: { external_userid: user } });
    expect(doc.profile.tag_details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tag: '售后咨询', source: 'rule', source_ref: '退货咨询用户' }),
        expect.objectContaining({ tag: 'VIP', source: 'manual', source_ref: 'bootstrap' }),
      ]),
    );
    expect(doc.behavior_events).toEqual([expect.objectContaining({ type: 'campaign_join', ref: 'spring', open_kfid: KF })]);
    expect(doc.violations).toEqual([expect.objectContaining({ direction: 'inbound', words: ['违*词'] })]);
    // The questions the bot could not answer, masked, as kept for suggestions.
    expect(doc.uncertain_questions).toEqual([expect.objectContaining({ open_kfid: KF, text: '我想退货', zone: 'fallback', external_userid: user })]);
    expect(doc.conversations.map((c: { open_kfid: string }) => c.open_kfid).sort()).toEqual([KF, KF2]);
    const shop = doc.conversations.find((c: { open_kfid: string }) => c.open_kfid === KF);
    expect(shop.events.filter((e: { type: string }) => e.type === 'message_in').map((e: { text: string }) => e.text)).toEqual(['我想退货', '这是违禁词', '转人工']);
    expect(shop).toMatchObject({ state: 'human', servicer: 'zhangsan' });
  });

  it('answers 404 for a customer nothing is stored about (also after erasure)', async () => {
    expect((await api('GET', '/users/wmNobody01/export')).status).toBe(404);
    await say('wmErased01', '你好');
    expect((await api('GET', '/users/wmErased01/export')).status).toBe(200);
    await api('DELETE', '/users/wmErased01');
    expect((await api('GET', '/users/wmErased01/export')).status).toBe(404);
  });
});

describe('retention (config `retention`)', () => {
  /** One old and one recent row in each purged table, for `user`. */
  async function seed(user: string, now: number, ages: number[]): Promise<void> {
    const db = tenantDb(own);
    for (const age of ages) {
      const at = now - age * DAY;
      await appendConversationEvents(db, [{ id: `${KF}:${user}:${age}`, at, open_kfid: KF, external_userid: user, type: 'message_in' }]);
      await recordBehaviorEvent(db, { id: `b${age}`, external_userid: user, type: 'link_click', at });
      await recordViolation(db, { id: `v${age}`, at, open_kfid: KF, external_userid: user, direction: 'inbound', masked_words: ['违*词'], masked_excerpt: '违*词' });
      await keepUncertainQuestion(db, { id: `${KF}:q${age}`, at, open_kfid: KF, external_userid: user, masked_text: '发票怎么开', zone: 'fallback', confidence: 0, candidates: [], config_version: 1 });
    }
  }
  const ages = async (table: string) =>
    (await env.DB.prepare(`SELECT at FROM ${table} ORDER BY at`).all<{ at: number }>()).results.map((r) => r.at);
  const runCron = (scheduledTime: number) => worker.scheduled(createScheduledController({ scheduledTime, cron: '17 3 * * *' }), env);

  it('the daily cron purges only D1 rows older than the stable config’s limits', async () => {
    await putConfig({ ...CONFIG, retention: { conversation_days: 30, violation_days: 7 } });
    const now = Date.now();
    await seed('wmAged01', now, [40, 10, 1]);
    await runCron(now);
    expect(await ages('conversation_events')).toEqual([now - 10 * DAY, now - DAY]);
    expect(await ages('behavior_events')).toEqual([now - 10 * DAY, now - DAY]);
    expect(await ages('uncertain_questions')).toEqual([now - 10 * DAY, now - DAY]);
    expect(await ages('violations')).toEqual([now - DAY]);
  });

  it('without a retention section nothing is purged', async () => {
    const now = Date.now();
    await seed('wmKept01', now, [4000, 1]);
    await runCron(now);
    for (const t of ['conversation_events', 'behavior_events', 'violations', 'uncertain_questions']) expect(await ages(t), t).toHaveLength(2);
  });

  it('one run is bounded; a backlog is continued by the next run', async () => {
    const db = tenantDb(own);
    const now = Date.now();
    await seed('wmBacklog01', now, [50, 49, 48, 47, 46]);
    const first = await purgeExpired(db, { conversation_days: 30 }, now, { size: 2, max: 2 });
    expect(first.conversation_events).toEqual({ deleted: 4, more: true });
    expect(first.violations).toEqual({ deleted: 0, more: false });
    const second = await purgeExpired(db, { conversation_days: 30 }, now, { size: 2, max: 2 });
    expect(second.conversation_events).toEqual({ deleted: 1, more: false });
    expect(await ages('conversation_events')).toEqual([]);
    expect(await ages('violations')).toHaveLength(5);
  });

  it('a conversation prunes its own timeline when its retention wake fires, even when idle', async () => {
    await putConfig({ ...CONFIG, retention: { conversation_days: 1 } });
    const user = 'wmPruned01';
    await say(user, '多少钱');
    const stub = conversation(user);
    const timeline = (await stub.view()).events;
    expect(timeline.length).toBeGreaterThan(0);
    // The wake is a day and an hour after the oldest event: before the session's 48-hour end.
    const wake = await alarmAt(stub);
    expect(wake).toBe(timeline[0]!.at + DAY + 3600_000);
    expect(await fireAlarm(stub)).toBe(true);
    expect((await stub.view()).events).toEqual([]);
    expect(await stub.outbox()).toEqual([]);
    // The D1 copy is the cron's to purge, by the same limit.
    expect((await rowsOf(user)).conversation_events).toBe(timeline.length);
  });

  it('refuses limits outside 1..3650 days, at their exact path', async () => {
    for (const bad of [0, 3651, 1.5]) {
      const r = await api('POST', '/config/validate', { body: { ...CONFIG, retention: { conversation_days: bad } } });
      expect(r.status === 400 || r.body.valid === false, JSON.stringify(r.body)).toBe(true);
      expect(JSON.stringify(r.body)).toContain('"retention","conversation_days"');
    }
    const unknown = await api('PUT', '/config', { body: { ...CONFIG, retention: { days: 3 } } });
    expect(unknown.status).toBe(400);
  });
});
