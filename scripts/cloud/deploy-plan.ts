/**
 * What `npm run deploy` decides, apart from running anything: the order of its steps, what a
 * second run may skip, how wrangler's answers are read, and what it tells the person deploying.
 *
 * Resuming is re-running: each step is either idempotent by nature (D1 migrations record what is
 * applied) or skipped when the account already has its result (the upload, when the live version
 * is the one this bundle produced). The state file remembers that version and the failed step.
 */
import { CALLBACK_PATH } from '../../src/simulator/defaults';
import { CREDENTIAL_NAMES } from './credentials';

export const STEPS = {
  login: 'check the Cloudflare login',
  secrets: 'check the WeCom secrets',
  build: 'build the bundle',
  database: 'look up the D1 database',
  migrate: 'apply the D1 migrations remotely',
  upload: 'upload the Worker',
  check: 'check the live Worker',
} as const;
export type StepId = keyof typeof STEPS;

export interface DeployState {
  /** The bundle and the version it became; the upload is skipped while both still hold. */
  uploaded?: { bundleHash: string; versionId: string; url: string; at: string };
  failed?: { step: StepId; at: string };
}

export function parseState(text: string | undefined): DeployState {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as DeployState;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {}; // a damaged state file costs one upload, never a wrong skip
  }
}

/** The schema goes first when the database exists; a new database is created by the upload, so its migrations follow. */
export function migrateAndUpload(databaseExists: boolean): ('migrate' | 'upload')[] {
  return databaseExists ? ['migrate', 'upload'] : ['upload', 'migrate'];
}

/** The worker's name and the D1 binding's database name, from wrangler.toml. */
export function readWranglerNames(toml: string): { worker: string; database: string; binding: string } {
  const worker = /^name\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const d1 = /\[\[d1_databases\]\]([^[]*)/.exec(toml)?.[1] ?? '';
  const binding = /^binding\s*=\s*"([^"]+)"/m.exec(d1)?.[1];
  const database = /^database_name\s*=\s*"([^"]+)"/m.exec(d1)?.[1];
  if (!worker || !binding || !database) throw new Error('wrangler.toml needs a name and a [[d1_databases]] binding with a database_name');
  return { worker, database, binding };
}

export type Login = { ok: true; accountId: string; email?: string } | { ok: false; message: string };

/** `wrangler whoami --json`; several accounts need CLOUDFLARE_ACCOUNT_ID, as wrangler itself does. */
export function readLogin(code: number, stdout: string, accountIdFromEnv?: string): Login {
  const notLoggedIn = { ok: false as const, message: 'not logged in to Cloudflare: run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then `npm run deploy` again' };
  if (code !== 0) return notLoggedIn;
  let who: { loggedIn?: boolean; email?: string; accounts?: { id: string; name: string }[] };
  try {
    who = JSON.parse(stdout);
  } catch {
    return notLoggedIn;
  }
  if (!who.loggedIn) return notLoggedIn;
  const accounts = who.accounts ?? [];
  const chosen = accountIdFromEnv ? accounts.find((a) => a.id === accountIdFromEnv) : accounts.length === 1 ? accounts[0] : undefined;
  if (chosen) return { ok: true, accountId: chosen.id, ...(who.email ? { email: who.email } : {}) };
  if (accountIdFromEnv) return { ok: false, message: `CLOUDFLARE_ACCOUNT_ID=${accountIdFromEnv} is not one of this login's accounts (${accounts.map((a) => a.id).join(', ') || 'none'})` };
  if (accounts.length === 0) return { ok: false, message: 'this Cloudflare login has no account: create one in the dashboard (https://dash.cloudflare.com) first' };
  return { ok: false, message: `this login has ${accounts.length} Cloudflare accounts; choose one with CLOUDFLARE_ACCOUNT_ID=<id> npm run deploy:\n${accounts.map((a) => `    ${a.id}  ${a.name}`).join('\n')}` };
}

/** The secrets the Worker needs that `wrangler secret list` does not show (all when the Worker is new). */
export function missingSecrets(code: number, stdout: string): string[] {
  const names = listedSecrets(code, stdout);
  return CREDENTIAL_NAMES.filter((n) => !names.includes(n));
}

/** The names `wrangler secret list` shows; none when it failed (a new Worker) or answered something else. */
function listedSecrets(code: number, stdout: string): string[] {
  if (code !== 0) return [];
  try {
    return (JSON.parse(stdout) as { name: string }[]).map((s) => s.name);
  } catch {
    return [];
  }
}

/** Many-corps mode's secrets (README "Many companies"); `npm run setup` does not ask for them. */
export const SUITE_SECRET_NAMES = ['WECOM_SUITE_SECRET', 'WECOM_SUITE_TOKEN', 'WECOM_SUITE_ENCODING_AES_KEY'] as const;

/**
 * With `WECOM_SUITE_ID` set in wrangler.toml's [vars], the suite's secrets that `wrangler secret list`
 * does not show; none when the mode is off.
 */
export function missingSuiteSecrets(toml: string, code: number, stdout: string): string[] {
  const suiteId = /^WECOM_SUITE_ID\s*=\s*"([^"]*)"/m.exec(toml)?.[1]?.trim() ?? '';
  if (suiteId === '') return [];
  const names = listedSecrets(code, stdout);
  return SUITE_SECRET_NAMES.filter((n) => !names.includes(n));
}

/** `wrangler d1 list --json`. */
export function databaseExists(stdout: string, name: string): boolean {
  const list = JSON.parse(stdout) as { name: string }[];
  return list.some((db) => db.name === name);
}

/** The version ids serving traffic, from `wrangler deployments status --json` (none: not deployed). */
export function liveVersions(code: number, stdout: string): string[] {
  if (code !== 0) return [];
  try {
    return ((JSON.parse(stdout) as { versions?: { version_id: string }[] }).versions ?? []).map((v) => v.version_id);
  } catch {
    return [];
  }
}

/** Upload unless this very bundle is what serves all traffic now. */
export function uploadNeeded(state: DeployState, bundleHash: string, live: string[], force: boolean): { needed: boolean; why: string } {
  if (force) return { needed: true, why: '--force' };
  const last = state.uploaded;
  if (!last) return { needed: true, why: 'no upload recorded from this clone' };
  if (last.bundleHash !== bundleHash) return { needed: true, why: 'the bundle or wrangler.toml changed' };
  if (live.length !== 1 || live[0] !== last.versionId) return { needed: true, why: `the live version is ${live.join(' + ') || 'none'}, not ${last.versionId}` };
  return { needed: false, why: `version ${last.versionId} of this bundle is already live` };
}

/** The `deploy` record wrangler writes to WRANGLER_OUTPUT_FILE_PATH (one JSON object a line). */
export function readDeployOutput(ndjson: string): { versionId: string; targets: string[] } {
  for (const line of ndjson.split('\n').reverse()) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { type?: string; version_id?: string; targets?: string[] };
    if (entry.type === 'deploy' && entry.version_id) return { versionId: entry.version_id, targets: entry.targets ?? [] };
  }
  throw new Error('wrangler wrote no deploy record');
}

/** The Worker's public origin among wrangler's targets: a URL, else a custom domain, else a route's host. */
export function publicOrigin(targets: string[]): string | undefined {
  const url = targets.find((t) => /^https?:\/\//.test(t));
  if (url) return new URL(url).origin;
  const domain = targets.map((t) => /^([\w.-]+) \(custom domain\b/.exec(t)?.[1]).find(Boolean);
  if (domain) return `https://${domain}`;
  const route = targets.map((t) => /^(?:\*\.)?([\w-]+(?:\.[\w-]+)+)\//.exec(t)?.[1]).find(Boolean);
  return route ? `https://${route}` : undefined;
}

export function failureMessage(step: StepId, detail: string): string {
  const resume =
    step === 'login' || step === 'secrets'
      ? 'then run `npm run deploy` again.'
      : 'then run `npm run deploy` again: it resumes here, and steps already done are checked, not repeated (an unchanged bundle that is live is not uploaded again).';
  return `✗ step "${step}" (${STEPS[step]}) failed: ${detail}\n  Fix the cause above, ${resume}`;
}

export interface Summary {
  origin: string;
  worker: string;
  accountId: string;
  uploaded: boolean;
  versionId: string;
}

/** What a WeCom admin does next, with the URLs to paste. */
export function summary(s: Summary): string {
  const callback = `${s.origin}${CALLBACK_PATH}`;
  return `
  ┌ ${s.worker} is live ${s.uploaded ? `(version ${s.versionId} uploaded)` : `(unchanged: version ${s.versionId})`}
  │ WeCom callback URL   ${callback}
  │ Console              ${s.origin}/console   (sign in with the ADMIN_TOKEN)
  │ Admin API            ${s.origin}/admin/api   (Authorization: Bearer <ADMIN_TOKEN from npm run setup>)
  │ Cloudflare console   https://dash.cloudflare.com/${s.accountId}/workers/services/view/${s.worker}/production
  │
  │ Next, in the WeCom admin (https://work.weixin.qq.com/wework_admin/), README "Deploying":
  │  1. 应用管理 → 微信客服 → API: 可调用接口的应用 = the self-built app; its 可管理的客服账号
  │  2. the app → 接收消息 → 设置API接收: this callback URL with the Token and EncodingAESKey
  │     from npm run setup; 保存 makes WeCom verify the URL against this Worker
  │  3. the app → 开发者接口 → 企业可信IP: the fixed IP of WECOM_API_BASE's egress (errcode 60020)
  └ npm run deploy again any time: it uploads only what changed`;
}
