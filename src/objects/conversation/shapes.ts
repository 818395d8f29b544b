import { z } from 'zod';
import { OutboxKindSchema } from '../../engine/outbox';
import { ConversationStateSchema } from '../../engine/state-machine';
import type { Json } from '../../runtime/rpc';
import type { TimelineEvent } from './timeline';

/**
 * What a conversation answers about itself, declared once: its Durable Object returns these
 * types, the admin API validates and documents (OpenAPI) the same schemas.
 */

export const OutboxStatusSchema = z.enum(['pending', 'sent', 'failed']);

export const OutboxEntrySchema = z.object({
  msgid: z.string(),
  kind: OutboxKindSchema,
  purpose: z.string(),
  text: z.string(),
  /** failed: refused for good, past its deadline, or reported by WeCom's msg_send_fail. */
  status: OutboxStatusSchema,
  attempts: z.number().int(),
  due_at: z.number(),
  /** Given up at this time (bot.max_delivery_age_seconds after creation, at most 48 hours). */
  expires_at: z.number().nullable(),
  created_at: z.number(),
  last_errcode: z.number().nullable(),
  last_errmsg: z.string().nullable(),
});
// A type alias of an object type: SQL rows need the implicit index signature an interface lacks.
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const ConversationViewSchema = z.object({
  open_kfid: z.string().nullable(),
  external_userid: z.string().nullable(),
  state: ConversationStateSchema,
  group: z.string().nullable(),
  servicer: z.string().nullable(),
  context: z.record(z.string(), z.unknown()).nullable(),
  config_version: z.number().nullable(),
  variant: z.string().nullable(),
  /** `{at, type, …}`; message_in/message_out carry msgid and text; decisions carry their config version. */
  events: z.array(z.object({ at: z.number(), type: z.string() }).loose()),
});

/** The view as the object returns it: its free-form parts as JSON, which survives the RPC boundary typed. */
export type ConversationView = Omit<z.infer<typeof ConversationViewSchema>, 'context' | 'events'> & {
  context: { [key: string]: Json } | null;
  events: TimelineEvent[];
};
