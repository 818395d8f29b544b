/**
 * A customer's session with a kf account and the platform's rules on it: the service states and
 * their moves, the 48-hour window after a customer's message, and the 5 messages it allows.
 */
import { HOUR, type SimClock } from './clock';
import type { ServiceState, SessionView } from './types';

/**
 * Allowed service_state/trans moves (https://developer.work.weixin.qq.com/document/path/94669 as quoted in silenceper/wechat
 * work/kf/servicestate.go): 0 → 1/2/3, 1 → 2/3, 2 → 3, 3 → another servicer or end, 4 → nothing.
 * Only a human's session (3) can be ended through the API; 0/1 end 48 h after the last message.
 */
export const TRANSITIONS: Record<ServiceState, readonly ServiceState[]> = { 0: [1, 2, 3], 1: [2, 3], 2: [3], 3: [3, 4], 4: [] };

export const SEND_WINDOW = 48 * HOUR;
export const SESSION_TTL = 48 * HOUR;
export const SEND_QUOTA = 5;

export interface Session {
  open_kfid: string;
  external_userid: string;
  state: ServiceState;
  servicer: string;
  lastCustomerMsgAt: number | null;
  sentSinceCustomerMsg: number;
  lastWelcomeAt: number | null;
  /** Ends the session (lazily) 48 h after the customer's last message or a servicer's re-entry. */
  expiresAt: number;
  /** msg_code is handed out on the first move to 2 and to 3 of a session only. */
  codesGiven: { queue: boolean; taken: boolean };
}

const key = (kf: string, user: string) => `${kf}\u0000${user}`;
const seconds = (ms: number) => Math.floor(ms / 1000);

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly clock: SimClock) {}

  /** The session of a customer with an account; a session past its 48 h has ended (state 4). */
  get(open_kfid: string, external_userid: string): Session {
    const k = key(open_kfid, external_userid);
    let s = this.sessions.get(k);
    if (!s) {
      s = {
        open_kfid,
        external_userid,
        state: 4,
        servicer: '',
        lastCustomerMsgAt: null,
        sentSinceCustomerMsg: 0,
        lastWelcomeAt: null,
        expiresAt: 0,
        codesGiven: { queue: false, taken: false },
      };
      this.sessions.set(k, s);
    }
    if (s.state !== 4 && this.clock.now() >= s.expiresAt) {
      s.state = 4;
      s.servicer = '';
    }
    return s;
  }

  views(): SessionView[] {
    return [...this.sessions.values()].map((x) => {
      const s = this.get(x.open_kfid, x.external_userid);
      return {
        open_kfid: s.open_kfid,
        external_userid: s.external_userid,
        state: s.state,
        servicer_userid: s.servicer,
        last_customer_msg_at: s.lastCustomerMsgAt === null ? null : seconds(s.lastCustomerMsgAt),
        sent_since_customer_msg: s.sentSinceCustomerMsg,
      };
    });
  }
}
