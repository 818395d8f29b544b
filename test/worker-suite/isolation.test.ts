import { env } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { corpApi, type Caller } from '../worker/support/corp-signin';
import { settle } from '../worker/support/drive';
import { sim } from '../worker/support/sim';
import { CORP_A, CORP_B, deliverSelf, freshCorps } from '../worker/support/suite';

/**
 * Isolation end to end, through the admin API as callers meet it: corp A's and corp B's own tokens
 * (made by the provider admin), B's customer writing in through B's callbacks. Neither corp's token
 * reads or changes the other's config, customers, conversations, metrics or audit log.
 */

const KF = 'wkSharedAccount1';
const USER = 'wmIsolatedCustomer';
const ASK = '你好';
const configOf = (corp: string) => ({ knowledge: [{ id: 'greeting', questions: [ASK], answer: `您好，这里是${corp}的客服。` }] });

async function tokenFor(corp: string): Promise<Caller> {
  const made = await corpApi('POST', '/tokens', {}, { name: `${corp}-admin`, role: 'admin', corp_id: corp });
  if (made.status !== 201) throw new Error(`POST /tokens answered ${made.status}: ${JSON.stringify(made.body)}`);
  return { token: made.body.token as string };
}

let a: Caller;
let b: Caller;

beforeEach(async () => {
  await freshCorps();
  a = await tokenFor(CORP_A);
  b = await tokenFor(CORP_B);
  for (const [who, corp] of [[a, CORP_A], [b, CORP_B]] as const) {
    const put = await corpApi('PUT', '/config', who, configOf(corp));
    if (put.status !== 200) throw new Error(`PUT /config answered ${put.status}: ${JSON.stringify(put.body)}`);
  }
  await deliverSelf((await sim.say({ corp: CORP_B, open_kfid: KF, external_userid: USER, text: ASK })).callback);
  await settle();
});

describe('corp A’s token and corp B’s data', () => {
  it('B’s token sees B’s customer, conversation, metrics and audit; A’s token sees none of them', async ({ expect }) => {
    const users = async (who: Caller) => (await corpApi('GET', '/users', who)).body.items.map((u: { external_userid: string }) => u.external_userid);
    expect(await users(b)).toEqual([USER]);
    expect(await users(a)).toEqual([]);

    const convB = await corpApi('GET', `/conversations/${KF}/${USER}`, b);
    expect(convB.status).toBe(200);
    expect(JSON.stringify(convB.body)).toContain(CORP_B);
    const convA = await corpApi('GET', `/conversations/${KF}/${USER}`, a);
    expect(JSON.stringify(convA.body)).not.toContain(CORP_B);
    expect(JSON.stringify(convA.body)).not.toContain(ASK);

    expect((await corpApi('GET', '/metrics', b)).body.customerMessages).toBe(1);
    expect((await corpApi('GET', '/metrics', a)).body.customerMessages).toBe(0);

    const audit = async (who: Caller) => (await corpApi('GET', '/audit', who)).body.items.map((e: { method: string; path: string }) => `${e.method} ${e.path}`);
    expect(await audit(a)).toEqual(['PUT /admin/api/config']);
    expect(await audit(b)).toEqual(['PUT /admin/api/config']);
    expect((await corpApi('GET', '/config', a)).body).toEqual(configOf(CORP_A));
  });

  it('A’s token cannot change B’s config or customers, by naming B or by B’s ids', async ({ expect }) => {
    const named = await corpApi('PUT', '/config', { ...a, corp: CORP_B }, configOf('A 冒充 B'));
    expect([named.status, named.body.error?.code]).toEqual([403, 'corp_forbidden']);
    // B's customer id used with A's token names a customer of A's (if any): B's record is untouched.
    expect((await corpApi('POST', `/users/${USER}/tags`, a, { add: ['VIP'] })).status).toBeLessThan(500);
    expect((await corpApi('DELETE', `/users/${USER}`, a)).status).toBeLessThan(500);

    expect((await corpApi('GET', '/config', b)).body).toEqual(configOf(CORP_B));
    const customer = await corpApi('GET', `/users/${USER}`, b);
    expect(customer.status).toBe(200);
    expect(customer.body.tags).toEqual([]);
    expect((await corpApi('GET', `/conversations/${KF}/${USER}`, b)).body).toMatchObject({ external_userid: USER });
    // B's log holds its own write only.
    expect((await corpApi('GET', '/audit', b)).body.items).toHaveLength(1);
  });

  it('the provider admin reads B only when it names B', async ({ expect }) => {
    const own = await corpApi('GET', '/users');
    expect([own.headers.get('x-corp-id'), own.body.items]).toEqual([env.WECOM_CORP_ID, []]);
    const named = await corpApi('GET', '/users', { corp: CORP_B });
    expect(named.headers.get('x-corp-id')).toBe(CORP_B);
    expect(named.body.items.map((u: { external_userid: string }) => u.external_userid)).toEqual([USER]);
  });
});
