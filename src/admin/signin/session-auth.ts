import type { Context } from 'hono';
import { getConsoleSession } from '../../storage/console-sessions';
import { createDb } from '../../storage/db';
import { ApiError, misconfigured, unauthorized } from '../errors';
import { sameSecret, sha256Hex, type Principal } from '../auth';
import { readConsoleMembers } from './members';

/**
 * The admin API's second way in: the console's session cookie. Every write (not GET or HEAD) must
 * repeat the session's CSRF token in X-CSRF-Token: another site can make a browser send a request,
 * but cannot read GET /admin/api/session to learn the token (no CORS), so it cannot forge a write.
 * The role is the one CONSOLE_MEMBERS gives now: a person taken off the list is out at once.
 */

export const CSRF_HEADER = 'X-CSRF-Token';
export const sessionPrincipalId = (userid: string): string => `wecom:${userid}`;

export const csrfRefused = (): ApiError =>
  new ApiError(403, 'csrf_required', `a write with the session cookie needs the ${CSRF_HEADER} header answered by GET /admin/api/session`);

export async function sessionPrincipal(c: Context, sessionId: string, isRead: boolean): Promise<Principal> {
  const session = await getConsoleSession(createDb(c.env.DB), await sha256Hex(sessionId), Date.now());
  if (!session) throw unauthorized('the session has ended or is unknown: sign in again');
  const members = readConsoleMembers(c.env.CONSOLE_MEMBERS);
  if (!members.ok) throw misconfigured(members.message);
  const member = members.members.get(session.userid);
  if (!member) throw unauthorized(`${session.userid} is no longer in CONSOLE_MEMBERS`);
  if (!isRead && !(await sameSecret(c.req.header(CSRF_HEADER) ?? '', session.csrf))) throw csrfRefused();
  return { id: sessionPrincipalId(member.userid), name: member.name, role: member.role, via: 'session' };
}
