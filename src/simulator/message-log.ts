import { createHash } from 'node:crypto';
import { DAY, MINUTE, type SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { randomId } from './ids';
import type { SyncItem } from './types';

export const SYNC_TOKEN_TTL = 10 * MINUTE;
export const SYNC_HORIZON = 3 * DAY;
export const SYNC_LIMIT = 1000;

interface LogEntry {
  seq: number;
  item: SyncItem;
}

type Obj = Record<string, unknown>;
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The message log kf/sync_msg serves: every item in order, per account and for all accounts,
 * read with cursors bound to their scope, within the 3-day horizon, with the callback Tokens that
 * authorise a pull.
 */
export class MessageLog {
  /** Tells cursors of an earlier simulator (or reset) apart. */
  private readonly epoch = randomId(6);
  private readonly log: LogEntry[] = [];
  private readonly logByKf = new Map<string, LogEntry[]>();
  private readonly syncTokens = new Map<string, { open_kfid: string; expiresAt: number }>();

  constructor(private readonly clock: SimClock) {}

  /** Puts an item on the log: every account's, and its own account's. */
  append(item: SyncItem): SyncItem {
    const entry = { seq: this.log.length + 1, item };
    this.log.push(entry);
    let list = this.logByKf.get(item.open_kfid);
    if (!list) this.logByKf.set(item.open_kfid, (list = []));
    list.push(entry);
    return item;
  }

  /** A fresh callback Token for kf/sync_msg, valid 10 minutes, bound to the account. */
  newSyncToken(open_kfid: string): string {
    const token = `ENC${randomId(44)}`;
    this.syncTokens.set(token, { open_kfid, expiresAt: this.clock.now() + SYNC_TOKEN_TTL });
    return token;
  }

  private encodeCursor(scope: string, seq: number): string {
    return Buffer.from(`${this.epoch}:${scopeTag(scope)}:${seq.toString(36)}`).toString('base64url');
  }

  /**
   * The position a cursor stands for. A cursor of an earlier simulator run reads from the start
   * (so a Worker with persisted state survives `npm start` again); one of another open_kfid, or
   * not ours at all, is refused.
   */
  private decodeCursor(cursor: string, scope: string): number {
    if (cursor === '') return 0;
    const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
    const [epoch, tag, seq] = parts;
    if (parts.length !== 3 || !epoch || !tag || !seq || !/^[0-9a-z]+$/.test(seq)) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: cursor');
    if (epoch !== this.epoch) return 0;
    if (tag !== scopeTag(scope)) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: cursor belongs to another open_kfid');
    return parseInt(seq, 36);
  }

  /**
   * kf/sync_msg: messages after the cursor, at most `limit` (≤1000), only from the last 3 days;
   * the callback Token must be valid (10 min) and of this account when given.
   */
  syncMsg(body: Obj, options: { emptyPage: boolean }, account: (open_kfid: unknown) => string): Obj {
    const cursor = body.cursor ?? '';
    if (typeof cursor !== 'string' || Buffer.byteLength(cursor) > 64) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: cursor must be a string of at most 64 bytes');
    const limit = body.limit ?? SYNC_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > SYNC_LIMIT) {
      throw new ApiFailure(Errcode.invalidParameter, `invalid parameter: limit must be an integer from 1 to ${SYNC_LIMIT}`);
    }
    const openKfid = body.open_kfid === undefined || body.open_kfid === '' ? undefined : account(body.open_kfid);
    const token = body.token ?? '';
    if (typeof token !== 'string' || Buffer.byteLength(token) > 128) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: token');
    if (token !== '') {
      const t = this.syncTokens.get(token);
      if (!t || t.expiresAt <= this.clock.now() || (openKfid !== undefined && t.open_kfid !== openKfid)) {
        throw new ApiFailure(Errcode.invalidSyncToken, 'invalid msg token: unknown, older than 10 minutes, or of another open_kfid');
      }
    }
    const scope = openKfid ?? '*';
    const after = this.decodeCursor(cursor, scope);
    if (options.emptyPage) return { next_cursor: cursor || this.encodeCursor(scope, after), has_more: 1, msg_list: [] };

    const list = openKfid === undefined ? this.log : (this.logByKf.get(openKfid) ?? []);
    const horizon = seconds(this.clock.now() - SYNC_HORIZON);
    const page: SyncItem[] = [];
    let last = after;
    let i = firstAfter(list, after);
    for (; i < list.length && page.length < (limit || SYNC_LIMIT); i++) {
      const e = list[i] as LogEntry;
      last = e.seq;
      if (e.item.send_time >= horizon) page.push(e.item);
    }
    return { next_cursor: this.encodeCursor(scope, last), has_more: i < list.length ? 1 : 0, msg_list: page };
  }

  /** The items on the log, of one account or all. */
  items(open_kfid?: string): SyncItem[] {
    return (open_kfid === undefined ? this.log : (this.logByKf.get(open_kfid) ?? [])).map((e) => e.item);
  }
}

/** Binds a cursor to its open_kfid (or `*` for all accounts) without making it long. */
const scopeTag = (scope: string): string => createHash('sha1').update(scope).digest('hex').slice(0, 6);

/** Index of the first entry with seq > after (entries are in seq order). */
function firstAfter(list: readonly LogEntry[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as LogEntry).seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
