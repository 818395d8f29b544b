import { Hono } from 'hono';
import type { Env } from '../env';
import {
  type CallbackEvent,
  CallbackEventError,
  classifyCallbackEvent,
  replayWindowSeconds,
  withinReplayWindow,
} from '../wecom/callback';
import { CryptoErrorCode, createWecomCrypto, type WecomCrypto, WecomCryptoError } from '../wecom/crypto';
import { readFlatXml, XmlError } from '../wecom/xml';

/**
 * `GET|POST /wecom/callback`: WeCom's callback URL.
 *
 * The edge stays thin: verify, decrypt, read `Token`/`OpenKfId`, hand the event to the Inbox
 * Durable Object of that kf account, answer. No D1/KV here, and the sync_msg pull runs after the
 * answer (the Inbox's alarm), so WeCom's 5-second limit never depends on the WeCom API.
 * WeCom ignores error bodies and retries anything but 200; bodies are for humans, and each refusal
 * leaves one structured log line without secrets.
 */

/** WeCom's envelopes are well under a kilobyte; anything past this is not a callback. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

type RefusalStatus = 400 | 401 | 413;

class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The query parameters WeCom signs with, and what a well-formed value of each looks like. */
const QUERY_RULES = {
  msg_signature: { pattern: /^[0-9a-fA-F]{40}$/, expected: '40 hex digits' },
  timestamp: { pattern: /^\d{1,12}$/, expected: 'unix seconds' },
  nonce: { pattern: /^.{1,128}$/su, expected: '1 to 128 characters' },
  echostr: { pattern: /^.+$/su, expected: 'not empty' },
} as const;
type QueryName = keyof typeof QUERY_RULES;
type SignedQuery = Record<'msg_signature' | 'timestamp' | 'nonce', string>;

/** The settings a callback is checked against (the Worker's vars and secrets). */
export type CallbackSettings = Pick<Env, 'WECOM_TOKEN' | 'WECOM_ENCODING_AES_KEY' | 'WECOM_CORP_ID' | 'WECOM_REPLAY_WINDOW_S'>;

// Deriving the AES key per request is cheap but not free; settings only change with a deploy.
let cached: { token: string; key: string; corpId: string; crypto: WecomCrypto } | undefined;
function cryptoFor(env: CallbackSettings): WecomCrypto {
  const { WECOM_TOKEN: token, WECOM_ENCODING_AES_KEY: key, WECOM_CORP_ID: corpId } = env;
  if (cached?.token !== token || cached.key !== key || cached.corpId !== corpId) {
    // An empty receiveid would make the crypto skip the corp id check; refuse to run open.
    if (!token || !corpId) throw new Error('WECOM_TOKEN and WECOM_CORP_ID must be set');
    cached = { token, key, corpId, crypto: createWecomCrypto({ token, encodingAesKey: key, receiveId: corpId }) };
  }
  return cached.crypto;
}

// Plain checks rather than a zod schema: this runs for every callback (bench/callback.bench.ts).
function readQuery<K extends QueryName>(query: Record<string, string>, names: readonly K[]): Record<K, string> {
  const problems: string[] = [];
  for (const name of names) {
    const value = query[name];
    if (value === undefined) problems.push(`${name} is missing`);
    else if (!QUERY_RULES[name].pattern.test(value)) problems.push(`${name} must be ${QUERY_RULES[name].expected}`);
  }
  if (problems.length > 0) throw new Refusal(400, 'bad_query', `missing or malformed query parameters: ${problems.join('; ')}`);
  return query as Record<K, string>;
}

/** Replay window, then the constant-time signature check over (token, timestamp, nonce, encrypted). */
function authenticate(env: CallbackSettings, query: SignedQuery, encrypted: string, nowMs: number): WecomCrypto {
  if (!withinReplayWindow(Number(query.timestamp), nowMs, replayWindowSeconds(env.WECOM_REPLAY_WINDOW_S))) {
    throw new Refusal(401, 'stale_timestamp', 'timestamp is outside the replay window');
  }
  const crypto = cryptoFor(env);
  if (!crypto.verify(query.msg_signature, query.timestamp, query.nonce, encrypted)) {
    throw new Refusal(401, 'bad_signature', 'msg_signature does not match');
  }
  return crypto;
}

function decrypt(crypto: WecomCrypto, encrypted: string): string {
  try {
    return crypto.decrypt(encrypted);
  } catch (error) {
    if (!(error instanceof WecomCryptoError)) throw error;
    if (error.code === CryptoErrorCode.ValidateReceiveId) throw new Refusal(401, 'wrong_receiveid', 'the message is not for this corp id');
    throw new Refusal(400, 'undecryptable', `cannot decrypt: ${error.message}`);
  }
}

function readXml(text: string, what: string): Record<string, string> {
  try {
    return readFlatXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new Refusal(400, `xml_${error.code}`, `${what}: ${error.message}`);
    throw error;
  }
}

function classify(fields: Record<string, string>): CallbackEvent {
  try {
    return classifyCallbackEvent(fields);
  } catch (error) {
    if (error instanceof CallbackEventError) throw new Refusal(400, 'bad_event', error.message);
    throw error;
  }
}

// fatal: a body that is not UTF-8 is refused rather than read with replacement characters.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The body as UTF-8, refused past `limit` bytes by the declared length and by what actually arrives. */
async function readBoundedBody(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  const tooLarge = new Refusal(413, 'too_large', `the body is over ${limit} bytes`);
  if (declared !== null && Number(declared) > limit) throw tooLarge;
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading: the rest of an oversized body is never buffered.
      await reader.cancel().catch(() => undefined);
      throw tooLarge;
    }
    chunks.push(value);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, size);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new Refusal(400, 'not_utf8', 'the body is not UTF-8');
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function log(level: 'log' | 'warn' | 'error', fields: Record<string, unknown>): void {
  console[level](JSON.stringify({ at: 'wecom.callback', ...fields }));
}

export const callbackRoutes = new Hono<{ Bindings: Env }>();

callbackRoutes.onError((error, c) => {
  if (error instanceof Refusal) {
    log('warn', { method: c.req.method, status: error.status, reason: error.reason, detail: error.message });
    return c.text(error.message, error.status);
  }
  // Settings or the Inbox object failing: not WeCom's fault, so a 5xx that WeCom will retry.
  log('error', { method: c.req.method, status: 503, reason: 'internal', detail: error instanceof Error ? error.message : String(error) });
  return c.text('temporarily unable to take the callback', 503);
});

/**
 * URL verification (GET): the echostr's plaintext, which is the whole answer. Pure CPU.
 * Throws a refusal (400/401) for WeCom's error statuses.
 */
export function verifyUrl(settings: CallbackSettings, rawQuery: Record<string, string>, nowMs: number): string {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  // WeCom sends echostr URL-encoded; a raw "+" read back as a space is restored (base64 has no spaces).
  const echostr = query.echostr.replaceAll(' ', '+');
  return decrypt(authenticate(settings, query, echostr, nowMs), echostr);
}

/**
 * Everything a POST does between reading the body and the hand-off: parse, authenticate,
 * decrypt, classify. Pure CPU, so bench/callback.bench.ts measures exactly this in workerd.
 * Throws a refusal (400/401) for WeCom's error statuses.
 */
export function openCallback(settings: CallbackSettings, rawQuery: Record<string, string>, contentType: string | undefined, body: string, nowMs: number): CallbackEvent {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce']);
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)) throw new Refusal(400, 'json_body', 'callbacks are XML; a JSON body is refused');
  // The envelope is <xml><ToUserName/><Encrypt/><AgentID/></xml>; AgentID is absent for kf.
  const { Encrypt: encrypted } = readXml(body, 'envelope');
  if (!encrypted) throw new Refusal(400, 'no_encrypt', 'the envelope has no <Encrypt>');
  return classify(readXml(decrypt(authenticate(settings, query, encrypted, nowMs), encrypted), 'decrypted event'));
}

callbackRoutes.get('/', (c) => {
  const message = verifyUrl(c.env, c.req.query(), Date.now());
  log('log', { method: 'GET', status: 200, reason: 'url_verified' });
  return c.text(message);
});

callbackRoutes.post('/', async (c) => {
  const body = await readBoundedBody(c.req.raw, MAX_CALLBACK_BYTES);
  const query = c.req.query();
  const classified = openCallback(c.env, query, c.req.header('content-type'), body, Date.now());
  if (classified.kind === 'other') {
    log('log', { method: 'POST', status: 200, reason: 'ignored_event', msgType: classified.msgType, event: classified.event });
    return c.text('success');
  }
  // The 2021 format names no kf account: its inbox ('') pulls sync_msg without open_kfid, which
  // returns every account's messages, so nothing announced that way is lost.
  const { Token: token, OpenKfId: openKfId = '' } = classified.event;
  // Answer only once the Inbox has stored the event: a failure here is a 503 WeCom retries.
  // A signature passes the timestamp check for twice the window (either side of now); with the
  // check off, a replay is still answered without a pull for a day.
  const windowS = replayWindowSeconds(c.env.WECOM_REPLAY_WINDOW_S);
  const served = { signature: query.msg_signature!.toLowerCase(), forMs: windowS === 0 ? 86_400_000 : 2 * windowS * 1000 };
  const { replayed } = await c.env.INBOX.get(c.env.INBOX.idFromName(openKfId)).notify({ token, openKfId, receivedAt: Date.now(), served });
  // No log line for the common case: it is the hot path, and the platform logs every request anyway.
  if (replayed) log('log', { method: 'POST', status: 200, reason: 'replayed_signature' });
  return c.text('success');
});
