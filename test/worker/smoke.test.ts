import { SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { deliverAndSettle, resetSim, sim } from './support';
import { api } from './support/admin';
import { freshSystem } from './support/fresh';

/**
 * The shortest proof that the deployed shape works: the Worker answers its health check with
 * the version it was built as, and a customer's question goes WeCom → callback → Inbox →
 * Conversation → engine → WeCom and comes back answered, once.
 */

const KF = 'wkSmokeTest00001';

beforeEach(async () => {
  await freshSystem();
  await resetSim();
});

describe('smoke', () => {
  it('/healthz answers 200 with the package version and no kf account failing over', async () => {
    const r = await SELF.fetch('http://edge.test/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, version: pkg.version, breakers: { open: [], half_open: [] } });
  });

  it('a customer’s question is answered from the stored config, exactly once', async () => {
    const put = await api('PUT', '/config', { body: { knowledge: [{ id: 'hours', questions: ['几点开门'], answer: '每天 9 点开门。' }] } });
    expect(put.status).toBe(200);
    const sent = await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: 'wmSmoke', text: '几点开门' }));
    expect(sent.map((m) => [m.open_kfid, m.external_userid, m.content])).toEqual([[KF, 'wmSmoke', '每天 9 点开门。']]);
  });
});
