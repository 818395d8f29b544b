import { SEEN_RETENTION_MS } from '../../wecom/types';
import type { SqlStore } from '../../runtime/storage';
import type { InboundLog } from './inbound';
import type { Outbox } from './outbox';
import type { Timeline } from './timeline';

/** A retention wake waits this long past the oldest expiry, so one wake prunes a whole session's events. */
export const PRUNE_SLACK_MS = 3600_000;

export interface Kept {
  /** Timeline events and settled outbox items. */
  events: number;
  /** Processed inbound items: at least as long as they deduplicate redeliveries. */
  inbound: number;
}

/** How long what a conversation stored is kept (config retention.conversation_days, as of its last turn); null: forever. */
export function keptFor(retentionMs: number | null): Kept | null {
  return retentionMs === null ? null : { events: retentionMs, inbound: Math.max(retentionMs, SEEN_RETENTION_MS) };
}

export interface RetainedTables {
  store: SqlStore;
  timeline: Timeline;
  inbound: InboundLog;
  outbox: Outbox;
}

/**
 * Drops what is older than the retention limit: timeline events already copied to D1 (the daily
 * cron purges the copy), processed inbound items and settled outbox items.
 */
export function prune(tables: RetainedTables, keep: Kept | null, now: number): void {
  if (!keep) return;
  tables.store.transactionSync(() => {
    tables.timeline.prune(now - keep.events);
    tables.inbound.prune(now - keep.inbound);
    tables.outbox.prune(now - keep.events);
  });
}

/** When the oldest prunable item expires (plus slack): an idle conversation still wakes to prune itself. */
export function pruneDueAt(tables: RetainedTables, keep: Kept | null): number | null {
  if (!keep) return null;
  const expiries = [
    plus(tables.timeline.oldestPrunableAt(), keep.events),
    plus(tables.inbound.oldestProcessedAt(), keep.inbound),
    plus(tables.outbox.oldestSettledAt(), keep.events),
  ].filter((x): x is number => x !== null);
  return expiries.length === 0 ? null : Math.min(...expiries) + PRUNE_SLACK_MS;
}

const plus = (at: number | null, ms: number): number | null => (at === null ? null : at + ms);
