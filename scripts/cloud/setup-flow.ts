/**
 * `npm run setup`'s conversation: gathers the WeCom identity (asking, or from flags and the
 * environment), checks every value's shape, then stores the five settings with `wrangler secret
 * bulk` (JSON on stdin) or writes them to `.dev.vars` (`--local`), and shows what WeCom needs.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import {
  checkCredential,
  checkCredentials,
  devVarsFile,
  generateAdminToken,
  generateCallbackToken,
  generateEncodingAesKey,
  secretBulkDocument,
  type Credentials,
} from './credentials';
import { lastError, runWrangler } from './wrangler';

export interface SetupOptions {
  /** Values already known (flags or environment); the rest are asked for or generated. */
  given: Partial<Credentials>;
  /** Write this `.dev.vars` path instead of storing the secrets on Cloudflare. */
  devVars?: string;
  apiBase?: string;
  /** Overwrite an existing `.dev.vars`. */
  force: boolean;
  interactive: boolean;
  cwd: string;
}

const say = (line = '') => console.log(line);

/** Reads a line from the terminal; a secret is read without echo. */
async function ask(question: string, secret = false): Promise<string> {
  if (!secret || !process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  }
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let value = '';
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\u0003') process.exit(130); // Ctrl-C
        if (ch === '\r' || ch === '\n') return value;
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    }
    return value;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stdout.write('\n');
  }
}

/** Asks until the value has the right shape (an empty answer gives up). */
async function askChecked(name: keyof Credentials, question: string, secret = false): Promise<string | undefined> {
  for (;;) {
    const answer = (await ask(question, secret)).trim();
    if (!answer) return undefined;
    const r = checkCredential(name, answer);
    if (r.ok) return r.value;
    say(`  ✗ ${r.message}`);
  }
}

interface Gathered {
  credentials: Partial<Credentials>;
  /** Made here, so WeCom does not know them yet. */
  generatedKeys: boolean;
  generatedAdmin: boolean;
}

async function gather(options: SetupOptions): Promise<Gathered | undefined> {
  const c: Partial<Credentials> = { ...options.given };
  if (options.interactive) {
    say('WeCom checks every callback with a Token and an EncodingAESKey set on the self-built app (接收消息 → 设置API接收).');
    if (!c.WECOM_TOKEN || !c.WECOM_ENCODING_AES_KEY) {
      const own = /^e/i.test((await ask('Generate new ones (g), or enter the ones already saved in WeCom (e)? [g] ')).trim());
      if (own) {
        c.WECOM_TOKEN ??= await askChecked('WECOM_TOKEN', '  Token: ', true);
        c.WECOM_ENCODING_AES_KEY ??= await askChecked('WECOM_ENCODING_AES_KEY', '  EncodingAESKey: ', true);
      }
    }
    c.WECOM_CORP_ID ??= await askChecked('WECOM_CORP_ID', '企业ID (corp id; 我的企业 → 企业信息): ');
    c.WECOM_KF_SECRET ??= await askChecked('WECOM_KF_SECRET', 'Secret of the self-built app (应用管理 → the app → Secret → 查看): ', true);
    if (!c.WECOM_CORP_ID || !c.WECOM_KF_SECRET) return undefined;
  }
  const generatedKeys = !c.WECOM_TOKEN || !c.WECOM_ENCODING_AES_KEY;
  const generatedAdmin = !c.ADMIN_TOKEN;
  c.WECOM_TOKEN ||= generateCallbackToken();
  c.WECOM_ENCODING_AES_KEY ||= generateEncodingAesKey();
  c.ADMIN_TOKEN ||= generateAdminToken();
  return { credentials: c, generatedKeys, generatedAdmin };
}

/** Returns the stored credentials, or undefined after saying what went wrong. */
export async function runSetup(options: SetupOptions): Promise<Credentials | undefined> {
  const gathered = await gather(options);
  if (!gathered) {
    console.error('✗ setup stopped: the corp id and the Secret are needed; nothing was stored.');
    return undefined;
  }
  const checked = checkCredentials(gathered.credentials);
  if (!checked.ok) {
    console.error(`✗ nothing was stored:\n${checked.messages.map((m) => `  - ${m}`).join('\n')}`);
    if (!options.interactive) console.error('  Give the corp id with --corp-id and the Secret in WECOM_KF_SECRET (see `npm run setup -- --help`).');
    return undefined;
  }
  const creds = checked.value;

  if (options.devVars) {
    if (existsSync(options.devVars) && !options.force) {
      console.error(`✗ ${options.devVars} exists: add --force to replace it. Nothing was written.`);
      return undefined;
    }
    writeFileSync(options.devVars, devVarsFile(creds, options.apiBase), { mode: 0o600 });
    say(`✓ wrote ${options.devVars} for \`wrangler dev\` (never commit it)`);
  } else {
    say('· storing the secrets with `wrangler secret bulk` …');
    const run = await runWrangler(['secret', 'bulk'], { cwd: options.cwd, input: secretBulkDocument(creds), echo: (l) => say(`  [wrangler] ${l}`) });
    if (run.code !== 0) {
      console.error(`✗ wrangler secret bulk failed: ${lastError(run)}\n  Nothing is half-stored in a way that matters: run \`npm run setup\` again (with the same Token and EncodingAESKey if WeCom already has them).`);
      return undefined;
    }
    say('✓ secrets stored on Cloudflare');
  }

  const wecom = gathered.generatedKeys
    ? `In WeCom, the self-built app → 接收消息 → 设置API接收, paste:\n    Token           ${creds.WECOM_TOKEN}\n    EncodingAESKey  ${creds.WECOM_ENCODING_AES_KEY}`
    : 'The Token and EncodingAESKey are the ones you gave: WeCom must have the same.';
  const admin = !gathered.generatedAdmin ? 'ADMIN_TOKEN is the one you gave.' : `ADMIN_TOKEN (shown once; keep it in a password manager):\n    ${creds.ADMIN_TOKEN}`;
  say(`\n  ${wecom}\n  ${admin}\n`);
  return creds;
}
