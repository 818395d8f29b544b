import type { Sent } from './ledger';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Outcome {
  messages: number;
  answered: number;
  handedOver: number;
  lost: number;
  doubled: number;
  late: number;
  answeredPerS: number;
  callback: { p50: number; p99: number };
  answer: { p50: number; p99: number };
}

/** What came of `messages`: answered ones per second over the span from the first post to the last answer. */
export function outcome(messages: readonly Sent[], lateMs: number): Outcome {
  const answered = messages.filter((m) => m.answeredAt !== undefined);
  const latencies = answered.map((m) => m.answeredAt! - m.at);
  const callbacks = messages.flatMap((m) => (m.callbackMs === undefined ? [] : [m.callbackMs]));
  const first = Math.min(...messages.map((m) => m.at));
  const last = Math.max(...answered.map((m) => m.answeredAt!));
  return {
    messages: messages.length,
    answered: answered.length,
    handedOver: answered.filter((m) => m.handedOver).length,
    lost: messages.length - answered.length,
    doubled: messages.filter((m) => m.answers > 1).length,
    late: latencies.filter((l) => l > lateMs).length,
    answeredPerS: answered.length / ((last - first) / 1000),
    callback: { p50: percentile(callbacks, 50), p99: percentile(callbacks, 99) },
    answer: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : `${v.toFixed(0)} ms`);
export const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(52)}${value.padStart(14)}  ${note}`);

export function printOutcome(o: Outcome, lateMs: number): void {
  line('customer messages sent', String(o.messages));
  line('answered (of which handed over to people)', `${o.answered} (${o.handedOver})`);
  line('answered messages per second', `${o.answeredPerS.toFixed(1)} /s`);
  line('callback POST latency p50 / p99', `${ms(o.callback.p50)} / ${ms(o.callback.p99)}`);
  line('answer latency p50 / p99 (callback sent → send_msg)', `${ms(o.answer.p50)} / ${ms(o.answer.p99)}`);
  line(`lost / doubled / late (> ${lateMs / 1000} s)`, `${o.lost} / ${o.doubled} / ${o.late}`);
}

/** Counts per operation, summed from the Worker's `{"profile": …}` log lines (src/runtime/profile.ts). */
export interface OpCounts {
  [op: string]: { n: number; read: number; written: number };
}

export function countOps(lines: readonly string[]): OpCounts {
  const counts: OpCounts = {};
  for (const l of lines) {
    if (!l.startsWith('{"profile"')) continue;
    const o = JSON.parse(l) as { profile: string; n: number; read: number; written: number };
    const c = (counts[o.profile] ??= { n: 0, read: 0, written: 0 });
    c.n += o.n;
    c.read += o.read;
    c.written += o.written;
  }
  return counts;
}

/** The per-message table: one column per phase, every figure divided by that phase's messages. */
export function printProfile(columns: { title: string; messages: number; ops: OpCounts; wecom: Record<string, number>; cpuMs: number | null }[]): void {
  const rows = new Map<string, (c: (typeof columns)[number]) => number | null>();
  const per = (c: (typeof columns)[number], v: number) => v / c.messages;
  const sum = (c: (typeof columns)[number], pick: (op: string) => boolean, field: 'n' | 'read' | 'written') =>
    per(c, Object.entries(c.ops).reduce((s, [op, v]) => s + (pick(op) ? v[field] : 0), 0));
  const ops = [...new Set(columns.flatMap((c) => Object.keys(c.ops)))].sort();
  for (const op of ops.filter((o) => o.startsWith('rpc.') || o.startsWith('alarm.'))) rows.set(op, (c) => per(c, c.ops[op]?.n ?? 0));
  rows.set('DO invocations (RPCs + alarms)', (c) => sum(c, (o) => o.startsWith('rpc.') || o.startsWith('alarm.'), 'n'));
  for (const op of ops.filter((o) => o.startsWith('do.sql.'))) rows.set(`  SQL statements, ${op.slice(7)}`, (c) => per(c, c.ops[op]?.n ?? 0));
  const sql = (o: string) => o.startsWith('do.sql.');
  rows.set('DO SQL statements', (c) => sum(c, sql, 'n'));
  for (const op of ops.filter((o) => o.startsWith('do.commit.'))) rows.set(`  commits, ${op.slice(10)}`, (c) => per(c, c.ops[op]?.n ?? 0));
  rows.set('DO storage commits (tasks that wrote)', (c) => sum(c, (o) => o.startsWith('do.commit.'), 'n'));
  rows.set('DO SQL rows read', (c) => sum(c, sql, 'read'));
  rows.set('DO SQL rows written', (c) => sum(c, sql, 'written'));
  rows.set('DO alarm set/delete', (c) => sum(c, (o) => o === 'do.alarm_set', 'n'));
  rows.set('D1 round trips (a batch: one)', (c) => sum(c, (o) => o === 'd1.round_trip', 'n'));
  rows.set('D1 statements (a batch: each)', (c) => sum(c, (o) => o === 'd1.query', 'n'));
  rows.set('D1 rows read', (c) => sum(c, (o) => o === 'd1.query', 'read'));
  rows.set('D1 rows written', (c) => sum(c, (o) => o === 'd1.query', 'written'));
  rows.set('KV reads', (c) => sum(c, (o) => o === 'kv.read', 'n'));
  rows.set('KV writes', (c) => sum(c, (o) => o === 'kv.write', 'n'));
  const paths = [...new Set(columns.flatMap((c) => Object.keys(c.wecom)))].sort();
  for (const p of paths) rows.set(`WeCom ${p.replace('/cgi-bin/', '')}`, (c) => per(c, c.wecom[p] ?? 0));
  rows.set('workerd CPU (ms, all threads)', (c) => (c.cpuMs === null ? null : per(c, c.cpuMs)));
  console.log(`  ${'per customer message'.padEnd(40)}${columns.map((c) => `${c.title} (${c.messages})`.padStart(24)).join('')}`);
  for (const [label, value] of rows) {
    console.log(`  ${label.padEnd(40)}${columns.map((c) => { const v = value(c); return (v === null ? '–' : v.toFixed(2)).padStart(24); }).join('')}`);
  }
}

/** The statements most often run (DO SQL per class, D1), from the profile lines' `sql` field: what to cut first. */
export function printStatements(lines: readonly string[], top = 40): void {
  const tally = new Map<string, number>();
  for (const l of lines) {
    if (!l.startsWith('{"profile"')) continue;
    const o = JSON.parse(l) as { profile: string; sql?: string };
    if (o.sql) tally.set(`${o.profile} ${o.sql}`, (tally.get(`${o.profile} ${o.sql}`) ?? 0) + 1);
  }
  console.log('\nstatements run most often, over the whole run:');
  for (const [k, v] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(v).padStart(7)}  ${k}`);
}
