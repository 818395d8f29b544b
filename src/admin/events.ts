import { z } from 'zod';
import { recordBehaviorEvent, type BehaviorEvent } from '../storage/behavior';
import { safeRecord } from '../rules/identifier';
import { ExternalUseridSchema, OpenKfidSchema } from './input';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { type TenantEnv, tenantDb } from '../storage/tenant';
import { corpEnv } from './tenant';

/**
 * Called with every behaviour event recorded through the admin API or the tracked redirect;
 * tag automation (behaviour rules) hangs here. Not called again for an event id already recorded.
 */
export type BehaviorEventHook = (env: TenantEnv, event: BehaviorEvent) => Promise<void>;

export const BehaviorEventRequestSchema = z.strictObject({
  /** Makes a retried POST record the event once. */
  id: z.string().regex(/^[0-9A-Za-z_:.-]{1,128}$/).optional(),
  external_userid: ExternalUseridSchema,
  open_kfid: OpenKfidSchema.optional(),
  /** campaign_join, or any type a behaviour tag rule's `event` names. */
  type: z.string().trim().min(1).max(64),
  /** What was joined or clicked: matched against a behaviour rule's `match`. */
  ref: z.string().max(256).optional(),
  meta: safeRecord(z.string(), z.unknown()).optional(),
});

export const BehaviorEventSchema = z.object({
  id: z.string(),
  external_userid: z.string(),
  open_kfid: z.string().nullable(),
  type: z.string(),
  ref: z.string().nullable(),
  at: z.number().int(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  recorded: z.boolean(),
});

/** Records the event, then hands it to the hook (awaited: the caller sees the tags it causes). */
export async function recordAndNotify(env: TenantEnv, input: Parameters<typeof recordBehaviorEvent>[1], hook?: BehaviorEventHook): Promise<BehaviorEvent> {
  const event = await recordBehaviorEvent(tenantDb(env), input);
  if (event.recorded && hook) await hook(env, event);
  return event;
}

export const eventRoutes = (hook?: BehaviorEventHook) =>
  adminApp().openapi(
    adminRoute('operator', {
      method: 'post',
      path: '/',
      summary: 'Record a behaviour event (campaign join …) for tag automation',
      request: { body: jsonBody(BehaviorEventRequestSchema) },
      responses: { 201: jsonAnswer(BehaviorEventSchema) },
    }),
    async (c) => c.json(await recordAndNotify(corpEnv(c), c.req.valid('json'), hook), 201),
  );
