import { env } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { conversationKey, conversationStub } from '../../src/objects/conversation/address';
import { corpWecomApi } from '../../src/objects/corp-api';
import { putVersion } from '../../src/storage/config-store';
import { tenantEnv } from '../../src/storage/tenant';
import { settle } from '../worker/support/drive';
import { sim } from '../worker/support/sim';
import { CORP_A, CORP_B, deliverSelf, freshCorps } from '../worker/support/suite';

/**
 * The simulator's kf accounts belong to a corp, as on WeCom: a corp's token reaches its own
 * accounts only (another corp's open_kfid is unknown to it, 95004), and a corp's callback pulls
 * only what was written to its accounts.
 */

const KF_A = 'wkAccountOfCorpA';
const KF_B = 'wkAccountOfCorpB';


beforeEach(async () => {
  await freshCorps([CORP_A, CORP_B]);
  for (const corp of [CORP_A, CORP_B]) {
    const put = await putVersion(tenantEnv(env, corp), { knowledge: [{ id: 'hi', questions: ['你好'], answer: `${corp}：您好` }] }, { createdBy: 'test' });
    if (!put.ok) throw new Error('config refused');
  }
});

describe('kf accounts per corp in the simulator', () => {
  it("corp B's token cannot send through corp A's account (95004); A's token can", async ({ expect }) => {
    await sim.say({ corp: CORP_A, open_kfid: KF_A, external_userid: 'wmCustomerOfA', text: '在吗' });
    const send = { touser: 'wmCustomerOfA', open_kfid: KF_A, msgtype: 'text' as const, text: { content: '在的' } };

    await expect(corpWecomApi(tenantEnv(env, CORP_B)).sendMsg(send)).rejects.toMatchObject({ errcode: 95004 });
    // The refusal names no account of B's either: B's account list is its own (empty).
    expect((await corpWecomApi(tenantEnv(env, CORP_B)).accountList()).account_list).toEqual([]);
    expect((await sim.sent({ corp: CORP_A })).map((m) => m.content)).toEqual([]);

    await corpWecomApi(tenantEnv(env, CORP_A)).sendMsg(send);
    expect((await sim.sent({ corp: CORP_A })).map((m) => [m.open_kfid, m.content])).toEqual([[KF_A, '在的']]);
    // The own corp's world never saw either.
    expect(await sim.sent()).toEqual([]);
  });

  it("a callback for B pulls only B's messages, even where A has an account with the same open_kfid", async ({ expect }) => {
    for (const [corp, kf] of [[CORP_A, KF_A], [CORP_A, KF_B], [CORP_B, KF_B]] as const) {
      await sim.say({ corp, open_kfid: kf, external_userid: `wm${corp}`, text: '你好' });
    }
    const forB = await sim.say({ corp: CORP_B, open_kfid: KF_B, external_userid: `wm${CORP_B}`, text: '还在吗' });
    await deliverSelf(forB.callback);
    await settle();

    const pulls = (await sim.calls({ path: 'kf/sync_msg' })).items;
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.every((c) => c.corp === CORP_B)).toBe(true);
    const pulled = pulls.flatMap((c) => (c.answer as { msg_list: { external_userid?: string; open_kfid: string }[] }).msg_list);
    expect(pulled.map((m) => [m.open_kfid, m.external_userid])).toEqual([
      [KF_B, `wm${CORP_B}`],
      [KF_B, `wm${CORP_B}`],
    ]);
    // B answered its customer; A's customer on the same open_kfid got nothing.
    expect((await sim.sent({ corp: CORP_B })).map((m) => [m.external_userid, m.content])).toEqual([[`wm${CORP_B}`, `${CORP_B}：您好`]]);
    expect(await sim.sent({ corp: CORP_A })).toEqual([]);
    expect((await conversationStub(tenantEnv(env, CORP_A), conversationKey(KF_B, `wm${CORP_A}`)).view()).open_kfid).toBeNull();
  });

  it('control actions refuse a corp the suite does not have, and routes that are no corp’s', async ({ expect }) => {
    await expect(sim.say({ corp: 'wwnosuchcorp00001', open_kfid: KF_A, external_userid: 'wmX', text: 'hi' })).rejects.toThrow(/answered 404/);
    const r = await fetch('http://wecom.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 1, corp: CORP_A }) });
    expect(r.status).toBe(400);
  });
});
