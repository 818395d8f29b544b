import { env, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmAt, deliver, fireAlarm, resetSim, settle, sim, TEST_CLOCK } from './support';

/**
 * The harness itself: the simulator answers the tests and the Worker from Node, a delivered
 * callback makes the Inbox pull with its Token, settle() drives only what is due.
 */

const KF = 'wkHarness0001';

describe('worker-test harness', () => {
  beforeEach(() => resetSim());

  it('the simulator plays WeCom for the tests and the Worker', async () => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmHarness1', texts: ['你好', '在吗'] });
    expect(action.items).toHaveLength(2);
    expect(action.callback.path_and_query).toMatch(/^\/wecom\/callback\?msg_signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+$/);
    await deliver(action);
    await settle();
    const pulls = (await sim.calls({ path: 'kf/sync_msg' })).items;
    // settle() pulls in each of its passes: the callback's messages, then (after the turn) a pull
    // from the new cursor that finds nothing more.
    expect(pulls).toHaveLength(2);
    expect(pulls[0]?.body).toMatchObject({ token: action.callback.token, open_kfid: KF });
    expect(pulls[1]?.body).toMatchObject({ cursor: (pulls[0]?.answer as { next_cursor: string }).next_cursor });
    expect(pulls.every((c) => (c.answer as { errcode: number }).errcode === 0)).toBe(true);
    const status = await env.INBOX.get(env.INBOX.idFromName(KF)).pullNow();
    expect(status).toMatchObject({ pending: false, lastError: null });
    expect(status.cursor).not.toBe('');
  });

  it('deliver() insists on 200 success', async () => {
    const action = await sim.say({ open_kfid: KF, external_userid: 'wmHarness2', text: 'hi' });
    await expect(deliver({ ...action.callback, body: action.callback.body.replace('<Encrypt><![CDATA[', '<Encrypt><![CDATA[x') })).rejects.toThrow(/not 200 "success"/);
  });

  it('workerd never runs an alarm by itself: the pull a callback asks for waits for the test', async () => {
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmHarness3', text: 'hi' }));
    const inbox = env.INBOX.get(env.INBOX.idFromName(KF));
    // Due at once; the system's clock would have run it within milliseconds.
    expect(await alarmAt(inbox)).toBeLessThanOrEqual(Date.now());
    await new Promise((r) => setTimeout(r, 300));
    expect((await sim.calls({ path: 'kf/sync_msg' })).items).toEqual([]);
    expect(await settle()).toBeGreaterThan(0);
    expect((await sim.calls({ path: 'kf/sync_msg' })).items).not.toEqual([]);
  });

  it('settle() leaves alarms that are far ahead alone; fireAlarm() runs them', async () => {
    const stub = env.INBOX.get(env.INBOX.idFromName('wkHarnessFar'));
    const far = Date.now() + 300_000;
    // Set as the objects set it under the test clock: held back, standing for `far`.
    await runInDurableObject(stub, (_inbox, state) => state.storage.setAlarm(far + TEST_CLOCK.holdAlarmsMs));
    await settle();
    expect(await alarmAt(stub)).toBe(far);
    expect(await fireAlarm(stub)).toBe(true);
    expect(await alarmAt(stub)).toBeNull();
  });
});
