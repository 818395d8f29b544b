import { env, reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverAndSettle, resetSim, sim } from './support';
import { api, migrate } from './support/admin';

/**
 * Shadow release: a candidate decides every turn silently beside stable; the
 * customer only ever hears stable, the comparison shows both sides and where they differ, and the
 * service figures never count what was not sent.
 */

const KF = 'wkShadowShop00001';
const PRICE_V1 = '标准版 99 元/月。';
const PRICE_V2 = '标准版现价 89 元/月。';
const SHIPPING = '下单后 48 小时内发货。';
const INVOICE = '可在订单页申请电子发票。';
const FALLBACK = '抱歉，我没有理解您的问题。';

const v1 = {
  knowledge: [
    { id: 'price', questions: ['价格', '多少钱'], answer: PRICE_V1 },
    { id: 'shipping', questions: ['什么时候发货'], answer: SHIPPING },
  ],
  fallback: { reply: FALLBACK, escalate_after_seconds: 300 },
  bot: { merge_window_ms: 1000 },
};
// The candidate: a new price answer and a new entry for invoices.
const v2 = {
  ...v1,
  knowledge: [{ id: 'price', questions: ['价格', '多少钱'], answer: PRICE_V2 }, v1.knowledge[1], { id: 'invoice', questions: ['开发票', '发票怎么开'], answer: INVOICE }],
};

const say = async (user: string, text: string) => deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }));
const texts = async (user: string) => (await sim.sent({ external_userid: user })).map((m) => m.content);
const view = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`)).view();
// Alarms fired ahead of time (the merge window) stamp decisions a little in the future: read up to an hour ahead.
const ahead = () => `?to=${Date.now() + 3_600_000}`;

beforeEach(async () => {
  await reset();
  await migrate();
  await resetSim({ accounts: [{ open_kfid: KF }] });
  expect((await api('PUT', '/config', { body: v1 })).body).toEqual({ version: 1 });
  expect((await api('PUT', '/config', { body: v2 })).body).toEqual({ version: 2 });
  expect((await api('POST', '/release', { body: { version: 2, stage: 'shadow' } })).body).toMatchObject({ stable: 1, candidate: 2, stage: 'shadow' });
});

describe('a candidate in shadow', () => {
  it('decides silently: customers hear only stable, compare shows both sides and the differing turns, metrics only stable', async () => {
    await say('wmShadowPrice', '多少钱');
    await say('wmShadowShip', '什么时候发货');
    await say('wmShadowInvoice', '开发票');

    // What customers received is stable's, word for word; nothing of the candidate went out.
    expect(await texts('wmShadowPrice')).toEqual([PRICE_V1]);
    expect(await texts('wmShadowShip')).toEqual([SHIPPING]);
    expect(await texts('wmShadowInvoice')).toEqual([FALLBACK]);
    const everything = (await sim.sent()).map((m) => m.content);
    expect(everything).not.toContain(PRICE_V2);
    expect(everything).not.toContain(INVOICE);

    // The timeline keeps the candidate's decision beside stable's.
    const shadow = (await view('wmShadowInvoice')).events.find((e) => e.type === 'shadow');
    expect(shadow).toMatchObject({
      stable_version: 1,
      candidate_version: 2,
      same: false,
      stable: { answered: false, fallback: true, replies: [FALLBACK] },
      candidate: { answered: true, fallback: false, replies: [INVOICE] },
    });

    const compare = await api('GET', `/release/compare${ahead()}`);
    expect(compare.status).toBe(200);
    expect(compare.body.variants.stable).toMatchObject({ conversations: 3, botTurns: 3, answered: 2, fallbacks: 1, answerRate: 2 / 3 });
    expect(compare.body.variants.shadow).toMatchObject({ conversations: 3, botTurns: 3, answered: 3, fallbacks: 0, answerRate: 1, handoffs: 0 });
    expect(compare.body.differences).toMatchObject({ compared: 3, count: 2 });
    // Newest first: the invoice turn, then the price turn.
    expect(compare.body.differences.sample).toEqual([
      expect.objectContaining({ conversation: `${KF}:wmShadowInvoice`, stable: expect.objectContaining({ replies: [FALLBACK] }), candidate: expect.objectContaining({ replies: [INVOICE] }) }),
      expect.objectContaining({ conversation: `${KF}:wmShadowPrice`, stable: expect.objectContaining({ replies: [PRICE_V1] }), candidate: expect.objectContaining({ replies: [PRICE_V2] }) }),
    ]);

    // The service figures are what customers experienced: the shadow rows are left out.
    const metrics = await api('GET', `/metrics${ahead()}`);
    expect(metrics.body).toMatchObject({ conversations: 3, customerMessages: 3, answered: 2, fallbacks: 1 });
  });

  it("the candidate's handoff is compared too, and never happens to the customer", async () => {
    const v3 = { ...v2, handoff: { keywords: ['人工', '转人工', '投诉'] } };
    expect((await api('PUT', '/config', { body: v3 })).body).toEqual({ version: 3 });
    expect((await api('POST', '/release', { body: { version: 3, stage: 'shadow' } })).status).toBe(200);
    await say('wmShadowComplain', '我要投诉');

    expect(await texts('wmShadowComplain')).toEqual([FALLBACK]);
    expect((await sim.calls({ path: '/cgi-bin/kf/service_state/trans' })).items).toEqual([]);
    const compare = await api('GET', `/release/compare${ahead()}`);
    expect(compare.body.variants.shadow).toMatchObject({ conversations: 1, handoffs: 1, handoffReasons: [{ reason: 'keyword', count: 1 }] });
    expect(compare.body.variants.stable).toMatchObject({ conversations: 1, handoffs: 0, fallbacks: 1 });
    expect(compare.body.differences).toMatchObject({ compared: 1, count: 1, sample: [expect.objectContaining({ candidate: expect.objectContaining({ handoff: 'keyword' }) })] });
    expect((await api('GET', `/metrics${ahead()}`)).body).toMatchObject({ handoffs: 0, handoffReasons: [] });
  });

  it('after a rollback there is no candidate: nothing is compared and no shadow decision is made', async () => {
    expect((await api('POST', '/release/rollback')).status).toBe(200);
    await say('wmAfterRollback', '开发票');
    expect((await view('wmAfterRollback')).events.some((e) => e.type === 'shadow')).toBe(false);
    const compare = await api('GET', `/release/compare${ahead()}`);
    expect(Object.keys(compare.body.variants)).toEqual(['stable']);
    expect(compare.body.differences).toEqual({ compared: 0, count: 0, sample: [] });
  });
});
