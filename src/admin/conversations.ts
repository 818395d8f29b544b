import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './auth';
import { check, ExternalUseridSchema, OpenKfidSchema } from './input';

export const ConversationViewSchema = z
  .object({
    state: z.enum(['new', 'bot', 'queued', 'human', 'closed']),
    group: z.string().nullable(),
    servicer: z.string().nullable(),
    context: z.record(z.string(), z.unknown()).nullable(),
    /** `{at, type, …}`; message_in/message_out carry msgid and text; decisions carry their config version. */
    events: z.array(z.object({ at: z.number(), type: z.string() }).loose()),
  })
  .loose();

/** A read of one conversation, answered by its Durable Object (the timeline's only copy that is complete). */
export const conversationRoutes = new Hono<AdminEnv>().get('/:open_kfid/:external_userid', requireRole('viewer'), async (c) => {
  const openKfid = check(OpenKfidSchema, c.req.param('open_kfid'));
  const externalUserid = check(ExternalUseridSchema, c.req.param('external_userid'));
  const stub = c.env.CONVERSATION.get(c.env.CONVERSATION.idFromName(`${openKfid}:${externalUserid}`));
  return c.json(await stub.view());
});
