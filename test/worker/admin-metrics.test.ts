import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METRICS_MAX_EVENTS } from '../../src/admin/metrics';
import { SKETCH_ACCURACY } from '../../src/engine/latency-sketch';
import { appendConversationEvents, listConversationEvents, type ConversationEventRow } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { KF_AFTER, KF_PRESALE, shopTimelines, withinOneDay } from '../fixtures/timelines';
import { api, migrate, resetStorage, tokenFor } from './support/admin';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/** GET /admin/api/metrics and /admin/api/release/compare over the D1 copy of the timelines. */

beforeAll(migrate);
beforeEach(resetStorage);

const db = () => tenantDb(own);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const seed = (rows: ConversationEventRow[]) => appendConversationEvents(db(), rows);
/** A percentile from the roll-ups' sketch: within its relative accuracy of the exact value (and rounded to the ms). */
const near = (exact: number) => expect.toSatisfy((v: number) => Math.abs(v - exact) <= exact * SKETCH_ACCURACY + 0.5, `within ${SKETCH_ACCURACY} of ${exact}`);

describe('GET /admin/api/metrics', () => {
  it('answers the figures of the last 7 days: bot replies are never a human first response', async () => {
    const base = withinOneDay(Date.now() - 2 * HOUR);
    await seed(shopTimelines(base));
    // Ten days ago: outside the default range.
    await seed(shopTimelines(withinOneDay(Date.now() - 10 * DAY), { suffix: 'Old' }));

    const r = await api('GET', '/metrics');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const m = r.body;
    expect(m).toMatchObject({
      conversations: 3,
      customerMessages: 4,
      botTurns: 3,
      answered: 1,
      fallbacks: 2,
      handoffs: 2,
      answerRate: 1 / 3,
      fallbackRate: 2 / 3,
      handoffRate: 2 / 3,
      containmentRate: 1 / 3,
      ratings: 2,
      satisfaction: 3.5,
      satisfiedShare: 0.5,
      truncated: false,
    });
    expect(m.to - m.from).toBe(7 * DAY);
    expect(m.covered_to).toBe(m.to);
    // The handoff notice (100 ms after the handoff) would make Bob's figure 100 if it counted.
    expect(m.humanFirstResponseMs).toMatchObject({ count: 2, mean: 75_000 });
    // Alice, Bob twice (the fallback reply, the handoff notice), Carol.
    expect(m.botFirstResponseMs).toMatchObject({ count: 4, median: near(200), p90: near(500) });
    expect(m.handlingMs).toMatchObject({ count: 2, mean: (180_000 + 240_000) / 2 });
    // Carol waited in the queue from her handoff until lisi was assigned; Bob went to zhangsan at once.
    expect(m.queueWaitMs).toMatchObject({ count: 1, median: near(60_000), p90: near(60_000), mean: 60_000 });
    expect(m.servicers).toEqual([
      { servicer: 'lisi', handled: 1, rated: 1, satisfaction: 2, firstResponseMs: expect.objectContaining({ median: near(90_000) }), handlingMs: expect.objectContaining({ median: near(240_000) }) },
      { servicer: 'zhangsan', handled: 1, rated: 1, satisfaction: 5, firstResponseMs: expect.objectContaining({ median: near(60_000) }), handlingMs: expect.objectContaining({ median: near(180_000) }) },
    ]);
    expect(m.intents).toEqual([
      { intent: 'price', count: 1 },
      { intent: 'refund', count: 1 },
    ]);
    expect(m.handoffReasons).toEqual([
      { reason: 'escalation', count: 1 },
      { reason: 'keyword', count: 1 },
    ]);
  });

  it('filters by range (from inclusive, to exclusive) and by kf account', async () => {
    const base = withinOneDay(Date.now() - 2 * HOUR);
    await seed(shopTimelines(base));
    await seed(shopTimelines(withinOneDay(Date.now() - 10 * DAY), { suffix: 'Old' }));

    const monthAgo = Date.now() - 30 * DAY;
    const all = await api('GET', `/metrics?from=${monthAgo}`);
    expect(all.body).toMatchObject({ conversations: 6, customerMessages: 8, from: monthAgo });
    // Only the old ones: `to` is the first event of the recent ones, excluded.
    const old = await api('GET', `/metrics?from=${monthAgo}&to=${base}`);
    expect(old.body).toMatchObject({ conversations: 3, customerMessages: 4, from: monthAgo, to: base });
    // From Alice's first message exactly: she is in; Bob's and Carol's follow.
    expect((await api('GET', `/metrics?from=${base}&to=${base + 1}`)).body).toMatchObject({ conversations: 1, customerMessages: 1 });

    const presale = await api('GET', `/metrics?open_kfid=${KF_PRESALE}`);
    expect(presale.body).toMatchObject({ conversations: 2, answered: 1, fallbacks: 1, handoffs: 1, satisfaction: 5 });
    expect(presale.body.servicers.map((s: { servicer: string }) => s.servicer)).toEqual(['zhangsan']);
    const after = await api('GET', `/metrics?open_kfid=${KF_AFTER}`);
    expect(after.body).toMatchObject({ conversations: 1, intents: [{ intent: 'refund', count: 1 }], handoffReasons: [{ reason: 'escalation', count: 1 }] });
    expect((await api('GET', '/metrics?open_kfid=wkNobodyHere')).body).toMatchObject({ conversations: 0, answerRate: null, satisfaction: null });
  });

  it('reads whole hours from the roll-ups, never truncated; `limit` bounds only the raw events of partial hours at the edges', async () => {
    // Ten minutes into an hour, so that a range of one hour from here has no whole hour in it.
    const base = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR + 10 * 60_000;
    await seed(shopTimelines(base));
    // The fixture lies in whole hours of the default range: its 23 events are not read raw.
    expect((await api('GET', '/metrics?limit=5')).body).toMatchObject({ truncated: false, conversations: 3, customerMessages: 4 });
    // Within one partial hour: Alice's 4 events and Bob's first message.
    const r = await api('GET', `/metrics?from=${base}&to=${base + HOUR}&limit=5`);
    expect(r.body).toMatchObject({ truncated: true, covered_to: base + 1_000, conversations: 2, customerMessages: 2 });
    // Exactly the number of events in range is not truncated (the fixture has 23).
    expect((await api('GET', `/metrics?from=${base}&to=${base + HOUR}&limit=23`)).body).toMatchObject({ truncated: false, conversations: 3 });
    expect((await api('GET', `/metrics?from=${base}&to=${base + HOUR}&limit=22`)).body).toMatchObject({ truncated: true });
  });

  it('refuses bad queries with the issues at their parameters', async () => {
    const cases: Array<[string, string]> = [
      ['from=abc', 'from'],
      ['from=', 'from'],
      ['from=-5', 'from'],
      ['from=2000&to=1000', 'to'],
      ['from=1000&to=1000', 'to'],
      ['open_kfid=wk%20bad', 'open_kfid'],
      ['limit=0', 'limit'],
      [`limit=${METRICS_MAX_EVENTS + 1}`, 'limit'],
      ['days=7', ''],
      ['granularity=week', 'granularity'],
      [`from=0&to=${200 * DAY}&granularity=hour`, 'granularity'],
      ['channel=a%20b', 'channel'],
      ['variant=shadow', 'variant'],
      ['version=v2', 'version'],
      ['version=', 'version'],
    ];
    for (const [qs, field] of cases) {
      const r = await api('GET', `/metrics?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code, qs).toBe('invalid_input');
      expect(r.body.error.issues.map((i: { path: unknown[] }) => i.path.join('.')), qs).toContain(field);
    }
    // The same schema guards the comparison.
    expect((await api('GET', '/release/compare?from=x')).status).toBe(400);
  });

  it('is readable by a viewer and by nobody without a valid token', async () => {
    const viewer = await tokenFor('viewer');
    expect((await api('GET', '/metrics', { token: viewer.token })).status).toBe(200);
    expect((await api('GET', '/release/compare', { token: viewer.token })).status).toBe(200);
    for (const token of [null, 'not-a-token']) {
      const r = await api('GET', '/metrics', { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
      expect((await api('GET', '/release/compare', { token })).status).toBe(401);
    }
  });
});

describe('GET /admin/api/release/compare', () => {
  const put = async (doc: unknown) => {
    const r = await api('PUT', '/config', { body: doc });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.version as number;
  };

  it('answers the release and the figures of each side, with counts', async () => {
    await put({});
    const candidate = await put({ fallback: { reply: '换个说法试试？' } });
    expect((await api('POST', '/release', { body: { version: candidate, stage: 'percent', percent: 10 } })).status).toBe(200);

    const base = Date.now() - HOUR;
    await seed(shopTimelines(base, { variant: 'stable', config_version: 1 }));
    // The candidate's customers: only Alice-like answers.
    await seed(shopTimelines(base, { variant: 'candidate', config_version: candidate, suffix: 'C' }).filter((e) => e.external_userid === 'wmAliceC'));

    const r = await api('GET', '/release/compare');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.release).toMatchObject({ stable: 1, candidate, stage: 'percent', percent: 10 });
    expect(r.body.variants.stable).toMatchObject({ conversations: 3, botTurns: 3, answerRate: 1 / 3, fallbackRate: 2 / 3, handoffRate: 2 / 3, ratings: 2, satisfaction: 3.5 });
    expect(r.body.variants.candidate).toMatchObject({ conversations: 1, botTurns: 1, answerRate: 1, fallbackRate: 0, handoffRate: 0, ratings: 0, satisfaction: null });
    expect(r.body).toMatchObject({ excluded: 0, truncated: false });
  });

  it('counts on each side only the version it holds now, and shows an empty candidate side from the start', async () => {
    await put({});
    const v2 = await put({ fallback: { reply: 'v2' } });
    const v3 = await put({ fallback: { reply: 'v3' } });
    const base = Date.now() - HOUR;
    // v2 was on trial and rolled back; its events must not count for v3.
    await seed(shopTimelines(base, { variant: 'candidate', config_version: v2, suffix: 'Two' }));
    expect((await api('POST', '/release', { body: { version: v3, stage: 'internal', internal: { tags: ['内部员工'] } } })).status).toBe(200);

    const fresh = await api('GET', '/release/compare');
    expect(Object.keys(fresh.body.variants).sort()).toEqual(['candidate', 'stable']);
    expect(fresh.body.variants.candidate).toMatchObject({ conversations: 0, answerRate: null });
    expect(fresh.body.excluded).toBe(23);

    // Shadow stage: the candidate's silent decisions under `shadow`; events without a version are kept.
    expect((await api('POST', '/release', { body: { version: v3, stage: 'shadow' } })).status).toBe(200);
    await seed(shopTimelines(base, { variant: 'shadow', config_version: null, suffix: 'Sh' }).filter((e) => e.external_userid === 'wmAliceSh'));
    const shadow = await api('GET', '/release/compare');
    expect(shadow.body.release.stage).toBe('shadow');
    expect(Object.keys(shadow.body.variants).sort()).toEqual(['shadow', 'stable']);
    expect(shadow.body.variants.shadow).toMatchObject({ conversations: 1, answerRate: 1 });
  });
});

describe('openapi', () => {
  it('documents both endpoints with their range parameters and the viewer role', async () => {
    const doc = (await api('GET', '/openapi.json', { token: null })).body;
    for (const path of ['/metrics', '/release/compare']) {
      const get = doc.paths[path].get;
      expect(get['x-required-role'], path).toBe('viewer');
      expect(get.parameters.map((p: { name: string }) => p.name), path).toEqual(expect.arrayContaining(['from', 'to', 'open_kfid', 'limit']));
      expect(Object.keys(get.responses['200'].content['application/json'].schema.properties), path).toEqual(expect.arrayContaining(['truncated', 'covered_to']));
    }
  });
});

describe('listConversationEvents', () => {
  it('pages on (at, id) in time order without losing or repeating events at the same millisecond', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ id: `wk1:wmP:${String(22 - i).padStart(2, '0')}`, at: 1_000 + Math.floor(i / 4), open_kfid: 'wk1', external_userid: 'wmP', type: i % 3 ? 'message_in' : 'context' }));
    await seed(rows);
    const whole = await listConversationEvents(db(), { from: 0, to: 10_000, limit: 100 });
    expect(whole.events.map((e) => e.id)).toEqual([...rows].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((r) => r.id));
    for (const pageSize of [1, 2, 3, 4, 7]) {
      const paged = await listConversationEvents(db(), { from: 0, to: 10_000, limit: 100, pageSize });
      expect(paged.events.map((e) => e.id), `page size ${pageSize}`).toEqual(whole.events.map((e) => e.id));
      const cut = await listConversationEvents(db(), { from: 0, to: 10_000, limit: 10, pageSize });
      expect(cut).toMatchObject({ truncated: true });
      expect(cut.events.map((e) => e.id)).toEqual(whole.events.slice(0, 10).map((e) => e.id));
    }
    const typed = await listConversationEvents(db(), { from: 0, to: 10_000, limit: 100, pageSize: 2, types: ['context'] });
    expect(typed.events).toHaveLength(8);
    expect(typed.truncated).toBe(false);
  });
});
