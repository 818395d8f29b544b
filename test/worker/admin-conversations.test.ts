import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, migrate, resetStorage, tokenFor } from './support/admin';
import { deliverAndSettle } from './support/drive';
import { sim } from './support/sim';

/** GET /admin/api/conversations/:open_kfid/:external_userid reads the conversation's Durable Object. */

beforeAll(migrate);
beforeEach(resetStorage);

const OPEN_KFID = 'wkAdminConvTest01';

describe('conversation reads', () => {
  it('answers the state and the timeline, with the customer message on it', async () => {
    await sim.reset({ accounts: [{ open_kfid: OPEN_KFID }] });
    await deliverAndSettle(await sim.say({ open_kfid: OPEN_KFID, external_userid: 'wmConv1', text: '你好，请问价格' }));
    const r = await api('GET', `/conversations/${OPEN_KFID}/wmConv1`);
    expect(r.status).toBe(200);
    expect(['new', 'bot', 'queued', 'human', 'closed']).toContain(r.body.state);
    expect(r.body).toHaveProperty('group');
    expect(r.body).toHaveProperty('servicer');
    expect(r.body).toHaveProperty('context');
    expect(r.body.events).toContainEqual(expect.objectContaining({ type: 'message_in', text: '你好，请问价格', msgid: expect.any(String), at: expect.any(Number) }));
  });

  it('a viewer reads the timeline and outbox with personal data masked and intercepted messages replaced; an operator as stored', async () => {
    await sim.reset({ accounts: [{ open_kfid: OPEN_KFID }] });
    await api('PUT', '/config', { body: { sensitive_words: { words: ['违禁词'], action: 'block' }, fallback: { reply: '请留下手机 13912345678 或邮箱 kefu@example.com' }, bot: { merge_window_ms: 0 } } });
    await deliverAndSettle(await sim.say({ open_kfid: OPEN_KFID, external_userid: 'wmPii', text: '我的手机13812345678，身份证110101199003074578，邮箱zhang.san@example.com，住人民路88号3栋2单元501室' }));
    await deliverAndSettle(await sim.say({ open_kfid: OPEN_KFID, external_userid: 'wmPii', text: '这是违禁词，电话13800001111' }));
    const viewer = await tokenFor('viewer');
    const seen = await api('GET', `/conversations/${OPEN_KFID}/wmPii`, { token: viewer.token });
    const texts = (seen.body.events as { type: string; text?: string }[]).filter((e) => e.type === 'message_in').map((e) => e.text);
    expect(texts).toEqual(['我的手机138****5678，身份证110101********4578，邮箱z***@example.com，住人民路***', '（已拦截）']);
    const json = JSON.stringify(seen.body) + JSON.stringify((await api('GET', `/conversations/${OPEN_KFID}/wmPii/outbox`, { token: viewer.token })).body);
    for (const secret of ['13812345678', '199003074578', 'zhang.san', '88号', '13800001111', '13912345678', 'kefu@']) expect(json).not.toContain(secret);
    const operator = await tokenFor('operator');
    const full = await api('GET', `/conversations/${OPEN_KFID}/wmPii`, { token: operator.token });
    expect(JSON.stringify(full.body)).toContain('13812345678');
  });

  it('a conversation that never happened is new and empty', async () => {
    const r = await api('GET', `/conversations/${OPEN_KFID}/wmNobody`);
    expect(r.body).toMatchObject({ state: 'new', events: [] });
  });

  it('refuses ids that cannot be WeCom ids', async () => {
    expect((await api('GET', `/conversations/${OPEN_KFID}/wm%20x`)).status).toBe(400);
    expect((await api('GET', `/conversations/${OPEN_KFID}/wmConv1`, { token: null })).status).toBe(401);
  });
});
