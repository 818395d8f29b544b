import { messageText } from '../../wecom/messages';
import { Origin, type SyncMsgItem } from '../../wecom/types';
import type { Json } from '../../runtime/rpc';
import type { Meta, Sql } from '../../runtime/storage';

/** `{at, type, …}`; message events (message_in, message_out) carry msgid and text. */
export interface TimelineEvent {
  at: number;
  type: string;
  [field: string]: Json;
}

/** An event as it is stored, in the order it happened (`seq`). */
export interface StoredEvent {
  seq: number;
  at: number;
  type: string;
  data: Record<string, Json>;
}

/** Timeline events copied to D1 per run; the rest follow on the next run. */
export const EXPORT_BATCH = 200;

/**
 * The conversation's timeline: every inbound and outbound event with its time and the config
 * version that decided it, the source of all metrics. New events are copied to D1 in order
 * (`exported_seq` remembers how far); only copied events are ever pruned.
 */
export class Timeline {
  /**
   * How far this instance has copied. It reaches `exported_seq` at the start of the next copy or
   * in the next turn's commit (savePosition), with the writes of that run: storing it right after
   * the copy would cost a commit of its own. Lost with the instance, it only makes the next copy
   * repeat events D1 has already, which their stable ids make a no-op.
   */
  private copiedThrough = 0;

  constructor(
    private readonly sql: Sql,
    private readonly meta: Meta,
  ) {}

  record(at: number, type: string, data: Record<string, Json>): void {
    this.sql.exec('INSERT INTO events (at, type, data) VALUES (?, ?, ?)', at, type, JSON.stringify(data));
  }

  /** Every event, in order. */
  all(): TimelineEvent[] {
    return this.sql
      .exec<{ at: number; type: string; data: string }>('SELECT at, type, data FROM events ORDER BY seq')
      .toArray()
      .map((r) => ({ ...(JSON.parse(r.data) as Record<string, Json>), at: r.at, type: r.type }));
  }

  count(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n;
  }

  private exportedSeq(): number {
    return Math.max(this.copiedThrough, this.meta.get<number>('exported_seq') ?? 0);
  }

  /**
   * Hands the next batch of events not copied yet to `copy` (D1 in production: stable ids make a
   * repeat a no-op) and remembers how far it got. Answers how many it copied and whether more wait.
   */
  async export(copy: (events: StoredEvent[]) => Promise<void>, batch: number = EXPORT_BATCH): Promise<{ copied: number; more: boolean }> {
    this.savePosition();
    const events = this.uncopied(batch);
    const last = events.at(-1);
    if (!last) return { copied: 0, more: false };
    await copy(events);
    this.copied(last.seq);
    return { copied: events.length, more: events.length === batch };
  }

  /** Stores how far this instance has copied, with the current task's writes (nothing when unchanged). */
  savePosition(): void {
    this.meta.set('exported_seq', this.exportedSeq());
  }

  /** The next `batch` events not copied yet, in order (for a copy the caller runs, then copied()). */
  uncopied(batch: number = EXPORT_BATCH): StoredEvent[] {
    return this.sql
      .exec<{ seq: number; at: number; type: string; data: string }>('SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?', this.exportedSeq(), batch)
      .toArray()
      .map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, Json> }));
  }

  /** The events through `seq` are in D1. */
  copied(seq: number): void {
    this.copiedThrough = Math.max(this.copiedThrough, seq);
  }

  /** The storage was emptied (deleteAll): the events are numbered from 1 again. */
  forgetCopied(): void {
    this.copiedThrough = 0;
  }

  /** Drops events older than `before` that are already copied to D1. */
  prune(before: number): void {
    this.sql.exec('DELETE FROM events WHERE at < ? AND seq <= ?', before, this.exportedSeq());
  }

  /** The time of the oldest event that could be pruned (copied already), or null. */
  oldestPrunableAt(): number | null {
    return this.sql.exec<{ at: number | null }>('SELECT MIN(at) AS at FROM events WHERE seq <= ?', this.exportedSeq()).one().at;
  }
}

/** How an item the Inbox handed over appears on the timeline. */
export function inboundEvent(item: SyncMsgItem): { type: string; data: Record<string, Json> } {
  const base = { msgid: item.msgid, send_time: item.send_time };
  const ev = item.event;
  if (item.origin === Origin.customer) {
    return { type: 'message_in', data: { ...base, text: messageText(item), msgtype: item.msgtype, ...(item.text?.menu_id ? { menu_id: item.text.menu_id } : {}) } };
  }
  if (item.origin === Origin.servicer) {
    return { type: 'message_out', data: { ...base, text: messageText(item), msgtype: item.msgtype, by: 'servicer', servicer: item.servicer_userid ?? null } };
  }
  if (ev) {
    // The event's own fields, minus the ones the timeline already names and the single-use codes.
    const { event_type, open_kfid: _k, external_userid: _u, welcome_code, msg_code, ...fields } = ev;
    // Parsed from WeCom's JSON answer, so JSON all the way down.
    return { type: event_type, data: { ...base, ...(fields as Record<string, Json>), ...(welcome_code ? { welcome_code: true } : {}), ...(msg_code ? { msg_code: true } : {}) } };
  }
  return { type: 'system_message', data: { ...base, text: messageText(item), msgtype: item.msgtype } };
}
