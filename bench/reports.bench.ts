/**
 * Reports at a million events: GET /admin/api/metrics over 30 days from the hourly roll-ups,
 * beside the raw fold it replaced at that fold's bound of 50,000 events (the same fold still
 * serves GET /admin/api/release/compare, timed here over the same 30 days). Target: under 200 ms.
 *
 * The local D1 (wrangler's, under a temporary --persist-to) gets the migrations through
 * `wrangler d1 migrations apply --local`, then 1,000,000 events of synthetic conversations,
 * written straight into its SQLite file: the raw rows as the export writes them, and the cells
 * (in all three roll-up tables), hour stamps and cursors the roll-up fold (src/engine/metrics-rollup.ts,
 * the export's own code) makes of them. The report cache is timed full and missed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DAY_MS, foldRollup, newRollupState, rebucket } from '../src/engine/metrics-rollup';
import type { ConversationEventRow } from '../src/storage/conversation-events';
import { plain, startWorker } from './local-worker';
import { summarise } from './synthetic';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EVENTS = Number(process.env['REPORTS_BENCH_EVENTS'] ?? 1_000_000);
const DAYS = 30;
const ROUNDS = 7;
const ADMIN_TOKEN = 'bench-admin-token-of-32-characters-long';
const KF_IDS = ['wkBenchReports0001', 'wkBenchReports0002', 'wkBenchReports0003'];
const CHANNELS = ['WEB', 'APP', 'POSTER', null];
const SERVICERS = Array.from({ length: 12 }, (_, i) => `servicer${i}`);

/** A small deterministic PRNG (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One conversation as the export writes it: answered by the bot, or a fallback and a handoff to a servicer who answers, closes and is rated. */
function conversation(n: number, start: number, rnd: () => number): ConversationEventRow[] {
  const open_kfid = KF_IDS[n % KF_IDS.length]!;
  const external_userid = `wmBench${n}`;
  const candidate = rnd() < 0.1;
  const side = { variant: candidate ? 'candidate' : 'stable', config_version: candidate ? 2 : 1 };
  const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)];
  const servicer = SERVICERS[Math.floor(rnd() * SERVICERS.length)]!;
  const ms = (max: number) => Math.floor(rnd() * max);
  let at = start;
  const steps: Array<Omit<ConversationEventRow, 'id' | 'at' | 'open_kfid' | 'external_userid'> & { dt: number }> = [];
  if (channel) steps.push({ dt: 0, type: 'enter_session', data: { scene: channel } });
  steps.push({ dt: ms(5_000), type: 'message_in', data: { text: '多少钱' } });
  if (rnd() < 0.7) {
    steps.push({ dt: 10, type: 'intent', intent: 'price', data: {} }, { dt: 0, type: 'answer', data: { answers: [{ source: 'intent', id: 'price' }] } }, { dt: 100 + ms(900), type: 'message_out', data: { by: 'bot' } });
    if (rnd() < 0.3) steps.push({ dt: ms(60_000), type: 'message_in', data: {} }, { dt: 10, type: 'smalltalk', data: {} }, { dt: 100 + ms(500), type: 'message_out', data: { by: 'bot' } });
  } else {
    steps.push(
      { dt: 10, type: 'fallback', data: {} },
      { dt: 100 + ms(900), type: 'message_out', data: { by: 'bot' } },
      { dt: ms(30_000), type: 'message_in', data: {} },
      { dt: 100, type: 'handoff', servicer, data: { reason: rnd() < 0.5 ? 'keyword' : 'escalation' } },
      { dt: 5_000 + ms(120_000), type: 'message_out', servicer, data: { by: 'servicer' } },
      { dt: 60_000 + ms(600_000), type: 'closed' },
      { dt: 1_000, type: 'rating', servicer, data: { score: 1 + Math.floor(rnd() * 5) } },
    );
  }
  return steps.map(({ dt, ...e }, i) => {
    at += dt;
    return { id: `${open_kfid}:${external_userid}:${String(i).padStart(10, '0')}`, at, open_kfid, external_userid, ...side, ...e };
  });
}

export async function seed(persist: string, now: number): Promise<{ events: number; conversations: number; cells: { hourly: number; daily: number; dailyAll: number }; seconds: number }> {
  const started = performance.now();
  const wrangler = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
  await promisify(execFile)(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { cwd: ROOT, env: { ...process.env, CI: '1' } });
  const dir = join(persist, 'v3/d1/miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  const db = new DatabaseSync(join(dir, file));
  const insertEvent = db.prepare('INSERT INTO conversation_events (id, at, open_kfid, external_userid, type, config_version, variant, servicer, intent, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const addCell = Object.fromEntries(
    ['metrics_hourly', 'metrics_daily'].map((table) => [
      table,
      db.prepare(`INSERT INTO ${table} (start, open_kfid, channel, variant, config_version, metric, servicer, label, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`),
    ]),
  );
  const addUnkeyedCell = db.prepare('INSERT INTO metrics_daily_all (start, metric, servicer, label, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  const stamp = db.prepare('INSERT INTO metrics_hour_stamps (start, stamp) VALUES (?, 1) ON CONFLICT DO UPDATE SET stamp = stamp + 1');
  const saveCursor = db.prepare('INSERT INTO metrics_rollup_cursors (conversation, external_userid, updated_at, state) VALUES (?, ?, ?, ?)');
  const rnd = random(20261207);
  const from = now - DAYS * DAY_MS;
  let events = 0;
  let conversations = 0;
  db.exec('BEGIN');
  while (events < EVENTS) {
    // Spread evenly over the 30 days, ending an hour before now.
    const rows = conversation(conversations, from + Math.floor(((events / EVENTS) * (DAYS * DAY_MS - 2 * 3_600_000))), rnd).slice(0, EVENTS - events);
    for (const r of rows) insertEvent.run(r.id, r.at, r.open_kfid, r.external_userid, r.type, r.config_version ?? null, r.variant ?? null, r.servicer ?? null, r.intent ?? null, r.data ? JSON.stringify(r.data) : null);
    const folded = foldRollup(newRollupState(), rows);
    const daily = rebucket(folded.cells, DAY_MS);
    for (const [table, cells] of [
      ['metrics_hourly', folded.cells],
      ['metrics_daily', daily],
    ] as const) {
      for (const c of cells) addCell[table]!.run(c.hour, c.open_kfid, c.channel, c.variant, c.config_version, c.metric, c.servicer, c.label, c.n);
    }
    for (const c of daily) addUnkeyedCell.run(c.hour, c.metric, c.servicer, c.label, c.n);
    for (const hour of new Set(folded.cells.map((c) => c.hour))) stamp.run(hour);
    saveCursor.run(`${rows[0]!.open_kfid}:${rows[0]!.external_userid}`, rows[0]!.external_userid, now, JSON.stringify(folded.state));
    events += rows.length;
    conversations++;
  }
  db.exec('COMMIT');
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const cells = { hourly: count('metrics_hourly'), daily: count('metrics_daily'), dailyAll: count('metrics_daily_all') };
  db.close();
  return { events, conversations, cells, seconds: (performance.now() - started) / 1000 };
}

/** `path` for round i (0 is the warm-up): the same path every round, or one the report cache has not seen. */
async function time(url: URL, path: string | ((round: number) => string)): Promise<{ median: number; p95: number; body: Record<string, unknown> }> {
  const get = async (round: number) => {
    const p = typeof path === 'string' ? path : path(round);
    const t0 = performance.now();
    const r = await fetch(new URL(`/admin/api${p}`, url), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const body = (await r.json()) as Record<string, unknown>;
    if (!r.ok) throw new Error(`${p}: ${r.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const first = await get(0); // warm-up: the isolate, D1's page cache, the report cache
  const samples: number[] = [];
  for (let i = 1; i <= ROUNDS; i++) samples.push((await get(i)).ms);
  return { ...summarise(samples), body: first.body };
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(58)}${value.padStart(12)}  ${note}`);

export default async function (): Promise<void> {
  const persist = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const now = Date.now();
  try {
    const seeded = await seed(persist, now);
    console.log(`seeded ${seeded.events.toLocaleString('en')} events of ${seeded.conversations.toLocaleString('en')} conversations over ${DAYS} days: ${seeded.cells.hourly.toLocaleString('en')} hourly, ${seeded.cells.daily.toLocaleString('en')} daily and ${seeded.cells.dailyAll.toLocaleString('en')} all-keys daily roll-up rows (${seeded.seconds.toFixed(0)} s)`);
    const { worker, url } = await startWorker({ config: join(ROOT, 'wrangler.toml'), bindings: { ADMIN_TOKEN: plain(ADMIN_TOKEN) }, dev: { persist } });
    try {
      const from = now - DAYS * DAY_MS;
      console.log(`GET /admin/api/metrics, median of ${ROUNDS} (p95), local Worker and D1 on loopback`);
      const days = await time(url, `/metrics?from=${from}&to=${now}`);
      if (days.body['truncated'] !== false) throw new Error('the roll-up answer said truncated');
      line(`${DAYS} days per day (${(days.body['series'] as unknown[]).length} buckets), ${days.body['customerMessages']} customer messages`, `${days.median.toFixed(1)} ms`, `p95 ${days.p95.toFixed(1)} ms   target < 200 ms ${verdict(days.median < 200)}`);
      // Each round a day earlier: new parts to read (no events before the 30 days, so the same figures).
      const missed = await time(url, (round) => `/metrics?from=${from - (round + 1) * DAY_MS}&to=${now}`);
      if (missed.body['customerMessages'] !== days.body['customerMessages']) throw new Error('the uncached answer differs');
      line(`the same, its parts not in the report cache`, `${missed.median.toFixed(1)} ms`, `p95 ${missed.p95.toFixed(1)} ms`);
      const filtered = await time(url, `/metrics?from=${from}&to=${now}&open_kfid=${KF_IDS[0]}&channel=WEB&variant=stable`);
      line(`${DAYS} days, one kf account, channel WEB, stable`, `${filtered.median.toFixed(1)} ms`, `p95 ${filtered.p95.toFixed(1)} ms`);
      const hours = await time(url, `/metrics?from=${now - 2 * DAY_MS}&to=${now}`);
      line(`2 days per hour (${(hours.body['series'] as unknown[]).length} buckets)`, `${hours.median.toFixed(1)} ms`, `p95 ${hours.p95.toFixed(1)} ms`);
      const raw = await time(url, `/release/compare?from=${from}&to=${now}`);
      line(`raw fold (release/compare) at its 50,000-event bound, truncated: ${raw.body['truncated']}`, `${raw.median.toFixed(1)} ms`, `p95 ${raw.p95.toFixed(1)} ms   (${(raw.median / days.median).toFixed(1)}× the roll-ups)`);
    } finally {
      await worker.dispose();
    }
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}
