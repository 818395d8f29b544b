import { Hono } from 'hono';
import type { Env } from './env';
import { VERSION } from './version';

export { AccessTokenCache } from './objects/access-token';
export { Conversation } from './objects/conversation';
export { Inbox } from './objects/inbox';
export { Reception } from './objects/reception';

const app = new Hono<{ Bindings: Env }>();
app.get('/healthz', (c) => c.json({ ok: true, version: VERSION }));

export default app;
