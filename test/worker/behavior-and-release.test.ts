import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverAndSettle, resetSim, sim } from './support';
import { api } from './support/admin';
import { freshSystem } from './support/fresh';
import { LINK_PROOF_TTL_S, linkProofQuery } from '../../src/rules/link-proof';

/**
 * Behaviour tag rules on events from outside a conversation, and the gray release deciding what
 * each customer hears, end to end.
 */

const KF = 'wkReleaseShop0001';
const base = (fallback: string) => ({
  tag_rules: [
    { rule_name: '点击夏季活动', trigger_type: 'behavior', event: 'link_click', match: 'LINK_ID', action: 'add_tag', tag_name: '活动兴趣' },
    { rule_name: '参加夏季促销', trigger_type: 'behavior', event: 'campaign_join', match: 'summer_sale', action: 'add_tag', tag_name: '夏季促销' },
  ],
  fallback: { reply: fallback, escalate_after_seconds: 300 },
  bot: { merge_window_ms: 0 },
});

const say = async (user: string, text: string) => deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }));
const lastText = async (user: string) => (await sim.sent({ external_userid: user })).at(-1)?.content;
const tagsOf = async (user: string) => (await api('GET', `/users/${user}`)).body.tags as string[];

beforeEach(async () => {
  await freshSystem();
  await resetSim({ accounts: [{ open_kfid: KF }] });
});

describe('behaviour tag rules', () => {
  it('a campaign join posted by another system tags the customer, once, with provenance', async () => {
    expect((await api('PUT', '/config', { body: base('v1') })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await api('POST', '/events', { body: { id: 'join-1', external_userid: 'wmCampaign01', type: 'campaign_join', ref: 'summer_sale' } });
      expect(r.status).toBe(201);
    }
    const profile = (await api('GET', '/users/wmCampaign01')).body;
    expect(profile.tags).toEqual(['夏季促销']);
    expect(profile.tag_details[0]).toMatchObject({ tag: '夏季促销', source: 'behavior', source_ref: '参加夏季促销' });
  });

  it('a link the bot sent carries the customer’s proof: its click tags them once a day; a forged, tampered or expired one only redirects', async () => {
    const link = await api('POST', '/links', { body: { url: 'https://shop.example/summer', name: '夏季活动页' } });
    expect(link.status).toBe(201);
    const doc = base('v1');
    doc.tag_rules[0]!.match = link.body.id;
    const withAnswer = { ...doc, intents: [{ name: 'summer', keywords: ['夏季活动'], answer: `活动详情 https://edge.test/l/${link.body.id} 欢迎参加。假链接 https://edge.test/l/NotALink1 不动。` }] };
    expect((await api('PUT', '/config', { body: withAnswer })).status).toBe(200);

    await say('wmClicker01', '夏季活动有什么');
    const sent = (await lastText('wmClicker01'))!;
    const signed = /https:\/\/edge\.test\/l\/\w+\?\S+/.exec(sent)![0];
    expect(signed).toMatch(new RegExp(`/l/${link.body.id}\\?u=wmClicker01&e=\\d+&s=[\\w-]{22}$`));
    expect(sent).toContain('https://edge.test/l/NotALink1 不动');
    const clicks = async () => (await env.DB.prepare("SELECT count(*) AS n FROM behavior_events WHERE type = 'link_click'").first<{ n: number }>())!.n;

    // Forged: a bare ?u=, another customer's id under the proof, a changed expiry, a proof for another link.
    const path = new URL(signed);
    const forged = [
      `/l/${link.body.id}?u=wmClicker02`,
      `/l/${link.body.id}?${path.search.slice(1).replace('wmClicker01', 'wmClicker02')}`,
      `/l/${link.body.id}?${path.search.slice(1).replace(/e=(\d+)/, (_, e: string) => `e=${Number(e) + 1}`)}`,
      `/l/${link.body.id}?${linkProofQuery(env.WECOM_ENCODING_AES_KEY, link.body.id, 'wmClicker01', Date.now() - (LINK_PROOF_TTL_S + 1) * 1000)}`,
      `/l/${link.body.id}?s=%00&e=-1&u=`,
    ];
    for (const p of forged) {
      const r = await SELF.fetch(`http://edge.test${p}`, { redirect: 'manual' });
      expect(r.status, p).toBe(302);
      expect(r.headers.get('location')).toBe('https://shop.example/summer');
    }
    expect(await clicks()).toBe(0);
    expect((await api('GET', '/users/wmClicker02')).status).toBe(404);

    // The link as the bot sent it: credited once however often it is clicked that day.
    for (let i = 0; i < 3; i++) expect((await SELF.fetch(signed, { redirect: 'manual' })).status).toBe(302);
    expect(await tagsOf('wmClicker01')).toEqual(['活动兴趣']);
    expect(await clicks()).toBe(1);
  });

  it('strangers cannot create rows: 30 invented customer ids on a real link credit nothing', async () => {
    const link = await api('POST', '/links', { body: { url: 'https://shop.example/summer', name: '夏季活动页' } });
    for (let i = 0; i < 30; i++) await SELF.fetch(`http://edge.test/l/${link.body.id}?u=wmInvented${i}&e=9999999999&s=${'A'.repeat(22)}`, { redirect: 'manual' });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM behavior_events').first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM customers').first<{ n: number }>())!.n).toBe(0);
  });
});

describe('gray release: internal → percent → full, and rollback', () => {
  it('decides each customer’s next message by their side of the release', async () => {
    expect((await api('PUT', '/config', { body: base('我是稳定版') })).body.version).toBe(1);
    expect((await api('PUT', '/config', { body: base('我是候选版') })).body.version).toBe(2);

    // Stored is not live: everyone still hears v1.
    await say('wmStaff01', '？？');
    expect(await lastText('wmStaff01')).toBe('我是稳定版');

    // Internal stage: staff (by id, or by the 内部员工 tag) get the candidate, customers do not.
    await api('POST', '/users/wmStaff02/tags', { body: { add: ['内部员工'] } });
    const internal = await api('POST', '/release', { body: { version: 2, stage: 'internal', internal: { ids: ['wmStaff01'], tags: ['内部员工'] } } });
    expect(internal.status).toBe(200);
    await say('wmStaff01', '？？');
    await say('wmStaff02', '？？');
    await say('wmCustomer01', '？？');
    expect(await lastText('wmStaff01')).toBe('我是候选版');
    expect(await lastText('wmStaff02')).toBe('我是候选版');
    expect(await lastText('wmCustomer01')).toBe('我是稳定版');
    const staffView = await env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:wmStaff01`)).view();
    expect(staffView.events.filter((e) => e.type === 'fallback').map((e) => [e.config_version, e.variant])).toEqual([[1, 'stable'], [2, 'candidate']]);

    // Percent stage at 100: everyone on the candidate; the release answer shows the split.
    await api('POST', '/release', { body: { version: 2, stage: 'percent', percent: 100 } });
    expect((await api('GET', '/release')).body).toMatchObject({ stable: 1, candidate: 2, stage: 'percent', percent: 100 });
    await say('wmCustomer01', '？？');
    expect(await lastText('wmCustomer01')).toBe('我是候选版');

    // Rollback: everyone back on stable at once.
    expect((await api('POST', '/release/rollback')).body).toMatchObject({ stable: 1, candidate: null });
    await say('wmCustomer01', '？？');
    await say('wmStaff01', '？？');
    expect(await lastText('wmCustomer01')).toBe('我是稳定版');
    expect(await lastText('wmStaff01')).toBe('我是稳定版');

    // Full: v2 becomes stable for everyone; and an older version can be made stable again the same way.
    expect((await api('POST', '/release', { body: { version: 2, stage: 'full' } })).body).toMatchObject({ stable: 2, candidate: null });
    await say('wmCustomer02', '？？');
    expect(await lastText('wmCustomer02')).toBe('我是候选版');
    expect((await api('POST', '/release', { body: { version: 1, stage: 'full' } })).body).toMatchObject({ stable: 1 });
    await say('wmCustomer02', '？？');
    expect(await lastText('wmCustomer02')).toBe('我是稳定版');
  });
});
