import { env, reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverAndSettle, fireAlarm, resetSim, sim } from './support';
import { api, migrate, tokenFor } from './support/admin';

/**
 * Delivery under network trouble ("网络中断：缓存未发送消息，网络恢复后重试"):
 * retries stop at the configured age, what was given up on is listed through the admin API, and
 * WeCom's msg_send_fail (accepted, then not delivered) is reconciled into the same list.
 */

const KF = 'wkDeliveryShop001';
const PRICE = '标准版 99 元/月。';
const config = (bot: Record<string, unknown> = {}) => ({
  knowledge: [{ id: 'price', questions: ['价格', '多少钱'], answer: PRICE }],
  bot: { merge_window_ms: 1000, ...bot },
});

const conversation = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`));
const say = async (user: string, text: string) => deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }));
// Alarms fired ahead of time stamp events a little in the future: read up to a day ahead.
const ahead = () => `to=${Date.now() + 86_400_000}`;

beforeEach(async () => {
  await reset();
  await migrate();
  await resetSim({ accounts: [{ open_kfid: KF }] });
});

describe('bot.max_delivery_age_seconds', () => {
  it('a reply WeCom keeps failing is retried with backoff until the configured age, then given up and listed', async () => {
    expect((await api('PUT', '/config', { body: config({ max_delivery_age_seconds: 60 }) })).status).toBe(200);
    await sim.fault({ path: 'kf/send_msg', kind: 'http', status: 503, count: 1000 });
    expect(await say('wmFlaky', '多少钱')).toEqual([]);

    const c = conversation('wmFlaky');
    const [pending] = await c.outbox();
    expect(pending).toMatchObject({ status: 'pending', text: PRICE, last_errcode: -1 });
    expect(pending!.expires_at! - pending!.created_at).toBe(60_000);
    // Time passes retry by retry (each alarm stands for its own time) until the age is reached.
    for (let i = 0; i < 20 && (await c.outbox()).some((o) => o.status === 'pending'); i++) await fireAlarm(c);
    const [given] = await c.outbox();
    expect(given).toMatchObject({ status: 'failed', text: PRICE });
    // Tries at 0, 1.5, 4.5, 10.5, 22.5 and 46.5 s (the test clock's backoffs: 1.5, 3, 6, 12, 24 s);
    // the next, 48 s later, would be past the 60 s.
    expect(given!.attempts).toBe(6);
    expect((await sim.calls({ path: 'kf/send_msg' })).items).toHaveLength(6);
    expect(await sim.sent()).toEqual([]);

    const outbox = await api('GET', `/conversations/${KF}/wmFlaky/outbox`);
    expect(outbox.status).toBe(200);
    expect(outbox.body.items).toEqual([expect.objectContaining({ msgid: given!.msgid, status: 'failed', purpose: 'reply', last_errmsg: expect.any(String) })]);

    const failed = await api('GET', `/deliveries/failed?${ahead()}`);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ truncated: false });
    expect(failed.body.items).toEqual([
      expect.objectContaining({ open_kfid: KF, external_userid: 'wmFlaky', msgid: given!.msgid, purpose: 'reply', text: PRICE, reason: 'expired', fail_type: null }),
    ]);
  });

  it('by default a reply is retried for the platform’s 48-hour window', async () => {
    expect((await api('PUT', '/config', { body: config() })).status).toBe(200);
    await sim.fault({ path: 'kf/send_msg', kind: 'http', status: 503, count: 1 });
    await say('wmPatient', '多少钱');
    const [item] = await conversation('wmPatient').outbox();
    expect(item!.expires_at! - item!.created_at).toBe(48 * 3600 * 1000);
  });
});

describe('msg_send_fail', () => {
  it('a message WeCom accepted and then could not deliver is marked failed, put on the timeline and listed', async () => {
    expect((await api('PUT', '/config', { body: config() })).status).toBe(200);
    const [reply] = await say('wmDropped', '多少钱');
    expect(reply).toMatchObject({ content: PRICE });
    expect((await conversation('wmDropped').outbox())[0]).toMatchObject({ status: 'sent' });

    await deliverAndSettle(await sim.sendFail({ open_kfid: KF, external_userid: 'wmDropped', fail_msgid: reply!.msgid, fail_type: 10 }));

    expect(await conversation('wmDropped').outbox()).toEqual([expect.objectContaining({ msgid: reply!.msgid, status: 'failed', last_errcode: 10 })]);
    const timeline = (await conversation('wmDropped').view()).events;
    expect(timeline.find((e) => e.type === 'msg_send_fail')).toMatchObject({ fail_msgid: reply!.msgid, fail_type: 10 });
    expect(timeline.find((e) => e.type === 'delivery_failed')).toMatchObject({ msgid: reply!.msgid, reason: 'msg_send_fail', fail_type: 10, text: PRICE });

    const viewer = await tokenFor('viewer');
    const failed = await api('GET', `/deliveries/failed?open_kfid=${KF}&${ahead()}`, { token: viewer.token });
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([expect.objectContaining({ external_userid: 'wmDropped', msgid: reply!.msgid, reason: 'msg_send_fail', fail_type: 10, purpose: 'reply', text: PRICE })]);
    // Another kf account's list does not have it.
    expect((await api('GET', `/deliveries/failed?open_kfid=wkSomeoneElse01&${ahead()}`)).body.items).toEqual([]);
  });

  it('the simulator only reports failures of messages it delivered', async () => {
    await expect(sim.sendFail({ open_kfid: KF, external_userid: 'wmNobody', fail_msgid: 'never-sent', fail_type: 0 })).rejects.toThrow(/404/);
  });
});

describe('GET /admin/api/deliveries/failed', () => {
  it('refuses a bad range and a missing token, and answers an empty list when nothing failed', async () => {
    expect((await api('GET', '/deliveries/failed?from=yesterday')).status).toBe(400);
    expect((await api('GET', '/deliveries/failed?from=10&to=5')).status).toBe(400);
    expect((await api('GET', '/deliveries/failed?limit=100000')).status).toBe(400);
    expect((await api('GET', '/deliveries/failed', { token: null })).status).toBe(401);
    expect((await api('GET', '/deliveries/failed')).body).toMatchObject({ items: [], truncated: false });
    expect((await api('GET', `/conversations/${KF}/bad%20id/outbox`)).status).toBe(400);
  });
});
