/**
 * The Worker's WeCom identity and admin token: generated in the shapes WeCom accepts
 * (src/wecom/settings-shapes.ts), checked before anything is stored, and written as a
 * `wrangler secret bulk` document or a `.dev.vars` file.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { ADMIN_TOKEN_MIN, AES_KEY_LENGTH, CALLBACK_TOKEN, CORP_ID, ENCODING_AES_KEY, KF_SECRET, TOKEN_MAX } from '../../src/wecom/settings-shapes';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniformly random characters of `alphabet` (randomInt has no modulo bias). */
export const randomString = (length: number, alphabet = ALNUM): string => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');


/** A callback Token of the longest length WeCom allows. */
export const generateCallbackToken = (): string => randomString(TOKEN_MAX);
/** 43 letters or digits: every such string is base64 of 32 bytes plus 2 spare bits. */
export const generateEncodingAesKey = (): string => randomString(AES_KEY_LENGTH);
/** 256 random bits, base64url (43 characters): the bootstrap admin bearer token. */
export const generateAdminToken = (): string => randomBytes(32).toString('base64url');

/** The settings `npm run setup` stores; names are the Worker's (src/env.ts). */
export interface Credentials {
  WECOM_CORP_ID: string;
  WECOM_TOKEN: string;
  WECOM_ENCODING_AES_KEY: string;
  WECOM_KF_SECRET: string;
  ADMIN_TOKEN: string;
}
export const CREDENTIAL_NAMES = ['WECOM_CORP_ID', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_KF_SECRET', 'ADMIN_TOKEN'] as const satisfies readonly (keyof Credentials)[];

export type Check = { ok: true; value: string } | { ok: false; message: string };

const refuse = (message: string): Check => ({ ok: false, message });
/** Says what was given without echoing a secret: its length and the characters that do not fit. */
function described(value: string, allowed: RegExp): string {
  const bad = [...new Set([...value].filter((ch) => !allowed.test(ch)))];
  const shown = bad.map((ch) => (/\s/.test(ch) ? JSON.stringify(ch) : ch)).join(' ');
  return `${value.length} characters${bad.length ? `, including ${shown}` : ''}`;
}

export function checkCorpId(raw: string): Check {
  const value = raw.trim();
  if (CORP_ID.test(value)) return { ok: true, value };
  return refuse(`the corp id (企业ID) is "ww" followed by 16 letters or digits, 18 characters in all, as shown under 我的企业 → 企业信息 → 企业ID; got "${value.slice(0, 40)}" (${described(value, /[A-Za-z0-9]/)})`);
}

export function checkCallbackToken(raw: string): Check {
  const value = raw.trim();
  if (CALLBACK_TOKEN.test(value)) return { ok: true, value };
  return refuse(`the callback Token is 1 to ${TOKEN_MAX} English letters or digits, as WeCom's 接收消息 settings allow; got ${described(value, /[A-Za-z0-9]/)}`);
}

export function checkEncodingAesKey(raw: string): Check {
  const value = raw.trim();
  // Any 43 base64 letters or digits decode (with the '=' put back) to exactly 32 bytes.
  if (ENCODING_AES_KEY.test(value)) return { ok: true, value };
  return refuse(`the EncodingAESKey is exactly ${AES_KEY_LENGTH} English letters or digits (WeCom's 随机获取 button makes one); got ${described(value, /[A-Za-z0-9]/)}`);
}

export function checkKfSecret(raw: string): Check {
  const value = raw.trim();
  if (KF_SECRET.test(value)) return { ok: true, value };
  return refuse(`the Secret of the self-built app (应用管理 → 自建 → the app → Secret, sent to the admin's WeCom) is 43 letters, digits, "-" or "_"; got ${described(value, /[A-Za-z0-9_-]/)}`);
}

export function checkAdminToken(raw: string): Check {
  const value = raw.trim();
  if (value.length >= ADMIN_TOKEN_MIN && /^[\x21-\x7e]+$/.test(value)) return { ok: true, value };
  return refuse(`ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN} printable characters without spaces (leave it out to have one generated); got ${value.length}`);
}

const CHECKS: Record<keyof Credentials, (raw: string) => Check> = {
  WECOM_CORP_ID: checkCorpId,
  WECOM_TOKEN: checkCallbackToken,
  WECOM_ENCODING_AES_KEY: checkEncodingAesKey,
  WECOM_KF_SECRET: checkKfSecret,
  ADMIN_TOKEN: checkAdminToken,
};
export const checkCredential = (name: keyof Credentials, raw: string): Check => CHECKS[name](raw);

/** Every problem at once, so a script's caller fixes them in one go. */
export function checkCredentials(input: Partial<Record<keyof Credentials, string>>): { ok: true; value: Credentials } | { ok: false; messages: string[] } {
  const value: Partial<Credentials> = {};
  const messages: string[] = [];
  for (const name of CREDENTIAL_NAMES) {
    const raw = input[name];
    if (raw === undefined || raw.trim() === '') {
      messages.push(`${name} is missing`);
      continue;
    }
    const r = checkCredential(name, raw);
    if (r.ok) value[name] = r.value;
    else messages.push(`${name}: ${r.message}`);
  }
  return messages.length ? { ok: false, messages } : { ok: true, value: value as Credentials };
}

/** The document `wrangler secret bulk` reads from stdin (JSON, so no value is ever an argument). */
export const secretBulkDocument = (c: Credentials): string => JSON.stringify(Object.fromEntries(CREDENTIAL_NAMES.map((n) => [n, c[n]])));

/** `.dev.vars` for `wrangler dev` against a real corp; `apiBase` is a fixed-IP egress proxy, if any. */
export function devVarsFile(c: Credentials, apiBase?: string): string {
  const lines = ['# Written by `npm run setup -- --local`: the WeCom identity for `wrangler dev` against a real corp.', '# Never commit this file (.gitignore lists it).'];
  for (const n of CREDENTIAL_NAMES) lines.push(`${n}=${c[n]}`);
  if (apiBase) lines.push(`WECOM_API_BASE=${apiBase}`);
  return `${lines.join('\n')}\n`;
}
