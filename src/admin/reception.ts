import { z } from 'zod';
import { breakerStub } from '../objects/breaker';
import { receptionStub } from '../objects/reception';
import { OpenKfidSchema } from './input';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { corpEnv } from './tenant';

const BreakerSchema = z.object({
  /** closed: the bot answers; open: new customer turns go to people; half_open: one probe turn at a time. */
  status: z.enum(['closed', 'open', 'half_open']),
  failures: z.array(z.object({ at: z.number(), cause: z.string() })),
  opened_at: z.number().nullable(),
  retry_at: z.number().nullable(),
  since: z.number().nullable(),
});

export const ReceptionAnswerSchema = z.object({
  open_kfid: z.string(),
  servicers: z.array(z.object({ servicer: z.string(), onDuty: z.boolean(), load: z.number().int() })),
  queue: z.array(z.object({ conversation: z.string(), group: z.string().nullable(), enqueuedAt: z.number(), position: z.number().int() })),
  breaker: BreakerSchema,
});

/** One kf account's reception and the bot's circuit breaker, from their Durable Objects (the only strongly consistent copies): duty, loads, queue, breaker. */
export const receptionRoutes = adminApp().openapi(
  adminRoute('viewer', {
    method: 'get',
    path: '/{open_kfid}',
    summary: "A kf account's reception: servicers on duty and their loads, the queue, and the bot's circuit breaker",
    request: { params: z.object({ open_kfid: OpenKfidSchema }) },
    responses: { 200: jsonAnswer(ReceptionAnswerSchema) },
  }),
  async (c) => {
    const openKfid = c.req.valid('param').open_kfid;
    const [snapshot, breaker] = await Promise.all([receptionStub(corpEnv(c), openKfid).snapshot(), breakerStub(corpEnv(c), openKfid).view()]);
    return c.json({ open_kfid: openKfid, ...snapshot, breaker } satisfies z.infer<typeof ReceptionAnswerSchema>);
  },
);
