/**
 * `npm run setup`: the Worker's WeCom identity and admin token, stored as Cloudflare secrets (or
 * written to `.dev.vars` with --local). Interactive on a terminal; for scripts, every value comes
 * from a flag or the environment variable of the same setting, and the Token, EncodingAESKey and
 * ADMIN_TOKEN are generated unless given. See README "Deploying".
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSetup } from './cloud/setup-flow';

const HELP = `npm run setup [-- options]

  --corp-id <id>      企业ID (or WECOM_CORP_ID)
  --token <token>     the callback Token already saved in WeCom (or WECOM_TOKEN); generated if absent
  --aes-key <key>     the EncodingAESKey already saved in WeCom (or WECOM_ENCODING_AES_KEY); generated if absent
  The app's Secret comes from WECOM_KF_SECRET (no flag: other users can read a command line), and
  ADMIN_TOKEN from the environment is used as is; it is generated if absent.
  --local             write .dev.vars for \`wrangler dev\` against a real corp instead of Cloudflare secrets
  --dev-vars <path>   with --local: the file to write (default .dev.vars)
  --api-base <url>    with --local: WECOM_API_BASE, e.g. a fixed-IP egress proxy
  --force             with --local: replace an existing file
  --yes               never ask (the default when stdin is not a terminal)`;

const ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      'corp-id': { type: 'string' },
      token: { type: 'string' },
      'aes-key': { type: 'string' },
      local: { type: 'boolean', default: false },
      'dev-vars': { type: 'string', default: '.dev.vars' },
      'api-base': { type: 'string' },
      force: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const env = process.env;
  const given = Object.fromEntries(
    Object.entries({
      WECOM_CORP_ID: flags['corp-id'] ?? env.WECOM_CORP_ID,
      WECOM_TOKEN: flags.token ?? env.WECOM_TOKEN,
      WECOM_ENCODING_AES_KEY: flags['aes-key'] ?? env.WECOM_ENCODING_AES_KEY,
      WECOM_KF_SECRET: env.WECOM_KF_SECRET,
      ADMIN_TOKEN: env.ADMIN_TOKEN,
    }).filter(([, v]) => v),
  );
  const stored = await runSetup({
    given,
    ...(flags.local ? { devVars: resolve(ROOT, flags['dev-vars']) } : {}),
    ...(flags['api-base'] ? { apiBase: flags['api-base'] } : {}),
    force: flags.force,
    interactive: Boolean(process.stdin.isTTY) && !flags.yes,
    cwd: ROOT,
  });
  if (!stored) return 1;
  console.log(flags.local ? 'Next: `npx wrangler dev` serves the Worker with these settings.' : 'Next: `npm run deploy`.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
