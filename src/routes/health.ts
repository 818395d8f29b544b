import { Hono } from 'hono';
import type { Env } from '../env';
import { VERSION } from '../version';

/** `GET /healthz`: liveness for load balancers and `npm start`; touches no binding. */
export const healthRoutes = new Hono<{ Bindings: Env }>().get('/', (c) => c.json({ ok: true, version: VERSION }));
