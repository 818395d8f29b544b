import { Hono } from 'hono';
import { z } from 'zod';
import { CorpSummarySchema } from '../objects/suite/corps';
import { suiteStub } from '../objects/suite';
import { WecomApiError } from '../wecom/errors';
import { suiteSettings, SuiteSettingsError, type SuiteSettings } from '../wecom/suite-settings';
import { requireRole, type AdminEnv } from './auth';
import { ApiError, misconfigured } from './errors';
import { check, invalidJsonOr, readBytes } from './input';
import { wecomRefusal } from './wecom-refusal';

/**
 * Many-corps mode's admin routes (provider admin): the corps that authorized the suite, and a fresh
 * install link for the next one (https://developer.work.weixin.qq.com/document/path/90597).
 * 404 `suite_mode_off` while WECOM_SUITE_ID is unset.
 */

export const CorpsAnswerSchema = z.object({ items: z.array(CorpSummarySchema) });
export const InstallLinkRequestSchema = z.strictObject({
  /** Installs an unpublished app for testing (set_session_info auth_type 1). Default: a published app. */
  test: z.boolean().optional(),
});
export const InstallLinkAnswerSchema = z.object({ url: z.url(), expires_in: z.number().int() });

/** A pre-auth code, and so the link, lives 1200 s (https://developer.work.weixin.qq.com/document/path/90601). */
const LINK_LIFETIME_S = 1200;

function settingsOf(env: AdminEnv['Bindings']): SuiteSettings {
  let suite: SuiteSettings | null;
  try {
    suite = suiteSettings(env);
  } catch (e) {
    if (e instanceof SuiteSettingsError) throw misconfigured(e.message);
    throw e;
  }
  if (!suite) throw new ApiError(404, 'suite_mode_off', 'many-corps mode is off: set WECOM_SUITE_ID (README "Many companies")');
  return suite;
}

export const corpRoutes = new Hono<AdminEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => {
    const { stub, context } = suiteStub(c.env, settingsOf(c.env));
    return c.json({ items: await stub.corps(context) } satisfies z.infer<typeof CorpsAnswerSchema>);
  })
  .post('/install-link', async (c) => {
    const suite = settingsOf(c.env);
    const bytes = await readBytes(c, 1024);
    const body = check(InstallLinkRequestSchema, bytes.byteLength === 0 ? {} : invalidJsonOr(bytes));
    const { stub, context } = suiteStub(c.env, suite);
    const redirect = `${new URL(c.req.url).origin}/wecom/suite/authorized`;
    const link = await stub.installLink(context, redirect, body.test === undefined ? undefined : body.test ? 1 : 0);
    if (!link.ok) throw wecomRefusal(WecomApiError.from(link.failure));
    return c.json({ url: link.value, expires_in: LINK_LIFETIME_S } satisfies z.infer<typeof InstallLinkAnswerSchema>);
  });
