/**
 * The callback edge, three figures with their targets:
 * (a) CPU per callback in workerd for verify + decrypt + parse, beside the floor measured in the
 *     same run: the bare SHA-1 + AES-256-CBC of the same payload. Target: within 2× the floor.
 * (b) Callbacks per second through the whole local Worker on loopback, beside GET /healthz of the
 *     same Worker. Target: at least half as many.
 * (c) The gzipped bundle of `wrangler deploy --dry-run`. Target: at most 250 KiB.
 *
 * workerd freezes Date.now()/performance.now() while JavaScript runs, so (a) is timed from Node:
 * a request running the path N times minus one running it 0 times (bench/workers/callback-cpu.ts).
 * Everything stays on 127.0.0.1: the Worker's WeCom API is the project's simulator.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createSimulator, type Simulator } from '../src/simulator';
import { serveSimulator } from '../src/simulator/http';
import type { SimCallback } from '../src/simulator/types';
import { readFlatXml } from '../src/wecom/xml';
import { simulatorBindings, startWorker } from './local-worker';
import { summarise } from './synthetic';
import { workerdCpuMs } from './workerd-proc';
import type { CpuJob } from './workers/callback-cpu';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const IDENTITY = { corpId: 'wwbenchcorp000001', token: 'benchtoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'bench-kf-secret' };
const KF_IDS = ['wkBenchAccount00000000001', 'wkBenchAccount00000000002', 'wkBenchAccount00000000003', 'wkBenchAccount00000000004'];
const SERVICER = 'bench_servicer';

const CPU_ROUNDS = 15;
/** Each timed request runs the path for about this long, so HTTP jitter is small beside it. */
const CPU_TARGET_MS = 250;
const LOAD_ROUNDS = 3;
const LOAD_MS = 2000;
/** More than the loads below can send at a few hundred a second (warm-up and 3 rounds of 2 s). */
const DISTINCT_CALLBACKS = 8000;
const LOAD_CONCURRENCY = 16;

/** Real callbacks from the simulator (a servicer going on and off duty), so their Tokens are valid for sync_msg. */
async function simulatorCallbacks(sim: Simulator, count: number): Promise<SimCallback[]> {
  const callbacks: SimCallback[] = [];
  for (let i = 0; callbacks.length < count; i++) {
    const body = { servicer_userid: SERVICER, status: i % 2 === 0 ? 2 : 1, open_kfid: KF_IDS[i % KF_IDS.length] };
    const response = await sim.handle(new Request('http://sim.local/_sim/servicer/status', { method: 'POST', body: JSON.stringify(body) }));
    if (!response.ok) throw new Error(`simulator: ${response.status} ${await response.text()}`);
    callbacks.push(...((await response.json()) as { callbacks: SimCallback[] }).callbacks);
  }
  return callbacks;
}

function newSimulator(): Simulator {
  return createSimulator({ identity: IDENTITY, accounts: KF_IDS.map((open_kfid) => ({ open_kfid })), servicers: [{ userid: SERVICER, open_kfids: KF_IDS }] });
}

const queryOf = (callback: SimCallback) => Object.fromEntries(new URL(callback.path_and_query, 'http://x').searchParams);

// ── (a) CPU per callback ────────────────────────────────────────────────────

async function cpuPerCallback(callback: SimCallback): Promise<{ callbackUs: number; floorUs: number; runs: number; clock: string }> {
  const { worker, url } = await startWorker({ config: join(ROOT, 'bench/workers/callback-cpu.toml') });
  try {
    const settings = { WECOM_TOKEN: IDENTITY.token, WECOM_ENCODING_AES_KEY: IDENTITY.encodingAesKey, WECOM_CORP_ID: IDENTITY.corpId, WECOM_REPLAY_WINDOW_S: '300' };
    const encrypted = readFlatXml(callback.body).Encrypt ?? '';
    // workerd's own CPU time where /proc has it (other load on the machine does not inflate it), else wall time.
    const onCpu = workerdCpuMs() !== null;
    const clock = onCpu ? () => workerdCpuMs()! : () => performance.now();
    const timed = async (mode: CpuJob['mode'], n: number): Promise<number> => {
      const job: CpuJob = { mode, n, settings, query: queryOf(callback), body: callback.body, encrypted, nowMs: Date.now() };
      const started = clock();
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(job) });
      const text = await response.text();
      if (!response.ok) throw new Error(`bench worker (${mode}): ${response.status} ${text}`);
      return clock() - started;
    };
    // Warm the JIT, then size N so one timed request runs the callback path for ~CPU_TARGET_MS.
    await timed('callback', 2000);
    await timed('floor', 2000);
    const estimateMs = Math.max(0.001, ((await timed('callback', 2000)) - (await timed('callback', 0))) / 2000);
    const runs = Math.min(100_000, Math.max(1000, Math.round(CPU_TARGET_MS / estimateMs)));
    const perRun: Record<CpuJob['mode'], number[]> = { callback: [], floor: [] };
    for (let round = 0; round < CPU_ROUNDS; round++) {
      for (const mode of ['callback', 'floor'] as const) {
        const base = await timed(mode, 0);
        perRun[mode].push((((await timed(mode, runs)) - base) / runs) * 1000);
      }
    }
    return { callbackUs: summarise(perRun.callback).median, floorUs: summarise(perRun.floor).median, runs, clock: onCpu ? 'workerd CPU time' : 'wall time' };
  } finally {
    await worker.dispose();
  }
}

// ── (b) requests per second on loopback ─────────────────────────────────────

interface Load {
  served: number;
  rps: number;
  /** workerd CPU per answered request (ms), background work such as the Inbox's pulls included. */
  cpuMs: number | null;
}

/** Closed loop: LOAD_CONCURRENCY clients send for `ms`; only answers that pass `ok` count. */
async function load(send: (i: number) => Promise<Response>, ok: (status: number, text: string) => boolean, ms: number): Promise<Load> {
  const end = performance.now() + ms;
  let served = 0;
  let sent = 0;
  const cpuBefore = workerdCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: LOAD_CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const response = await send(sent++);
        const text = await response.text();
        if (!ok(response.status, text)) throw new Error(`unexpected answer under load: ${response.status} ${text.slice(0, 200)}`);
        served += 1;
      }
    }),
  );
  const rps = served / ((performance.now() - started) / 1000);
  const cpuAfter = workerdCpuMs();
  return { served, rps, cpuMs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / served };
}

async function syncMsgCalls(sim: Simulator): Promise<number> {
  const response = await sim.handle(new Request('http://sim.local/_sim/calls?path=/cgi-bin/kf/sync_msg'));
  return ((await response.json()) as { items: unknown[] }).items.length;
}

async function throughput(): Promise<{ callback: Load; healthz: Load; pullsPerCallback: number }> {
  const sim = newSimulator();
  const simServer = await serveSimulator(sim, 0);
  const persist = mkdtempSync(join(tmpdir(), 'bench-callback-state-'));
  try {
    const { worker, url } = await startWorker({
      config: join(ROOT, 'wrangler.toml'),
      bindings: simulatorBindings(IDENTITY, simServer.url, 'bench-admin-token-of-32-characters-long'),
      dev: { persist },
    });
    try {
      // Every request a callback never served before: a signature already served inside the replay
      // window is answered without a hand-off, which would measure the shortcut, not the path.
      const callbacks = await simulatorCallbacks(sim, DISTINCT_CALLBACKS);
      const healthz = () => load(() => fetch(new URL('/healthz', url)), (status) => status === 200, LOAD_MS);
      let next = 0;
      const deliver = () =>
        load(
          () => {
            const callback = callbacks[next++ % callbacks.length]!;
            return fetch(new URL(callback.path_and_query, url), { method: 'POST', body: callback.body, headers: { 'content-type': 'text/xml' } });
          },
          (status, text) => status === 200 && text === 'success',
          LOAD_MS,
        );
      await healthz(); // warm-up: isolates, JIT, the Inbox objects
      await deliver();
      const rounds = { callback: [] as Load[], healthz: [] as Load[] };
      const pullsBefore = await syncMsgCalls(sim);
      let delivered = 0;
      for (let round = 0; round < LOAD_ROUNDS; round++) {
        rounds.healthz.push(await healthz());
        const callbackRound = await deliver();
        rounds.callback.push(callbackRound);
        delivered += callbackRound.served;
      }
      const median = (loads: Load[], pick: (l: Load) => number | null) => {
        const values = loads.map(pick).filter((v): v is number => v !== null);
        return values.length === 0 ? null : summarise(values).median;
      };
      return {
        callback: { served: delivered, rps: median(rounds.callback, (l) => l.rps)!, cpuMs: median(rounds.callback, (l) => l.cpuMs) },
        healthz: { served: 0, rps: median(rounds.healthz, (l) => l.rps)!, cpuMs: median(rounds.healthz, (l) => l.cpuMs) },
        pullsPerCallback: ((await syncMsgCalls(sim)) - pullsBefore) / delivered,
      };
    } finally {
      await worker.dispose();
    }
  } finally {
    await simServer.close();
    rmSync(persist, { recursive: true, force: true });
  }
}

// ── (c) bundle size ─────────────────────────────────────────────────────────

async function bundleSize(): Promise<{ rawKiB: number; gzipKiB: number }> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir], { cwd: ROOT });
    const code = readdirSync(outdir).filter((file) => /\.(m?js|wasm)$/.test(file));
    const bytes = code.map((file) => readFileSync(join(outdir, file)));
    const kib = (n: number) => n / 1024;
    return { rawKiB: kib(bytes.reduce((sum, b) => sum + b.length, 0)), gzipKiB: kib(bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ── report ──────────────────────────────────────────────────────────────────

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(46)}${value.padStart(14)}  ${note}`);

export default async function (): Promise<void> {
  const [sample] = await simulatorCallbacks(newSimulator(), 1);
  const cpuUse = await cpuPerCallback(sample!);
  const cpuRatio = cpuUse.callbackUs / cpuUse.floorUs;
  console.log(`(a) CPU per callback in workerd (${cpuUse.clock}), median of ${CPU_ROUNDS} rounds × ${cpuUse.runs} runs, ${sample!.body.length}-byte envelope`);
  line('verify + decrypt + parse (openCallback)', `${cpuUse.callbackUs.toFixed(1)} µs`);
  line('floor: bare SHA-1 + AES-256-CBC, same payload', `${cpuUse.floorUs.toFixed(1)} µs`);
  line('ratio to the floor', `${cpuRatio.toFixed(2)}×`, `target ≤ 2×      ${verdict(cpuRatio <= 2)}`);

  const rps = await throughput();
  const rpsRatio = rps.callback.rps / rps.healthz.rps;
  const cpu = (l: Load) => (l.cpuMs === null ? '' : `workerd ${l.cpuMs.toFixed(2)} ms CPU/req`);
  console.log(`(b) loopback throughput, local Worker (wrangler), ${LOAD_CONCURRENCY} concurrent, median of ${LOAD_ROUNDS} × ${LOAD_MS / 1000} s`);
  line('POST /wecom/callback (signed, handed to the Inbox)', `${rps.callback.rps.toFixed(0)} req/s`, cpu(rps.callback));
  line('GET /healthz', `${rps.healthz.rps.toFixed(0)} req/s`, cpu(rps.healthz));
  line('ratio to /healthz', `${rpsRatio.toFixed(2)}×`, `target ≥ 0.5×    ${verdict(rpsRatio >= 0.5)}`);
  line('Inbox sync_msg pulls per callback (background)', rps.pullsPerCallback.toFixed(2));

  const bundle = await bundleSize();
  console.log('(c) bundle of wrangler deploy --dry-run');
  line('raw', `${bundle.rawKiB.toFixed(1)} KiB`);
  line('gzipped', `${bundle.gzipKiB.toFixed(1)} KiB`, `target ≤ 250 KiB ${verdict(bundle.gzipKiB <= 250)}`);
}
