/**
 * `--runs`: what the objects' runs did over a load run, from the Worker's `{"run": …}` lines
 * (src/runtime/run-trace.ts): per object, what started it and whether it found a turn to run,
 * how many runs there were, how many runs of any object were under way as each started, and when each
 * phase was reached; then each answered message's latency cut at the Conversation's run that
 * answered it (the callback to the ingest, the ingest to that run's start, the run's start to the
 * simulator's receipt of its send_msg).
 */
import type { Sent } from './ledger';
import { percentile } from './report';

export interface RunLine {
  run: string;
  start: number;
  concurrent: number;
  ms: number;
  phases: Record<string, number>;
  trigger?: string;
  customer?: string | null;
  account?: string | null;
  broken?: boolean;
  items?: number;
  receivedAt?: number | null;
}

export function runLines(logs: readonly string[]): RunLine[] {
  return logs.filter((l) => l.startsWith('{"run"')).map((l) => JSON.parse(l) as RunLine);
}

const spread = (v: number[]) => (v.length === 0 ? '–' : `${percentile(v, 50).toFixed(0)} / ${percentile(v, 99).toFixed(0)} / ${Math.max(...v).toFixed(0)}`);

/** Prints the runs that started in [from, to] (epoch ms), and the cut of `messages` (whose times are performance.now()). */
export function printRuns(lines: readonly RunLine[], messages: readonly Sent[], from: number, to: number): void {
  const runs = lines.filter((r) => r.start >= from && r.start <= to);
  const groups = new Map<string, RunLine[]>();
  for (const r of runs) {
    const key = [r.run, r.trigger, r.account, r.run === 'Conversation' ? (r.items ? 'with a turn' : 'nothing due') : ''].filter(Boolean).join(' ');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  console.log('\nobject runs (p50 / p99 / max; phases in ms from the run\'s start):');
  for (const [key, group] of [...groups].sort()) {
    console.log(`  ${key}: ${group.length} runs, ${group.filter((r) => r.broken).length} failed`);
    console.log(`    runs under way as one started  ${spread(group.map((r) => r.concurrent))}`);
    console.log(`    run length                     ${spread(group.map((r) => r.ms))}`);
    for (const phase of [...new Set(group.flatMap((r) => Object.keys(r.phases)))]) {
      console.log(`    ${phase.padEnd(31)}${spread(group.flatMap((r) => (r.phases[phase] === undefined ? [] : [r.phases[phase]!])))}`);
    }
  }
  // A message is answered by the first run with items of its customer that began after it was sent.
  const turns = new Map<string, RunLine[]>();
  for (const r of runs) if (r.run === 'Conversation' && r.items && r.customer && r.receivedAt) turns.set(r.customer, [...(turns.get(r.customer) ?? []), r]);
  const cut = { toIngest: [] as number[], toRun: [] as number[], toAnswer: [] as number[] };
  for (const m of messages) {
    if (m.answeredAt === undefined) continue;
    // The isolate's clock advances only at I/O: a few ms of slack.
    const sent = performance.timeOrigin + m.at;
    const run = turns.get(m.customer)?.find((r) => r.receivedAt! >= sent - 5);
    if (!run) continue;
    cut.toIngest.push(run.receivedAt! - sent);
    cut.toRun.push(run.start - run.receivedAt!);
    cut.toAnswer.push(performance.timeOrigin + m.answeredAt - run.start);
  }
  console.log(`\nanswer latency cut at the run that answered (${cut.toIngest.length} of ${messages.length} messages matched; p50 / p99 / max ms):`);
  console.log(`    callback sent → items ingested ${spread(cut.toIngest)}`);
  console.log(`    ingested → the run starts      ${spread(cut.toRun)}`);
  console.log(`    the run starts → send_msg seen ${spread(cut.toAnswer)}`);
}
