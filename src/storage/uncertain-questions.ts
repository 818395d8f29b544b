import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Candidate, UncertainZone } from '../engine/uncertain';
import { chunk } from './db';
import { uncertainQuestions, type suggestionOutcomes } from './schema';
import type { TenantDb } from './tenant';

/**
 * The questions the bot was unsure of, masked (src/rules/personal-data.ts), for the suggestions
 * operators turn into knowledge; erasure and retention are in ./privacy.ts.
 */

export interface UncertainQuestionInput {
  id: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  /** Already masked: the customer's raw words never reach this table. */
  masked_text: string;
  zone: UncertainZone;
  confidence: number;
  candidates: readonly Candidate[];
  config_version: number | null;
}

export interface UncertainQuestionRow {
  id: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  text: string;
  zone: UncertainZone;
  confidence: number;
  candidates: Candidate[];
  config_version: number | null;
  clicked_entry: string | null;
  outcome: (typeof suggestionOutcomes)[number] | null;
  cluster: string | null;
}

/** What clustering reads of a row. */
export type OpenQuestion = Pick<UncertainQuestionRow, 'id' | 'at' | 'text' | 'zone' | 'clicked_entry'>;

/** Keeps a question once (a replayed turn keeps it once: the id is the turn's). */
export async function keepUncertainQuestion(db: TenantDb, q: UncertainQuestionInput): Promise<void> {
  await db
    .insert(uncertainQuestions)
    .values({
      corpId: db.tenant,
      id: q.id,
      at: q.at,
      openKfid: q.open_kfid,
      externalUserid: q.external_userid,
      text: q.masked_text,
      zone: q.zone,
      confidence: q.confidence,
      candidates: JSON.stringify(q.candidates),
      configVersion: q.config_version,
    })
    .onConflictDoNothing();
}

/**
 * A click on a clarification menu's entry: it marks the customer's latest unanswered
 * clarification (within `since`..`at`) that offered that entry. Once per click msgid, so a
 * replayed turn never marks an older clarification too.
 */
export async function recordClarifyClick(db: TenantDb, click: { open_kfid: string; external_userid: string; entry_id: string; msgid: string; at: number; since: number }): Promise<boolean> {
  const t = uncertainQuestions;
  const r = await db.run(sql`
    UPDATE ${t} SET ${sql.identifier(t.clickedEntry.name)} = ${click.entry_id}, ${sql.identifier(t.clickMsgid.name)} = ${click.msgid}
    WHERE ${t.corpId} = ${db.tenant} AND ${t.id} = (
      SELECT ${t.id} FROM ${t}
      WHERE ${t.corpId} = ${db.tenant} AND ${t.openKfid} = ${click.open_kfid} AND ${t.externalUserid} = ${click.external_userid} AND ${t.zone} = 'clarify'
        AND ${t.clickedEntry} IS NULL AND ${t.at} >= ${click.since} AND ${t.at} <= ${click.at}
        AND EXISTS (SELECT 1 FROM json_each(${t.candidates}) WHERE json_extract(value, '$.id') = ${click.entry_id})
      ORDER BY ${t.at} DESC LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM ${t} WHERE ${t.corpId} = ${db.tenant} AND ${t.clickMsgid} = ${click.msgid})`);
  return r.meta.changes > 0;
}

/** The newest `limit` questions no operator has handled yet; `truncated` when older ones remain unread. */
export async function openQuestions(db: TenantDb, limit: number): Promise<{ rows: OpenQuestion[]; truncated: boolean }> {
  const t = uncertainQuestions;
  const rows = await db
    .select({ id: t.id, at: t.at, text: t.text, zone: t.zone, clicked_entry: t.clickedEntry })
    .from(t)
    .where(and(eq(t.corpId, db.tenant), isNull(t.outcome)))
    .orderBy(desc(t.at), desc(t.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

/** Marks questions of a cluster accepted or dismissed (only those still open); answers how many. */
export async function markHandled(db: TenantDb, ids: readonly string[], handled: { outcome: (typeof suggestionOutcomes)[number]; cluster: string; at: number }): Promise<number> {
  const t = uncertainQuestions;
  const statements = chunk(ids, 1, 4).map((part) =>
    db
      .update(t)
      .set({ outcome: handled.outcome, cluster: handled.cluster, handledAt: handled.at })
      .where(and(eq(t.corpId, db.tenant), inArray(t.id, part), isNull(t.outcome))),
  );
  const [first, ...rest] = statements;
  if (!first) return 0;
  const results = await db.batch([first, ...rest] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return results.reduce((n, r) => n + ((r as D1Result).meta?.changes ?? 0), 0);
}

/** One customer's kept questions, oldest first (their data export). */
export async function uncertainQuestionsOf(db: TenantDb, externalUserid: string): Promise<UncertainQuestionRow[]> {
  const t = uncertainQuestions;
  const rows = await db.select().from(t).where(and(eq(t.corpId, db.tenant), eq(t.externalUserid, externalUserid))).orderBy(asc(t.at), asc(t.id));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    open_kfid: r.openKfid,
    external_userid: r.externalUserid,
    text: r.text,
    zone: r.zone,
    confidence: r.confidence,
    candidates: JSON.parse(r.candidates) as Candidate[],
    config_version: r.configVersion,
    clicked_entry: r.clickedEntry,
    outcome: r.outcome,
    cluster: r.cluster,
  }));
}
