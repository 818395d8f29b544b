import { and, asc, desc, eq, lt, or } from 'drizzle-orm';
import { newId } from './db';
import { violations } from './schema';
import type { TenantDb } from './tenant';

export interface ViolationInput {
  /** A natural id (the msgid, or the reply's msgid) makes a retried recording a no-op. */
  id?: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  direction: 'inbound' | 'outbound';
  /** Already masked by the sensitive-word engine (违*词): raw matched text must never reach storage. */
  masked_words: readonly string[];
  masked_excerpt: string;
}

export interface Violation {
  id: string;
  at: number;
  open_kfid: string;
  external_userid: string;
  direction: 'inbound' | 'outbound';
  words: string[];
  excerpt: string;
}

export async function recordViolation(db: TenantDb, input: ViolationInput): Promise<string> {
  const id = input.id ?? newId();
  await db
    .insert(violations)
    .values({
      corpId: db.tenant,
      id,
      at: input.at,
      openKfid: input.open_kfid,
      externalUserid: input.external_userid,
      direction: input.direction,
      words: JSON.stringify(input.masked_words),
      excerpt: input.masked_excerpt,
    })
    .onConflictDoNothing();
  return id;
}

/** Newest first; keyset pagination on (at, id), `after` being the last item of the previous page. */
export async function listViolations(db: TenantDb, opts: { limit: number; after?: { at: number; id: string } }): Promise<{ items: Violation[]; last: Violation | null }> {
  const after = opts.after;
  const rows = await db
    .select()
    .from(violations)
    .where(and(eq(violations.corpId, db.tenant), after ? or(lt(violations.at, after.at), and(eq(violations.at, after.at), lt(violations.id, after.id))) : undefined))
    .orderBy(desc(violations.at), desc(violations.id))
    .limit(opts.limit + 1);
  const items = rows.slice(0, opts.limit).map(toViolation);
  return { items, last: rows.length > opts.limit ? (items.at(-1) ?? null) : null };
}

/** One customer's violations, oldest first (their data export). */
export async function violationsOf(db: TenantDb, externalUserid: string): Promise<Violation[]> {
  const rows = await db.select().from(violations).where(and(eq(violations.corpId, db.tenant), eq(violations.externalUserid, externalUserid))).orderBy(asc(violations.at), asc(violations.id));
  return rows.map(toViolation);
}

function toViolation(r: typeof violations.$inferSelect): Violation {
  return {
    id: r.id,
    at: r.at,
    open_kfid: r.openKfid,
    external_userid: r.externalUserid,
    direction: r.direction,
    words: JSON.parse(r.words) as string[],
    excerpt: r.excerpt,
  };
}
