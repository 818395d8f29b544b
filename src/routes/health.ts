import { Hono } from 'hono';
import type { Env } from '../env';
import { readBreakerMirror } from '../storage/breaker-mirror';
import { tenantEnv } from '../storage/tenant';
import { VERSION } from '../version';
import { OWN_TENANT } from '../wecom/corp';

/**
 * `GET /healthz`: liveness for load balancers and `npm start`. `ok` is the Worker's own health; a
 * kf account whose bot is failing over to people shows under `breakers` (read from the KV mirror,
 * never from a Durable Object or D1; null when KV does not answer). The own corp's accounts: other
 * corps' breakers are theirs to see in the admin API, not on a public route.
 */
export const healthRoutes = new Hono<{ Bindings: Env }>().get('/', async (c) => c.json({ ok: true, version: VERSION, breakers: await readBreakerMirror(tenantEnv(c.env, OWN_TENANT)) }));
