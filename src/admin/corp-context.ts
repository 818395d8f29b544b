import type { MiddlewareHandler } from 'hono';
import { adminCorp } from '../wecom/corp';
import type { AdminEnv } from './auth';

/**
 * Resolves the corp an authenticated admin request acts for (`c.get('corp')`) and names it in
 * `X-Corp-Id`, so a client always knows whose data it reads. Per-corp data scoping reads it from here.
 */
export const corpContext: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const corp = adminCorp(c.env);
  c.set('corp', corp);
  await next();
  c.res.headers.set('X-Corp-Id', corp.id);
};
