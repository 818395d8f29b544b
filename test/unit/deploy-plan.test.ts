import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  databaseExists,
  failureMessage,
  liveVersions,
  migrateAndUpload,
  missingSecrets,
  missingSuiteSecrets,
  parseState,
  publicOrigin,
  readDeployOutput,
  readLogin,
  readWranglerNames,
  uploadNeeded,
} from '../../scripts/cloud/deploy-plan';

const ROOT = resolve(import.meta.dirname, '../..');
const TOML = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');

describe('wrangler.toml carries no account-specific ids', () => {
  it('binds D1 by name and KV by binding only, and holds no corp id', () => {
    expect(TOML).not.toMatch(/^\s*(database_id|id|preview_id|account_id)\s*=/m);
    expect(TOML).not.toMatch(/^\s*WECOM_CORP_ID\s*=/m);
    expect(readWranglerNames(TOML)).toEqual({ worker: 'wecom-kefu-edge', database: 'wecom-kefu', binding: 'DB' });
  });

  it('wrangler deploy --dry-run builds it', () => {
    const out = mkdtempSync(join(tmpdir(), 'dry-run-'));
    try {
      const r = spawnSync(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/env\.DB \(wecom-kefu\)\s+D1 Database/);
      expect(r.stdout).toMatch(/env\.KV\s+KV Namespace/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('reading wrangler', () => {
  it('a login with one account is used; several need CLOUDFLARE_ACCOUNT_ID; none is refused', () => {
    const one = JSON.stringify({ loggedIn: true, email: 'a@b.c', accounts: [{ id: 'A', name: 'Shop' }] });
    const two = JSON.stringify({ loggedIn: true, accounts: [{ id: 'A', name: 'Shop' }, { id: 'B', name: 'Other' }] });
    expect(readLogin(0, one)).toEqual({ ok: true, accountId: 'A', email: 'a@b.c' });
    expect(readLogin(0, two, 'B')).toEqual({ ok: true, accountId: 'B' });
    const ambiguous = readLogin(0, two);
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok) expect(ambiguous.message).toMatch(/2 Cloudflare accounts; choose one with CLOUDFLARE_ACCOUNT_ID=<id>[\s\S]*B {2}Other/);
    expect(readLogin(0, two, 'C')).toMatchObject({ ok: false, message: expect.stringMatching(/not one of this login's accounts \(A, B\)/) });
    expect(readLogin(1, '')).toMatchObject({ ok: false, message: expect.stringMatching(/npx wrangler login/) });
    expect(readLogin(0, 'not json')).toMatchObject({ ok: false });
  });

  it('missing secrets: all when the Worker does not exist, else those not listed', () => {
    expect(missingSecrets(1, '')).toHaveLength(5);
    const listed = JSON.stringify([{ name: 'WECOM_SUITE_TOKEN' }]);
    expect(missingSuiteSecrets('[vars]\nWECOM_SUITE_ID = ""\n', 0, listed)).toEqual([]);
    expect(missingSuiteSecrets('[vars]\nWECOM_SUITE_ID = "wwsuite00000000001"\n', 0, listed)).toEqual(['WECOM_SUITE_SECRET', 'WECOM_SUITE_ENCODING_AES_KEY']);
    expect(missingSuiteSecrets('WECOM_SUITE_ID = "dk00000000000000a1"', 1, '')).toHaveLength(3);
    expect(missingSecrets(0, JSON.stringify([{ name: 'WECOM_TOKEN' }, { name: 'ADMIN_TOKEN' }, { name: 'OTHER' }]))).toEqual(['WECOM_CORP_ID', 'WECOM_ENCODING_AES_KEY', 'WECOM_KF_SECRET']);
  });

  it('the database, the live versions and the deploy record', () => {
    expect(databaseExists(JSON.stringify([{ name: 'other' }, { name: 'wecom-kefu' }]), 'wecom-kefu')).toBe(true);
    expect(databaseExists('[]', 'wecom-kefu')).toBe(false);
    expect(liveVersions(0, JSON.stringify({ versions: [{ version_id: 'a', percentage: 90 }, { version_id: 'b', percentage: 10 }] }))).toEqual(['a', 'b']);
    expect(liveVersions(1, '')).toEqual([]);
    const ndjson = [{ type: 'wrangler-session', version: 1 }, { type: 'deploy', version_id: 'v9', targets: ['https://w.sub.workers.dev'] }].map((e) => JSON.stringify(e)).join('\n');
    expect(readDeployOutput(`${ndjson}\n`)).toEqual({ versionId: 'v9', targets: ['https://w.sub.workers.dev'] });
    expect(() => readDeployOutput('')).toThrow(/no deploy record/);
  });

  it('the public origin: a URL, else a custom domain, else a route’s host', () => {
    expect(publicOrigin(['https://wecom-kefu-edge.shop.workers.dev', 'schedule: 17 3 * * *'])).toBe('https://wecom-kefu-edge.shop.workers.dev');
    expect(publicOrigin(['schedule: 17 3 * * *', 'kefu.example.cn (custom domain)'])).toBe('https://kefu.example.cn');
    expect(publicOrigin(['kefu.example.cn (custom domain - zone name: example.cn)'])).toBe('https://kefu.example.cn');
    expect(publicOrigin(['kefu.example.cn/* (zone name: example.cn)'])).toBe('https://kefu.example.cn');
    expect(publicOrigin(['schedule: 17 3 * * *'])).toBeUndefined();
  });
});

describe('deciding', () => {
  const state = { uploaded: { bundleHash: 'h1', versionId: 'v2', url: 'https://x', at: '' } };

  it('uploads unless this bundle is the only live version', () => {
    expect(uploadNeeded(state, 'h1', ['v2'], false)).toEqual({ needed: false, why: 'version v2 of this bundle is already live' });
    expect(uploadNeeded(state, 'h2', ['v2'], false)).toMatchObject({ needed: true, why: 'the bundle or wrangler.toml changed' });
    expect(uploadNeeded(state, 'h1', ['v3'], false)).toMatchObject({ needed: true, why: 'the live version is v3, not v2' });
    expect(uploadNeeded(state, 'h1', ['v2', 'v3'], false).needed).toBe(true);
    expect(uploadNeeded({}, 'h1', ['v2'], false).needed).toBe(true);
    expect(uploadNeeded(state, 'h1', ['v2'], true)).toEqual({ needed: true, why: '--force' });
  });

  it('schema first when the database exists; after the upload that creates it otherwise', () => {
    expect(migrateAndUpload(true)).toEqual(['migrate', 'upload']);
    expect(migrateAndUpload(false)).toEqual(['upload', 'migrate']);
  });

  it('a damaged state file means one more upload, never a wrong skip', () => {
    expect(parseState('{oops')).toEqual({});
    expect(parseState(undefined)).toEqual({});
    expect(parseState('null')).toEqual({});
    expect(parseState(JSON.stringify(state))).toEqual(state);
  });

  it('a failure names the step and how to resume', () => {
    expect(failureMessage('migrate', 'boom')).toMatch(/^✗ step "migrate" \(apply the D1 migrations remotely\) failed: boom\n {2}Fix the cause above, then run `npm run deploy` again: it resumes here/);
    expect(failureMessage('login', 'no')).toMatch(/then run `npm run deploy` again\.$/);
  });
});
