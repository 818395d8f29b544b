/**
 * `npm run deploy`: from a clone to a live Worker on the logged-in Cloudflare account, idempotent.
 *
 *   login → secrets (asks for them through `npm run setup`'s flow when missing on a terminal) →
 *   build (wrangler deploy --dry-run, hashed) → database → migrate/upload (schema first when the
 *   database exists; a new one is created by the upload) → check (/healthz and the callback).
 *
 * The decisions live in scripts/cloud/deploy-plan.ts; this file runs wrangler and keeps the state
 * (.wrangler/deploy/state.json) that lets a second run skip an upload that changes nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CALLBACK_PATH } from '../src/simulator/defaults';
import {
  databaseExists,
  failureMessage,
  liveVersions,
  missingSecrets,
  missingSuiteSecrets,
  parseState,
  publicOrigin,
  readDeployOutput,
  readLogin,
  readWranglerNames,
  migrateAndUpload,
  STEPS,
  summary,
  uploadNeeded,
  type DeployState,
  type StepId,
} from './cloud/deploy-plan';
import { runSetup } from './cloud/setup-flow';
import { lastError, runWrangler, type WranglerRun } from './cloud/wrangler';

const ROOT = resolve(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    'state-dir': { type: 'string', default: join(ROOT, '.wrangler', 'deploy') },
    yes: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(`npm run deploy [-- --force] [-- --yes]\n  --force  upload even when this bundle is already live\n  --yes    never ask (missing secrets fail instead of starting npm run setup)`);
  process.exit(0);
}

const stateDir = resolve(flags['state-dir']);
const statePath = join(stateDir, 'state.json');
const interactive = Boolean(process.stdin.isTTY) && !flags.yes;
const say = (line: string) => console.log(line);
const echo = (line: string) => say(`  [wrangler] ${line}`);

class StepFailure extends Error {
  constructor(
    readonly step: StepId,
    detail: string,
  ) {
    super(detail);
  }
}

function loadState(): DeployState {
  try {
    return parseState(readFileSync(statePath, 'utf8'));
  } catch {
    return {};
  }
}
function saveState(state: DeployState) {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
}

async function wrangler(step: StepId, args: string[], options: { env?: Record<string, string>; quiet?: boolean } = {}): Promise<WranglerRun> {
  return runWrangler(args, { cwd: ROOT, ...(options.env ? { env: options.env } : {}), ...(options.quiet ? {} : { echo }) }).then((run) => {
    if (run.code === 127) throw new StepFailure(step, run.stderr);
    return run;
  });
}
async function mustSucceed(step: StepId, args: string[], options: { env?: Record<string, string>; quiet?: boolean } = {}): Promise<WranglerRun> {
  const run = await wrangler(step, args, options);
  // A quiet call's output is shown when it fails: a build error spans many lines.
  if (run.code !== 0 && options.quiet) for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) if (line.trim()) echo(line);
  if (run.code !== 0) throw new StepFailure(step, `\`wrangler ${args.join(' ')}\` exited with ${run.code}: ${lastError(run)}`);
  return run;
}

/** The console's static files (wrangler.toml `[assets]`), uploaded with the Worker. */
const ASSETS_DIR = join(ROOT, 'build', 'assets');

/** The bundle wrangler would upload, the console's assets and wrangler.toml: equal hashes mean an upload changes nothing. */
async function buildHash(): Promise<string> {
  const outdir = join(stateDir, 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  await mustSucceed('build', ['deploy', '--dry-run', '--outdir', outdir], { quiet: true });
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'wrangler.toml')));
  for (const dir of [outdir, ASSETS_DIR]) {
    const files = existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()) : [];
    for (const path of files.map((f) => join(f.parentPath, f.name)).sort()) hash.update(path.slice(dir.length)).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/** Healthy, and the callback refuses a forged signature (401) rather than failing for lack of settings (500). */
async function checkLive(origin: string): Promise<void> {
  const deadline = Date.now() + 60_000; // a new workers.dev name can take a little while to resolve
  let last = '';
  for (;;) {
    try {
      const health = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
      const query = new URLSearchParams({ msg_signature: '0'.repeat(40), timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'deploycheck', echostr: 'AAAA' });
      const callback = await fetch(`${origin}${CALLBACK_PATH}?${query}`, { signal: AbortSignal.timeout(5000) });
      if (callback.status === 401) return;
      throw new StepFailure('check', `${CALLBACK_PATH} answered ${callback.status} to a forged signature instead of 401: are the secrets set? (\`npm run setup\`)`);
    } catch (e) {
      if (e instanceof StepFailure) throw e;
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new StepFailure('check', `${origin} did not answer (${last}). A new workers.dev name can take minutes to resolve; from mainland China workers.dev may not resolve at all (README "Deploying": use a custom domain)`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function main() {
  const state = loadState();
  if (state.failed) say(`· resuming after step "${state.failed.step}" failed at ${state.failed.at}`);
  const names = readWranglerNames(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'));
  let current: StepId = 'login';
  const begin = (step: StepId) => {
    current = step;
    say(`· ${STEPS[step]} …`);
  };

  try {
    begin('login');
    let whoami = await wrangler('login', ['whoami', '--json'], { quiet: true });
    if (whoami.code !== 0 && interactive) {
      say('  not logged in: starting `wrangler login` (a browser window opens)');
      await runWrangler(['login'], { cwd: ROOT, echo });
      whoami = await wrangler('login', ['whoami', '--json'], { quiet: true });
    }
    const login = readLogin(whoami.code, whoami.stdout, process.env.CLOUDFLARE_ACCOUNT_ID);
    if (!login.ok) throw new StepFailure('login', login.message);
    say(`  ${login.email ?? 'API token'}, account ${login.accountId}`);
    const accountEnv = { CLOUDFLARE_ACCOUNT_ID: login.accountId };

    begin('secrets');
    const listed = await wrangler('secrets', ['secret', 'list'], { env: accountEnv, quiet: true });
    const missing = missingSecrets(listed.code, listed.stdout);
    if (missing.length > 0) {
      if (!interactive) throw new StepFailure('secrets', `${missing.join(', ')} not set on Worker "${names.worker}": run \`npm run setup\``);
      say(`  ${missing.join(', ')} not set yet: setting up the WeCom identity now`);
      const stored = await runSetup({ given: {}, force: false, interactive, cwd: ROOT });
      if (!stored) throw new StepFailure('secrets', 'setup did not store the secrets');
    } else say('  all five set');
    const suiteMissing = missingSuiteSecrets(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'), listed.code, listed.stdout);
    if (suiteMissing.length > 0) throw new StepFailure('secrets', `WECOM_SUITE_ID is set but ${suiteMissing.join(', ')} not: \`npx wrangler secret put <name>\` for each (README "Many companies")`);

    begin('build');
    const bundleHash = await buildHash();

    begin('database');
    const dbList = await mustSucceed('database', ['d1', 'list', '--json'], { env: accountEnv, quiet: true });
    const dbExists = databaseExists(dbList.stdout, names.database);
    say(`  ${names.database}: ${dbExists ? 'exists' : 'not there yet; the upload creates it'}`);

    let origin = state.uploaded?.url;
    let versionId = state.uploaded?.versionId ?? '';
    let uploaded = false;
    for (const step of migrateAndUpload(dbExists)) {
      begin(step);
      if (step === 'migrate') {
        await mustSucceed('migrate', ['d1', 'migrations', 'apply', names.binding, '--remote'], { env: accountEnv });
        continue;
      }
      const status = await wrangler('upload', ['deployments', 'status', '--json'], { env: accountEnv, quiet: true });
      const decision = uploadNeeded(state, bundleHash, liveVersions(status.code, status.stdout), flags.force);
      say(`  ${decision.needed ? 'uploading' : 'skipped'}: ${decision.why}`);
      if (!decision.needed) continue;
      const output = join(stateDir, 'wrangler-output.ndjson');
      rmSync(output, { force: true });
      await mustSucceed('upload', ['deploy'], { env: { ...accountEnv, WRANGLER_OUTPUT_FILE_PATH: output } });
      const result = readDeployOutput(readFileSync(output, 'utf8'));
      origin = publicOrigin(result.targets);
      if (!origin) throw new StepFailure('upload', `the Worker has no public URL (targets: ${result.targets.join(', ') || 'none'}): enable workers.dev or add a route or custom domain in wrangler.toml`);
      versionId = result.versionId;
      uploaded = true;
      state.uploaded = { bundleHash, versionId, url: origin, at: new Date().toISOString() };
      saveState(state);
    }
    if (!origin) throw new StepFailure('upload', 'no URL is recorded for this Worker: run `npm run deploy -- --force`');

    begin('check');
    await checkLive(origin);
    say('  /healthz answers; the callback checks signatures with the stored Token');

    delete state.failed;
    saveState(state);
    say(summary({ origin, worker: names.worker, accountId: login.accountId, uploaded, versionId }));
  } catch (e) {
    const failure = e instanceof StepFailure ? e : new StepFailure(current, e instanceof Error ? e.message : String(e));
    state.failed = { step: failure.step, at: new Date().toISOString() };
    saveState(state);
    console.error(`\n${failureMessage(failure.step, failure.message)}`);
    process.exit(1);
  }
}

void main();
