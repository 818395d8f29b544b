#!/usr/bin/env node
// A stand-in for `wrangler` on PATH in the deploy and setup script tests: it appends each call's
// argv and stdin to $STAND_IN_LOG (one JSON line each) and plays a Cloudflare account kept in
// $STAND_IN_ACCOUNT (secrets, database, migrations, live version). $STAND_IN_FAIL names a command
// ("d1 migrations apply", …) that exits 1, and $STAND_IN_ORIGIN is the URL a deploy reports.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const stdin = Buffer.concat(chunks).toString('utf8');
appendFileSync(process.env.STAND_IN_LOG, `${JSON.stringify({ args, stdin, accountEnv: process.env.CLOUDFLARE_ACCOUNT_ID ?? null })}\n`);

const accountPath = process.env.STAND_IN_ACCOUNT;
const account = existsSync(accountPath) ? JSON.parse(readFileSync(accountPath, 'utf8')) : { secrets: [], database: false, applied: 0, versions: 0, live: null };
const save = () => writeFileSync(accountPath, JSON.stringify(account));
const command = args.filter((a) => !a.startsWith('-')).join(' ');
const MIGRATIONS = 2;

if (process.env.STAND_IN_FAIL && command.startsWith(process.env.STAND_IN_FAIL)) {
  console.error(`✘ [ERROR] stand-in failure of ${process.env.STAND_IN_FAIL}`);
  process.exit(1);
}

if (command === 'whoami') {
  console.log(JSON.stringify({ loggedIn: true, email: 'ops@example.com', accounts: [{ id: 'acc0123', name: 'Shop' }] }));
} else if (command === 'secret list') {
  if (account.live === null && account.secrets.length === 0) {
    console.error('✘ [ERROR] Worker "wecom-kefu-edge" not found.');
    process.exit(1);
  }
  console.log(JSON.stringify(account.secrets.map((name) => ({ name, type: 'secret_text' }))));
} else if (command === 'secret bulk') {
  const doc = JSON.parse(stdin);
  account.secrets = [...new Set([...account.secrets, ...Object.keys(doc)])];
  account.live = `v${++account.versions}`; // a secret change deploys a new version of the same code
  save();
  console.log(`✨ ${Object.keys(doc).length} secrets successfully created`);
} else if (command.startsWith('deploy') && args.includes('--dry-run')) {
  const outdir = args[args.indexOf('--outdir') + 1];
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'index.js'), process.env.STAND_IN_BUNDLE ?? 'export default {};');
  console.log('--dry-run: exiting now.');
} else if (command === 'deploy') {
  account.database = true; // provisioned on upload
  account.live = `v${++account.versions}`;
  save();
  const record = { type: 'deploy', version: 1, worker_name: 'wecom-kefu-edge', version_id: account.live, targets: [process.env.STAND_IN_ORIGIN, 'schedule: 17 3 * * *'] };
  appendFileSync(process.env.WRANGLER_OUTPUT_FILE_PATH, `${JSON.stringify(record)}\n`);
  console.log(`Deployed wecom-kefu-edge triggers\n  ${process.env.STAND_IN_ORIGIN}`);
} else if (command === 'deployments status') {
  if (account.live === null) process.exit(1);
  console.log(JSON.stringify({ id: 'd1', versions: [{ version_id: account.live, percentage: 100 }] }));
} else if (command === 'd1 list') {
  console.log(JSON.stringify(account.database ? [{ name: 'wecom-kefu', uuid: 'db-uuid' }] : []));
} else if (command === 'd1 migrations apply DB') {
  if (!account.database) {
    console.error("✘ [ERROR] Couldn't find a D1 DB named 'wecom-kefu'");
    process.exit(1);
  }
  console.log(account.applied === MIGRATIONS ? '✅ No migrations to apply!' : `applied ${MIGRATIONS - account.applied} migrations`);
  account.applied = MIGRATIONS;
  save();
} else {
  console.error(`stand-in wrangler: unexpected command ${JSON.stringify(args)}`);
  process.exit(2);
}
