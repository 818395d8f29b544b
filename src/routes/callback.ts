import { Hono } from 'hono';
import type { Env } from '../env';
import { suiteStub } from '../objects/suite';
import { type CallbackEvent, CallbackEventError, classifyCallbackEvent, replayWindowSeconds } from '../wecom/callback';
import { type CorpIdentity, singleCorp, type Tenant, tenantOf, tenantScoped } from '../wecom/corp';
import { suiteSettings, type SuiteSettings } from '../wecom/suite-settings';
import {
  authenticate,
  cryptoOf,
  decrypt,
  echostrOf,
  logAt,
  MAX_CALLBACK_BYTES,
  openEncrypted,
  readBoundedBody,
  readEnvelope,
  readQuery,
  readXml,
  Refusal,
} from './callback-envelope';

export { MAX_CALLBACK_BYTES } from './callback-envelope';

/**
 * `GET|POST /wecom/callback`: WeCom's callback URL.
 *
 * The edge stays thin: verify, decrypt, read `Token`/`OpenKfId`, hand the event to the Inbox
 * Durable Object of that kf account, answer. No D1/KV here, and the sync_msg pull runs after the
 * answer (the Inbox's alarm), so WeCom's 5-second limit never depends on the WeCom API.
 * WeCom ignores error bodies and retries anything but 200; bodies are for humans, and each refusal
 * leaves one structured log line without secrets.
 *
 * In many-corps mode (WECOM_SUITE_ID set) this is the suite's data URL: every authorized corp's
 * callbacks arrive here encrypted with the suite's key, the receiveid naming the corp.
 */

/** The settings a callback is checked against (the Worker's vars and secrets). */
export type CallbackSettings = Pick<Env, 'WECOM_TOKEN' | 'WECOM_ENCODING_AES_KEY' | 'WECOM_CORP_ID' | 'WECOM_REPLAY_WINDOW_S'>;

function cryptoFor(env: CallbackSettings) {
  // An empty receiveid would make the crypto skip the corp id check; refuse to run open.
  if (!env.WECOM_TOKEN || !env.WECOM_CORP_ID) throw new Error('WECOM_TOKEN and WECOM_CORP_ID must be set');
  return cryptoOf(env.WECOM_TOKEN, env.WECOM_ENCODING_AES_KEY, env.WECOM_CORP_ID);
}

function classify(fields: Record<string, string>): CallbackEvent {
  try {
    return classifyCallbackEvent(fields);
  } catch (error) {
    if (error instanceof CallbackEventError) throw new Refusal(400, 'bad_event', error.message);
    throw error;
  }
}

const log = (level: 'log' | 'warn' | 'error', fields: Record<string, unknown>) => logAt('wecom.callback', level, fields);

/** The one error funnel of a callback URL: a Refusal with its status, anything else a 503 WeCom retries. */
export function refusalHandler(at: string) {
  return (error: Error, c: { req: { method: string }; text: (text: string, status: 400 | 401 | 403 | 404 | 413 | 503) => Response }): Response => {
    if (error instanceof Refusal) {
      logAt(at, 'warn', { method: c.req.method, status: error.status, reason: error.reason, detail: error.message });
      return c.text(error.message, error.status);
    }
    // Settings or an object failing: not WeCom's fault, so a 5xx that WeCom will retry.
    logAt(at, 'error', { method: c.req.method, status: 503, reason: 'internal', detail: error instanceof Error ? error.message : String(error) });
    return c.text('temporarily unable to take the callback', 503);
  };
}

/** The corp a callback was for, as its tenant: the callback-health note is written in its KV. */
export type CallbackVariables = { tenant?: Tenant };

export const callbackRoutes = new Hono<{ Bindings: Env; Variables: CallbackVariables }>();
callbackRoutes.onError(refusalHandler('wecom.callback'));

/**
 * URL verification (GET): the echostr's plaintext, which is the whole answer. Pure CPU.
 * Throws a refusal (400/401) for WeCom's error statuses.
 */
export function verifyUrl(settings: CallbackSettings, rawQuery: Record<string, string>, nowMs: number): string {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  const echostr = echostrOf(query);
  return decrypt(authenticate(cryptoFor(settings), settings.WECOM_REPLAY_WINDOW_S, query, echostr, nowMs), echostr);
}

/**
 * URL verification of a provider's URL (data or instruction): WeCom encrypts the echostr for the
 * provider's own corp id; the suite id is taken too, both being ours and the signature being the suite's.
 */
export function verifySuiteUrl(suite: SuiteSettings, replayWindow: string | undefined, rawQuery: Record<string, string>, nowMs: number): string {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  const echostr = echostrOf(query);
  const crypto = authenticate(cryptoOf(suite.token, suite.encodingAesKey, ''), replayWindow, query, echostr, nowMs);
  const { message, receiveId } = openEncrypted(crypto, echostr);
  if (receiveId !== suite.providerCorpId && receiveId !== suite.suiteId) throw new Refusal(401, 'wrong_receiveid', 'the echostr is not for this provider corp id or suite id');
  return message;
}

/**
 * Everything a POST does between reading the body and the hand-off: parse, authenticate,
 * decrypt, classify. Pure CPU, so bench/callback.bench.ts measures exactly this in workerd.
 * Throws a refusal (400/401) for WeCom's error statuses.
 */
export function openCallback(settings: CallbackSettings, rawQuery: Record<string, string>, contentType: string | undefined, body: string, nowMs: number): CallbackEvent {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce']);
  const { encrypted } = readEnvelope(contentType, body);
  return classify(readXml(decrypt(authenticate(cryptoFor(settings), settings.WECOM_REPLAY_WINDOW_S, query, encrypted, nowMs), encrypted), 'decrypted event'));
}

/**
 * A data callback of many-corps mode: the receiveid after decryption names the corp, and the
 * envelope's and the event's ToUserName must name the same one (a callback encrypted for corp A
 * naming corp B is refused). Whether the corp is authorized is the caller's next step.
 */
export function openSuiteCallback(suite: SuiteSettings, replayWindow: string | undefined, rawQuery: Record<string, string>, contentType: string | undefined, body: string, nowMs: number): { corpId: string; event: CallbackEvent } {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce']);
  const { encrypted, toUserName } = readEnvelope(contentType, body);
  const crypto = authenticate(cryptoOf(suite.token, suite.encodingAesKey, ''), replayWindow, query, encrypted, nowMs);
  const { message, receiveId } = openEncrypted(crypto, encrypted);
  const fields = readXml(message, 'decrypted event');
  if (toUserName !== receiveId || (fields.ToUserName !== undefined && fields.ToUserName !== receiveId)) {
    throw new Refusal(401, 'corp_mismatch', `the callback is encrypted for corp ${receiveId} but names ${fields.ToUserName ?? toUserName ?? 'no corp'}`);
  }
  return { corpId: receiveId, event: classify(fields) };
}

/** The corp of a many-corps data callback: authorized and active. Its data is kept under its tenant. */
async function resolveSuiteCorp(env: Env, suite: SuiteSettings, corpId: string): Promise<CorpIdentity> {
  const { stub, context } = suiteStub(env, suite);
  const corp = await stub.corp(context, corpId);
  if (!corp) throw new Refusal(403, 'corp_not_authorized', `corp ${corpId} has not authorized this suite`);
  if (corp.state !== 'active') throw new Refusal(403, 'corp_cancelled', `corp ${corpId} cancelled its authorization`);
  return { id: corpId, mode: corp.auth_mode };
}

callbackRoutes.get('/', (c) => {
  const suite = suiteSettings(c.env);
  const message = suite ? verifySuiteUrl(suite, c.env.WECOM_REPLAY_WINDOW_S, c.req.query(), Date.now()) : verifyUrl(c.env, c.req.query(), Date.now());
  log('log', { method: 'GET', status: 200, reason: 'url_verified' });
  return c.text(message);
});

callbackRoutes.post('/', async (c) => {
  const body = await readBoundedBody(c.req.raw, MAX_CALLBACK_BYTES);
  const query = c.req.query();
  const suite = suiteSettings(c.env);
  let classified: CallbackEvent;
  let corp: CorpIdentity;
  if (suite) {
    const opened = openSuiteCallback(suite, c.env.WECOM_REPLAY_WINDOW_S, query, c.req.header('content-type'), body, Date.now());
    corp = await resolveSuiteCorp(c.env, suite, opened.corpId);
    classified = opened.event;
  } else {
    classified = openCallback(c.env, query, c.req.header('content-type'), body, Date.now());
    corp = singleCorp(c.env.WECOM_CORP_ID);
  }
  const tenant = tenantOf(corp, c.env.WECOM_CORP_ID);
  c.set('tenant', tenant);
  if (classified.kind === 'other') {
    log('log', { method: 'POST', status: 200, reason: 'ignored_event', corp: corp.id, msgType: classified.msgType, event: classified.event });
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
  // Each corp's kf account has its own Inbox: the same open_kfid under two corps is two inboxes.
  const { replayed } = await c.env.INBOX.get(c.env.INBOX.idFromName(tenantScoped(tenant, openKfId))).notify({ tenant, token, openKfId, receivedAt: Date.now(), served });
  // No log line for the common case: it is the hot path, and the platform logs every request anyway.
  if (replayed) log('log', { method: 'POST', status: 200, reason: 'replayed_signature' });
  return c.text('success');
});
