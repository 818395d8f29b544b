import { and, asc, eq } from 'drizzle-orm';
import { newId } from './db';
import { behaviorEvents } from './schema';
import type { TenantDb } from './tenant';

export interface BehaviorEventInput {
  /** A natural id (a menu click's msgid) makes a retried recording a no-op; absent: a new id. */
  id?: string;
  external_userid: string;
  open_kfid?: string | null;
  /** link_click, menu_click, campaign_join, … (a behaviour tag rule's `event`). */
  type: string;
  /** What was clicked or joined (a behaviour tag rule's `match`). */
  ref?: string | null;
  at?: number;
  meta?: Record<string, unknown> | null;
}

export interface BehaviorEvent {
  id: string;
  external_userid: string;
  open_kfid: string | null;
  type: string;
  ref: string | null;
  at: number;
  meta: Record<string, unknown> | null;
  /** False when an event with this id was already recorded (nothing was written). */
  recorded: boolean;
}

/** Records a behaviour event and answers it, for tag automation to act on. */
export async function recordBehaviorEvent(db: TenantDb, input: BehaviorEventInput): Promise<BehaviorEvent> {
  const event = {
    id: input.id ?? newId(),
    external_userid: input.external_userid,
    open_kfid: input.open_kfid ?? null,
    type: input.type,
    ref: input.ref ?? null,
    at: input.at ?? Date.now(),
    meta: input.meta ?? null,
  };
  const inserted = await db
    .insert(behaviorEvents)
    .values({
      corpId: db.tenant,
      id: event.id,
      externalUserid: event.external_userid,
      openKfid: event.open_kfid,
      type: event.type,
      ref: event.ref,
      at: event.at,
      meta: event.meta === null ? null : JSON.stringify(event.meta),
    })
    .onConflictDoNothing()
    .returning({ id: behaviorEvents.id });
  return { ...event, recorded: inserted.length > 0 };
}

/** One customer's behaviour events, oldest first (their data export). */
export async function behaviorEventsOf(db: TenantDb, externalUserid: string): Promise<Array<Omit<BehaviorEvent, 'recorded'>>> {
  const rows = await db.select().from(behaviorEvents).where(and(eq(behaviorEvents.corpId, db.tenant), eq(behaviorEvents.externalUserid, externalUserid))).orderBy(asc(behaviorEvents.at), asc(behaviorEvents.id));
  return rows.map((r) => ({
    id: r.id,
    external_userid: r.externalUserid,
    open_kfid: r.openKfid,
    type: r.type,
    ref: r.ref,
    at: r.at,
    meta: r.meta === null ? null : (JSON.parse(r.meta) as Record<string, unknown>),
  }));
}
