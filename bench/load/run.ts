/**
 * `npm run load`: the whole system on loopback under customers, measured end to end.
 *
 *   npm run load                                   closed loop, 100 customers × 3 messages
 *   npm run load -- --customers 50 --messages 3    (each message sent once the previous one is answered)
 *   npm run load -- --rate 40 --duration 30s       open loop: 40 messages a second, answered or not
 *   npm run load -- --soak 10m --rate 20           open loop, reported per minute (--window 1m): memory and latency flat?
 *   npm run load -- --soak 10m --rate 20 --bare    the same, but bare callbacks only (no customer): the runtime's own memory growth
 *   npm run load -- --profile                      per-message cost table (DO RPCs, storage, D1, KV, WeCom, CPU)
 *   npm run load -- --cpu-profile load.cpuprofile  a V8 CPU profile of the Worker's isolate over the loop, summed per function and module
 *   npm run load -- --soak 100s --window 20s --rate 10 --heap soak   … the isolate's live heap per window, snapshots at the first window and the end, diffed
 *   npm run load -- --runs runs.jsonl              each object run's phases, what started it, and each answer's latency cut at its run (the runs written to the file)
 *   other flags: --timeout 60s (a customer stops waiting), --late 10s (an answer after this is late)
 *
 * Beside the load it measures, in the same run, the bare callbacks per second of the same Worker
 * (callbacks whose Token leads to no new message) and prints the ratio. Everything it starts (the
 * simulator, workerd) is stopped on exit, Ctrl-C included.
 */
import { writeFileSync } from 'node:fs';
import type { CallRecord, SimCallback } from '../../src/simulator/types';
import { workerdCpuMs, workerdRssMiB } from '../workerd-proc';
import { bareCallbacks, closedLoop, measureBare, openLoop, postCallback, probe, type Driver } from './drive';
import { Ledger } from './ledger';
import { printCpuProfile, startCpuProfile } from './cpu-profile';
import { printHeapDiff, watchHeap, type HeapWatch, type Kind } from './heap';
import { countOps, line, outcome, percentile, printOutcome, printProfile, printStatements } from './report';
import { printRuns, runLines } from './runs';
import { BARE_KF, startSystem, type System } from './system';

process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
// wrangler's local trace store (on by default in dev) keeps every invocation's tail events in a
// SQLite object of its own, committed on the runtime's one thread: a dev tool that the edge does
// not have, and that made a callback wait behind its commits. X_LOCAL_OBSERVABILITY=true keeps it.
process.env.X_LOCAL_OBSERVABILITY ??= 'false';

function duration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text} (e.g. 30s, 10m, 500ms)`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'profile' || name === 'bare') flags.set(name, '1');
    else flags.set(name, inline ?? argv[++i] ?? '');
  }
  const known = ['customers', 'messages', 'rate', 'duration', 'soak', 'window', 'profile', 'bare', 'runs', 'heap', 'timeout', 'late', 'cpu-profile'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown flag --${k} (known: ${known.map((x) => `--${x}`).join(' ')})`);
  const int = (k: string, d: number) => {
    const v = flags.has(k) ? Number(flags.get(k)) : d;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${k} must be a positive number`);
    return v;
  };
  const profile = flags.has('profile');
  return {
    profile,
    bare: flags.has('bare'),
    runs: flags.get('runs') || null,
    heap: flags.get('heap') || null,
    customers: Math.round(int('customers', profile ? 20 : 100)),
    messages: Math.round(int('messages', profile ? 5 : 3)),
    rate: flags.has('rate') ? int('rate', 1) : null,
    durationMs: duration(flags.get('duration') ?? '30s'),
    soakMs: flags.has('soak') ? duration(flags.get('soak')!) : null,
    windowMs: duration(flags.get('window') ?? '1m'),
    timeoutMs: duration(flags.get('timeout') ?? '60s'),
    lateMs: duration(flags.get('late') ?? '10s'),
    cpuProfile: flags.get('cpu-profile') || null,
  };
}

/** How often the probes beside the load ask (one /healthz and one bare callback each time). */
const PROBE_EVERY_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let system: System | undefined;
let stopping: Promise<void> | undefined;
const stop = () => (stopping ??= system?.stop() ?? Promise.resolve());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping what the load test started …`);
    void stop().finally(() => process.exit(130));
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const ledger = new Ledger();
  const wecomCalls = new Map<string, number>();
  let bareDrained: (() => void) | null = null;
  const onCall = (call: CallRecord) => {
    ledger.onCall(call);
    wecomCalls.set(call.path, (wecomCalls.get(call.path) ?? 0) + 1);
    const body = call.body as { open_kfid?: string } | undefined;
    if (bareDrained && call.path === '/cgi-bin/kf/sync_msg' && body?.open_kfid === BARE_KF && (call.answer as { has_more?: number })?.has_more === 0) bareDrained();
  };
  console.log('starting the simulator and the Worker (wrangler local runtime, fresh state) …');
  system = await startSystem({ profile: args.profile, runs: args.runs !== null, inspector: args.cpuProfile !== null || args.heap !== null, onCall });
  const d: Driver = { sim: system.sim, url: system.url, ledger, timeoutMs: args.timeoutMs };

  // Warm-up: isolates, JIT, the compiled config, the access token.
  await closedLoop(d, 'Warm', 4, 2);
  console.log(`warm-up: ${ledger.messages.filter((m) => m.answeredAt !== undefined).length} of ${ledger.messages.length} answered`);
  const drained = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bare account\'s Inbox did not drain its first pull within 60 s')), 60_000);
      bareDrained = () => {
        clearTimeout(timer);
        bareDrained = null;
        resolve();
      };
    });
  const bareSource = () => bareCallbacks(system!.sim, system!.url, drained);
  const bare = { measure: async (ms: number) => measureBare(system!.url, ms, await bareSource()) };

  if (args.profile) return profile(d, system, args, wecomCalls);

  const bareBefore = await bare.measure(2500);
  const from = ledger.messages.length;
  const probes = probe(d.url, await bareSource(), PROBE_EVERY_MS);
  const sampling = args.cpuProfile === null ? null : await startCpuProfile(system.inspector!);
  const cpuBefore = workerdCpuMs();
  const loopFrom = Date.now();
  let mode: string;
  const heap = args.heap === null ? null : new HeapTrack(await watchHeap(system.inspector!), args.heap);
  if (args.soakMs !== null && args.bare) {
    await probes.stop();
    console.log(`bare soak: open loop of bare callbacks at ${args.rate ?? 20}/s for ${args.soakMs / 1000} s, per ${args.windowMs / 1000} s (no customer messages)`);
    return bareSoak(d.url, bareSource, args.rate ?? 20, args.soakMs, args.windowMs, heap);
  }
  if (args.soakMs !== null) {
    mode = `soak: open loop at ${args.rate ?? 20}/s for ${args.soakMs / 1000} s, per ${args.windowMs / 1000} s`;
    await soak(d, args.rate ?? 20, args.soakMs, args.windowMs, args.lateMs, heap);
  } else if (args.rate !== null) {
    mode = `open loop: ${args.rate} messages/s for ${args.durationMs / 1000} s`;
    await openLoop(d, 'Open', args.rate, args.durationMs);
  } else {
    mode = `closed loop: ${args.customers} customers × ${args.messages} messages`;
    await closedLoop(d, 'Closed', args.customers, args.messages);
  }
  const cpuAfter = workerdCpuMs();
  const sampled = await sampling?.stop(args.cpuProfile!);
  const probed = await probes.stop();
  // Answers still on their way after customers stopped waiting count, as late.
  for (const end = performance.now() + args.timeoutMs; performance.now() < end && ledger.messages.slice(from).some((m) => m.answeredAt === undefined); ) await sleep(250);
  await sleep(2000);
  const loopTo = Date.now();
  const bareAfter = await bare.measure(2500);
  const bareRps = (bareBefore + bareAfter) / 2;
  const o = outcome(ledger.messages.slice(from), args.lateMs);
  console.log(`\n${mode} (Node ${process.versions.node}, ${new Date().toISOString()})`);
  printOutcome(o, args.lateMs);
  const p = (v: number[]) => `${percentile(v, 50).toFixed(0)} ms / ${percentile(v, 99).toFixed(0)} ms`;
  line('beside the load: GET /healthz p50 / p99', p(probed.healthz), 'the Worker alone');
  line('beside the load: bare callback p50 / p99', p(probed.bare), 'another account\'s Inbox');
  line('bare callbacks per second, same Worker (before / after)', `${bareRps.toFixed(0)} /s`, `(${bareBefore.toFixed(0)} / ${bareAfter.toFixed(0)})`);
  line('answered messages/s ÷ bare callbacks/s', `${(o.answeredPerS / bareRps).toFixed(2)}×`, 'target ≥ 0.3×');
  if (cpuBefore !== null && cpuAfter !== null) line('workerd CPU per customer message', `${((cpuAfter - cpuBefore) / o.messages).toFixed(2)} ms`);
  if (sampled) printCpuProfile(sampled, o.messages);
  if (args.runs) {
    const runs = runLines(system.logs);
    writeFileSync(args.runs, runs.map((r) => JSON.stringify(r)).join('\n'));
    printRuns(runs, ledger.messages.slice(from), loopFrom, loopTo);
  }
  if (o.lost > 0 || o.doubled > 0) process.exitCode = 1;
}

/** workerd's memory columns of a soak line: RSS, anonymous, anonymous of the runtime and of the dev proxy, and the isolate's live heap (with --heap). */
const MEMORY_HEADER = `${'RSS MiB'.padStart(9)}${'anon'.padStart(7)}${'runtime'.padStart(9)}${'proxy'.padStart(7)}${'heap'.padStart(7)}`;
function memoryColumns(memory: ReturnType<typeof workerdRssMiB>, heapMiB: number | undefined): string {
  const mib = (v: number | undefined, width: number) => (v === undefined ? '–' : v.toFixed(0)).padStart(width);
  return `${mib(memory?.rss, 9)}${mib(memory?.anon, 7)}${mib(memory?.runtimeAnon, 9)}${mib(memory?.proxyAnon, 7)}${(heapMiB === undefined ? '–' : heapMiB.toFixed(1)).padStart(7)}`;
}

/**
 * With --heap: the isolate's live heap at each window's end, and snapshots at the first window's
 * end and after the last (heap.ts), diffed over the messages or callbacks sent between them.
 */
class HeapTrack {
  private first: Promise<Map<string, Kind>> | null = null;
  private sentAtFirst = 0;
  constructor(
    private readonly watch: HeapWatch,
    private readonly file: string,
  ) {}

  /** At a window's end: the live heap; a snapshot at the first. */
  async window(sent: number): Promise<number> {
    if (!this.first) {
      this.sentAtFirst = sent;
      this.first = this.watch.snapshot(`${this.file}-1.heapsnapshot`);
      await this.first;
    }
    return this.watch.live();
  }

  async end(sent: number): Promise<void> {
    if (!this.first) return;
    const last = await this.watch.snapshot(`${this.file}-2.heapsnapshot`);
    printHeapDiff(await this.first, last, sent - this.sentAtFirst);
    this.watch.close();
  }
}

/**
 * One open loop for the whole soak, cut into windows by send time: each window's line (its
 * messages' figures, workerd's memory and CPU share at its end) is printed one window later, when
 * its answers are in, the last one once every message is answered or timed out.
 */
async function soak(d: Driver, rate: number, ms: number, windowMs: number, lateMs: number, heap: HeapTrack | null): Promise<void> {
  console.log(`  ${'window'.padEnd(8)}${'sent'.padStart(7)}${'answered/s'.padStart(12)}${'cb p50'.padStart(9)}${'cb p99'.padStart(9)}${'ans p50'.padStart(9)}${'ans p99'.padStart(9)}${'lost'.padStart(6)}${MEMORY_HEADER}${'CPU %'.padStart(7)}`);
  const windows: { from: number; to: number; memory: ReturnType<typeof workerdRssMiB>; heap: Promise<number> | undefined; cpuPct: number }[] = [];
  let from = d.ledger.messages.length;
  const soakFrom = from;
  let cpu = workerdCpuMs();
  let t = performance.now();
  const print = async (w: number) => {
    const win = windows[w]!;
    const o = outcome(d.ledger.messages.slice(win.from, win.to), lateMs);
    const c = (v: number) => v.toFixed(0).padStart(9);
    const heapMiB = await win.heap;
    console.log(`  ${String(w + 1).padEnd(8)}${String(o.messages).padStart(7)}${o.answeredPerS.toFixed(1).padStart(12)}${c(o.callback.p50)}${c(o.callback.p99)}${c(o.answer.p50)}${c(o.answer.p99)}${String(o.lost).padStart(6)}${memoryColumns(win.memory, heapMiB)}${win.cpuPct.toFixed(0).padStart(7)}`);
  };
  let printed = Promise.resolve();
  const cut = () => {
    const now = performance.now();
    const cpuNow = workerdCpuMs();
    const memory = workerdRssMiB();
    windows.push({ from, to: d.ledger.messages.length, memory, heap: heap?.window(d.ledger.messages.length - soakFrom), cpuPct: cpu === null || cpuNow === null ? NaN : ((cpuNow - cpu) / (now - t)) * 100 });
    [from, cpu, t] = [d.ledger.messages.length, cpuNow, now];
    const w = windows.length - 2;
    if (w >= 0) printed = printed.then(() => print(w));
  };
  const timer = setInterval(cut, windowMs);
  try {
    await openLoop(d, 'Soak', rate, ms);
  } finally {
    clearInterval(timer);
  }
  if (d.ledger.messages.length > from) cut();
  await printed;
  await print(windows.length - 1);
  await heap?.end(d.ledger.messages.length - soakFrom);
}

/**
 * The soak's control: bare callbacks (each a notify and a pull that finds nothing) at the same
 * rate and length, with no conversation at all, so workerd's memory growth without our turns
 * shows beside the soak's. The Token is renewed every 5 minutes (WeCom's is valid 10).
 */
async function bareSoak(url: URL, source: () => Promise<() => SimCallback>, rate: number, ms: number, windowMs: number, heap: HeapTrack | null): Promise<void> {
  console.log(`  ${'window'.padEnd(8)}${'sent'.padStart(7)}${'cb p50'.padStart(9)}${'cb p99'.padStart(9)}${MEMORY_HEADER}`);
  let next = await source();
  let renewedAt = performance.now();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  let window: number[] = [];
  let w = 0;
  // Printed in order once the heap answers; the loop goes on meanwhile (the inspector answers while requests come in).
  let printed = Promise.resolve();
  const cut = () => {
    const [memory, heapMiB, n, latencies] = [workerdRssMiB(), heap?.window(pending.length), ++w, window];
    window = [];
    printed = printed.then(async () => {
      console.log(`  ${String(n).padEnd(8)}${String(latencies.length).padStart(7)}${percentile(latencies, 50).toFixed(0).padStart(9)}${percentile(latencies, 99).toFixed(0).padStart(9)}${memoryColumns(memory, await heapMiB)}`);
    });
  };
  let windowEnd = started + windowMs;
  for (let k = 0; ; k++) {
    const due = started + (k * 1000) / rate;
    if (due - started >= ms) break;
    if (due >= windowEnd) {
      cut();
      windowEnd += windowMs;
    }
    if (performance.now() - renewedAt > 5 * 60_000) [next, renewedAt] = [await source(), performance.now()];
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const into = window;
    pending.push(postCallback(url, next()).then((ms) => void into.push(ms)));
  }
  await Promise.all(pending);
  cut();
  await printed;
  await heap?.end(pending.length);
}

/** The cost table: the first message of each conversation, then the later ones, per message. */
async function profile(d: Driver, sys: System, args: ReturnType<typeof parseArgs>, wecomCalls: Map<string, number>): Promise<void> {
  const phase = async (title: string, run: () => Promise<void>, messages: number) => {
    await sleep(1500);
    const logFrom = sys.logs.length;
    const wecomBefore = new Map(wecomCalls);
    const cpu = workerdCpuMs();
    await run();
    // Let the work after the answers finish too (the copy to D1, the Inbox's cursor).
    await sleep(2500);
    const cpuMs = cpu === null ? null : workerdCpuMs()! - cpu;
    const wecom = Object.fromEntries([...wecomCalls].map(([p, n]) => [p, n - (wecomBefore.get(p) ?? 0)]).filter(([, n]) => (n as number) > 0));
    return { title, messages, ops: countOps(sys.logs.slice(logFrom)), wecom, cpuMs };
  };
  const { customers, messages } = args;
  const first = await phase('first message', () => closedLoop(d, 'Prof', customers, 1), customers);
  const later = await phase('later messages', () => closedLoop(d, 'Prof', customers, messages - 1, 1), customers * (messages - 1));
  const lost = d.ledger.messages.filter((m) => m.answeredAt === undefined).length;
  console.log(`\nper-message cost, ${customers} customers × ${messages} messages (closed loop; ${lost} lost), counted at the bindings (src/runtime/profile.ts) and the simulator:`);
  printProfile([first, later]);
  if (process.env.LOAD_QUERIES) printStatements(sys.logs);
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await sleep(1000);
    await stop();
    process.exit();
  });
