/** How a simulated world starts: the corp's identity, its kf accounts, servicers and switches. */
import type { CorpSeed } from './kf-admin';

export interface SimIdentity {
  corpId: string;
  /** The callback Token (signing). */
  token: string;
  encodingAesKey: string;
  kfSecret: string;
  /** Server mode: where callbacks are POSTed. Without it callbacks are only returned. */
  callbackUrl?: string | undefined;
}

export interface AccountSeed {
  open_kfid: string;
  name?: string;
}

export interface ServicerSeed {
  userid: string;
  /** Accounts the servicer receives for; default: every account. */
  open_kfids?: string[];
  /** 接待中 (default) or 停止接待. */
  on_duty?: boolean;
}

export interface WorldOptions {
  identity: SimIdentity;
  accounts?: AccountSeed[];
  servicers?: ServicerSeed[];
  /** Concurrent kf/sync_msg calls allowed before 45033 (one community answer says 5). */
  syncConcurrencyLimit?: number;
  /** The corp's switches and address book (the seeded servicers are members). */
  corp?: CorpSeed;
}
