/**
 * The system the load test drives, all on 127.0.0.1: the WeCom simulator served over HTTP (the
 * Worker's WECOM_API_BASE), the Worker under wrangler's local runtime (workerd, a child of this
 * process) with fresh state and the D1 migrations applied, and the demo config stored and released.
 * Callbacks are not posted by the simulator: the harness posts them itself, to time each one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_CONFIG, DEMO_SERVICERS } from '../../scripts/demo-config';
import { createSimulator, type Simulator } from '../../src/simulator';
import { DEMO_KF } from '../../src/simulator/defaults';
import { serveSimulator, type SimServer } from '../../src/simulator/http';
import type { CallRecord } from '../../src/simulator/types';
import { plain, simulatorBindings, startWorker, type StartedWorker } from '../local-worker';

const ROOT = join(import.meta.dirname, '..', '..');
export const IDENTITY = { corpId: 'wwloadcorp0000001', token: 'loadtoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'load-kf-secret' };
const ADMIN_TOKEN = 'load-admin-token-of-32-characters-long';
/** The account the customers write to (the demo's pre-sales account, answered by the demo config). */
export const LOAD_KF = DEMO_KF.presale;
/** An account of its own for the bare callbacks, so their pulls never touch the customers' Inbox. */
export const BARE_KF = 'wkLoadBareAccount00000001';
export const BARE_SERVICER = 'load_bare_servicer';

export interface System {
  sim: Simulator;
  url: URL;
  /** Every line the Worker logged (only collected with profile or runs on). */
  logs: string[];
  /** wrangler's inspector proxy for the Worker's isolate (only with `inspector` on). */
  inspector: URL | undefined;
  stop(): Promise<void>;
}


export async function startSystem(options: { profile: boolean; runs: boolean; inspector: boolean; onCall: (call: CallRecord) => void }): Promise<System> {
  const persist = mkdtempSync(join(tmpdir(), 'load-state-'));
  const logs: string[] = [];
  let simServer: SimServer | undefined;
  let worker: StartedWorker | undefined;
  const stop = async () => {
    await worker?.dispose().catch(() => undefined);
    await simServer?.close().catch(() => undefined);
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
    });
    const sim = createSimulator({
      identity: IDENTITY,
      accounts: [{ open_kfid: LOAD_KF }, { open_kfid: BARE_KF }],
      servicers: [...DEMO_SERVICERS.map((userid) => ({ userid, open_kfids: [LOAD_KF] })), { userid: BARE_SERVICER, open_kfids: [BARE_KF] }],
      onCall: options.onCall,
    });
    simServer = await serveSimulator(sim, 0);
    const started = await startWorker({
      config: join(ROOT, 'wrangler.toml'),
      bindings: { ...simulatorBindings(IDENTITY, simServer.url, ADMIN_TOKEN), ...(options.profile ? { LOAD_PROFILE: plain('1') } : {}), ...(options.runs ? { LOAD_RUNS: plain('1') } : {}) },
      dev: {
        persist,
        ...(options.inspector ? { inspector: { hostname: '127.0.0.1', port: 0 } } : {}),
        // Printing a line per callback would measure the terminal; profile and run lines are kept to count.
        structuredLogsHandler: options.profile || options.runs ? (log: { message: string }) => void logs.push(log.message) : () => undefined,
      },
    });
    worker = started.worker;
    const url = started.url;
    await loadConfig(url);
    return { sim, url, logs, inspector: options.inspector ? await worker.inspectorUrl : undefined, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The demo config, open around the clock (working hours would make the answers depend on when the test runs). */
async function loadConfig(url: URL): Promise<void> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const config = { ...DEMO_CONFIG, links: DEMO_CONFIG.links?.map(({ working_hours: _hours, holidays: _holidays, ...link }) => link) };
  const put = await fetch(new URL('/admin/api/config', url), { method: 'PUT', headers, body: JSON.stringify(config) });
  const stored = (await put.json()) as { version?: number };
  if (!put.ok || typeof stored.version !== 'number') throw new Error(`PUT /admin/api/config answered ${put.status}: ${JSON.stringify(stored)}`);
  const release = await fetch(new URL('/admin/api/release', url), { method: 'POST', headers, body: JSON.stringify({ version: stored.version, stage: 'full' }) });
  if (!release.ok) throw new Error(`releasing config version ${stored.version} answered ${release.status}: ${await release.text()}`);
}
