import { env, listDurableObjectIds, reset, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NlpAdapter } from '../../src/engine/nlp';
import { BREAKER } from '../../src/engine/breaker';
import type { Conversation } from '../../src/objects/conversation';
import { deliverAndSettle, fireAlarm, resetSim, sim } from './support';
import { api, migrate, tokenFor } from './support/admin';

/**
 * Failover: when the bot pipeline keeps failing for a kf account, its circuit breaker (a Breaker
 * object per account, mirrored to KV) sends new customer turns straight to people, offering
 * the link's backup kf account, until a probe after the cool-down succeeds. /healthz and the
 * admin API show it. The failures are realistic: the NLP adapter (the outside world, replaced
 * here by a fake adapter object) down, and a released config version missing from storage.
 */

const KF = 'wkBreakerShop0001';
const KF_BACKUP = 'wkBreakerBackup01';
const FALLBACK = '抱歉，我没有理解您的问题。';
const NOTICE = '正在为您转接人工客服，请稍候。';
const PRICE = '标准版 99 元/月。';

const CONFIG = {
  links: [{ open_kfid: KF, name: '售前客服', max_concurrent_per_servicer: 50, backup_open_kfid: KF_BACKUP }],
  groups: [{ id: 'front', name: '前台', servicers: ['zhangsan'] }],
  routing: [{ default: true, group: 'front' }],
  intents: [{ name: 'refund', patterns: ['退(货|款)'], answer: '七天无理由退货。' }],
  knowledge: [{ id: 'price', questions: ['价格', '多少钱'], answer: PRICE }],
  fallback: { reply: FALLBACK, escalate_after_seconds: 300 },
  handoff: { keywords: ['转人工'], message: NOTICE },
  bot: { merge_window_ms: 1000, nlp: { enabled: true, timeout_ms: 2000 } },
};

const conversation = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`));
const breaker = () => env.BREAKER.get(env.BREAKER.idFromName(KF));
const say = async (user: string, text: string) => (await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }))).map((m) => m.content);
const events = async (user: string, type: string) => (await conversation(user).view()).events.filter((e) => e.type === type);
const transfers = async (user: string) =>
  (await sim.calls({ path: '/cgi-bin/kf/service_state/trans' })).items.filter((c) => (c.body as { external_userid?: string }).external_userid === user).map((c) => c.body);
const healthz = async () => (await (await SELF.fetch('http://edge.test/healthz')).json()) as { ok: boolean; breakers: { open: string[]; half_open: string[] } };

/** The customer's conversation asks this adapter instead of Workers AI. */
async function useNlp(user: string, adapter: NlpAdapter): Promise<void> {
  await runInDurableObject(conversation(user), (instance: Conversation) => {
    instance.nlpFor = () => adapter;
  });
}
const down: NlpAdapter = { classify: async () => Promise.reject(new TypeError('fetch failed: Workers AI unreachable')) };
const knowsRefunds: NlpAdapter = { classify: async () => ({ intent: 'refund', confidence: 0.9 }) };

beforeEach(async () => {
  await reset();
  await migrate();
  await resetSim({ accounts: [{ open_kfid: KF }, { open_kfid: KF_BACKUP }], servicers: [{ userid: 'zhangsan', open_kfids: [KF], on_duty: true }] });
  expect((await api('PUT', '/config', { body: CONFIG })).status).toBe(200);
});

describe('the NLP adapter', () => {
  it('answers what the intents and the knowledge base did not understand', async () => {
    await useNlp('wmNlpOk', knowsRefunds);
    expect(await say('wmNlpOk', '钱能拿回来吗')).toEqual(['七天无理由退货。']);
    expect(await events('wmNlpOk', 'answer')).toEqual([expect.objectContaining({ answers: [{ source: 'nlp', id: 'refund', confidence: 0.9 }] })]);
  });

  it('is not asked when the bot understood the message itself', async () => {
    let asked = 0;
    await useNlp('wmNlpUnasked', { classify: async () => (asked++, { intent: null, confidence: 0 }) });
    expect(await say('wmNlpUnasked', '多少钱')).toEqual([PRICE]);
    expect(asked).toBe(0);
  });
});

describe('the circuit breaker', () => {
  it('costs a bot turn no call to its object while it is closed: the KV copy answers', async () => {
    expect(await say('wmClosed', '多少钱')).toEqual([PRICE]);
    expect(await listDurableObjectIds(env.BREAKER)).toEqual([]);
  });

  it('opens after repeated NLP failures (each customer still gets the fallback), hands new turns to people with the backup link, and closes after the cool-down and a success', async () => {
    // Each failing turn still answers: an NLP outage never blocks the fallback reply.
    for (let i = 1; i <= BREAKER.failures; i++) {
      const user = `wmNlpDown0${i}`;
      await useNlp(user, down);
      expect(await say(user, '我家猫不吃饭怎么办')).toEqual([FALLBACK]);
      expect(await events(user, 'bot_failure')).toEqual([expect.objectContaining({ stage: 'nlp', cause: expect.stringContaining('Workers AI unreachable') })]);
      expect((await breaker().view()).status).toBe(i < BREAKER.failures ? 'closed' : 'open');
    }
    expect(await events(`wmNlpDown0${BREAKER.failures}`, 'breaker')).toEqual([expect.objectContaining({ status: 'open', action: 'opened', failures: BREAKER.failures })]);

    // Open: a question the bot could answer goes to a person, with the backup kf link in the notice.
    const backup = (await sim.calls({ path: '/cgi-bin/kf/add_contact_way' })).items;
    expect(backup).toEqual([]);
    const received = await say('wmWhileOpen', '多少钱');
    const [contactWay] = (await sim.calls({ path: '/cgi-bin/kf/add_contact_way' })).items;
    expect(contactWay?.body).toEqual({ open_kfid: KF_BACKUP });
    const url = (contactWay?.answer as { url: string }).url;
    expect(received).toEqual([`${NOTICE}\n您也可以通过备用客服联系我们：${url}`]);
    expect(await transfers('wmWhileOpen')).toEqual([expect.objectContaining({ service_state: 3, servicer_userid: 'zhangsan' })]);
    expect(await events('wmWhileOpen', 'handoff')).toEqual([expect.objectContaining({ reason: 'breaker', servicer: 'zhangsan' })]);
    expect(await events('wmWhileOpen', 'breaker')).toEqual([expect.objectContaining({ status: 'open', action: 'handed_over' })]);
    expect(await events('wmWhileOpen', 'answer')).toEqual([]);
    // The backup link is asked of WeCom once, then cached.
    await say('wmWhileOpen2', '多少钱');
    expect((await sim.calls({ path: '/cgi-bin/kf/add_contact_way' })).items).toHaveLength(1);

    // Seen from outside: /healthz (the Worker itself stays ok) and the admin API.
    expect(await healthz()).toMatchObject({ ok: true, breakers: { open: [KF], half_open: [] } });
    const viewer = await tokenFor('viewer');
    const seen = await api('GET', `/reception/${KF}`, { token: viewer.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ open_kfid: KF, breaker: { status: 'open', retry_at: expect.any(Number) }, servicers: [{ servicer: 'zhangsan', load: 2 }] });
    expect(seen.body.breaker.failures).toHaveLength(BREAKER.failures);
    expect(seen.body.breaker.failures[0].cause).toContain('nlp: TypeError: fetch failed');

    // The cool-down passes (the alarm stands for the time): half-open, one probe at a time.
    expect(await fireAlarm(breaker())).toBe(true);
    expect(await healthz()).toMatchObject({ breakers: { open: [], half_open: [KF] } });
    // The probe: the adapter works again and the bot answers; the breaker closes.
    await useNlp('wmProbe', knowsRefunds);
    expect(await say('wmProbe', '钱能拿回来吗')).toEqual(['七天无理由退货。']);
    expect(await events('wmProbe', 'breaker')).toEqual([expect.objectContaining({ status: 'closed', action: 'closed' })]);
    expect((await breaker().view()).status).toBe('closed');
    expect(await healthz()).toMatchObject({ breakers: { open: [], half_open: [] } });
    expect(await say('wmAfter', '多少钱')).toEqual([PRICE]);
  });

  it('a failing probe opens it again for another cool-down', async () => {
    for (let i = 1; i <= BREAKER.failures; i++) {
      await useNlp(`wmFail0${i}`, down);
      await say(`wmFail0${i}`, '我家猫不吃饭怎么办');
    }
    expect(await fireAlarm(breaker())).toBe(true);
    await useNlp('wmBadProbe', down);
    expect(await say('wmBadProbe', '今天天气怎么样')).toEqual([FALLBACK]);
    expect(await breaker().view()).toMatchObject({ status: 'open' });
    expect(await healthz()).toMatchObject({ breakers: { open: [KF] } });
  });

  it('a released config version missing from storage: customers go to people at once, and repeated failures open the breaker', async () => {
    // A full release clears every cached release state; then the release points at a version that was never stored.
    expect((await api('POST', '/release', { body: { version: 1, stage: 'full' } })).status).toBe(200);
    await env.DB.prepare('UPDATE release_state SET stable = 99').run();

    for (let i = 1; i <= BREAKER.failures; i++) {
      const user = `wmBroken0${i}`;
      const received = await say(user, '多少钱');
      // No config at all: the built-in notice, and WeCom's pool (no routing to go by).
      expect(received).toEqual(['正在为您转接人工客服，请稍候。']);
      expect(await transfers(user)).toEqual([expect.objectContaining({ service_state: 2 })]);
      expect(await events(user, 'handoff')).toEqual([expect.objectContaining({ reason: 'bot_error' })]);
      expect(await events(user, 'bot_failure')).toEqual([expect.objectContaining({ stage: 'config', cause: expect.stringContaining('config version 99 is released but not stored') })]);
    }
    expect(await breaker().view()).toMatchObject({ status: 'open' });
    await say('wmBrokenOpen', '多少钱');
    expect(await events('wmBrokenOpen', 'handoff')).toEqual([expect.objectContaining({ reason: 'breaker' })]);

    // Fixed by releasing a stored version; after the cool-down the first turn closes the breaker.
    expect((await api('POST', '/release', { body: { version: 1, stage: 'full' } })).status).toBe(200);
    expect(await fireAlarm(breaker())).toBe(true);
    expect(await say('wmFixed', '多少钱')).toEqual([PRICE]);
    expect(await breaker().view()).toMatchObject({ status: 'closed', failures: [] });
  });

  it('GET /admin/api/reception/:open_kfid: a bad id is 400, no token 401', async () => {
    expect((await api('GET', '/reception/not%20an%20id')).status).toBe(400);
    expect((await api('GET', `/reception/${KF}`, { token: null })).status).toBe(401);
    expect((await api('GET', `/reception/${KF}`)).body).toMatchObject({ open_kfid: KF, breaker: { status: 'closed', failures: [] }, queue: [] });
  });
});
