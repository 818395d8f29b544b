/**
 * Errors of the WeCom API, told apart by what the caller should do next: retry later
 * (`transient`) or give up and record the refusal (definitive).
 * WeCom's codes: https://developer.work.weixin.qq.com/document/path/90313.
 */

/** How a call failed: WeCom answered with an errcode, or the transport failed before it could. */
export type WecomFailureKind = 'errcode' | 'http' | 'timeout' | 'network' | 'invalid_response';

/** errcode used when WeCom gave none (transport failures); -1 is WeCom's own "busy, retry". */
export const NO_ERRCODE = -1;

/**
 * The access token was refused: drop it, fetch a new one, retry once. 40014 invalid token and
 * 42001 expired are the documented pair; Tencent also invalidates tokens early, and some corps
 * see 40001 for a token issued under a secret that was reset meanwhile.
 */
export const TOKEN_REFUSED = new Set([40014, 42001, 40001]);

/** WeCom's "try later" codes: system busy, frequency limit, concurrency limit. */
const TRANSIENT_ERRCODES = new Set([-1, 45009, 45011, 45033]);

/**
 * kf/sync_msg refused the callback Token (older than 10 minutes, unknown). No public source
 * names WeCom's code; 95007 is our simulator's choice (src/simulator/errcodes.ts). The pull then
 * continues without a token, which WeCom allows under a strict rate limit.
 */
export const SYNC_TOKEN_REFUSED = 95007;

/** kf/send_msg refusal when the session is not in state 0/1 (a human holds it, or it ended). */
export const SESSION_STATE_INVALID = 95018;
/**
 * service_state/trans refusal of a move the session's state does not allow. No public source names
 * WeCom's code; 95016 is our simulator's choice (src/simulator/errcodes.ts).
 */
export const STATE_CHANGE_REFUSED = 95016;
/** Refusals that mean our mirror of the session's state is stale: ask WeCom for the real one. */
export const STALE_STATE_ERRCODES: ReadonlySet<number> = new Set([SESSION_STATE_INVALID, STATE_CHANGE_REFUSED]);

export class WecomApiError extends Error {
  constructor(
    /** WeCom's errcode, or NO_ERRCODE when the transport failed. */
    readonly errcode: number,
    readonly errmsg: string,
    /** The API path, e.g. `/cgi-bin/kf/send_msg`: which call failed, without the token. */
    readonly path: string,
    /** True when the same call may succeed later (busy, rate limit, 5xx, timeout, network). */
    readonly transient: boolean,
    readonly kind: WecomFailureKind,
    /** HTTP status, when one arrived. */
    readonly status?: number,
  ) {
    super(`${path}: ${kind === 'errcode' ? `errcode ${errcode}` : kind} ${errmsg}`.trim());
    this.name = 'WecomApiError';
  }

  /** The plain fields, for crossing a Durable Object RPC boundary (class identity does not survive it). */
  toJSON(): WecomApiFailure {
    return {
      errcode: this.errcode,
      errmsg: this.errmsg,
      path: this.path,
      transient: this.transient,
      kind: this.kind,
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }

  static from(f: WecomApiFailure): WecomApiError {
    return new WecomApiError(f.errcode, f.errmsg, f.path, f.transient, f.kind, f.status);
  }
}

export interface WecomApiFailure {
  errcode: number;
  errmsg: string;
  path: string;
  transient: boolean;
  kind: WecomFailureKind;
  status?: number;
}

/**
 * Whether an errcode answered by WeCom is worth retrying. Unknown codes count as definitive:
 * WeCom's refusals (95018 session state, 40201 account banned, 48002 no API permission, 60020
 * untrusted IP, quota and expired-session codes) never heal by repeating the call, and a retry
 * loop on them would only burn the rate limit.
 */
export function isTransientErrcode(errcode: number): boolean {
  return TRANSIENT_ERRCODES.has(errcode);
}

/** Whether an HTTP status (with no usable WeCom answer) is worth retrying. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
