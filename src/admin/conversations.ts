import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { maskPersonalData, maskTimeline } from '../rules/personal-data';
import { conversationKey, conversationStub } from '../objects/conversation/address';
import { OutboxEntrySchema } from '../objects/conversation/shapes';
import { requireRole, type AdminEnv } from './auth';
import { check, ExternalUseridSchema, OpenKfidSchema } from './input';

export { ConversationViewSchema } from '../objects/conversation/shapes';

export const OutboxAnswerSchema = z.object({ items: z.array(OutboxEntrySchema) });

function conversationOf(c: Context<AdminEnv>) {
  const openKfid = check(OpenKfidSchema, c.req.param('open_kfid'));
  const externalUserid = check(ExternalUseridSchema, c.req.param('external_userid'));
  return conversationStub(c.env, conversationKey(openKfid, externalUserid));
}

/** Reads of one conversation, answered by its Durable Object (the timeline's and the outbox's only complete copy). */
/** Viewers read customers' words with personal data masked (../rules/personal-data); operators and admins as stored. */
const masksFor = (c: Context<AdminEnv>): boolean => c.get('principal').role === 'viewer';

export const conversationRoutes = new Hono<AdminEnv>()
  .get('/:open_kfid/:external_userid', requireRole('viewer'), async (c) => {
    const view = await conversationOf(c).view();
    return c.json(masksFor(c) ? { ...view, events: maskTimeline(view.events) } : view);
  })
  .get('/:open_kfid/:external_userid/outbox', requireRole('viewer'), async (c) => {
    const items = await conversationOf(c).outbox();
    return c.json({ items: masksFor(c) ? items.map((i) => ({ ...i, text: maskPersonalData(i.text) })) : items } satisfies z.infer<typeof OutboxAnswerSchema>);
  });
