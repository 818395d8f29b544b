import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_EVENT_TYPES } from '../../src/engine/metric-facts';
import { computeMetrics, type Metrics } from '../../src/engine/metrics';
import type { RollupState } from '../../src/engine/metrics-rollup';
import { appendConversationEvents, type ConversationEventRow, listConversationEvents } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { KF_PRESALE, shopTimelines } from '../fixtures/timelines';
import { expectSameFigures, within } from '../support/figures';
import { api, migrate, resetStorage } from './support/admin';

/** The deployment's own corp: its rows, keys and objects are named as before many corps. */
const own = tenantEnv(env, OWN_TENANT);

/** The hourly roll-ups behind GET /admin/api/metrics, against the raw fold of the same events. */

beforeAll(migrate);
beforeEach(resetStorage);

const db = () => tenantDb(own);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A UTC midnight three days back, so every event is in the past.
const START = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;

/** Which channel, variant and version the conversations starting at each hour of a day have. */
const SLOTS = [
  { hour: 1, scene: 'WEB', variant: 'stable', version: 1 },
  { hour: 5, scene: 'APP', variant: 'candidate', version: 2 },
  { hour: 13, scene: null, variant: 'stable', version: 1 },
] as const;

/** 27 conversations over three days: the shop's three, at 17 minutes past each slot's hour, each opened from its channel. */
function dataSet(): ConversationEventRow[] {
  const rows: ConversationEventRow[] = [];
  for (let d = 0; d < 3; d++) {
    for (const s of SLOTS) {
      const timelines = shopTimelines(START + d * DAY + s.hour * HOUR + 17 * 60_000, { variant: s.variant, config_version: s.version, suffix: `D${d}H${s.hour}` });
      if (s.scene) {
        const firsts = timelines.filter((r) => r.id.endsWith(':0'));
        rows.push(...firsts.map((r) => ({ ...r, id: `${r.open_kfid}:${r.external_userid}:-`, at: r.at - 1, type: 'enter_session', intent: null, servicer: null, data: { scene: s.scene } })));
      }
      rows.push(...timelines);
    }
  }
  return rows;
}

interface Filter {
  open_kfid?: string;
  channel?: string;
  variant?: string;
  version?: number;
}

/** What GET /metrics used to answer: every event of the range folded at once, then filtered as the roll-ups key them. */
async function rawFold(from: number, to: number, f: Filter = {}): Promise<Metrics> {
  const { events } = await listConversationEvents(db(), { from: 0, to: Number.MAX_SAFE_INTEGER, limit: 100_000 });
  const channelOf = new Map(events.filter((e) => e.type === 'enter_session').map((e) => [`${e.open_kfid}:${e.external_userid}`, String(e.data?.['scene'])]));
  const wanted = events.filter((e) => {
    const conversation = `${e.open_kfid}:${e.external_userid}`;
    return (
      e.at >= from &&
      e.at < to &&
      (METRIC_EVENT_TYPES as readonly string[]).includes(e.type) &&
      (f.open_kfid === undefined || e.open_kfid === f.open_kfid) &&
      (f.channel === undefined || (channelOf.get(conversation) ?? '') === f.channel) &&
      (f.variant === undefined || (e.variant ?? 'stable') === f.variant) &&
      (f.version === undefined || e.config_version === f.version)
    );
  });
  return computeMetrics(wanted.map((e) => ({ ...e, conversation: `${e.open_kfid}:${e.external_userid}` })));
}

async function metrics(query: Record<string, string | number>) {
  const r = await api('GET', `/metrics?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** The answer's figures without the range and series fields. */
function figures(body: Record<string, unknown>): Metrics {
  const { from: _f, to: _t, covered_to: _c, truncated: _x, granularity: _g, series: _s, ...m } = body;
  return m as unknown as Metrics;
}

const ROLLUP_TABLES = ['metrics_hourly', 'metrics_daily', 'metrics_daily_all'];
const rolledCells = async () =>
  Promise.all(ROLLUP_TABLES.map(async (t) => (await env.DB.prepare(`SELECT COUNT(*) AS rows, SUM(n) AS n FROM ${t}`).first<{ rows: number; n: number }>())!));
const cellsOf = async (sql: string) => (await env.DB.prepare(sql).all<{ start: number; metric: string; servicer: string; label: string; n: number }>()).results;

describe('hourly roll-ups', () => {
  it('answers what the raw fold answers, for whole and partial hours, each filter and granularity', async () => {
    await appendConversationEvents(db(), dataSet());
    const ranges: Array<[number, number]> = [
      [START, START + 3 * DAY],
      // Edges inside hours: 01:20 on the first day to 13:20 on the second, and a range within one hour.
      [START + HOUR + 20 * 60_000, START + DAY + 13 * HOUR + 20 * 60_000],
      [START + 5 * HOUR + 18 * 60_000, START + 5 * HOUR + 25 * 60_000],
    ];
    const filters: Filter[] = [{}, { open_kfid: KF_PRESALE }, { channel: 'WEB' }, { channel: '' }, { variant: 'candidate' }, { variant: 'stable', version: 1 }, { version: 2, open_kfid: KF_PRESALE }];
    for (const [from, to] of ranges) {
      for (const f of filters) {
        const body = await metrics({ from, to, ...f });
        expect(body.truncated).toBe(false);
        const raw = await rawFold(from, to, f);
        expect(raw.customerMessages, JSON.stringify(f)).toBeGreaterThanOrEqual(0);
        expectSameFigures(figures(body), raw);
      }
    }
  });

  it('answers a series per day or per hour whose buckets are the raw fold of each bucket', async () => {
    await appendConversationEvents(db(), dataSet());
    const days = await metrics({ from: START, to: START + 3 * DAY });
    expect(days.granularity).toBe('day');
    expect(days.series.map((b: { start: number }) => b.start)).toEqual([START, START + DAY, START + 2 * DAY]);
    const hours = await metrics({ from: START + DAY, to: START + 2 * DAY, channel: 'APP' });
    expect(hours.granularity).toBe('hour');
    expect(hours.series).toHaveLength(24);
    for (const [body, size, f] of [
      [days, DAY, {}],
      [hours, HOUR, { channel: 'APP' }],
    ] as const) {
      for (const b of body.series) {
        const raw = await rawFold(b.start, b.start + size, f);
        expect(b).toMatchObject({
          conversations: raw.conversations,
          containmentRate: raw.containmentRate,
          handoffRate: raw.handoffRate,
          customerMessages: raw.customerMessages,
          answered: raw.answered,
          fallbacks: raw.fallbacks,
          handoffs: raw.handoffs,
          ratings: raw.ratings,
          satisfaction: raw.satisfaction,
          botFirstResponseMs: { count: raw.botFirstResponseMs.count, mean: raw.botFirstResponseMs.mean },
          humanFirstResponseMs: { count: raw.humanFirstResponseMs.count, mean: raw.humanFirstResponseMs.mean },
          handlingMs: { count: raw.handlingMs.count, mean: raw.handlingMs.mean },
          queueWaitMs: { count: raw.queueWaitMs.count, mean: raw.queueWaitMs.mean },
        });
        for (const d of ['botFirstResponseMs', 'humanFirstResponseMs', 'handlingMs', 'queueWaitMs'] as const) {
          expect(within(b[d].median, raw[d].median), `${d} median`).toBe(true);
          expect(within(b[d].p90, raw[d].p90), `${d} p90`).toBe(true);
        }
      }
      expect(body.series.reduce((s: number, b: { customerMessages: number }) => s + b.customerMessages, 0)).toBe(body.customerMessages);
    }
    // Bot and servicer messages: each APP hour with a conversation has the shop's 4 bot and 2 servicer messages.
    expect(hours.series.filter((b: { botMessages: number }) => b.botMessages > 0)).toEqual([expect.objectContaining({ start: START + DAY + 5 * HOUR, botMessages: 4, servicerMessages: 2 })]);
    // Each day: 9 conversations, 6 reached a human (Bob and Carol of each slot), one queue wait of 60 s per slot.
    for (const b of days.series) expect(b).toMatchObject({ conversations: 9, containmentRate: 3 / 9, handoffRate: 6 / 9, queueWaitMs: { count: 3, mean: 60_000 } });
  });

  it('keeps beside metrics_daily its cells added up over every key, which an unfiltered report reads', async () => {
    await appendConversationEvents(db(), dataSet());
    const order = 'ORDER BY start, metric, servicer, label';
    const summed = await cellsOf(`SELECT start, metric, servicer, label, SUM(n) AS n FROM metrics_daily GROUP BY start, metric, servicer, label ${order}`);
    expect(summed.length).toBeGreaterThan(0);
    expect(await cellsOf(`SELECT start, metric, servicer, label, n FROM metrics_daily_all ${order}`)).toEqual(summed);
    // Fewer rows than the keyed table: the same cells under different keys share one.
    const [, daily, all] = await rolledCells();
    expect(all!.rows).toBeLessThan(daily!.rows);
    expect(all!.n).toBe(daily!.n);
  });

  it('counts an event once however often its export is replayed, whole or overlapping', async () => {
    const rows = dataSet();
    await appendConversationEvents(db(), rows);
    const once = await metrics({ from: START, to: START + 3 * DAY });
    const cells = await rolledCells();
    // The same batch again (D1 committed, the object did not hear it), and a retry that overlaps it.
    await appendConversationEvents(db(), rows);
    await appendConversationEvents(db(), rows.slice(rows.length / 2));
    expect(await rolledCells()).toEqual(cells);
    expect(await metrics({ from: START, to: START + 3 * DAY })).toEqual(once);
    // A retry that brings one new event beside old ones counts only the new one.
    const last = rows.at(-1)!;
    await appendConversationEvents(db(), [...rows.slice(-3), { ...last, id: `${last.id}9`, at: last.at + 1, type: 'message_in', servicer: null, data: {} }]);
    expect((await metrics({ from: START, to: START + 3 * DAY })).customerMessages).toBe(once.customerMessages + 1);
  });

  it('a copier that keeps its conversations’ states counts as one that reads them back, and reads them again after a failed batch', async () => {
    const rows = dataSet().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    await appendConversationEvents(db(), rows);
    const cells = await rolledCells();
    await resetStorage();

    const kept = new Map<string, RollupState>();
    await appendConversationEvents(db(), rows.slice(0, rows.length / 2), kept);
    expect(kept.size).toBeGreaterThan(0);
    // The copier is its conversations' only writer: it does not read their states back, so not
    // even a cursor deleted behind its back changes what the second half adds.
    await env.DB.prepare('DELETE FROM metrics_rollup_cursors').run();
    await appendConversationEvents(db(), rows.slice(rows.length / 2), kept);
    expect(await rolledCells()).toEqual(cells);

    // A batch D1 refuses (an event without a type) may have run for all the copier knows: the states it touched are read again.
    const last = rows.at(-1)!;
    const conversation = `${last.open_kfid}:${last.external_userid}`;
    expect(kept.has(conversation)).toBe(true);
    await expect(appendConversationEvents(db(), [{ ...last, id: `${last.id}x`, at: last.at + 1, type: null as unknown as string }], kept)).rejects.toThrow();
    expect(kept.has(conversation)).toBe(false);
    expect(await rolledCells()).toEqual(cells);
  });
});
