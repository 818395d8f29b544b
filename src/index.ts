import { Hono } from 'hono';
import { createAdminApi } from './admin/app';
import { signinRoutes } from './admin/signin/routes';
import { handleError } from './admin/errors';
import type { Env } from './env';
import { callbackRoutes } from './routes/callback';
import { suiteRoutes } from './routes/suite-callback';
import { recordCallbackHealth } from './routes/callback-health';
import { healthRoutes } from './routes/health';
import { linkRedirect } from './routes/links';
import { widgetRoutes } from './routes/widget';
import { profileBindings } from './runtime/profile';
import { scheduled } from './scheduled';
import { applyBehaviorTags } from './storage/behavior-tags';
import type { TenantEnv } from './storage/tenant';

export { AccessTokenCache } from './objects/access-token';
export { Breaker } from './objects/breaker';
export { Conversation } from './objects/conversation';
export { Inbox } from './objects/inbox';
export { Reception } from './objects/reception';
export { Suite } from './objects/suite';

const app = new Hono<{ Bindings: Env }>();
// The one error funnel: typed errors in one JSON shape, anything unknown logged and a generic 500.
app.onError(handleError);
app.route('/healthz', healthRoutes);
// Diagnostics: when the URL was last verified and a callback last arrived (not on the hot path's clock).
app.use('/wecom/callback', recordCallbackHealth);
app.route('/wecom/callback', callbackRoutes);
// Many-corps mode (third-party / 代开发): the suite's instruction URL and the install's redirect.
app.route('/wecom/suite', suiteRoutes);
// Behaviour tag rules fire on events recorded outside conversations (campaign joins, link clicks).
const onBehaviorEvent = async (env: TenantEnv, event: Parameters<typeof applyBehaviorTags>[1]) => void (await applyBehaviorTags(env, event));
app.route('/admin/api', createAdminApi({ onBehaviorEvent }));
app.route('/l', linkRedirect(onBehaviorEvent));
// The console's sign-in with a WeCom QR code (browser navigations; the session then works in /admin/api).
app.route('/auth/wecom', signinRoutes);
// The console is static files (wrangler.toml [assets], served before the Worker); the old page's address leads there.
app.get('/dashboard', (c) => c.redirect('/console', 301));
app.route('/', widgetRoutes);

// The daily retention purge (wrangler.toml [triggers]) runs beside the HTTP app.
export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => {
    profileBindings(env);
    return app.fetch(request, env, ctx);
  },
  scheduled: async (controller, env) => void (await scheduled(controller, env)),
} satisfies ExportedHandler<Env>;
