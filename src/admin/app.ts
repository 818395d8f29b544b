import type { MiddlewareHandler } from 'hono';
import { auditRoutes, auditWrites } from './audit';
import { authenticate } from './auth';
import { corpContext } from './corp-context';
import { channelRoutes } from './channels';
import { configRoutes } from './config';
import { corpRoutes } from './corps';
import { conversationRoutes } from './conversations';
import { deliveryRoutes } from './deliveries';
import { diagnosticsRoutes } from './diagnostics';
import { notFound } from './errors';
import { eventRoutes, type BehaviorEventHook } from './events';
import { kfAccountRoutes } from './kf-accounts';
import { knowledgeRoutes } from './knowledge';
import { linkRoutes } from './links';
import { memberRoutes } from './members';
import { metricsRoutes } from './metrics';
import { openApiDocument, registerDocumentParts } from './openapi';
import { receptionRoutes } from './reception';
import { releaseRoutes } from './release';
import { adminApp } from './route';
import { sessionRoutes } from './session';
import { tokenRoutes } from './tokens';
import { userRoutes } from './users';
import { violationRoutes } from './violations';

export interface AdminHooks {
  /** Tag automation for behaviour events (campaign joins posted to /events). */
  onBehaviorEvent?: BehaviorEventHook;
}

/** Every admin answer, errors included: customers' data is never cached on the way, nor sniffed into another type. */
const adminHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
};

/** The admin API, mounted at /admin/api. Errors reach the app's onError (src/admin/errors.ts handleError). */
export function createAdminApi(hooks: AdminHooks = {}) {
  const app = adminApp();
  registerDocumentParts(app);
  const document = openApiDocument(app);
  return (
    app
      .use(adminHeaders)
      // The API's own description is public: it holds no data, and clients fetch it before they have a token.
      .get('/openapi.json', (c) => c.json(document()))
      .use(authenticate)
      .use(corpContext)
      .use(auditWrites)
      .route('/session', sessionRoutes)
      .route('/audit', auditRoutes)
      .route('/tokens', tokenRoutes)
      .route('/config', configRoutes)
      .route('/release', releaseRoutes)
      .route('/users', userRoutes)
      .route('/violations', violationRoutes)
      .route('/events', eventRoutes(hooks.onBehaviorEvent))
      .route('/links', linkRoutes)
      .route('/channels', channelRoutes)
      .route('/conversations', conversationRoutes)
      .route('/metrics', metricsRoutes)
      .route('/reception', receptionRoutes)
      .route('/deliveries', deliveryRoutes)
      .route('/knowledge', knowledgeRoutes)
      .route('/kf/accounts', kfAccountRoutes)
      .route('/diagnostics', diagnosticsRoutes)
      .route('/corps', corpRoutes)
      .route('/members', memberRoutes)
      .all('*', () => {
        throw notFound('no such admin route');
      })
  );
}
