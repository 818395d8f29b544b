/**
 * The codes kf/send_msg_on_event takes (https://developer.work.weixin.qq.com/document/path/95122):
 * a welcome_code on enter_session, and a msg_code on moves to the queue (2), to a servicer (3)
 * and to the end (4). Each is single-use, valid for a while, and allows only some msgtypes.
 */
import { HOUR, SECOND, type SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { randomId } from './ids';
import type { ServiceState } from './types';

export type CodeKind = 'welcome' | 'queue' | 'taken' | 'end';
/** Validity: welcome and end 20 s, queue and taken 48 h. */
const CODE_TTL: Record<CodeKind, number> = { welcome: 20 * SECOND, queue: 48 * HOUR, taken: 48 * HOUR, end: 20 * SECOND };
/** msgtypes each code may send. */
export const CODE_TYPES: Record<CodeKind, readonly string[]> = { welcome: ['text', 'msgmenu'], queue: ['text'], taken: ['text'], end: ['text', 'msgmenu'] };
/** The session state a code stays usable in; the welcome code is bound to none. */
export const CODE_STATE: Record<CodeKind, ServiceState | null> = { welcome: null, queue: 2, taken: 3, end: 4 };

export interface EventCode {
  kind: CodeKind;
  open_kfid: string;
  external_userid: string;
  expiresAt: number;
  used: boolean;
}

export class EventCodes {
  private readonly codes = new Map<string, EventCode>();
  constructor(private readonly clock: SimClock) {}

  /** A fresh code of this kind for a customer's session. */
  issue(kind: CodeKind, session: { open_kfid: string; external_userid: string }): string {
    const code = `${kind.toUpperCase()}${randomId(26)}`;
    this.codes.set(code, { kind, open_kfid: session.open_kfid, external_userid: session.external_userid, expiresAt: this.clock.now() + CODE_TTL[kind], used: false });
    return code;
  }

  /** The code, when it is known, unused and still valid (the caller marks it used once the message is taken); else 95000-series refusal. */
  usable(value: unknown): EventCode {
    const code = typeof value === 'string' ? this.codes.get(value) : undefined;
    if (!code || code.used || code.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.invalidEventCode, 'invalid code: unknown, already used, or expired');
    return code;
  }
}
