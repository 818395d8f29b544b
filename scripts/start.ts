/**
 * `npm start`: the whole system locally, for a newcomer, after `npm install` and nothing else.
 *
 *   1. local D1 migrations (wrangler, persisted under .wrangler/demo-state, fresh each start
 *      unless --keep-state);
 *   2. the WeCom simulator on SIM_PORT with a fresh demo identity (corp id, Token, AES key, secret),
 *      the demo kf accounts and servicers, posting its callbacks to the Worker;
 *   3. `wrangler dev` on WORKER_PORT with that identity in a temporary env file (0600, removed on
 *      exit; never on the command line, where every local user's `ps` would read it; a .dev.vars
 *      of your own is left alone);
 *   4. the demo config (scripts/demo-config.ts) stored and released through the admin API;
 *   5. the URLs and how to chat. Ctrl-C stops everything (each child in its own process group).
 *
 * The simulator's control API takes this run's token only (left in SIM_TOKEN_FILE, 0600, for
 * `npm run chat`; removed on exit).
 *
 * Ports: WORKER_PORT (8787) and SIM_PORT (8788) from src/simulator/defaults.ts, both overridable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createSimulator } from '../src/simulator';
import { CALLBACK_PATH, DEMO_AGENT_ID, DEMO_KF, LOCAL_HOST, SIM_PORT, SIM_TOKEN_FILE, WORKER_PORT } from '../src/simulator/defaults';
import { serveSimulator, type SimServer } from '../src/simulator/http';
import type { CallRecord } from '../src/simulator/types';
import { generateCallbackToken, generateEncodingAesKey, randomString } from './cloud/credentials';
import { DEMO_CONFIG, DEMO_SERVICERS } from './demo-config';

const ROOT = resolve(import.meta.dirname, '..');
const STATE_DIR = join(ROOT, '.wrangler', 'demo-state');
const HEALTH_TIMEOUT_MS = 90_000;

const say = (line: string) => console.log(line);
const warn = (line: string) => console.warn(`\x1b[33m! ${line}\x1b[0m`);

function requireNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    console.error(`npm start needs Node.js 22.12 or newer (wrangler 4 requires it); this is ${process.versions.node}.`);
    process.exit(1);
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, LOCAL_HOST, () => s.close(() => res(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, LOCAL_HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

// ── child processes, each leading its own process group so Ctrl-C takes its children too ──

const children = new Set<ChildProcess>();
/** Process groups we started; kept after their leader exits, since workerd may outlive wrangler. */
const groups = new Set<number>();
const wranglerBin = join(ROOT, 'node_modules', '.bin', 'wrangler');
const childEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function startWrangler(args: string[], prefix: string): ChildProcess {
  if (!existsSync(wranglerBin)) {
    console.error('node_modules/.bin/wrangler is missing: run `npm install` first.');
    process.exit(1);
  }
  const child = spawn(wranglerBin, args, { cwd: ROOT, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  if (child.pid !== undefined) groups.add(child.pid);
  child.once('exit', () => children.delete(child));
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (l) => l.trim() && say(`${prefix} ${l}`));
  }
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

function killGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the whole group is gone
  }
}

let simServer: SimServer | undefined;
let stopping = false;

/** Files holding this run's secrets, removed however the run ends. */
const secretFiles: string[] = [];
function writeSecretFile(path: string, content: string): string {
  writeFileSync(path, content, { mode: 0o600 });
  secretFiles.push(path);
  return path;
}
const removeSecretFiles = () => {
  for (const path of secretFiles.splice(0)) rmSync(path, { force: true, recursive: true });
};
process.on('exit', removeSecretFiles);
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const g of groups) killGroup(g, 'SIGTERM');
    await Promise.race([Promise.all([...children].map(exited)), new Promise((r) => setTimeout(r, 4000))]);
    for (const g of groups) killGroup(g, 'SIGKILL');
    await simServer?.close();
    removeSecretFiles();
  }
  process.exit(code);
}

// ── the steps ──

async function migrate() {
  say('· applying D1 migrations locally …');
  const child = startWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE_DIR], '  [d1]');
  const code = await exited(child);
  if (code !== 0) {
    console.error(`wrangler d1 migrations apply exited with ${code}; see the lines above.`);
    await stopAll(1);
  }
}

/** One line per kf API call worth seeing: what the bot sent, state changes, refusals. */
function describeCall(c: CallRecord): string | null {
  const a = c.answer as { errcode?: number; errmsg?: string } | string;
  const body = (c.body ?? {}) as Record<string, any>;
  const refused = typeof a === 'string' ? `HTTP ${c.status}` : a.errcode ? `errcode ${a.errcode} ${a.errmsg}` : '';
  const short = c.path.replace('/cgi-bin/kf/', '');
  const what =
    short === 'send_msg' || short === 'send_msg_on_event'
      ? `${body.touser ?? '(event code)'} ← ${body.msgtype}: ${JSON.stringify(body.text?.content ?? body.msgmenu ?? '').slice(0, 80)}`
      : short === 'service_state/trans'
        ? `${body.external_userid} → state ${body.service_state}${body.servicer_userid ? ` (${body.servicer_userid})` : ''}`
        : null;
  if (!what && !refused) return null;
  return `  [wecom] ${short} ${what ?? ''}${refused ? `  ✗ ${refused}` : ''}`;
}

async function waitForHealth(base: string, wrangler: ChildProcess) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (wrangler.exitCode !== null) {
      console.error(`wrangler dev exited (${wrangler.exitCode}) before ${base}/healthz answered; see the lines above.`);
      await stopAll(1);
    }
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`wrangler dev did not answer ${base}/healthz within ${HEALTH_TIMEOUT_MS / 1000} s.`);
  await stopAll(1);
}

/** Stores the demo config and makes it stable; a missing admin API is a warning, not a failure. */
async function loadDemoConfig(base: string, adminToken: string) {
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const put = await fetch(`${base}/admin/api/config`, { method: 'PUT', headers, body: JSON.stringify(DEMO_CONFIG) }).catch((e: Error) => e);
  if (put instanceof Error || put.status === 404) {
    warn('the admin API (PUT /admin/api/config) is not there yet: the Worker runs without the demo config.');
    return;
  }
  const answer = (await put.json().catch(() => null)) as { version?: number; error?: unknown } | null;
  if (!put.ok || typeof answer?.version !== 'number') {
    warn(`PUT /admin/api/config answered ${put.status}: ${JSON.stringify(answer)}; the Worker runs without the demo config.`);
    return;
  }
  // Only the first version ever stored is stable by itself; with --keep-state release this one.
  const release = await fetch(`${base}/admin/api/release`, { method: 'POST', headers, body: JSON.stringify({ version: answer.version, stage: 'full' }) }).catch((e: Error) => e);
  if (release instanceof Error || !release.ok) {
    warn(`config version ${answer.version} is stored but releasing it failed (${release instanceof Error ? release.message : release.status}).`);
    return;
  }
  say(`· demo config stored and released as version ${answer.version}`);
}

async function main() {
  requireNode();
  const keepState = process.argv.includes('--keep-state');
  for (const [name, port] of [['WORKER_PORT', WORKER_PORT], ['SIM_PORT', SIM_PORT]] as const) {
    if (!(await portFree(port))) {
      console.error(`port ${port} (${name}) is in use: stop what runs there or set ${name}=<another port>.`);
      process.exit(1);
    }
  }
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void stopAll(0));

  // A fresh demo identity: WeCom and the Worker share it, as a real corp's app settings would.
  const identity = { corpId: `ww${randomString(16, '0123456789abcdef')}`, token: generateCallbackToken(), encodingAesKey: generateEncodingAesKey(), kfSecret: randomString(43) };
  const adminToken = process.env.ADMIN_TOKEN ?? `local-admin-${randomString(32)}`;
  const worker = `http://${LOCAL_HOST}:${WORKER_PORT}`;

  if (!keepState) rmSync(STATE_DIR, { recursive: true, force: true });
  await migrate();

  const sim = createSimulator({
    identity: { ...identity, callbackUrl: `${worker}${CALLBACK_PATH}` },
    accounts: [
      { open_kfid: DEMO_KF.presale, name: '夏日优选·售前' },
      { open_kfid: DEMO_KF.aftersale, name: '夏日优选·售后' },
    ],
    servicers: DEMO_SERVICERS.map((userid) => ({ userid })),
    onCall: (c) => {
      const line = describeCall(c);
      if (line) say(line);
    },
  });
  simServer = await serveSimulator(sim, SIM_PORT, LOCAL_HOST);
  say(`· WeCom simulator on ${simServer.url}`);
  writeSecretFile(join(ROOT, SIM_TOKEN_FILE), simServer.controlToken);

  const vars = {
    WECOM_CORP_ID: identity.corpId,
    WECOM_TOKEN: identity.token,
    WECOM_ENCODING_AES_KEY: identity.encodingAesKey,
    WECOM_KF_SECRET: identity.kfSecret,
    WECOM_API_BASE: simServer.url,
    ADMIN_TOKEN: adminToken,
    // QR sign-in through the simulator's login page: the first demo servicer is admin, the others operators.
    WECOM_AGENT_ID: DEMO_AGENT_ID,
    CONSOLE_MEMBERS: JSON.stringify(DEMO_SERVICERS.map((userid, i) => ({ userid, role: i === 0 ? 'admin' : 'operator' }))),
  };
  const secretsDir = mkdtempSync(join(tmpdir(), 'wecom-kefu-start-'));
  secretFiles.push(secretsDir);
  const envFile = writeSecretFile(join(secretsDir, 'dev.vars'), Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
  const args = ['dev', '--port', String(WORKER_PORT), '--ip', LOCAL_HOST, '--persist-to', STATE_DIR, '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false', '--env-file', envFile];
  say('· starting wrangler dev …');
  const wrangler = startWrangler(args, '  [worker]');
  await waitForHealth(worker, wrangler);
  await loadDemoConfig(worker, adminToken);
  wrangler.once('exit', (code) => {
    if (!stopping) {
      console.error(`wrangler dev stopped (${code}); stopping the simulator too.`);
      void stopAll(1);
    }
  });

  say(`
  ┌ wecom-kefu-edge is running locally ───────────────────────────────
  │ Worker          ${worker}   (health: ${worker}/healthz)
  │ WeCom callback  ${worker}${CALLBACK_PATH}
  │ Admin API       ${worker}/admin/api   Authorization: Bearer ${adminToken}
  │ Console         ${worker}/console   (企业微信扫码登录 through the simulator as ${DEMO_SERVICERS[0]}, or the admin token)
  │ Simulator       ${simServer.url}   (control API: src/simulator/control.ts, X-Sim-Token in ${SIM_TOKEN_FILE})
  │ kf accounts     ${DEMO_KF.presale} (售前), ${DEMO_KF.aftersale} (售后)
  │
  │ Chat as a WeChat customer, in a second terminal:   npm run chat
  │ Try: 多少钱 → 有没有优惠 → 我要退货 → 人工
  │ e.g. curl -H 'Authorization: Bearer ${adminToken}' ${worker}/admin/api/config
  └ Ctrl-C stops everything ────────────────────────────────────────────`);
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  await stopAll(1);
});
