import { z } from 'zod';
import { deleteConsoleSession, getConsoleSession } from '../storage/console-sessions';
import { createDb } from '../storage/db';
import { principalVias } from '../storage/schema';
import { RoleSchema, sha256Hex } from './auth';
import { ApiError } from './errors';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { clearSessionCookie, readSessionCookie } from './signin/cookies';

/**
 * `/admin/api/session`: who is asking (a token or a person signed in by QR code) and, for a
 * session, the CSRF token its writes must carry and when it ends; DELETE signs the person out.
 */

export const SessionAnswerSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  via: z.enum(principalVias),
  /** Repeat it in X-CSRF-Token on every write with the cookie; null for a token. */
  csrf_token: z.string().nullable(),
  expires_at: z.number().int().nullable(),
  /** The corp this request acts for (the one X-Corp-Id picked, for the provider). */
  corp_id: z.string(),
  /** True for the provider admin of many-corps mode, who may list the corps and act for any of them with X-Corp-Id. */
  provider: z.boolean(),
});
export const SignOutAnswerSchema = z.object({ signed_out: z.literal(true) });

export const sessionRoutes = adminApp()
  .openapi(
    adminRoute('viewer', {
      method: 'get',
      path: '/',
      summary: 'Who is asking (a token or a signed-in person), and for a session its CSRF token and end',
      responses: { 200: jsonAnswer(SessionAnswerSchema) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const cookie = principal.via === 'session' ? readSessionCookie(c) : undefined;
      const session = cookie ? await getConsoleSession(createDb(c.env.DB), await sha256Hex(cookie), Date.now()) : null;
      return c.json(
        SessionAnswerSchema.parse({ ...principal, csrf_token: session?.csrf ?? null, expires_at: session?.expires_at ?? null, corp_id: c.get('corp').id, provider: principal.corp === null }),
        200,
      );
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'delete',
        path: '/',
        summary: 'Sign out: the session ends everywhere at once (a bearer token gets 400 `not_a_session`)',
        responses: { 200: jsonAnswer(SignOutAnswerSchema) },
      },
      { errors: [400] },
    ),
    async (c) => {
      const cookie = c.get('principal').via === 'session' ? readSessionCookie(c) : undefined;
      if (!cookie) throw new ApiError(400, 'not_a_session', 'a bearer token does not sign out; an admin revokes it with DELETE /admin/api/tokens/:id');
      await deleteConsoleSession(createDb(c.env.DB), await sha256Hex(cookie));
      clearSessionCookie(c);
      c.set('auditSummary', 'signed out');
      return c.json({ signed_out: true as const }, 200);
    },
  );
