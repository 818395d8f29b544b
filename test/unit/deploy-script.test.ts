import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// `npm run deploy` and `npm run setup` end to end against a stand-in `wrangler` first on PATH
// (test/unit/support/stand-in-wrangler.mjs), which records every call and plays the account.

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const KF_SECRET = 'dQnQ0j5w0_H4M7ZBhtL7GNxqAK3GrQQa5FOK8vhq-pM';
const CORP = 'ww1a2b3c4d5e6f7a8b';

interface Call {
  args: string[];
  stdin: string;
  accountEnv: string | null;
}

let work: string;
let server: Server;
let origin: string;
/** What the stand-in Worker answers to the deploy's checks. */
let callbackStatus = 401;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/healthz') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else if (req.url?.startsWith('/wecom/callback?')) res.writeHead(callbackStatus).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'deploy-test-'));
  const bin = join(work, 'bin');
  // Named exactly `wrangler` and first on PATH, where node_modules/.bin is under `npm run`.
  mkdirSync(bin);
  copyFileSync(join(ROOT, 'test/unit/support/stand-in-wrangler.mjs'), join(bin, 'wrangler'));
  chmodSync(join(bin, 'wrangler'), 0o755);
  callbackStatus = 401;
  return () => rmSync(work, { recursive: true, force: true });
});

function run(script: 'deploy' | 'setup', args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(TSX, [join(ROOT, 'scripts', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: {
        PATH: `${join(work, 'bin')}:${process.env.PATH}`,
        HOME: process.env.HOME ?? '',
        STAND_IN_LOG: join(work, 'calls.jsonl'),
        STAND_IN_ACCOUNT: join(work, 'account.json'),
        STAND_IN_ORIGIN: origin,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code: code ?? 1, out }));
  });
}
const deploy = (env: Record<string, string> = {}, extra: string[] = []) => run('deploy', ['--yes', '--state-dir', join(work, 'state'), ...extra], env);
const setup = (args: string[] = ['--corp-id', CORP], env: Record<string, string> = { WECOM_KF_SECRET: KF_SECRET }) => run('setup', args, env);

function calls(): Call[] {
  try {
    return readFileSync(join(work, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call);
  } catch {
    return [];
  }
}
const commands = () => calls().map((c) => c.args.filter((a) => !a.startsWith('/')).join(' '));
const clearCalls = () => rmSync(join(work, 'calls.jsonl'), { force: true });

// Each case starts tsx processes (about half a second each): room for a loaded machine, not a speed target.
describe('npm run setup', { timeout: 30_000 }, () => {
  it('stores the five settings through stdin of `wrangler secret bulk`, never in argv, and shows what WeCom needs', async () => {
    const r = await setup();
    expect(r.code).toBe(0);
    const [bulk, ...rest] = calls();
    expect(rest).toEqual([]);
    expect(bulk?.args).toEqual(['secret', 'bulk']);
    const doc = JSON.parse(bulk!.stdin) as Record<string, string>;
    expect(Object.keys(doc).sort()).toEqual(['ADMIN_TOKEN', 'WECOM_CORP_ID', 'WECOM_ENCODING_AES_KEY', 'WECOM_KF_SECRET', 'WECOM_TOKEN']);
    expect(doc.WECOM_CORP_ID).toBe(CORP);
    expect(doc.WECOM_KF_SECRET).toBe(KF_SECRET);
    expect(doc.WECOM_TOKEN).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(doc.WECOM_ENCODING_AES_KEY).toMatch(/^[A-Za-z0-9]{43}$/);
    for (const value of Object.values(doc)) expect(bulk!.args.join(' ')).not.toContain(value);
    // The generated Token and key are to be pasted into WeCom; the admin token is shown once.
    expect(r.out).toContain(doc.WECOM_TOKEN);
    expect(r.out).toContain(doc.WECOM_ENCODING_AES_KEY);
    expect(r.out.split(doc.ADMIN_TOKEN!).length - 1).toBe(1);
    expect(r.out).not.toContain(KF_SECRET);
  });

  it('keeps a Token and EncodingAESKey already saved in WeCom, and does not print them back', async () => {
    const token = 'Abc123';
    const key = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    const r = await setup(['--corp-id', CORP, '--token', token, '--aes-key', key]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(calls()[0]!.stdin) as Record<string, string>;
    expect([doc.WECOM_TOKEN, doc.WECOM_ENCODING_AES_KEY]).toEqual([token, key]);
    expect(r.out).not.toContain(key);
  });

  it('refuses a bad corp id and a missing Secret with clear messages, storing nothing', async () => {
    const r = await setup(['--corp-id', '1000002'], {});
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/WECOM_CORP_ID: the corp id \(企业ID\) is "ww" followed by 16 letters or digits/);
    expect(r.out).toMatch(/WECOM_KF_SECRET is missing/);
    expect(r.out).toMatch(/nothing was stored/);
    expect(calls()).toEqual([]);
  });

  it('--local writes .dev.vars instead, and will not overwrite one without --force', async () => {
    const file = join(work, 'dev.vars');
    expect((await setup(['--corp-id', CORP, '--local', '--dev-vars', file, '--api-base', 'https://egress.example.com'])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`WECOM_CORP_ID=${CORP}`);
    expect(text).toContain(`WECOM_KF_SECRET=${KF_SECRET}`);
    expect(text).toContain('WECOM_API_BASE=https://egress.example.com');
    expect(calls()).toEqual([]);
    const again = await setup(['--corp-id', CORP, '--local', '--dev-vars', file]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/exists: add --force/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('npm run deploy', { timeout: 30_000 }, () => {
  it('on a fresh account without secrets stops at the secrets step and says to run npm run setup', async () => {
    const r = await deploy();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/step "secrets" \(check the WeCom secrets\) failed: .*WECOM_CORP_ID.*run `npm run setup`/);
    expect(commands()).toEqual(['whoami --json', 'secret list']);
  });

  it('deploys a fresh account (upload creates the database, then migrations), prints the URLs, and a second run uploads nothing', async () => {
    await setup();
    clearCalls();
    const first = await deploy();
    expect(first.code, first.out).toBe(0);
    expect(commands()).toEqual(['whoami --json', 'secret list', 'deploy --dry-run --outdir', 'd1 list --json', 'deployments status --json', 'deploy', 'd1 migrations apply DB --remote']);
    // Every call that touches the account names the one whoami answered (the build touches none).
    expect(calls().filter((c) => c.args[0] !== 'whoami' && !c.args.includes('--dry-run')).map((c) => c.accountEnv)).toEqual(Array(5).fill('acc0123'));
    expect(first.out).toContain(`WeCom callback URL   ${origin}/wecom/callback`);
    expect(first.out).toContain(`Console              ${origin}/console`);
    expect(first.out).toContain('https://dash.cloudflare.com/acc0123/workers/services/view/wecom-kefu-edge/production');
    expect(first.out).toMatch(/设置API接收/);

    clearCalls();
    const second = await deploy();
    expect(second.code, second.out).toBe(0);
    // The database exists now: schema first; the live version is this bundle's, so no upload.
    expect(commands()).toEqual(['whoami --json', 'secret list', 'deploy --dry-run --outdir', 'd1 list --json', 'd1 migrations apply DB --remote', 'deployments status --json']);
    expect(second.out).toMatch(/skipped: version v2 of this bundle is already live/);
    expect(second.out).toMatch(/No migrations to apply/);

    clearCalls();
    const changed = await deploy({ STAND_IN_BUNDLE: 'export default { changed: true };' });
    expect(changed.code).toBe(0);
    expect(commands()).toContain('deploy');
    expect(changed.out).toMatch(/uploading: the bundle or wrangler.toml changed/);
  });

  it('a failed migration names the step and how to resume; the resumed run migrates without uploading again', async () => {
    await setup();
    const failed = await deploy({ STAND_IN_FAIL: 'd1 migrations apply' });
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/✗ step "migrate" \(apply the D1 migrations remotely\) failed: `wrangler d1 migrations apply DB --remote` exited with 1: stand-in failure of d1 migrations apply/);
    expect(failed.out).toMatch(/run `npm run deploy` again: it resumes here/);
    expect(JSON.parse(readFileSync(join(work, 'state', 'state.json'), 'utf8'))).toMatchObject({ failed: { step: 'migrate' }, uploaded: { versionId: 'v2', url: origin } });

    clearCalls();
    const resumed = await deploy();
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toMatch(/resuming after step "migrate" failed/);
    expect(commands()).toEqual(['whoami --json', 'secret list', 'deploy --dry-run --outdir', 'd1 list --json', 'd1 migrations apply DB --remote', 'deployments status --json']);
    expect(resumed.out).toMatch(/applied 2 migrations/);
    expect(JSON.parse(readFileSync(join(work, 'state', 'state.json'), 'utf8'))).not.toHaveProperty('failed');
  });

  it('a failed build shows the output of wrangler and stops before anything touches the account', async () => {
    await setup();
    clearCalls();
    const r = await deploy({ STAND_IN_FAIL: 'deploy' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[wrangler\] ✘ \[ERROR\] stand-in failure of deploy/);
    expect(r.out).toMatch(/step "build" \(build the bundle\) failed/);
    expect(commands()).toEqual(['whoami --json', 'secret list', 'deploy --dry-run --outdir']);
  });

  it('a live Worker whose callback fails for lack of settings fails the check step', async () => {
    await setup();
    callbackStatus = 500;
    const r = await deploy();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/step "check" \(check the live Worker\) failed: \/wecom\/callback answered 500 to a forged signature instead of 401/);
  });

  it('--force uploads an unchanged bundle', async () => {
    await setup();
    await deploy();
    clearCalls();
    const r = await deploy({}, ['--force']);
    expect(r.code).toBe(0);
    expect(commands()).toContain('deploy');
    expect(r.out).toMatch(/uploading: --force/);
  });
});
