import type { Context } from 'hono';
import type { Env } from '../../env';
import { getConsoleSession, type ConsoleSession } from '../../storage/console-sessions';
import { OWN_TENANT } from '../../wecom/corp';
import { suiteModeOn } from '../../wecom/suite-settings';
import { createDb } from '../../storage/db';
import { ApiError, misconfigured, unauthorized } from '../errors';
import { corpOfTenant, sameSecret, sha256Hex, type Principal } from '../auth';
import { readConsoleMembers, type ConsoleMember } from './members';

/**
 * The admin API's second way in: the console's session cookie. Every write (not GET or HEAD) must
 * repeat the session's CSRF token in X-CSRF-Token: another site can make a browser send a request,
 * but cannot read GET /admin/api/session to learn the token (no CORS), so it cannot forge a write.
 */

export const CSRF_HEADER = 'X-CSRF-Token';
export const sessionPrincipalId = (userid: string): string => `wecom:${userid}`;

export const csrfRefused = (): ApiError =>
  new ApiError(403, 'csrf_required', `a write with the session cookie needs the ${CSRF_HEADER} header answered by GET /admin/api/session`);

export async function sessionPrincipal(c: Context, sessionId: string, isRead: boolean): Promise<Principal> {
  const env: Env = c.env;
  const session = await getConsoleSession(createDb(env.DB), await sha256Hex(sessionId), Date.now());
  if (!session) throw unauthorized('the session has ended or is unknown: sign in again');
  const person = suiteModeOn(env) ? { userid: session.userid, name: session.name, role: session.role } : singleCorpMember(env, session);
  if (!isRead && !(await sameSecret(c.req.header(CSRF_HEADER) ?? '', session.csrf))) throw csrfRefused();
  return { id: sessionPrincipalId(person.userid), name: person.name, role: person.role, via: 'session', corp: corpOfTenant(session.tenant, env.WECOM_CORP_ID), issuedAt: session.created_at };
}

/**
 * Single-corp mode: the role is the one CONSOLE_MEMBERS gives now, so a person taken off the list
 * is out at once. (In many-corps mode the role is the one given at sign-in; taking a person off a
 * corp's member list ends their sessions, ../members.ts.)
 */
function singleCorpMember(env: Env, session: ConsoleSession): ConsoleMember {
  if (session.tenant !== OWN_TENANT) throw unauthorized('this session was made for another corp in many-corps mode: sign in again');
  const members = readConsoleMembers(env.CONSOLE_MEMBERS);
  if (!members.ok) throw misconfigured(members.message);
  const member = members.members.get(session.userid);
  if (!member) throw unauthorized(`${session.userid} is no longer in CONSOLE_MEMBERS`);
  return member;
}
