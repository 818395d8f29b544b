import { env, SELF } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { recordViolation } from '../../src/storage/violations';
import example from '../fixtures/config.example.json';
import { linkProofQuery } from '../../src/rules/link-proof';
import { api, migrate, resetStorage, tokenFor } from './support/admin';
import { sim } from './support/sim';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/** Customers and tags, violations, behaviour events, tracked links and channel links through the admin API. */

beforeAll(migrate);
beforeEach(resetStorage);

describe('users and tags', () => {
  it('an unknown customer is 404', async () => {
    expect((await api('GET', '/users/wmNobody')).body.error.code).toBe('not_found');
  });

  it('tagging a customer never seen creates the profile; adding again and removing twice are no-ops; provenance is manual', async () => {
    const op = await tokenFor('operator');
    const first = await api('POST', '/users/wmVip1/tags', { token: op.token, body: { add: ['VIP', '北京用户'] } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ external_userid: 'wmVip1', tags: ['VIP', '北京用户'], added: ['VIP', '北京用户'], removed: [], channel: null, language: null, first_seen: null, last_seen: null });
    expect(first.body.tag_details[0]).toEqual({ tag: 'VIP', source: 'manual', source_ref: op.id, added_at: expect.any(Number) });

    const again = await api('POST', '/users/wmVip1/tags', { body: { add: ['VIP'] } });
    expect(again.body).toMatchObject({ tags: ['VIP', '北京用户'], added: [], removed: [] });
    // The first reason stays: still the operator's token, not the admin who repeated it.
    expect(again.body.tag_details[0].source_ref).toBe(op.id);

    expect((await api('POST', '/users/wmVip1/tags', { body: { remove: ['VIP'] } })).body).toMatchObject({ tags: ['北京用户'], removed: ['VIP'] });
    expect((await api('POST', '/users/wmVip1/tags', { body: { remove: ['VIP'] } })).body).toMatchObject({ tags: ['北京用户'], removed: [] });
    expect((await api('GET', '/users/wmVip1')).body).toMatchObject({ external_userid: 'wmVip1', tags: ['北京用户'] });
  });

  it('refuses an empty change, a tag both added and removed, and a bad id', async () => {
    expect((await api('POST', '/users/wmX/tags', { body: {} })).status).toBe(400);
    const both = await api('POST', '/users/wmX/tags', { body: { add: ['a', 'b'], remove: ['b'] } });
    expect(both.body.error.issues).toEqual([expect.objectContaining({ path: ['remove', 0] })]);
    expect((await api('POST', '/users/wmX/tags', { body: { add: [''] } })).body.error.issues).toEqual([expect.objectContaining({ path: ['add', 0] })]);
    expect((await api('POST', '/users/wm%20X/tags', { body: { add: ['a'] } })).status).toBe(400);
    expect((await api('GET', '/users/wmX')).status).toBe(404);
  });

  it('refuses tag names with control, zero-width, bidi or unpaired surrogate characters (400, nothing stored); full-width is the plain tag', async () => {
    for (const tag of ['V\u200bIP', 'VIP\u202e', 'a\u0000', 'x\ud800', '']) {
      const r = await api('POST', '/users/wmNames/tags', { body: { add: [tag] } });
      expect(r.status, JSON.stringify(tag)).toBe(400);
      expect(r.body.error.issues).toEqual([expect.objectContaining({ path: ['add', 0] })]);
    }
    expect((await api('GET', '/users/wmNames')).status).toBe(404);
    expect((await api('POST', '/users/wmNames/tags', { body: { add: ['ＶＩＰ'] } })).status).toBe(200);
    expect((await api('GET', '/users/wmNames')).body.tags).toEqual(['VIP']);
    const meta = await api('POST', '/events', { raw: '{"external_userid": "wmNames", "type": "campaign_join", "meta": {"__proto__": {"x": 1}}}' });
    expect(meta.status).toBe(400);
    expect(meta.body.error.issues).toEqual([expect.objectContaining({ path: ['meta', '__proto__'] })]);
  });

  it('lists customers with a tag, page by page, without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await api('POST', `/users/wm${i}/tags`, { body: { add: [i < 5 ? 'VIP' : 'other'] } });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { body: { items: { external_userid: string; tags: string[] }[]; next_cursor: string | null } } = await api('GET', `/users?tag=VIP&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      for (const u of r.body.items) expect(u.tags).toContain('VIP');
      ids.push(...r.body.items.map((u) => u.external_userid));
      cursor = r.body.next_cursor;
      pages++;
    } while (cursor);
    expect(ids).toEqual(['wm0', 'wm1', 'wm2', 'wm3', 'wm4']);
    expect(pages).toBe(3);
    expect((await api('GET', '/users?limit=100')).body.items).toHaveLength(7);
  });

  it('refuses a cursor it did not give out and a limit over 100', async () => {
    expect((await api('GET', '/users?cursor=abc')).body.error.code).toBe('invalid_cursor');
    expect((await api('GET', '/users?limit=500')).body.error.issues).toEqual([expect.objectContaining({ path: ['limit'] })]);
  });
});

describe('violations', () => {
  it('lists masked violations newest first, paginated', async () => {
    for (let i = 0; i < 3; i++) {
      await recordViolation(tenantDb(own), { id: `v${i}`, at: 1000 + i, open_kfid: 'wk1', external_userid: 'wmV', direction: i === 2 ? 'outbound' : 'inbound', masked_words: ['违*词'], masked_excerpt: `这是违*词${i}` });
    }
    const first = await api('GET', '/violations?limit=2');
    expect(first.body.items).toEqual([
      { id: 'v2', at: 1002, open_kfid: 'wk1', external_userid: 'wmV', direction: 'outbound', words: ['违*词'], excerpt: '这是违*词2' },
      { id: 'v1', at: 1001, open_kfid: 'wk1', external_userid: 'wmV', direction: 'inbound', words: ['违*词'], excerpt: '这是违*词1' },
    ]);
    const rest = await api('GET', `/violations?limit=2&cursor=${first.body.next_cursor}`);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ id: 'v0' })], next_cursor: null });
  });
});

describe('behaviour events', () => {
  it('records a campaign join once per id', async () => {
    const body = { id: 'join-1', external_userid: 'wmE', type: 'campaign_join', ref: 'summer_sale' };
    const r = await api('POST', '/events', { body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ...body, open_kfid: null, recorded: true, at: expect.any(Number) });
    expect((await api('POST', '/events', { body })).body.recorded).toBe(false);
    expect((await api('POST', '/events', { body: { external_userid: 'wmE' } })).body.error.issues).toEqual([expect.objectContaining({ path: ['type'] })]);
  });
});

describe('tracked links', () => {
  it('creates a link, redirects through it and records the click for the customer', async () => {
    const created = await api('POST', '/links', { body: { url: 'https://shop.example.com/summer?x=1', name: '夏季活动' } });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect(created.body).toMatchObject({ url: `/l/${id}`, target: 'https://shop.example.com/summer?x=1', name: '夏季活动' });
    expect((await api('GET', '/links')).body.items).toEqual([created.body]);

    const proof = linkProofQuery(env.WECOM_ENCODING_AES_KEY, id, 'wmClicker', Date.now());
    const click = await SELF.fetch(`http://edge.test/l/${id}?${proof}`, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.example.com/summer?x=1');
    const rows = await env.DB.prepare('SELECT external_userid, type, ref FROM behavior_events').all();
    expect(rows.results).toEqual([{ external_userid: 'wmClicker', type: 'link_click', ref: id }]);

    // Shared outside a conversation, or with a bare ?u=: still redirects, credits nobody.
    expect((await SELF.fetch(`http://edge.test/l/${id}`, { redirect: 'manual' })).status).toBe(302);
    expect((await SELF.fetch(`http://edge.test/l/${id}?u=wmClicker`, { redirect: 'manual' })).status).toBe(302);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM behavior_events').first<{ n: number }>())?.n).toBe(1);
  });

  it('an unknown link is 404, and only http(s) targets are accepted', async () => {
    expect((await SELF.fetch('http://edge.test/l/nope', { redirect: 'manual' })).status).toBe(404);
    const js = await api('POST', '/links', { body: { url: 'javascript:alert(1)', name: 'x' } });
    expect(js.body.error.issues).toEqual([expect.objectContaining({ path: ['url'] })]);
  });
});

describe('channel links', () => {
  const OPEN_KFID = example.channels[0]!.open_kfid;

  it("answers add_contact_way's link with scene = code and the params as scene_param, asking WeCom once", async () => {
    await sim.reset({ accounts: [{ open_kfid: OPEN_KFID }] });
    await api('PUT', '/config', { body: example });
    // Reading has no side effects: before an operator made the link, GET is 404 and WeCom is not asked.
    const before = await api('GET', '/channels/BJ001/link');
    expect([before.status, before.body.error.message]).toEqual([404, expect.stringContaining('POST /admin/api/channels/BJ001/link')]);
    expect((await sim.calls({ path: '/cgi-bin/kf/add_contact_way' })).items).toHaveLength(0);
    const viewer = await tokenFor('viewer');
    expect((await api('POST', '/channels/BJ001/link', { token: viewer.token })).status).toBe(403);
    const r = await api('POST', '/channels/BJ001/link');
    expect(r.status).toBe(200);
    expect((await api('POST', '/channels/BJ001/link')).body).toEqual(r.body);
    expect(r.body).toMatchObject({ code: 'BJ001', open_kfid: OPEN_KFID, scene_param: 'store_id=BJ001&activity=summer_sale' });
    const url = new URL(r.body.url);
    expect(url.origin).toBe('https://work.weixin.qq.com');
    expect(url.searchParams.get('scene_param')).toBe('store_id=BJ001&activity=summer_sale');
    expect(url.searchParams.get('enc_scene')).toBeTruthy();
    expect((await api('GET', '/channels/BJ001/link')).body.url).toBe(r.body.url);
    const calls = await sim.calls({ path: '/cgi-bin/kf/add_contact_way' });
    expect(calls.items).toHaveLength(1);
    expect(JSON.stringify(calls.items[0])).toContain('"scene":"BJ001"');
    expect((await api('POST', '/channels/WEB/link')).body.scene_param).toBeNull();

    const qr = await SELF.fetch('http://edge.test/admin/api/channels/BJ001/qr.svg', { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('an unknown channel is 404; a kf account WeCom does not know is 502', async () => {
    await sim.reset({ accounts: [] });
    await api('PUT', '/config', { body: example });
    expect((await api('POST', '/channels/NOPE/link')).status).toBe(404);
    const refused = await api('POST', '/channels/BJ001/link');
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('wecom_error');
  });
});
