import { z } from 'zod';
import { listConversationEvents } from '../storage/conversation-events';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { RangeAnswerSchema, rangeBounds, RangeQuerySchema } from './metrics';
import { corpDb } from './tenant';

/**
 * GET /admin/api/deliveries/failed: what the outboxes gave up on (a definitive refusal, the
 * delivery age passed) and what WeCom reported as not delivered (msg_send_fail), across
 * conversations, from the D1 copy of the timelines (`delivery_failed` events), oldest first.
 */

export const MAX_FAILED_DELIVERIES = 1000;

export const FailedDeliveryQuerySchema = RangeQuerySchema.safeExtend({
  /** The most items (default and maximum MAX_FAILED_DELIVERIES). */
  limit: z.coerce.number().int().min(1).max(MAX_FAILED_DELIVERIES).optional(),
});

export const FailedDeliverySchema = z.object({
  at: z.number(),
  open_kfid: z.string(),
  external_userid: z.string(),
  msgid: z.string().nullable(),
  purpose: z.string().nullable(),
  text: z.string().nullable(),
  /** refused (WeCom said no for good), expired (retried until its deadline), msg_send_fail (accepted, then not delivered). */
  reason: z.string().nullable(),
  errcode: z.number().nullable(),
  errmsg: z.string().nullable(),
  /** msg_send_fail only: WeCom's fail_type (https://developer.work.weixin.qq.com/document/path/94670). */
  fail_type: z.number().nullable(),
  attempts: z.number().nullable(),
  config_version: z.number().nullable(),
});

export const FailedDeliveriesAnswerSchema = RangeAnswerSchema.extend({ items: z.array(FailedDeliverySchema) });

const failedRoute = adminRoute('viewer', {
  method: 'get',
  path: '/failed',
  summary: 'Replies and transfers given up on (refused, past bot.max_delivery_age_seconds) or reported undelivered by msg_send_fail, across conversations, oldest first',
  request: { query: FailedDeliveryQuerySchema },
  responses: { 200: jsonAnswer(FailedDeliveriesAnswerSchema) },
});

export const deliveryRoutes = adminApp().openapi(failedRoute, async (c) => {
  const q = c.req.valid('query');
  const { from, to } = rangeBounds(q);
  const limit = q.limit ?? MAX_FAILED_DELIVERIES;
  const { events, truncated } = await listConversationEvents(corpDb(c), { from, to, open_kfid: q.open_kfid, types: ['delivery_failed'], limit });
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const items = events.map((e) => ({
    at: e.at,
    open_kfid: e.open_kfid,
    external_userid: e.external_userid,
    msgid: str(e.data?.['msgid']),
    purpose: str(e.data?.['purpose']),
    text: str(e.data?.['text']),
    reason: str(e.data?.['reason']),
    errcode: num(e.data?.['errcode']),
    errmsg: str(e.data?.['errmsg']),
    fail_type: num(e.data?.['fail_type']),
    attempts: num(e.data?.['attempts']),
    config_version: e.config_version ?? null,
  }));
  const covered_to = truncated ? (events.at(-1)?.at ?? from) : to;
  return c.json({ items, from, to, covered_to, truncated } satisfies z.infer<typeof FailedDeliveriesAnswerSchema>);
});
