import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendConversationEvents, type ConversationEventRow } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { KF_PRESALE, shopTimelines } from '../fixtures/timelines';
import { api, migrate, resetStorage } from './support/admin';

/** The cache of a report's parts (src/storage/metrics-report-cache.ts): served only while the hours it read are unchanged. */

beforeAll(migrate);
beforeEach(resetStorage);

const db = () => tenantDb(tenantEnv(env, OWN_TENANT));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A UTC midnight three days back.
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
const stamps = async () => (await env.DB.prepare('SELECT start, stamp FROM metrics_hour_stamps ORDER BY start').all<{ start: number; stamp: number }>()).results;

/** Adds `more` to the customer messages of the second day in the entry of the whole days, as only a hit could then answer. */
async function tamperWithDays(more: number): Promise<void> {
  const days = (await entries()).find((e) => JSON.parse(e.key)[1] === 'day')!;
  const cells = JSON.parse(days.cells);
  cells.bucketed[String(START + DAY)]['customer_messages'][''][1][0] += more;
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

  it('is read again after a late event adds to a cached hour, and not after a replayed export', async () => {
    const events = rows();
    await appendConversationEvents(db(), events);
    // Parts: the edge 06:30-07:00 of the first day, its whole hours after 07:00, the whole days after it.
    const from = START + 6 * HOUR + 30 * 60_000;
    const first = await metrics(from, TODAY);
    expect(first.customerMessages).toBeGreaterThan(0);
    // The second answer comes from the entries: a changed entry shows.
    await tamperWithDays(100);
    expect((await metrics(from, TODAY)).customerMessages).toBe(first.customerMessages + 100);

    // A replayed export adds no cells and changes no stamp: the entries stay.
    const before = await stamps();
    await appendConversationEvents(db(), events);
    expect(await stamps()).toEqual(before);
    expect((await metrics(from, TODAY)).customerMessages).toBe(first.customerMessages + 100);

    // A customer message at 05:00 of the second day exported now: that hour's stamp moves, the days are read again.
    // Each from a new customer: a conversation's roll-up skips events before the last it counted.
    const message = (at: number, user: string) => ({ ...events[0]!, external_userid: user, id: `${KF_PRESALE}:${user}:0`, at, type: 'message_in', intent: null, servicer: null, data: {} });
    await appendConversationEvents(db(), [message(START + DAY + 5 * HOUR, 'wmLate')]);
    expect(await stamps()).toEqual([...before, { start: START + DAY + 5 * HOUR, stamp: 1 }].sort((a, b) => a.start - b.start));
    const after = await metrics(from, TODAY);
    expect(after.customerMessages).toBe(first.customerMessages + 1);
    expect(after.series[1].customerMessages).toBe(first.series[1].customerMessages + 1);

    // One at 09:10 of the first day, in the cached whole hours beside the days.
    await appendConversationEvents(db(), [message(START + 9 * HOUR + 10 * 60_000, 'wmLater')]);
    const last = await metrics(from, TODAY);
    expect(last.customerMessages).toBe(first.customerMessages + 2);
    expect(last.series[0].customerMessages).toBe(first.series[0].customerMessages + 1);
  });
});
