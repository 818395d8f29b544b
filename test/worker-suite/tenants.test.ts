import { applyD1Migrations, env, reset, SELF } from 'cloudflare:test';
import type { D1Migration } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { conversationKey, conversationStub } from '../../src/objects/conversation/address';
import { scheduled } from '../../src/scheduled';
import { appendConversationEvents, listConversationEvents } from '../../src/storage/conversation-events';
import { forgetCachedConfigs, putVersion, readReleaseState, releaseVersion, snapshotKey } from '../../src/storage/config-store';
import { getCustomer, listCustomers } from '../../src/storage/customers';
import { sumRollupCells } from '../../src/storage/metrics-rollups';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT, type Tenant } from '../../src/wecom/corp';
import { api } from '../worker/support/admin';
import { fireAlarm, settle } from '../worker/support/drive';
import { sim } from '../worker/support/sim';
import { CORP_A, CORP_B, deliverSelf, freshCorps, suiteSim } from '../worker/support/suite';

/**
 * Many corps served by one deployment (this project's env is in many-corps mode, so its Durable
 * Objects read the suite's settings as deployed): every corp's messages are answered with its own
 * config and token, and land in its own rows, keys and objects only.
 */

const KF = 'wkSharedAccount1';
const OWN_KF = 'wkOwnAccount0001';
const USER = 'wmSharedCustomer';
const ASK = '你好';
const answerOf = (corp: string) => `您好，这里是${corp}的客服。`;
const configOf = (corp: string) => ({ knowledge: [{ id: 'greeting', questions: [ASK], answer: answerOf(corp) }] });
const by = { createdBy: 'test' };
const scoped = (tenant: Tenant) => tenantEnv(env, tenant);
const conversation = (tenant: Tenant, user = USER) => conversationStub(scoped(tenant), conversationKey(KF, user));
const sendCalls = async () => (await sim.calls({ path: 'kf/send_msg' })).items;

/** The customer writes to each corp's kf account `KF` (an account of each corp, one open_kfid); WeCom announces it to that corp. */
async function customerWrites(corps: string[], user = USER): Promise<void> {
  for (const corp of corps) await deliverSelf((await sim.say({ corp, open_kfid: KF, external_userid: user, text: ASK })).callback);
}

beforeEach(async () => {
  await freshCorps();
  for (const tenant of [OWN_TENANT, CORP_A, CORP_B]) {
    const put = await putVersion(scoped(tenant), configOf(tenant || 'own'), by);
    if (!put.ok) throw new Error('config refused');
  }
});

describe('a corp’s messages', () => {
  it('are answered with its config and its token, and land in its conversations, customers and metrics only', async ({ expect }) => {
    await customerWrites([CORP_B]);
    await settle();

    const sent = await sendCalls();
    expect(sent.map((c) => [c.corp, (c.body as { text: { content: string } }).text.content])).toEqual([[CORP_B, answerOf(CORP_B)]]);
    const view = await conversation(CORP_B).view();
    expect(view.events.map((e) => e.type)).toContain('message_in');
    expect(view.config_version).toBe(1);

    const dayStart = Date.now() - (Date.now() % 86_400_000);
    for (const tenant of [OWN_TENANT, CORP_A, CORP_B]) {
      const db = tenantDb(scoped(tenant));
      const mine = tenant === CORP_B;
      expect(await getCustomer(db, USER), tenant).toEqual(mine ? expect.objectContaining({ open_kfid: KF }) : null);
      const { events } = await listConversationEvents(db, { from: 0, to: Date.now() + 60_000, limit: 100 });
      expect(events.length > 0, tenant).toBe(mine);
      const cells = await sumRollupCells(db, { table: 'day', from: dayStart - 86_400_000, to: dayStart + 86_400_000 });
      expect(cells.length > 0, tenant).toBe(mine);
    }
    // The corps that were not written to have no conversation object at all.
    expect((await conversation(CORP_A).view()).open_kfid).toBeNull();
    expect((await conversation(OWN_TENANT).view()).open_kfid).toBeNull();
  });

  it('the same open_kfid and external_userid under two corps are two conversations, each with its corp’s answer', async ({ expect }) => {
    await customerWrites([CORP_A, CORP_B]);
    await settle();

    const calls = await sendCalls();
    // Each corp's reply has its own msgid: neither is taken for a duplicate of the other.
    expect(calls.map((c) => (c.answer as { errcode: number }).errcode)).toEqual([0, 0]);
    const sent = calls.map((c) => [c.corp, (c.body as { text: { content: string } }).text.content]);
    expect(sent).toEqual(expect.arrayContaining([[CORP_A, answerOf(CORP_A)], [CORP_B, answerOf(CORP_B)]]));
    for (const corp of [CORP_A, CORP_B]) {
      const outbox = await conversation(corp).outbox();
      expect(outbox.map((o) => [o.status, o.text])).toEqual([['sent', answerOf(corp)]]);
    }
  });

  it('a refused token is replaced for its own corp only: no message is lost on either side', async ({ expect }) => {
    const ownWrites = async () => {
      await sim.say({ open_kfid: OWN_KF, external_userid: 'wmOwnCustomer', text: ASK });
      await deliverSelf(await suiteSim.kfEvent(env.WECOM_CORP_ID, OWN_KF));
    };
    await ownWrites();
    await settle();
    // The own corp's token in use is refused from now on (42001) while both corps have a message to answer.
    await sim.expireToken();
    await customerWrites([CORP_B]);
    await ownWrites();
    await settle();

    const sent = await sendCalls();
    const delivered = sent.filter((c) => (c.answer as { errcode: number }).errcode === 0).map((c) => [c.corp ?? OWN_TENANT, (c.body as { touser: string }).touser]);
    expect(delivered).toEqual(expect.arrayContaining([[CORP_B, USER], [OWN_TENANT, 'wmOwnCustomer']]));
    expect(delivered).toHaveLength(3);
    // The refused calls (the own corp's first pull or send after the expiry) carried the own corp's token, never B's.
    const refused = (await sim.calls()).items.filter((c) => (c.answer as { errcode?: number } | undefined)?.errcode === 42001);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c) => c.corp === undefined)).toBe(true);
  });
});

describe('cancel_auth', () => {
  it('stops the corp’s pending sends and pulls; its data stays until retention removes it', async ({ expect }) => {
    // WeCom is busy: B's answer waits in its outbox for a retry.
    await sim.fault({ path: 'kf/send_msg', count: 5, kind: 'errcode', errcode: -1, errmsg: 'system busy' });
    await customerWrites([CORP_B]);
    await settle();
    const pending = await conversation(CORP_B).outbox();
    expect(pending.map((o) => o.status)).toEqual(['pending']);
    await sim.clearFaults();

    await deliverSelf(await suiteSim.cancel(CORP_B));
    const before = (await sendCalls()).length;
    await fireAlarm(conversation(CORP_B));
    await settle();
    expect((await sendCalls()).length).toBe(before);
    expect((await conversation(CORP_B).outbox()).map((o) => o.status)).toEqual(['pending']);
    // No new callback of B is taken, and what it stored is still its own.
    const again = await suiteSim.kfEvent(CORP_B, KF);
    expect((await SELF.fetch(`http://edge.test${again.path_and_query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: again.body })).status).toBe(403);
    expect(await getCustomer(tenantDb(scoped(CORP_B)), USER)).not.toBeNull();
  });

  it('retention runs per corp, for a cancelled corp too', async ({ expect }) => {
    await putVersion(scoped(CORP_B), { ...configOf(CORP_B), retention: { conversation_days: 30 } }, by);
    await releaseVersion(scoped(CORP_B), { version: 2, stage: 'full' });
    const old = Date.now() - 40 * 86_400_000;
    for (const tenant of [OWN_TENANT, CORP_B]) {
      await appendConversationEvents(tenantDb(scoped(tenant)), [{ id: `${KF}:${USER}:old`, at: old, open_kfid: KF, external_userid: USER, type: 'message_in' }]);
    }
    await deliverSelf(await suiteSim.cancel(CORP_B));
    const results = await scheduled({ scheduledTime: Date.now(), cron: '', noRetry: () => {} }, env);
    expect(results.get(OWN_TENANT)).toBeNull();
    expect(results.get(CORP_B)?.conversation_events.deleted).toBe(1);
    const left = async (tenant: Tenant) => (await listConversationEvents(tenantDb(scoped(tenant)), { from: 0, to: Date.now(), limit: 10 })).events.length;
    expect(await left(OWN_TENANT)).toBe(1);
    expect(await left(CORP_B)).toBe(0);
  });
});

describe('the admin API', () => {
  it('answers the own corp’s data only: another corp’s customers, config and release are not seen', async ({ expect }) => {
    await customerWrites([CORP_B]);
    await settle();
    await putVersion(scoped(CORP_B), { welcome: { text: 'B 的第二版' } }, by);

    const users = await api('GET', '/users');
    expect(users.headers.get('x-corp-id')).toBe(env.WECOM_CORP_ID);
    expect(users.body.items).toEqual([]);
    const versions = await api('GET', '/config/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await api('GET', '/config')).body).toEqual(configOf('own'));
    // B's own reads see B's.
    expect((await listCustomers(tenantDb(scoped(CORP_B)), { limit: 10 })).items.map((c) => c.external_userid)).toEqual([USER]);
    expect((await readReleaseState(scoped(CORP_B)))?.stable).toBe(1);
  });
});

describe('names and keys', () => {
  it('the own corp keeps its KV keys; another corp’s are under its prefix', async ({ expect }) => {
    expect(await env.KV.get(snapshotKey(1), 'json')).toMatchObject({ knowledge: [{ answer: answerOf('own') }] });
    expect(await env.KV.get(`corp:${CORP_B}:${snapshotKey(1)}`, 'json')).toMatchObject({ knowledge: [{ answer: answerOf(CORP_B) }] });
    // Through a corp's scoped KV, a list names its own keys only, without the prefix.
    const listed = (await scoped(CORP_B).KV.list({ prefix: 'config:' })).keys.map((k) => k.name);
    expect(listed).toEqual([snapshotKey(1)]);
  });

  it('an object refuses an RPC that names another tenant than the one it serves', async ({ expect }) => {
    const item = { msgid: 'm1', open_kfid: KF, external_userid: USER, send_time: 1_700_000_000, origin: 3, msgtype: 'text', text: { content: ASK } };
    const stub = conversation(CORP_A);
    await stub.ingest([item] as never, CORP_A);
    const refused = await stub.ingest([{ ...item, msgid: 'm2' }] as never, CORP_B).then(
      () => 'no refusal',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(refused).toMatch(/tenant "wwcorpa00000000001" was called for tenant "wwcorpb00000000002"/);
    expect((await stub.view()).events.map((e) => e.msgid)).toEqual(['m1']);
  });
});

describe('migration 0006', () => {
  it('keeps the rows written before it, as the own corp’s', async ({ expect }) => {
    await reset();
    forgetCachedConfigs();
    const all = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;
    await applyD1Migrations(env.DB, all.filter((m) => m.name < '0006'));
    await env.DB.batch([
      env.DB.prepare("INSERT INTO config_versions (version, document, created_at, created_by) VALUES (1, '{}', 1, 'old')"),
      env.DB.prepare(`INSERT INTO release_state (id, stable, stage, percent, internal, salt, updated_at) VALUES (1, 1, 'none', 0, '{"ids":[],"tags":[]}', 's', 1)`),
      env.DB.prepare("INSERT INTO customers (external_userid, open_kfid, created_at) VALUES ('wmOld', 'wkOld', 1)"),
      env.DB.prepare("INSERT INTO customer_tags (external_userid, tag, source, added_at) VALUES ('wmOld', 'VIP', 'manual', 1)"),
      env.DB.prepare("INSERT INTO conversation_events (id, at, open_kfid, external_userid, type) VALUES ('e1', 5, 'wkOld', 'wmOld', 'message_in')"),
    ]);
    await applyD1Migrations(env.DB, all);

    const own = tenantDb(scoped(OWN_TENANT));
    expect(await getCustomer(own, 'wmOld')).toMatchObject({ open_kfid: 'wkOld', tags: ['VIP'] });
    expect((await readReleaseState(scoped(OWN_TENANT)))?.stable).toBe(1);
    expect((await listConversationEvents(own, { from: 0, to: 10, limit: 10 })).events.map((e) => e.id)).toEqual(['e1']);
    expect(await getCustomer(tenantDb(scoped(CORP_A)), 'wmOld')).toBeNull();
    // The next version of the own corp follows the old one; another corp starts at 1.
    expect(await putVersion(scoped(OWN_TENANT), {}, by)).toMatchObject({ ok: true, version: 2 });
    expect(await putVersion(scoped(CORP_A), {}, by)).toMatchObject({ ok: true, version: 1 });
  });
});
