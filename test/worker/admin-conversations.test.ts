import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, migrate, resetStorage } from './support/admin';
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

  it('a conversation that never happened is new and empty', async () => {
    const r = await api('GET', `/conversations/${OPEN_KFID}/wmNobody`);
    expect(r.body).toMatchObject({ state: 'new', events: [] });
  });

  it('refuses ids that cannot be WeCom ids', async () => {
    expect((await api('GET', `/conversations/${OPEN_KFID}/wm%20x`)).status).toBe(400);
    expect((await api('GET', `/conversations/${OPEN_KFID}/wmConv1`, { token: null })).status).toBe(401);
  });
});
