import { withinReplayWindow, replayWindowSeconds } from '../wecom/callback';
import { CryptoErrorCode, createWecomCrypto, type WecomCrypto, WecomCryptoError } from '../wecom/crypto';
import { readFlatXml, XmlError } from '../wecom/xml';
import { readBodyWithin } from '../runtime/bounded-body';
import { keepAtMost } from '../runtime/keep-at-most';

/**
 * What every signed WeCom callback URL shares (the data URL /wecom/callback, the suite's instruction
 * URL /wecom/suite/callback): the bounded body, the query's shape, the replay window and signature,
 * decryption and the strict XML reader, each failure a Refusal with WeCom's error statuses.
 */

/** WeCom's envelopes are well under a kilobyte; anything past this is not a callback. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

type RefusalStatus = 400 | 401 | 403 | 404 | 413;

export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The query parameters WeCom signs with, and what a well-formed value of each looks like. */
export const QUERY_RULES = {
  msg_signature: { pattern: /^[0-9a-fA-F]{40}$/, expected: '40 hex digits' },
  timestamp: { pattern: /^\d{1,12}$/, expected: 'unix seconds' },
  nonce: { pattern: /^.{1,128}$/su, expected: '1 to 128 characters' },
  echostr: { pattern: /^.+$/su, expected: 'not empty' },
} as const;
export type QueryName = keyof typeof QUERY_RULES;
export type SignedQuery = Record<'msg_signature' | 'timestamp' | 'nonce', string>;

// Plain checks rather than a zod schema: this runs for every callback (bench/callback.bench.ts).
export function readQuery<K extends QueryName>(query: Record<string, string>, names: readonly K[]): Record<K, string> {
  const problems: string[] = [];
  for (const name of names) {
    const value = query[name];
    if (value === undefined) problems.push(`${name} is missing`);
    else if (!QUERY_RULES[name].pattern.test(value)) problems.push(`${name} must be ${QUERY_RULES[name].expected}`);
  }
  if (problems.length > 0) throw new Refusal(400, 'bad_query', `missing or malformed query parameters: ${problems.join('; ')}`);
  return query as Record<K, string>;
}

// Deriving the AES key per request is cheap but not free; settings only change with a deploy.
const cryptos = new Map<string, WecomCrypto>();
/** Cryptos per isolate, at most (the receiveid differs per corp in many-corps mode). */
const CRYPTOS_MAX = 1000;
/** The crypto for these settings, made once per isolate. An empty receiveid skips the check: the caller must judge `open`'s receiveid. */
export function cryptoOf(token: string, encodingAesKey: string, receiveId: string): WecomCrypto {
  const name = `${token}\n${encodingAesKey}\n${receiveId}`;
  let crypto = cryptos.get(name);
  if (!crypto) {
    crypto = createWecomCrypto({ token, encodingAesKey, receiveId });
    keepAtMost(cryptos, name, crypto, CRYPTOS_MAX);
  }
  return crypto;
}

/** Replay window, then the constant-time signature check over (token, timestamp, nonce, encrypted). */
export function authenticate(crypto: WecomCrypto, replayWindowSetting: string | undefined, query: SignedQuery, encrypted: string, nowMs: number): WecomCrypto {
  if (!withinReplayWindow(Number(query.timestamp), nowMs, replayWindowSeconds(replayWindowSetting))) {
    throw new Refusal(401, 'stale_timestamp', 'timestamp is outside the replay window');
  }
  if (!crypto.verify(query.msg_signature, query.timestamp, query.nonce, encrypted)) {
    throw new Refusal(401, 'bad_signature', 'msg_signature does not match');
  }
  return crypto;
}

/** Decrypts and hands back the receiveid for the caller to judge (URLs shared by several ids). */
export function openEncrypted(crypto: WecomCrypto, encrypted: string): { message: string; receiveId: string } {
  try {
    return crypto.open(encrypted);
  } catch (error) {
    if (!(error instanceof WecomCryptoError)) throw error;
    throw new Refusal(400, 'undecryptable', `cannot decrypt: ${error.message}`);
  }
}

/** The envelope's `<Encrypt>`, after refusing JSON bodies. Also answers the envelope's `ToUserName`. */
export function readEnvelope(contentType: string | undefined, body: string): { encrypted: string; toUserName: string | undefined } {
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)) throw new Refusal(400, 'json_body', 'callbacks are XML; a JSON body is refused');
  // The envelope is <xml><ToUserName/><Encrypt/><AgentID/></xml>; AgentID is absent for kf.
  const { Encrypt: encrypted, ToUserName: toUserName } = readXml(body, 'envelope');
  if (!encrypted) throw new Refusal(400, 'no_encrypt', 'the envelope has no <Encrypt>');
  return { encrypted, toUserName };
}

/** The URL verification's echostr, as sent: WeCom sends it URL-encoded, and a raw "+" read back as a space is restored (base64 has no spaces). */
export const echostrOf = (query: { echostr: string }): string => query.echostr.replaceAll(' ', '+');

export function decrypt(crypto: WecomCrypto, encrypted: string): string {
  try {
    return crypto.decrypt(encrypted);
  } catch (error) {
    if (!(error instanceof WecomCryptoError)) throw error;
    if (error.code === CryptoErrorCode.ValidateReceiveId) throw new Refusal(401, 'wrong_receiveid', 'the message is not for this corp id');
    throw new Refusal(400, 'undecryptable', `cannot decrypt: ${error.message}`);
  }
}

export function readXml(text: string, what: string): Record<string, string> {
  try {
    return readFlatXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new Refusal(400, `xml_${error.code}`, `${what}: ${error.message}`);
    throw error;
  }
}

// fatal: a body that is not UTF-8 is refused rather than read with replacement characters.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The body as UTF-8, refused past `limit` bytes by the declared length and by what actually arrives. */
export async function readBoundedBody(request: Request, limit: number): Promise<string> {
  const bytes = await readBodyWithin(request, limit);
  if (bytes === null) throw new Refusal(413, 'too_large', `the body is over ${limit} bytes`);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new Refusal(400, 'not_utf8', 'the body is not UTF-8');
  }
}

/** One structured log line without secrets, named by the URL (`wecom.callback`, `wecom.suite`). */
export function logAt(at: string, level: 'log' | 'warn' | 'error', fields: Record<string, unknown>): void {
  console[level](JSON.stringify({ at, ...fields }));
}

