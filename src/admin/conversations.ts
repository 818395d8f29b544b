import type { Context } from 'hono';
import { z } from 'zod';
import { maskPersonalData, maskTimeline } from '../rules/personal-data';
import { conversationKey, conversationStub } from '../objects/conversation/address';
import { ConversationViewSchema, OutboxEntrySchema } from '../objects/conversation/shapes';
import type { AdminEnv } from './auth';
import { ExternalUseridSchema, OpenKfidSchema } from './input';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { corpEnv } from './tenant';

export { ConversationViewSchema };

export const OutboxAnswerSchema = z.object({ items: z.array(OutboxEntrySchema) });

const ConversationParamSchema = z.object({ open_kfid: OpenKfidSchema, external_userid: ExternalUseridSchema });

const conversationOf = (c: Context<AdminEnv>, { open_kfid, external_userid }: z.infer<typeof ConversationParamSchema>) =>
  conversationStub(corpEnv(c), conversationKey(open_kfid, external_userid));

/** Reads of one conversation, answered by its Durable Object (the timeline's and the outbox's only complete copy). */
/** Viewers read customers' words with personal data masked (../rules/personal-data); operators and admins as stored. */
const masksFor = (c: Context<AdminEnv>): boolean => c.get('principal').role === 'viewer';

export const conversationRoutes = adminApp()
  .openapi(
    adminRoute('viewer', {
      method: 'get',
      path: '/{open_kfid}/{external_userid}',
      summary: 'One conversation: state, group, servicer, context, timeline',
      request: { params: ConversationParamSchema },
      responses: { 200: jsonAnswer(ConversationViewSchema) },
    }),
    async (c) => {
      const view = await conversationOf(c, c.req.valid('param')).view();
      return c.json(masksFor(c) ? { ...view, events: maskTimeline(view.events) } : view);
    },
  )
  .openapi(
    adminRoute('viewer', {
      method: 'get',
      path: '/{open_kfid}/{external_userid}/outbox',
      summary: "One conversation's outbox: sent, pending (next try) and given up (why)",
      request: { params: ConversationParamSchema },
      responses: { 200: jsonAnswer(OutboxAnswerSchema) },
    }),
    async (c) => {
      const items = await conversationOf(c, c.req.valid('param')).outbox();
      return c.json({ items: masksFor(c) ? items.map((i) => ({ ...i, text: maskPersonalData(i.text) })) : items } satisfies z.infer<typeof OutboxAnswerSchema>);
    },
  );
