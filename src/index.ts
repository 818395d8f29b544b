import { Hono } from 'hono';
import { createAdminApi } from './admin/app';
import { handleError } from './admin/errors';
import type { Env } from './env';
import { callbackRoutes } from './routes/callback';
import { dashboard } from './routes/dashboard';
import { healthRoutes } from './routes/health';
import { linkRedirect } from './routes/links';

export { AccessTokenCache } from './objects/access-token';
export { Conversation } from './objects/conversation';
export { Inbox } from './objects/inbox';
export { Reception } from './objects/reception';

const app = new Hono<{ Bindings: Env }>();
// The one error funnel: typed errors in one JSON shape, anything unknown logged and a generic 500.
app.onError(handleError);
app.route('/healthz', healthRoutes);
app.route('/wecom/callback', callbackRoutes);
app.route('/admin/api', createAdminApi());
app.route('/l', linkRedirect());
app.route('/', dashboard);

export default app;
