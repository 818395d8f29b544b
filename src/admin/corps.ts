import type { Context } from 'hono';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { CorpSummarySchema } from '../objects/suite/corps';
import { suiteStub } from '../objects/suite';
import { WecomApiError } from '../wecom/errors';
import { CorpLicenseSchema } from '../wecom/license';
import { INSTALL_PAGE } from '../wecom/suite-api';
import type { SuiteSettings } from '../wecom/suite-settings';
import type { AdminEnv } from './auth';
import { ApiError, invalidInput } from './errors';
import { requireProvider, suiteSettingsOf } from './suite-access';
import { adminApp, adminRoute, jsonAnswer, jsonBody, readJsonBody } from './route';
import { wecomRefusal } from './wecom-refusal';

/**
 * Many-corps mode's admin routes for the provider admin only (403 `provider_only` for a corp-bound caller): the corps that authorized the suite, and a fresh
 * install link for the next one (https://developer.work.weixin.qq.com/document/path/90597), or for a
 * 代开发 template its authorization QR link (https://developer.work.weixin.qq.com/document/path/98744).
 * 404 `suite_mode_off` while WECOM_SUITE_ID is unset.
 */

export const CorpsAnswerSchema = z.object({
  items: z.array(
    CorpSummarySchema.extend({
      /** The corp's 接口调用许可 state (checked at most hourly); null when unknown, cancelled, or WECOM_PROVIDER_SECRET is unset. */
      license: CorpLicenseSchema.nullable(),
    }),
  ),
});
export const InstallLinkRequestSchema = z.strictObject({
  /** Installs an unpublished app for testing (set_session_info auth_type 1). Default: a published app. A 代开发 QR code has no test mode: ignored there. */
  test: z.boolean().optional(),
});
export const InstallLinkAnswerSchema = z.object({ url: z.url(), expires_in: z.number().int() });

export const InstallQrQuerySchema = z.object({ url: z.url().max(2048) });

/** Where WeCom's 代开发 authorization QR links point (the page's path is WeCom's to choose). */
const CUSTOMIZED_AUTH_ORIGIN = 'https://open.work.weixin.qq.com';

/** Only this suite's install page (or, for 代开发, a WeCom authorization link) is drawn: the route is no QR code service for any text. */
function isInstallLinkOf(suite: SuiteSettings, link: string): boolean {
  const url = new URL(link);
  if (suite.mode === 'customized') return url.origin === CUSTOMIZED_AUTH_ORIGIN;
  return `${url.origin}${url.pathname}` === INSTALL_PAGE && url.searchParams.get('suite_id') === suite.suiteId;
}

/** A 代开发 template's QR link needs the provider token: without its secret, a 409 naming the setting. */
const noProviderSecret = () =>
  new ApiError(409, 'provider_secret_missing', 'a 代开发 template is authorized through a QR code from get_customized_auth_url, which needs the provider token: set WECOM_PROVIDER_SECRET (README "Settings")');

/** A pre-auth code, and so the link, lives 1200 s (https://developer.work.weixin.qq.com/document/path/90601). */
const LINK_LIFETIME_S = 1200;

/** The suite's settings for a provider admin's request (./suite-access.ts). */
function providerSuite(c: Context<AdminEnv>): SuiteSettings {
  const suite = suiteSettingsOf(c.env);
  requireProvider(c.get('principal'));
  return suite;
}

export const corpRoutes = adminApp()
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'get',
        path: '/',
        summary: 'The corps that authorized the suite, with their state (many-corps mode; 404 `suite_mode_off` while WECOM_SUITE_ID is unset)',
        responses: { 200: jsonAnswer(CorpsAnswerSchema) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const { stub, context } = suiteStub(c.env, providerSuite(c));
      return c.json({ items: await stub.corpsWithLicenses(context) } satisfies z.infer<typeof CorpsAnswerSchema>, 200);
    },
  )
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'post',
        path: '/install-link',
        summary:
          'A fresh 3rdapp/install link (its pre-auth code lives 1200 s) for the next corp to authorize the suite; for a 代开发 template its authorization QR link (10 days; 409 `provider_secret_missing` without WECOM_PROVIDER_SECRET); the body may be left out',
        request: { body: { ...jsonBody(InstallLinkRequestSchema), required: false } },
        responses: { 200: jsonAnswer(InstallLinkAnswerSchema) },
      },
      { errors: [404, 409, 502], body: readJsonBody(1024, { optional: true }) },
    ),
    async (c) => {
      const suite = providerSuite(c);
      const body = c.req.valid('json');
      const { stub, context } = suiteStub(c.env, suite);
      if (suite.mode === 'customized') {
        if (suite.providerSecret === null) throw noProviderSecret();
        const qr = await stub.customizedLink(context);
        if (!qr.ok) throw wecomRefusal(WecomApiError.from(qr.failure));
        return c.json({ url: qr.value.url, expires_in: qr.value.expiresIn } satisfies z.infer<typeof InstallLinkAnswerSchema>, 200);
      }
      const redirect = `${new URL(c.req.url).origin}/wecom/suite/authorized`;
      const link = await stub.installLink(context, redirect, body.test === undefined ? undefined : body.test ? 1 : 0);
      if (!link.ok) throw wecomRefusal(WecomApiError.from(link.failure));
      return c.json({ url: link.value, expires_in: LINK_LIFETIME_S } satisfies z.infer<typeof InstallLinkAnswerSchema>, 200);
    },
  )
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'get',
        path: '/install-link/qr.svg',
        summary: "An install link of this suite (as POST /install-link answered it) as a QR code, for a corp's admin to scan",
        request: { query: InstallQrQuerySchema },
        responses: { 200: { description: 'ok', content: { 'image/svg+xml': { schema: z.string() } } } },
      },
      { errors: [404] },
    ),
    async (c) => {
      const suite = providerSuite(c);
      const { url } = c.req.valid('query');
      if (!isInstallLinkOf(suite, url)) throw invalidInput([{ code: 'custom', path: ['url'], message: `must be an install link of suite ${suite.suiteId} (${INSTALL_PAGE})` }]);
      return c.body(renderSVG(url), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    },
  );
