import { and, eq, lt } from 'drizzle-orm';
import type { Db } from './db';
import { consoleSessions } from './schema';

export type SessionRole = (typeof consoleSessions.role.enumValues)[number];

export interface ConsoleSession {
  userid: string;
  name: string;
  role: SessionRole;
  csrf: string;
  created_at: number;
  expires_at: number;
  /** The tenant key of the corp signed in to: '' for the deployment's own corp (src/wecom/corp.ts). */
  tenant: string;
}

/** Stores a new session under the hash of its cookie id, and drops the sessions that have expired. */
export async function createConsoleSession(db: Db, idHash: string, session: ConsoleSession): Promise<void> {
  await db.batch([
    db.delete(consoleSessions).where(lt(consoleSessions.expiresAt, session.created_at)),
    db.insert(consoleSessions).values({
      idHash,
      userid: session.userid,
      name: session.name,
      role: session.role,
      csrf: session.csrf,
      createdAt: session.created_at,
      expiresAt: session.expires_at,
      corpId: session.tenant,
    }),
  ]);
}

/** The session, or null when there is none or it has expired at `now`. */
export async function getConsoleSession(db: Db, idHash: string, now: number): Promise<ConsoleSession | null> {
  const [row] = await db.select().from(consoleSessions).where(eq(consoleSessions.idHash, idHash));
  if (!row || row.expiresAt <= now) return null;
  return { userid: row.userid, name: row.name, role: row.role, csrf: row.csrf, created_at: row.createdAt, expires_at: row.expiresAt, tenant: row.corpId };
}

export async function deleteConsoleSession(db: Db, idHash: string): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.idHash, idHash));
}

/** Ends every session of one person in one corp (taken off the corp's member list). */
export async function deletePersonSessions(db: Db, tenant: string, userid: string): Promise<void> {
  await db.delete(consoleSessions).where(and(eq(consoleSessions.corpId, tenant), eq(consoleSessions.userid, userid)));
}
