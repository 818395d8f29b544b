import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { noteCallback } from '../storage/callback-health';
import { tenantEnv } from '../storage/tenant';
import { OWN_TENANT } from '../wecom/corp';
import type { CallbackVariables } from './callback';

/**
 * Wraps `/wecom/callback`: a 200 there means the request was signed with our Token, inside the
 * replay window, and decrypted, so it is recorded (src/storage/callback-health.ts) after the
 * answer, with the `timestamp` WeCom signed, in the KV of the corp it was for.
 */
export const recordCallbackHealth: MiddlewareHandler<{ Bindings: Env; Variables: CallbackVariables }> = async (c, next) => {
  await next();
  if (c.res.status !== 200 || (c.req.method !== 'GET' && c.req.method !== 'POST')) return;
  // A POST names its corp (the route sets it); a URL check (GET) is the provider's, noted as the own corp's.
  const write = noteCallback(tenantEnv(c.env, c.get('tenant') ?? OWN_TENANT), c.req.method === 'GET' ? 'get' : 'post', Number(c.req.query('timestamp')));
  if (write) c.executionCtx.waitUntil(write.catch((e: unknown) => console.warn('callback health not recorded', String(e))));
};
