import { z } from 'zod';
import { encodeCursor } from '../storage/db';
import { getCustomer, listCustomers } from '../storage/customers';
import { applyTagChanges } from '../storage/tags';
import { tagSources } from '../storage/schema';
import { ConversationViewSchema } from './conversations';
import { BehaviorEventSchema } from './events';
import { eraseCustomer, exportCustomer } from './privacy';
import { UncertainQuestionSchema } from './suggestions';
import { ViolationSchema } from './violations';
import { invalidInput, notFound } from './errors';
import { TagNameSchema } from '../rules/identifier';
import { cursorParts, ExternalUseridSchema, PageQuerySchema } from './input';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { corpDb, corpEnv } from './tenant';

export const TagChangeSchema = z
  .strictObject({ add: z.array(TagNameSchema).max(100).default([]), remove: z.array(TagNameSchema).max(100).default([]) })
  .refine((b) => b.add.length + b.remove.length > 0, { error: 'add or remove at least one tag' });

export const UsersQuerySchema = PageQuerySchema.extend({ tag: TagNameSchema.optional() });
const CustomerParamSchema = z.object({ external_userid: ExternalUseridSchema });

export const UserSchema = z.object({
  external_userid: z.string(),
  /** Tag names, oldest first. */
  tags: z.array(z.string()),
  /** Each tag with why it is there: rule (rule name), channel (code), behavior (event), manual (token id). */
  tag_details: z.array(z.object({ tag: z.string(), source: z.enum(tagSources), source_ref: z.string().nullable(), added_at: z.number().int() })),
  /** The channel code they last entered through, or null. */
  channel: z.string().nullable(),
  scene_param: z.string().nullable(),
  language: z.string().nullable(),
  nickname: z.string().nullable(),
  open_kfid: z.string().nullable(),
  /** Null for a profile created by tagging (an imported list) until they are first seen. */
  first_seen: z.number().int().nullable(),
  last_seen: z.number().int().nullable(),
  created_at: z.number().int(),
});
export const UserPageSchema = z.object({ items: z.array(UserSchema), next_cursor: z.string().nullable() });
export const TaggedUserSchema = UserSchema.extend({ added: z.array(z.string()), removed: z.array(z.string()) });

const count = z.number().int();
export const ErasureAnswerSchema = z.object({
  deleted: z.object({
    customers: count,
    tags: count,
    behavior_events: count,
    violations: count,
    conversation_events: count,
    /** The masked questions kept for suggestions. */
    uncertain_questions: count,
    /** Conversation objects (one per kf account) that held something of the customer; each is emptied. */
    conversations: count,
  }),
  /** False when a table held more rows than one request erases: repeat the request. */
  complete: z.boolean(),
  /** The audit line (table `erasures`, the subject only as the SHA-256 of the id). */
  erasure_id: z.string(),
});

export const CustomerExportSchema = z.object({
  external_userid: z.string(),
  exported_at: z.number().int(),
  /** Null when only conversations or events remain. */
  profile: UserSchema.nullable(),
  behavior_events: z.array(BehaviorEventSchema.omit({ recorded: true })),
  violations: z.array(ViolationSchema),
  /** The questions the bot was unsure of, masked, as kept for suggestions. */
  uncertain_questions: z.array(UncertainQuestionSchema),
  /** One per kf account: the complete timeline from the Conversation object. */
  conversations: z.array(ConversationViewSchema),
});

export const userRoutes = adminApp()
  .openapi(
    adminRoute('viewer', { method: 'get', path: '/', summary: 'Customers, optionally with a tag, paginated', request: { query: UsersQuerySchema }, responses: { 200: jsonAnswer(UserPageSchema) } }),
    async (c) => {
      const q = c.req.valid('query');
      const after = cursorParts(q.cursor, z.tuple([z.string()]));
      const page = await listCustomers(corpDb(c), { tag: q.tag, limit: q.limit, after: after?.[0] });
      return c.json({ items: page.items, next_cursor: page.last === null ? null : encodeCursor([page.last]) });
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      { method: 'get', path: '/{external_userid}', summary: 'One customer with tags and provenance', request: { params: CustomerParamSchema }, responses: { 200: jsonAnswer(UserSchema) } },
      { errors: [404] },
    ),
    async (c) => {
      const id = c.req.valid('param').external_userid;
      const user = await getCustomer(corpDb(c), id);
      if (!user) throw notFound(`no customer ${id}`);
      return c.json(user);
    },
  )
  // Operators import VIP lists this way: tagging a customer never seen before creates the profile.
  .openapi(
    adminRoute('operator', {
      method: 'post',
      path: '/{external_userid}/tags',
      summary: 'Add and remove tags (source manual); creates an unknown customer',
      request: { params: CustomerParamSchema, body: jsonBody(TagChangeSchema) },
      responses: { 200: jsonAnswer(TaggedUserSchema) },
    }),
    async (c) => {
      const id = c.req.valid('param').external_userid;
      const body = c.req.valid('json');
      const both = body.remove.flatMap((tag, j) => (body.add.includes(tag) ? [{ code: 'conflict', path: ['remove', j], message: `"${tag}" is also in add` }] : []));
      if (both.length > 0) throw invalidInput(both);
      const db = corpDb(c);
      const ref = c.get('principal').id;
      const changed = await applyTagChanges(db, id, { add: body.add.map((tag) => ({ tag, source: 'manual', source_ref: ref })), remove: body.remove });
      const user = await getCustomer(db, id);
      if (!user) throw new Error('the profile applyTagChanges creates is missing');
      return c.json({ ...user, added: changed.added.map((a) => a.tag), removed: changed.removed });
    },
  )
  // PIPL right to delete: everywhere, audited; a repeat answers zeros (so a retry is always safe).
  .openapi(
    adminRoute('admin', {
      method: 'delete',
      path: '/{external_userid}',
      summary:
        'PIPL right to delete: erase the customer from D1 and every conversation (servicer slot released), audited in `erasures` by the SHA-256 of the id; a repeat answers zeros; `complete: false` means repeat it',
      request: { params: CustomerParamSchema },
      responses: { 200: jsonAnswer(ErasureAnswerSchema) },
    }),
    async (c) => c.json((await eraseCustomer(corpEnv(c), c.req.valid('param').external_userid, c.get('principal').id)) satisfies z.infer<typeof ErasureAnswerSchema>),
  )
  // PIPL right of access: one JSON document of everything stored about the customer.
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'get',
        path: '/{external_userid}/export',
        summary: 'PIPL right of access: the profile, tags with provenance, behaviour events, violations and every conversation’s timeline as one document',
        request: { params: CustomerParamSchema },
        responses: { 200: jsonAnswer(CustomerExportSchema) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const id = c.req.valid('param').external_userid;
      const doc = await exportCustomer(corpEnv(c), id);
      if (!doc) throw notFound(`nothing is stored about ${id}`);
      return c.json(doc);
    },
  );
