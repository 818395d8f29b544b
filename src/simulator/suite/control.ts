import { z } from 'zod';
import type { SimClock } from '../clock';
import { ControlError } from '../errcodes';
import { corpKfEvent, instruction, push, type SimInstruction } from './instructions';
import { SuiteProvider } from './provider';

/**
 * The suite's control API (JSON in, JSON out; errors `{error}` with 400/404/409):
 *
 *   POST /_sim/suite/setup     {suite_id, suite_secret, token, encoding_aes_key, provider_corp_id,
 *                               corps: [{corp_id, name}], instruction_url?} → {ok}; a fresh provider
 *   POST /_sim/suite/ticket    → SimInstruction suite_ticket (a new ticket, valid 30 min)
 *   POST /_sim/suite/authorize {pre_auth_code, corp_id, redirect_uri?, state?} → {auth_code, redirect,
 *                               callback: SimInstruction create_auth}: the corp's admin authorizes
 *   POST /_sim/suite/scan      {qrcode_url, corp_id, userid?} → {auth_code, state, callback: create_auth
 *                               with the QR code's State}: a corp's admin scans a 代开发 QR code
 *   POST /_sim/suite/provider-token/expire {invalid?} → the provider token answers 42001 (40014 when invalid)
 *   POST /_sim/suite/license   {corp_id, license_status: 0|1, trial_start?, trial_end?, check_time?}
 *                               (unix seconds) → {ok}: what get_app_license_info answers for the corp
 *   POST /_sim/suite/cancel    {corp_id} → SimInstruction cancel_auth (the permanent code stops working)
 *   POST /_sim/suite/change    {corp_id, name?} → SimInstruction change_auth
 *   POST /_sim/suite/reset     {corp_id} → SimInstruction reset_permanent_code (代开发's 重新获取secret)
 *   POST /_sim/suite/token/expire {invalid?} → the suite token answers 42009 (40082 when invalid)
 *   POST /_sim/suite/kf-event  {corp_id, open_kfid} → SimCallback: the corp's kf_msg_or_event for the data URL
 *   GET  /_sim/suite/state     → {suite_id, corps: [{corp_id, name, authorized}], corp_tokens}
 *
 * With `instruction_url` the simulator also POSTs each instruction there (server mode).
 */

const id = z.string().min(1).max(128);
export const SuiteSetupSchema = z.strictObject({
  suite_id: id,
  suite_secret: id,
  token: id,
  encoding_aes_key: z.string().length(43),
  provider_corp_id: id,
  provider_secret: id.optional(),
  corps: z
    .array(
      z.strictObject({
        corp_id: id,
        name: z.string().min(1),
        members: z.array(id).optional(),
        admins: z.array(z.strictObject({ userid: id, auth_type: z.union([z.literal(0), z.literal(1)]) })).optional(),
      }),
    )
    .min(1),
  instruction_url: z.url().optional(),
});
const AuthorizeSchema = z.strictObject({ pre_auth_code: id, corp_id: id, userid: id.optional(), redirect_uri: z.url().optional(), state: z.string().max(128).optional() });
const CorpSchema = z.strictObject({ corp_id: id, name: z.string().min(1).optional() });
const ScanSchema = z.strictObject({ qrcode_url: z.url(), corp_id: id, userid: id.optional() });
const unix = z.number().int().nonnegative();
const LicenseSchema = z.strictObject({ corp_id: id, license_status: z.union([z.literal(0), z.literal(1)]), trial_start: unix.optional(), trial_end: unix.optional(), check_time: unix.optional() });
const KfEventSchema = z.strictObject({ corp_id: id, open_kfid: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/) });
const ExpireSchema = z.strictObject({ invalid: z.boolean().optional() });

export type SuiteSetupRequest = z.input<typeof SuiteSetupSchema>;
export interface AuthorizeAnswer {
  auth_code: string;
  /** The redirect_uri with auth_code, expires_in and state, as the platform redirects the admin. */
  redirect: string | null;
  callback: SimInstruction;
}

export interface SuiteControlContext {
  provider(): SuiteProvider | null;
  setProvider(p: SuiteProvider): void;
  clock: SimClock;
  /** A callback Token that kf/sync_msg takes for this account of the corp (in the corp's own world). */
  syncToken(corpId: string, openKfid: string): string;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new ControlError(400, z.prettifyError(r.error));
  return r.data;
}

/** The redirect back to the provider after an admin authorized (https://developer.work.weixin.qq.com/document/path/90597). */
export function redirectAfterAuthorize(redirectUri: string, authCode: string, state: string | undefined): string {
  const url = new URL(redirectUri);
  url.searchParams.set('auth_code', authCode);
  url.searchParams.set('expires_in', '600');
  if (state !== undefined) url.searchParams.set('state', state);
  return url.toString();
}

/** The admin scanned a 代开发 QR code: an auth code, and its create_auth with the code's State pushed (server mode) and returned. */
export function scanCustomizedQr(p: SuiteProvider, clock: SimClock, a: { qrcode_url: string; corp_id: string; userid?: string | undefined }): Omit<AuthorizeAnswer, 'redirect'> & { state: string } {
  const { authCode, state } = p.scan(a.qrcode_url, a.corp_id, a.userid);
  const callback = instruction(p.setup, 'create_auth', { AuthCode: authCode, State: state }, clock.nowSeconds());
  push(p.setup.instruction_url, callback);
  return { auth_code: authCode, state, callback };
}

/** The admin authorized: an auth code, and its create_auth pushed (server mode) and returned. */
export function authorizeInstall(
  p: SuiteProvider,
  clock: SimClock,
  a: { pre_auth_code: string; corp_id: string; userid?: string | undefined; redirect_uri?: string | undefined; state?: string | undefined },
): AuthorizeAnswer {
  const { authCode } = p.authorize(a.pre_auth_code, a.corp_id, a.userid, a.state);
  const callback = instruction(p.setup, 'create_auth', { AuthCode: authCode, ...(a.state ? { State: a.state } : {}) }, clock.nowSeconds());
  push(p.setup.instruction_url, callback);
  return { auth_code: authCode, redirect: a.redirect_uri ? redirectAfterAuthorize(a.redirect_uri, authCode, a.state) : null, callback };
}

export function answerSuiteControl(ctx: SuiteControlContext, method: string, path: string, body: unknown): unknown {
  const route = `${method} ${path}`;
  if (route === 'POST /_sim/suite/setup') {
    ctx.setProvider(new SuiteProvider(parse(SuiteSetupSchema, body), ctx.clock));
    return { ok: true };
  }
  const p = ctx.provider();
  if (!p) throw new ControlError(409, 'no suite is set up: POST /_sim/suite/setup first');
  const send = (infoType: string, fields: Record<string, string>) => {
    const instr = instruction(p.setup, infoType, fields, ctx.clock.nowSeconds());
    push(p.setup.instruction_url, instr);
    return instr;
  };
  switch (route) {
    case 'POST /_sim/suite/ticket':
      return send('suite_ticket', { SuiteTicket: p.newTicket() });
    case 'POST /_sim/suite/authorize':
      return authorizeInstall(p, ctx.clock, parse(AuthorizeSchema, body));
    case 'POST /_sim/suite/scan':
      return scanCustomizedQr(p, ctx.clock, parse(ScanSchema, body));
    case 'POST /_sim/suite/provider-token/expire':
      p.desk.providerTokens.expire(parse(ExpireSchema, body).invalid ?? false);
      return { ok: true };
    case 'POST /_sim/suite/license': {
      const { corp_id, ...setting } = parse(LicenseSchema, body);
      p.desk.setLicense(corp_id, setting);
      return { ok: true };
    }
    case 'POST /_sim/suite/cancel': {
      const { corp_id } = parse(CorpSchema, body);
      p.cancel(corp_id);
      return send('cancel_auth', { AuthCorpId: corp_id });
    }
    case 'POST /_sim/suite/change': {
      const { corp_id, name } = parse(CorpSchema, body);
      if (name) p.renameCorp(corp_id, name);
      return send('change_auth', { AuthCorpId: corp_id });
    }
    case 'POST /_sim/suite/reset':
      return send('reset_permanent_code', { AuthCode: p.resetPermanentCode(parse(CorpSchema, body).corp_id) });
    case 'POST /_sim/suite/token/expire':
      p.expireSuiteToken(parse(ExpireSchema, body).invalid ?? false);
      return { ok: true };
    case 'POST /_sim/suite/kf-event': {
      const { corp_id, open_kfid } = parse(KfEventSchema, body);
      return corpKfEvent(p.setup, { corpId: corp_id, token: ctx.syncToken(corp_id, open_kfid), openKfid: open_kfid, createTime: ctx.clock.nowSeconds(), timestamp: Math.floor(Date.now() / 1000) });
    }
    case 'GET /_sim/suite/state':
      return p.view();
    default:
      throw new ControlError(404, `no control route ${route}`);
  }
}
