import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, type Db } from './db';
import { conversationEvents } from './schema';

export interface ConversationEventRow {
  /** Stable per timeline event (for example `<open_kfid>:<external_userid>:<seq>`): re-appending is a no-op. */
  id: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  type: string;
  config_version?: number | null;
  variant?: string | null;
  servicer?: string | null;
  intent?: string | null;
  /** The rest of the timeline event. */
  data?: Record<string, unknown> | null;
}

const COLUMNS = 10;

/** Copies timeline events to D1 for analytics, in one transaction; events already copied are skipped. */
export async function appendConversationEvents(db: Db, events: readonly ConversationEventRow[]): Promise<void> {
  const statements = chunk(events, COLUMNS).map((part) =>
    db
      .insert(conversationEvents)
      .values(
        part.map((e) => ({
          id: e.id,
          at: e.at,
          openKfid: e.open_kfid,
          externalUserid: e.external_userid,
          type: e.type,
          configVersion: e.config_version ?? null,
          variant: e.variant ?? null,
          servicer: e.servicer ?? null,
          intent: e.intent ?? null,
          data: e.data ? JSON.stringify(e.data) : null,
        })),
      )
      .onConflictDoNothing(),
  );
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
