import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Env } from '../env';
import { keepAtMost } from '../runtime/keep-at-most';
import { isTransientErrcode, isTransientStatus, NO_ERRCODE, TOKEN_REFUSED, WecomApiError, type WecomApiFailure } from './errors';
import {
  AccountAddAnswerSchema,
  AccountListAnswerSchema,
  AddContactWayAnswerSchema,
  AuthUserInfoAnswerSchema,
  BaseAnswerSchema,
  CustomerBatchgetAnswerSchema,
  GetTokenAnswerSchema,
  MediaUploadAnswerSchema,
  SendMsgAnswerSchema,
  ServiceStateGetAnswerSchema,
  ServiceStateTransAnswerSchema,
  ServicerListAnswerSchema,
  ServicerResultAnswerSchema,
  SyncMsgAnswerSchema,
  type AccountAddAnswer,
  type AccountListAnswer,
  type AddContactWayAnswer,
  type AuthUserInfoAnswer,
  type BaseAnswer,
  type CustomerBatchgetAnswer,
  type GetTokenAnswer,
  type MediaUploadAnswer,
  type OutboundMessage,
  type SendMsgAnswer,
  type ServiceStateGetAnswer,
  type ServiceStateTransAnswer,
  type ServicerListAnswer,
  type ServicerResultAnswer,
  type SyncMsgAnswer,
} from './types';

/**
 * The WeCom kf API client. Every call goes to `WECOM_API_BASE` (WeCom itself, a fixed-IP egress
 * proxy, or the simulator), with a timeout, the shared access token, and typed errors.
 */

/** Long enough for a 1000-item sync_msg page; short enough that a hung call cannot eat a welcome code's 20 s. */
export const DEFAULT_TIMEOUT_MS = 8_000;

export interface WecomApiOptions {
  timeoutMs?: number;
  /** Where the access token comes from: the own corp's AccessTokenCache unless another corp's source is given (src/objects/corp-api.ts). */
  tokens?: TokenSource;
}

/** An RPC-safe token answer: error classes do not survive the Durable Object boundary, plain fields do. */
export type TokenResult = { ok: true; token: string } | { ok: false; failure: WecomApiFailure };

/** One corp's access token: `name` keys this isolate's copy, `refresh` replaces a token WeCom refused. */
export interface TokenSource {
  name: string;
  token(): Promise<TokenResult>;
  refresh(stale: string): Promise<TokenResult>;
}

/** The deployment's own corp: gettoken with WECOM_KF_SECRET through the shared AccessTokenCache. */
export function ownTokenSource(env: Env): TokenSource {
  const name = accessTokenCacheName(env);
  const cache = () => env.ACCESS_TOKEN.get(env.ACCESS_TOKEN.idFromName(name));
  return { name, token: () => cache().token(), refresh: (stale) => cache().refresh(stale) };
}

interface CallSpec<S extends z.ZodType> {
  base: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  /** A JSON body; or `form` for multipart uploads (media/upload). */
  body?: unknown;
  form?: FormData;
  schema: S;
  timeoutMs: number;
}

/** One HTTP call to WeCom, answer checked; throws WecomApiError. Knows nothing of tokens. */
export async function callWecom<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.infer<S>> {
  const url = new URL(spec.path, spec.base.endsWith('/') ? spec.base : `${spec.base}/`);
  for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
  const fail = (errcode: number, errmsg: string, transient: boolean, kind: WecomApiFailure['kind'], status?: number) =>
    new WecomApiError(errcode, errmsg, spec.path, transient, kind, status);

  let res: Response;
  try {
    res = await fetch(url, { method: spec.method, ...requestBody(spec), signal: AbortSignal.timeout(spec.timeoutMs) });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw timedOut
      ? fail(NO_ERRCODE, `no answer within ${spec.timeoutMs} ms`, true, 'timeout')
      : fail(NO_ERRCODE, e instanceof Error ? e.message : String(e), true, 'network');
  }

  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    // The body stream is cut by the same timeout signal when headers came in time but the body did not.
    throw fail(NO_ERRCODE, `answer cut off: ${e instanceof Error ? e.message : String(e)}`, true, 'timeout', res.status);
  }
  if (!res.ok) throw fail(NO_ERRCODE, `HTTP ${res.status}`, isTransientStatus(res.status), 'http', res.status);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A gateway or proxy error page with status 200: the call may work when that hop recovers.
    throw fail(NO_ERRCODE, `answer is not JSON: ${text.slice(0, 80)}`, true, 'invalid_response', res.status);
  }
  const base = BaseAnswerSchema.safeParse(json);
  if (!base.success) throw fail(NO_ERRCODE, 'answer is not a WeCom JSON object', true, 'invalid_response', res.status);
  if (base.data.errcode !== 0) {
    throw fail(base.data.errcode, base.data.errmsg, isTransientErrcode(base.data.errcode), 'errcode', res.status);
  }
  const parsed = spec.schema.safeParse(json);
  // errcode 0 but an unexpected shape: repeating the call gets the same shape, so it is definitive.
  if (!parsed.success) throw fail(0, `unexpected answer: ${parsed.error.message.slice(0, 300)}`, false, 'invalid_response', res.status);
  return parsed.data;
}

/** The body and its content type: fetch sets the multipart boundary itself for a FormData. */
function requestBody(spec: Pick<CallSpec<z.ZodType>, 'body' | 'form'>): RequestInit {
  if (spec.form) return { body: spec.form };
  return spec.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec.body) };
}

/** gettoken itself; only the AccessTokenCache object calls it, so there is one token per secret. */
export function fetchAccessToken(env: Env, opts: WecomApiOptions = {}): Promise<GetTokenAnswer> {
  return callWecom({
    base: env.WECOM_API_BASE,
    method: 'GET',
    path: '/cgi-bin/gettoken',
    query: { corpid: env.WECOM_CORP_ID, corpsecret: env.WECOM_KF_SECRET },
    schema: GetTokenAnswerSchema,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

/**
 * The AccessTokenCache instance for this corp and secret. Named by a hash so the secret never
 * appears in an id, and a rotated secret gets a fresh cache instead of its predecessor's token.
 */
export function accessTokenCacheName(env: Pick<Env, 'WECOM_CORP_ID' | 'WECOM_KF_SECRET'>): string {
  return `token:${createHash('sha256').update(`${env.WECOM_CORP_ID}\n${env.WECOM_KF_SECRET}`).digest('hex')}`;
}

// ── request and answer types of the client ─────────────────────────────────────

export interface SyncMsgRequest {
  cursor?: string;
  /** The callback's Token (valid 10 minutes); without it WeCom applies a strict rate limit. */
  token?: string;
  limit?: number;
  open_kfid?: string;
  voice_format?: 0 | 1;
}
export type SendMsgRequest = { touser: string; open_kfid: string; msgid?: string } & OutboundMessage;
export type SendMsgOnEventRequest = { code: string; msgid?: string } & OutboundMessage;
export interface ServiceStateRequest {
  open_kfid: string;
  external_userid: string;
}
export interface ServiceStateTransRequest extends ServiceStateRequest {
  service_state: 0 | 1 | 2 | 3 | 4;
  servicer_userid?: string;
}

/** An image for media/upload. */
export interface UploadFile {
  bytes: Uint8Array<ArrayBuffer>;
  filename: string;
  contentType: string;
}
export interface ServicerChange {
  open_kfid: string;
  userid_list?: string[];
  department_id_list?: number[];
}

export interface WecomApi {
  syncMsg(req: SyncMsgRequest): Promise<SyncMsgAnswer>;
  sendMsg(req: SendMsgRequest): Promise<SendMsgAnswer>;
  sendMsgOnEvent(req: SendMsgOnEventRequest): Promise<SendMsgAnswer>;
  serviceStateGet(req: ServiceStateRequest): Promise<ServiceStateGetAnswer>;
  serviceStateTrans(req: ServiceStateTransRequest): Promise<ServiceStateTransAnswer>;
  customerBatchget(req: { external_userid_list: string[]; need_enter_session_context?: 0 | 1 }): Promise<CustomerBatchgetAnswer>;
  accountList(req?: { offset?: number; limit?: number }): Promise<AccountListAnswer>;
  addContactWay(req: { open_kfid: string; scene?: string }): Promise<AddContactWayAnswer>;
  servicerList(openKfid: string): Promise<ServicerListAnswer>;
  uploadImage(file: UploadFile): Promise<MediaUploadAnswer>;
  accountAdd(req: { name: string; media_id: string }): Promise<AccountAddAnswer>;
  accountUpdate(req: { open_kfid: string; name?: string; media_id?: string }): Promise<BaseAnswer>;
  servicerAdd(req: ServicerChange): Promise<ServicerResultAnswer>;
  servicerDel(req: ServicerChange): Promise<ServicerResultAnswer>;
  /** Who scanned the web-login QR code: the code is single-use and valid 5 minutes (40029 otherwise). */
  authUserInfo(code: string): Promise<AuthUserInfoAnswer>;
}

/**
 * This isolate's copy of the access token, for a minute: saves a round trip to the AccessTokenCache
 * object on every WeCom call of a burst. The object stays the one place that fetches and renews
 * (single-flight); a token WeCom refuses is replaced through it at once.
 */
const TOKEN_MEMO_MS = 60_000;
const tokenMemo = new Map<string, { token: string; until: number }>();
/** Token copies per isolate, at most (one per corp: in many-corps mode an isolate can serve many). */
const TOKEN_MEMO_MAX = 1000;

/** Forgets the isolate's token copies (tests whose simulated WeCom starts over). */
export function forgetAccessTokens(): void {
  tokenMemo.clear();
}

export function createWecomApi(env: Env, opts: WecomApiOptions = {}): WecomApi {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const source = opts.tokens ?? ownTokenSource(env);
  const name = source.name;

  async function token(stale?: string): Promise<string> {
    const memo = tokenMemo.get(name);
    if (stale === undefined && memo && Date.now() < memo.until) return memo.token;
    const r = stale === undefined ? await source.token() : await source.refresh(stale);
    if (!r.ok) throw WecomApiError.from(r.failure);
    keepAtMost(tokenMemo, name, { token: r.token, until: Date.now() + TOKEN_MEMO_MS }, TOKEN_MEMO_MAX);
    return r.token;
  }

  async function authed<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    query: Record<string, string> = {},
    form?: () => FormData,
  ): Promise<z.infer<S>> {
    // A FormData is built per attempt: a body stream is consumed by the first fetch.
    const call = (accessToken: string) =>
      callWecom({ base: env.WECOM_API_BASE, method, path, query: { ...query, access_token: accessToken }, body, ...(form ? { form: form() } : {}), schema, timeoutMs });
    const first = await token();
    try {
      return await call(first);
    } catch (e) {
      if (!(e instanceof WecomApiError && e.kind === 'errcode' && TOKEN_REFUSED.has(e.errcode))) throw e;
    }
    // The token was refused (expired early, invalidated): one fresh token, one more try.
    try {
      return await call(await token(first));
    } catch (e) {
      // Refused twice in a row is a token race or a WeCom hiccup, not a verdict on this message.
      if (e instanceof WecomApiError && e.kind === 'errcode' && (e.errcode === 40014 || e.errcode === 42001)) {
        throw new WecomApiError(e.errcode, e.errmsg, e.path, true, e.kind, e.status);
      }
      throw e;
    }
  }

  return {
    syncMsg: (req) => authed('POST', '/cgi-bin/kf/sync_msg', SyncMsgAnswerSchema, req),
    sendMsg: (req) => authed('POST', '/cgi-bin/kf/send_msg', SendMsgAnswerSchema, req),
    sendMsgOnEvent: (req) => authed('POST', '/cgi-bin/kf/send_msg_on_event', SendMsgAnswerSchema, req),
    serviceStateGet: (req) => authed('POST', '/cgi-bin/kf/service_state/get', ServiceStateGetAnswerSchema, req),
    serviceStateTrans: (req) => authed('POST', '/cgi-bin/kf/service_state/trans', ServiceStateTransAnswerSchema, req),
    customerBatchget: (req) => authed('POST', '/cgi-bin/kf/customer/batchget', CustomerBatchgetAnswerSchema, req),
    accountList: (req = {}) => authed('POST', '/cgi-bin/kf/account/list', AccountListAnswerSchema, req),
    addContactWay: (req) => authed('POST', '/cgi-bin/kf/add_contact_way', AddContactWayAnswerSchema, req),
    servicerList: (openKfid) => authed('GET', '/cgi-bin/kf/servicer/list', ServicerListAnswerSchema, undefined, { open_kfid: openKfid }),
    // The multipart field is `media`, as media/upload documents it.
    uploadImage: (file) =>
      authed('POST', '/cgi-bin/media/upload', MediaUploadAnswerSchema, undefined, { type: 'image' }, () => {
        const form = new FormData();
        form.append('media', new File([file.bytes], file.filename, { type: file.contentType }));
        return form;
      }),
    accountAdd: (req) => authed('POST', '/cgi-bin/kf/account/add', AccountAddAnswerSchema, req),
    accountUpdate: (req) => authed('POST', '/cgi-bin/kf/account/update', BaseAnswerSchema, req),
    servicerAdd: (req) => authed('POST', '/cgi-bin/kf/servicer/add', ServicerResultAnswerSchema, req),
    servicerDel: (req) => authed('POST', '/cgi-bin/kf/servicer/del', ServicerResultAnswerSchema, req),
    authUserInfo: (code) => authed('GET', '/cgi-bin/auth/getuserinfo', AuthUserInfoAnswerSchema, undefined, { code }),
  };
}
