import { Hono } from 'hono';
import type { Env } from '../env';
import { readBreakerMirror } from '../storage/breaker-mirror';
import { VERSION } from '../version';

/**
 * `GET /healthz`: liveness for load balancers and `npm start`. `ok` is the Worker's own health; a
 * kf account whose bot is failing over to people shows under `breakers` (read from the KV mirror,
 * never from a Durable Object or D1; null when KV does not answer).
 */
export const healthRoutes = new Hono<{ Bindings: Env }>().get('/', async (c) => c.json({ ok: true, version: VERSION, breakers: await readBreakerMirror(c.env) }));
