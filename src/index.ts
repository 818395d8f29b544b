import { Hono } from 'hono';
import type { Env } from './env';
import { callbackRoutes } from './routes/callback';
import { healthRoutes } from './routes/health';

export { AccessTokenCache } from './objects/access-token';
export { Conversation } from './objects/conversation';
export { Inbox } from './objects/inbox';
export { Reception } from './objects/reception';

const app = new Hono<{ Bindings: Env }>();
app.route('/healthz', healthRoutes);
app.route('/wecom/callback', callbackRoutes);

export default app;
