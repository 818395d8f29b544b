import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { noteCallback } from '../storage/callback-health';

/**
 * Wraps `/wecom/callback`: a 200 there means the request was signed with our Token, inside the
 * replay window, and decrypted, so it is recorded (src/storage/callback-health.ts) after the
 * answer, with the `timestamp` WeCom signed.
 */
export const recordCallbackHealth: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  await next();
  if (c.res.status !== 200 || (c.req.method !== 'GET' && c.req.method !== 'POST')) return;
  const write = noteCallback(c.env, c.req.method === 'GET' ? 'get' : 'post', Number(c.req.query('timestamp')));
  if (write) c.executionCtx.waitUntil(write.catch((e: unknown) => console.warn('callback health not recorded', String(e))));
};
