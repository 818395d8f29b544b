import { z } from 'zod';
import { suiteStub } from '../objects/suite';
import { deletePersonSessions } from '../storage/console-sessions';
import { createDb } from '../storage/db';
import { tenantOf } from '../wecom/corp';
import { RoleSchema } from './auth';
import { notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { WecomUseridSchema } from './signin/members';
import { suiteSettingsOf } from './suite-access';

/**
 * Many-corps mode: the console members of the corp the request acts for, beside its app admins
 * (README "Signing in to the console"). Its admins keep the list; a person taken off it, or given
 * another role, is signed out of that corp at once. Single-corp mode keeps CONSOLE_MEMBERS instead (404 `suite_mode_off`).
 */

export const CorpMemberSchema = z.object({ userid: z.string(), name: z.string(), role: RoleSchema, added_by: z.string(), added_at: z.number().int() });
export const PutMemberSchema = z.strictObject({ name: z.string().trim().min(1).max(64).optional(), role: RoleSchema });
const UseridParamSchema = z.object({ userid: WecomUseridSchema });

export const memberRoutes = adminApp()
  .openapi(
    adminRoute(
      'admin',
      { method: 'get', path: '/', summary: "The corp's console members (many-corps mode)", responses: { 200: jsonAnswer(z.object({ items: z.array(CorpMemberSchema) })) } },
      { errors: [404] },
    ),
    async (c) => {
      const { stub, context } = suiteStub(c.env, suiteSettingsOf(c.env));
      return c.json({ items: await stub.members(context, c.get('corp').id) }, 200);
    },
  )
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'put',
        path: '/{userid}',
        summary: 'Lets a person of the corp sign in to its console with this role (adds them, or changes their name and role: a changed role ends their sessions)',
        request: { params: UseridParamSchema, body: jsonBody(PutMemberSchema) },
        responses: { 200: jsonAnswer(CorpMemberSchema) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const { stub, context } = suiteStub(c.env, suiteSettingsOf(c.env));
      const { userid } = c.req.valid('param');
      const body = c.req.valid('json');
      const corp = c.get('corp');
      const before = await stub.member(context, corp.id, userid);
      const member = await stub.putMember(context, corp.id, { userid, name: body.name ?? userid, role: body.role, added_by: c.get('principal').id, added_at: Date.now() });
      // A session keeps the role it was given at sign-in: a new role takes effect at the next one.
      if (before && before.role !== member.role) await deletePersonSessions(createDb(c.env.DB), tenantOf(corp, c.env.WECOM_CORP_ID), userid);
      return c.json(member, 200);
    },
  )
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'delete',
        path: '/{userid}',
        summary: "Takes a person off the corp's member list and ends their sessions in it",
        request: { params: UseridParamSchema },
        responses: { 200: jsonAnswer(z.object({ removed: z.literal(true) })) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const { stub, context } = suiteStub(c.env, suiteSettingsOf(c.env));
      const { userid } = c.req.valid('param');
      const corp = c.get('corp');
      if (!(await stub.removeMember(context, corp.id, userid))) throw notFound(`${userid} is not a console member of corp ${corp.id}`);
      await deletePersonSessions(createDb(c.env.DB), tenantOf(corp, c.env.WECOM_CORP_ID), userid);
      return c.json({ removed: true as const }, 200);
    },
  );
