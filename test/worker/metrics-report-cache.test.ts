import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendConversationEvents, type ConversationEventRow } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { KF_PRESALE, shopTimelines } from '../fixtures/timelines';
import { api, migrate, resetStorage } from './support/admin';

/** The cache of a report's past parts (src/storage/metrics-report-cache.ts): served only while the days it read are unchanged. */

beforeAll(migrate);
beforeEach(resetStorage);

const db = () => tenantDb(tenantEnv(env, OWN_TENANT));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A UTC midnight three days back: the range's days are all past.
const START = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
const TODAY = START + 3 * DAY;

/** The shop's conversations on each of the first two days, at 01:17. */
const rows = (): ConversationEventRow[] => [0, 1].flatMap((d) => shopTimelines(START + d * DAY + HOUR + 17 * 60_000, { suffix: `D${d}` }));

async function metrics(from: number, to: number, extra = '') {
  const r = await api('GET', `/metrics?from=${from}&to=${to}${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

interface Entry {
  key: string;
  stamp: number;
  cells: string;
}
const entries = async () => (await env.DB.prepare('SELECT key, stamp, cells FROM metrics_report_cache ORDER BY key').all<Entry>()).results;
const stamps = async () => (await env.DB.prepare('SELECT start, stamp FROM metrics_day_stamps ORDER BY start').all<{ start: number; stamp: number }>()).results;

/** Adds `more` to the customer messages the entry of the whole days holds, as only a hit could then answer. */
async function tamperWithDays(more: number): Promise<void> {
  const days = (await entries()).find((e) => JSON.parse(e.key)[1] === 'day')!;
  const cells = JSON.parse(days.cells);
  cells.summed['']['customer_messages'][''][1][0] += more;
  await env.DB.prepare('UPDATE metrics_report_cache SET cells = ? WHERE key = ?').bind(JSON.stringify(cells), days.key).run();
}

describe('the report cache', () => {
  it('answers from an entry exactly what it answers without one, per day and per hour, filtered or not', async () => {
    await appendConversationEvents(db(), rows());
    // From 06:30 on the first day: whole days, whole hours of a past day and a partial edge hour.
    const queries: Array<[number, number, string]> = [
      [START, TODAY, ''],
      [START + 6 * HOUR + 30 * 60_000, TODAY, '&granularity=hour'],
      [START, TODAY, `&open_kfid=${KF_PRESALE}`],
    ];
    for (const [from, to, extra] of queries) {
      const read = await metrics(from, to, extra);
      expect((await entries()).length).toBeGreaterThan(0);
      expect(await metrics(from, to, extra)).toEqual(read);
      await env.DB.prepare('DELETE FROM metrics_report_cache').run();
      expect(await metrics(from, to, extra)).toEqual(read);
    }
  });

  it('is read again after a late event adds to a cached day, and not after a replayed export', async () => {
    const events = rows();
    await appendConversationEvents(db(), events);
    const first = await metrics(START, TODAY);
    expect(first.customerMessages).toBeGreaterThan(0);
    // The second answer comes from the entry: a changed entry shows.
    await tamperWithDays(100);
    expect((await metrics(START, TODAY)).customerMessages).toBe(first.customerMessages + 100);

    // A replayed export adds no cells and changes no stamp: the entry stays.
    const before = await stamps();
    await appendConversationEvents(db(), events);
    expect(await stamps()).toEqual(before);
    expect((await metrics(START, TODAY)).customerMessages).toBe(first.customerMessages + 100);

    // A customer message of the first day exported now: the day's stamp moves, the days are read again.
    const late = { ...events[0]!, id: `${events[0]!.id}-late`, at: START + 5 * HOUR, type: 'message_in', intent: null, data: {} };
    await appendConversationEvents(db(), [late]);
    expect((await stamps()).find((s) => s.start === START)!.stamp).toBe(before.find((s) => s.start === START)!.stamp + 1);
    const after = await metrics(START, TODAY);
    expect(after.customerMessages).toBe(first.customerMessages + 1);
    expect(after.series[0].customerMessages).toBe(first.series[0].customerMessages + 1);
  });

  it('keeps no entry of today, whose cells every export changes', async () => {
    const now = Date.now();
    await appendConversationEvents(db(), [...rows(), ...shopTimelines(now - 60_000, { suffix: 'now' })]);
    const read = await metrics(START, now);
    const today = Math.floor(now / DAY) * DAY;
    const ends = (await entries()).map((e) => JSON.parse(e.key)[3] as number);
    expect(ends).toContain(today);
    expect(ends.every((to) => to <= today)).toBe(true);
    // Today's messages are counted fresh each time.
    await appendConversationEvents(db(), [{ ...shopTimelines(now - 30_000, { suffix: 'later' })[0]! }]);
    expect((await metrics(START, now)).customerMessages).toBe(read.customerMessages + 1);
  });
});
