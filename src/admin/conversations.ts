import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { maskPersonalData, maskTimeline } from '../rules/personal-data';
import { conversationKey, conversationStub } from '../objects/conversation/address';
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

export const OutboxAnswerSchema = z.object({
  items: z.array(
    z.object({
      msgid: z.string(),
      kind: z.enum(['send_msg', 'send_msg_on_event', 'service_state_trans']),
      purpose: z.string(),
      text: z.string(),
      /** failed: refused for good, past its deadline, or reported by WeCom's msg_send_fail. */
      status: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int(),
      due_at: z.number(),
      expires_at: z.number().nullable(),
      created_at: z.number(),
      last_errcode: z.number().nullable(),
      last_errmsg: z.string().nullable(),
    }),
  ),
});

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
