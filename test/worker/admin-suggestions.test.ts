import { createScheduledController, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { deliverAndSettle, resetSim, sim } from './support';
import { api, tokenFor } from './support/admin';
import { freshSystem } from './support/fresh';

/**
 * The operator loop end to end through the simulator: customers' misses are kept masked and
 * clustered into suggestions; an operator accepts one into a new config version, which answers
 * the same phrasing once released; dismissing hides one; erasure and retention remove the kept
 * questions; roles are enforced.
 */

const KF = 'wkSuggestShop00001';
const DAY = 24 * 3600_000;
const ANSWERS = { invoice: '在订单详情里申请电子发票。', title: '开票前可以在订单详情里修改抬头。' };
const CONFIG = {
  links: [{ open_kfid: KF, name: '店铺' }],
  knowledge: [
    { id: 'invoice', questions: ['怎么开发票'], answer: ANSWERS.invoice },
    { id: 'invoice-title', questions: ['发票抬头怎么修改'], answer: ANSWERS.title },
    { id: 'tracking', questions: ['如何查询物流信息'], answer: '在我的订单里查看物流。' },
  ],
  // Low enough that an unsure 发票 question offers both invoice entries.
  understanding: { clarify_confidence: 0.15 },
  fallback: { reply: '抱歉，我没有理解您的问题。' },
  sensitive_words: { words: ['违禁词'], action: 'block', reply: '您的消息包含不当内容，已被拦截。' },
  retention: { conversation_days: 30 },
};
const MISS = '发票能寄给我吗';

const say = async (user: string, text: string) => (await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }))).map((m) => m.content);
const suggestions = async (query = '', token?: string | null) => api('GET', `/knowledge/suggestions${query}`, token === undefined ? {} : { token });
const holding = async (text: string) => (await suggestions()).body.items.find((s: { examples: string[] }) => s.examples.includes(text));
const keptTexts = async () => (await env.DB.prepare('SELECT text FROM uncertain_questions ORDER BY at').all<{ text: string }>()).results.map((r) => r.text);

beforeEach(async () => {
  await freshSystem();
  await resetSim({ accounts: [{ open_kfid: KF }] });
  expect((await api('PUT', '/config', { body: CONFIG })).status).toBe(200);
});

describe('GET /admin/api/knowledge/suggestions', () => {
  it("lists customers' misses as one cluster with the right count and masked text, apart from other questions", async () => {
    expect(await say('wmSugA', MISS)).toEqual([CONFIG.fallback.reply]);
    await say('wmSugB', `${MISS}？`);
    await say('wmSugC', `${MISS}呀 我手机13812345678`);
    await say('wmSugD', '你们老板是谁');
    await say('wmSugE', '违禁词发票');

    const r = await suggestions();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 2, version: 1, rows_read: 4, truncated: false, next_cursor: null });
    expect(r.body.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{14}$/),
      count: 3,
      phrasings: 2,
      examples: [MISS, `${MISS}呀 我手机***********`],
      first_seen: expect.any(Number),
      last_seen: expect.any(Number),
      zones: ['fallback'],
      entry: { id: expect.stringMatching(/^invoice/), question: expect.any(String), score: expect.any(Number), source: 'search', clicks: 0 },
      clicks: [],
    });
    expect(r.body.items[1]).toMatchObject({ count: 1, examples: ['你们老板是谁'], entry: null });
    // The phone number never reached D1; an intercepted message is not processed, so not kept either.
    expect((await keptTexts()).join('|')).not.toMatch(/13812345678|违禁词/);
    expect(await keptTexts()).toHaveLength(4);
  });

  it('keeps knowledge answers below understanding.review_below, and a clarification the customer answered by a click names the entry', async () => {
    expect((await api('PUT', '/config', { body: { ...CONFIG, understanding: { ...CONFIG.understanding, review_below: 1 } } })).body.version).toBe(2);
    expect((await api('POST', '/release', { body: { version: 2, stage: 'full' } })).status).toBe(200);
    await say('wmSugLow', '开票');
    await say('wmSugSure', '怎么开发票');
    expect(await holding('开票')).toMatchObject({ zones: ['answer'] });
    expect(await holding('怎么开发票')).toBeUndefined();

    // The matcher prefers the title entry for this text; the customer clicks the other one.
    expect((await api('POST', '/knowledge/try', { body: { text: '发票开一下' } })).body).toMatchObject({ zone: 'clarify', reasons: { scores: [{ id: 'invoice-title' }, { id: 'invoice' }] } });
    const menu = await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: 'wmSugClick', text: '发票开一下' }));
    expect(menu[0]!.menu.map((m) => m.id)).toEqual(['invoice-title', 'invoice', 'handoff']);
    const answered = await deliverAndSettle(await sim.click({ open_kfid: KF, external_userid: 'wmSugClick', menu_id: 'invoice' }));
    expect(answered.map((m) => m.content)).toEqual([ANSWERS.invoice]);
    expect(await holding('发票开一下')).toMatchObject({ zones: ['clarify'], entry: { id: 'invoice', question: '怎么开发票', source: 'click', clicks: 1 }, clicks: [{ entry_id: 'invoice', count: 1 }] });
  });

  it('pages with limit and cursor, biggest first; a bad cursor or limit is 400', async () => {
    for (const [user, text] of [['wmP1', MISS], ['wmP2', MISS], ['wmP3', '你们老板是谁'], ['wmP4', '营业执照能看吗']] as const) await say(user, text);
    const first = await suggestions('?limit=2');
    expect(first.body.items.map((s: { count: number }) => s.count)).toEqual([2, 1]);
    expect(first.body.total).toBe(3);
    const second = await suggestions(`?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
    expect((await suggestions('?cursor=nonsense')).body.error.code).toBe('invalid_cursor');
    expect((await suggestions('?limit=0')).status).toBe(400);
  });

  it('GET /suggestions/:id shows every phrasing with its count; an unknown id is 404, a malformed one 400', async () => {
    await say('wmD1', MISS);
    await say('wmD2', `${MISS}！`);
    await say('wmD3', `${MISS}呢`);
    const { id } = await holding(MISS);
    const r = await api('GET', `/knowledge/suggestions/${id}`);
    expect(r.body.phrasing_counts).toEqual([
      { text: MISS, count: 2 },
      { text: `${MISS}呢`, count: 1 },
    ]);
    expect((await api('GET', '/knowledge/suggestions/00000000000000')).status).toBe(404);
    expect((await api('GET', '/knowledge/suggestions/not-an-id')).body.error.code).toBe('invalid_input');
  });
});

describe('POST /admin/api/knowledge/suggestions/:id/accept', () => {
  it('adds the phrasings to the entry in a new version; once released the same phrasing is answered by it', async () => {
    await say('wmAcc1', MISS);
    await say('wmAcc2', `${MISS}呀`);
    const { id } = await holding(MISS);
    const { token } = await tokenFor('operator');
    const r = await api('POST', `/knowledge/suggestions/${id}/accept`, { token, body: { entry_id: 'invoice' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 2, base_version: 1, created: true, added: [MISS, `${MISS}呀`], skipped: [] });
    const stored = await api('GET', '/config/versions/2');
    expect(stored.body.document.knowledge[0].questions).toEqual(['怎么开发票', MISS, `${MISS}呀`]);
    expect(stored.body.note).toContain(id);
    // Accepted: no longer offered.
    expect(await holding(MISS)).toBeUndefined();

    // Not live before the release: the customer still misses, and the same phrasing is offered again.
    expect(await say('wmAcc3', MISS)).toEqual([CONFIG.fallback.reply]);
    const again = await holding(MISS);
    expect(again).toMatchObject({ id, count: 1 });
    // Accepting it again adds nothing: the newest version asks it already.
    expect((await api('POST', `/knowledge/suggestions/${id}/accept`, { token, body: { entry_id: 'invoice' } })).body).toEqual({
      version: 2,
      base_version: 2,
      created: false,
      added: [],
      skipped: [{ question: MISS, reason: 'present', entry_id: 'invoice' }],
    });

    expect((await api('POST', '/release', { body: { version: 2, stage: 'full' } })).status).toBe(200);
    expect(await say('wmAcc4', MISS)).toEqual([ANSWERS.invoice]);
    expect(await say('wmAcc5', `${MISS}呀！`)).toEqual([ANSWERS.invoice]);
    expect(await holding(MISS)).toBeUndefined();
  });

  it('adds only the chosen questions', async () => {
    await say('wmSub1', MISS);
    await say('wmSub2', `${MISS}呀`);
    const { id, examples } = await holding(MISS);
    expect(examples).toEqual([MISS, `${MISS}呀`]);
    const r = await api('POST', `/knowledge/suggestions/${id}/accept`, { body: { entry_id: 'invoice', questions: [`${MISS}呀`] } });
    expect(r.body).toMatchObject({ version: 2, created: true, added: [`${MISS}呀`], skipped: [] });
    expect((await api('GET', '/config/versions/2')).body.document.knowledge[0].questions).toEqual(['怎么开发票', `${MISS}呀`]);
  });

  it('refuses what it cannot do with a clear error, and changes nothing', async () => {
    await say('wmErr1', MISS);
    const { id } = await holding(MISS);
    const accept = (body: unknown, sid = id) => api('POST', `/knowledge/suggestions/${sid}/accept`, { body });
    const unknownEntry = await accept({ entry_id: 'no-such-entry' });
    expect(unknownEntry.status).toBe(400);
    expect(unknownEntry.body.error).toMatchObject({ code: 'invalid_input', issues: [{ code: 'unknown_entry', path: ['entry_id'] }] });
    const foreign = await accept({ entry_id: 'invoice', questions: ['随便写的问题'] });
    expect(foreign.body.error.issues).toEqual([expect.objectContaining({ code: 'not_in_suggestion', path: ['questions', 0] })]);
    expect((await accept({ entry_id: 'invoice', base_version: 9 })).body.error.issues).toEqual([expect.objectContaining({ code: 'unknown_version', path: ['base_version'] })]);
    for (const body of [{}, { entry_id: '' }, { entry_id: 'invoice', questions: [] }, { entry_id: 'invoice', extra: 1 }]) expect((await accept(body)).status, JSON.stringify(body)).toBe(400);
    expect((await accept({ entry_id: 'invoice' }, '00000000000000')).status).toBe(404);
    expect((await api('POST', `/knowledge/suggestions/${id}/accept`, { raw: '{"entry_id":' })).body.error.code).toBe('invalid_json');
    // Nothing was stored or marked.
    expect((await api('GET', '/config/versions')).body.items).toHaveLength(1);
    expect(await holding(MISS)).toMatchObject({ id, count: 1 });
  });

  it('respects the question limit of an entry', async () => {
    const full = { ...CONFIG, knowledge: [{ ...CONFIG.knowledge[0]!, questions: Array.from({ length: 200 }, (_, i) => `开发票的第${i}种问法`) }, ...CONFIG.knowledge.slice(1)] };
    expect((await api('PUT', '/config', { body: full })).body.version).toBe(2);
    await say('wmLim1', MISS);
    const { id } = await holding(MISS);
    const r = await api('POST', `/knowledge/suggestions/${id}/accept`, { body: { entry_id: 'invoice' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'too_many_questions', issues: [{ path: ['questions'] }] });
    expect((await api('PUT', '/config', { body: { ...full, knowledge: [{ ...full.knowledge[0]!, questions: [...full.knowledge[0]!.questions, '再多一个'] }] } })).status).toBe(400);
  });
});

describe('POST /admin/api/knowledge/suggestions/:id/dismiss', () => {
  it('hides the suggestion and leaves the config alone; a second dismiss is 404', async () => {
    await say('wmDis1', '你们老板是谁');
    await say('wmDis2', '你们老板是谁？');
    const { id } = await holding('你们老板是谁');
    const r = await api('POST', `/knowledge/suggestions/${id}/dismiss`);
    expect(r.body).toEqual({ id, dismissed: 2 });
    expect((await suggestions()).body.items).toEqual([]);
    expect((await api('POST', `/knowledge/suggestions/${id}/dismiss`)).status).toBe(404);
    expect((await api('GET', '/config/versions')).body.items).toHaveLength(1);
  });
});

describe('roles, privacy and retention', () => {
  it('viewers list; accepting and dismissing need the operator role', async () => {
    await say('wmRole1', MISS);
    const viewer = (await tokenFor('viewer')).token;
    const listed = await suggestions('', viewer);
    expect(listed.status).toBe(200);
    const { id } = listed.body.items[0];
    expect((await api('GET', `/knowledge/suggestions/${id}`, { token: viewer })).status).toBe(200);
    expect((await api('POST', `/knowledge/suggestions/${id}/accept`, { token: viewer, body: { entry_id: 'invoice' } })).status).toBe(403);
    expect((await api('POST', `/knowledge/suggestions/${id}/dismiss`, { token: viewer })).status).toBe(403);
    expect((await suggestions('', null)).status).toBe(401);
    const doc = (await api('GET', '/openapi.json', { token: null })).body;
    expect(doc.paths['/knowledge/suggestions'].get['x-required-role']).toBe('viewer');
    expect(doc.paths['/knowledge/suggestions/{id}/accept'].post['x-required-role']).toBe('operator');
    expect(doc.paths['/knowledge/suggestions/{id}/dismiss'].post['x-required-role']).toBe('operator');
    expect(await holding(MISS)).toMatchObject({ count: 1 });
  });

  it("erasing a customer removes their kept questions from the suggestions", async () => {
    await say('wmGone1', MISS);
    await say('wmStay1', MISS);
    expect(await holding(MISS)).toMatchObject({ count: 2 });
    const r = await api('DELETE', '/users/wmGone1');
    expect(r.body.deleted.uncertain_questions).toBe(1);
    expect(await holding(MISS)).toMatchObject({ count: 1 });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM uncertain_questions WHERE external_userid = 'wmGone1'").first<{ n: number }>())!.n).toBe(0);
  });

  it('the retention cron purges kept questions older than retention.conversation_days', async () => {
    await say('wmOld1', MISS);
    const cron = (at: number) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: '17 3 * * *' }), env);
    await cron(Date.now() + 29 * DAY);
    expect(await keptTexts()).toEqual([MISS]);
    await cron(Date.now() + 31 * DAY);
    expect(await keptTexts()).toEqual([]);
    expect((await suggestions()).body.items).toEqual([]);
  });
});
