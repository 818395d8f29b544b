/**
 * What the platform delivered to customers for the kf accounts, in order: what tests and the
 * control API read, what a customer's menu click refers to, and the msgids already taken (a msgid
 * is accepted once per account: a retried send is never a second message).
 */
import { ApiFailure, Errcode } from './errcodes';
import type { SentMessage } from './types';

export class OutboundLog {
  readonly sent: SentMessage[] = [];
  private readonly taken = new Map<string, Set<string>>();

  record(m: Omit<SentMessage, 'seq'>): SentMessage {
    const message: SentMessage = { seq: this.sent.length + 1, ...m };
    let taken = this.taken.get(m.open_kfid);
    if (!taken) this.taken.set(m.open_kfid, (taken = new Set()));
    taken.add(m.msgid);
    this.sent.push(message);
    return message;
  }

  assertFree(open_kfid: string, msgid: string | undefined): void {
    if (msgid !== undefined && this.taken.get(open_kfid)?.has(msgid)) throw new ApiFailure(Errcode.duplicateMsgid, `duplicate msgid: ${msgid} was already delivered`);
  }

  /** The last msgmenu delivered to this customer by this account. */
  lastMenu(open_kfid: string, external_userid: string): SentMessage | undefined {
    return this.sent.findLast((m) => m.open_kfid === open_kfid && m.external_userid === external_userid && m.msgtype === 'msgmenu');
  }

  delivered(msgid: string, open_kfid: string, external_userid: string): boolean {
    return this.sent.some((m) => m.msgid === msgid && m.open_kfid === open_kfid && m.external_userid === external_userid);
  }
}
