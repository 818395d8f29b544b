import type { SyncMsgItem } from '../../wecom/types';
import type { Sql } from '../../runtime/storage';

export interface InboundItem {
  seq: number;
  item: SyncMsgItem;
  receivedAt: number;
}

/**
 * The items the Inbox handed over, each msgid once (WeCom and the Inbox may hand one again), kept
 * until a turn has processed them and then as long as retention says (they deduplicate redeliveries).
 */
export class InboundLog {
  constructor(private readonly sql: Sql) {}

  /** Stores the item unless its msgid is known; answers whether it was new. */
  add(item: SyncMsgItem, receivedAt: number): boolean {
    // Checked explicitly: rowsWritten is not 0 for an ignored INSERT into an AUTOINCREMENT table.
    if (this.sql.exec('SELECT 1 FROM inbound WHERE msgid = ?', item.msgid).toArray().length > 0) return false;
    this.sql.exec('INSERT INTO inbound (msgid, item, received_at) VALUES (?, ?, ?)', item.msgid, JSON.stringify(item), receivedAt);
    return true;
  }

  /** The items no turn has processed yet, oldest first. */
  unprocessed(): InboundItem[] {
    return this.sql
      .exec<{ seq: number; item: string; received_at: number }>('SELECT seq, item, received_at FROM inbound WHERE processed = 0 ORDER BY seq')
      .toArray()
      .map((r) => ({ seq: r.seq, item: JSON.parse(r.item) as SyncMsgItem, receivedAt: r.received_at }));
  }

  hasUnprocessed(): boolean {
    return this.sql.exec('SELECT 1 FROM inbound WHERE processed = 0 LIMIT 1').toArray().length > 0;
  }

  markProcessed(throughSeq: number): void {
    this.sql.exec('UPDATE inbound SET processed = 1 WHERE processed = 0 AND seq <= ?', throughSeq);
  }

  /** Drops processed items received before `before`. */
  prune(before: number): void {
    this.sql.exec('DELETE FROM inbound WHERE processed = 1 AND received_at < ?', before);
  }

  /** When the oldest processed item was received, or null. */
  oldestProcessedAt(): number | null {
    return this.sql.exec<{ at: number | null }>('SELECT MIN(received_at) AS at FROM inbound WHERE processed = 1').one().at;
  }
}
