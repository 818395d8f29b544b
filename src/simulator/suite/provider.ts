import { MINUTE, SECOND, type SimClock } from '../clock';
import { ApiFailure, ControlError, Errcode } from '../errcodes';
import { randomId } from '../ids';
import { ProviderDesk } from './provider-desk';
import { TokenBook } from './token-book';
import { SuiteLogin } from './web-login';

/**
 * A 服务商 and its suite (a third-party app, or a 代开发 template when the id starts `dk`) with the
 * corps that may install it: suite tickets (valid 30 min), suite tokens (7200 s), pre-auth codes
 * (1200 s), auth codes (10 min, once), permanent codes and corp tokens, with the platform's
 * errcodes (https://developer.work.weixin.qq.com/document/path/97162, /90597, /90603, /90605, /97164; codes from /90313).
 * Pure state and rules on the simulator's clock; HTTP and callbacks live beside it.
 */

export const TICKET_TTL = 30 * MINUTE;
export const SUITE_TOKEN_TTL = 7200 * SECOND;
export const PRE_AUTH_TTL = 1200 * SECOND;
export const AUTH_CODE_TTL = 10 * MINUTE;
/** The AgentId the app gets in the first corp of the setup; the next corps count up from it. */
export const FIRST_AGENT_ID = 1000001;

export interface SuiteSetup {
  suite_id: string;
  suite_secret: string;
  token: string;
  encoding_aes_key: string;
  provider_corp_id: string;
  /** The provider's Secret for get_provider_token; without it every provider token is refused (40001). */
  provider_secret?: string | undefined;
  /**
   * The corps whose admins may install the suite; `members` are the people who may scan its web
   * login, `admins` the app's admins there (auth_type 1 manages the app, 0 only sends messages).
   */
  corps: { corp_id: string; name: string; members?: string[] | undefined; admins?: { userid: string; auth_type: 0 | 1 }[] | undefined }[];
  /** Server mode: where instructions are POSTed (the Worker's /wecom/suite/callback). */
  instruction_url?: string | undefined;
}

interface Expiring {
  expiresAt: number;
  invalid?: boolean;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export class SuiteProvider {
  private readonly tickets = new Map<string, number>();
  private readonly suiteTokens: TokenBook;
  private readonly preAuthCodes = new Map<string, Expiring & { authType: 0 | 1 }>();
  private readonly authCodes = new Map<string, Expiring & { corpId: string; used: boolean; installer: string | null; state: string | undefined }>();
  /** Active authorizations: corp id → its current permanent code. */
  private readonly permanentCodes = new Map<string, string>();
  private readonly corpTokens = new Map<string, Expiring & { corpId: string }>();
  private readonly corps: Map<string, string>;
  /** The app's web login in the corps that installed it. */
  readonly login: SuiteLogin;
  /** The provider's token, 代开发 QR codes and licences. */
  readonly desk: ProviderDesk;

  constructor(
    readonly setup: SuiteSetup,
    private readonly clock: SimClock,
  ) {
    this.corps = new Map(setup.corps.map((c) => [c.corp_id, c.name]));
    this.login = new SuiteLogin(this, clock);
    this.desk = new ProviderDesk(setup, clock);
    this.suiteTokens = new TokenBook(clock, SUITE_TOKEN_TTL, { invalid: Errcode.invalidSuiteToken, expired: Errcode.suiteTokenExpired, name: 'suite_access_token' });
  }

  get customized(): boolean {
    return this.setup.suite_id.startsWith('dk');
  }

  // ── tickets and the suite token ────────────────────────────────────────────

  newTicket(): string {
    const ticket = randomId(43);
    this.tickets.set(ticket, this.clock.now());
    return ticket;
  }

  getSuiteToken(body: Obj): Obj {
    if (body.suite_id !== this.setup.suite_id) throw new ApiFailure(Errcode.invalidSuiteId, 'invalid suite_id');
    if (body.suite_secret !== this.setup.suite_secret) throw new ApiFailure(Errcode.invalidSuiteSecret, 'invalid suite_secret');
    const issued = this.tickets.get(str(body.suite_ticket) ?? '');
    if (issued === undefined || this.clock.now() - issued >= TICKET_TTL) throw new ApiFailure(Errcode.invalidSuiteTicket, 'invalid suite_ticket');
    const { token, expiresIn } = this.suiteTokens.issue();
    return { suite_access_token: token, expires_in: expiresIn };
  }

  /** 40082 unknown or invalidated, 42009 expired. */
  checkSuiteToken(token: string | undefined): void {
    this.suiteTokens.check(token);
  }

  expireSuiteToken(invalid: boolean): void {
    this.suiteTokens.expire(invalid);
  }

  // ── installing ─────────────────────────────────────────────────────────────

  preAuthCode(): Obj {
    const code = randomId(40);
    this.preAuthCodes.set(code, { expiresAt: this.clock.now() + PRE_AUTH_TTL, authType: 0 });
    return { pre_auth_code: code, expires_in: PRE_AUTH_TTL / 1000 };
  }

  setSessionInfo(body: Obj): Obj {
    const pre = this.livePreAuth(str(body.pre_auth_code));
    const info = body.session_info as Obj | undefined;
    if (info?.auth_type !== undefined && info.auth_type !== 0 && info.auth_type !== 1) throw new ApiFailure(Errcode.invalidParameter, 'auth_type must be 0 or 1');
    pre.authType = (info?.auth_type as 0 | 1 | undefined) ?? 0;
    return {};
  }

  /**
   * The corp's admin authorizes on the install page: a fresh auth code for that corp. `userid` is
   * who authorizes (default: the corp's first app admin, else its first member, else nobody named).
   */
  authorize(preAuthCode: string | undefined, corpId: string, userid?: string, state?: string): { authCode: string; authType: 0 | 1 } {
    const pre = this.livePreAuth(preAuthCode);
    return { authCode: this.authCodeFor(corpId, userid, state), authType: pre.authType };
  }

  /** A corp's admin scans a 代开发 template's QR code: an auth code carrying the code's state. */
  scan(qrcodeUrl: string, corpId: string, userid?: string): { authCode: string; state: string } {
    const state = this.desk.scannedState(qrcodeUrl);
    return { authCode: this.authCodeFor(corpId, userid, state), state };
  }

  private authCodeFor(corpId: string, userid: string | undefined, state: string | undefined): string {
    const corp = this.setup.corps.find((c) => c.corp_id === corpId);
    if (!corp) throw new ControlError(404, `no corp ${corpId} in this simulated suite`);
    if (userid !== undefined && !this.people(corpId).includes(userid)) throw new ControlError(404, `${userid} is not a person of corp ${corpId}`);
    return this.newAuthCode(corpId, userid ?? corp.admins?.[0]?.userid ?? corp.members?.[0] ?? null, state);
  }

  /** The app's AgentId in a corp: one per corp, in the order the setup lists them. */
  agentIdOf(corpId: string): number {
    return FIRST_AGENT_ID + this.setup.corps.findIndex((c) => c.corp_id === corpId);
  }

  /** Everyone of the corp who may scan its login: members and app admins. */
  people(corpId: string): string[] {
    const corp = this.setup.corps.find((c) => c.corp_id === corpId);
    return [...new Set([...(corp?.members ?? []), ...(corp?.admins ?? []).map((a) => a.userid)])];
  }

  /** The app's admins in a corp (agent/get_admin_list). */
  admins(corpId: string): { userid: string; auth_type: 0 | 1 }[] {
    return this.setup.corps.find((c) => c.corp_id === corpId)?.admins ?? [];
  }

  isAuthorized(corpId: string): boolean {
    return this.permanentCodes.has(corpId);
  }

  getPermanentCode(body: Obj): Obj {
    const code = this.authCodes.get(str(body.auth_code) ?? '');
    if (!code || code.used || code.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.invalidAuthCode, 'invalid auth_code');
    code.used = true;
    const permanent = randomId(43);
    this.permanentCodes.set(code.corpId, permanent);
    const corp = { corpid: code.corpId, corp_name: this.corps.get(code.corpId) ?? code.corpId };
    const answer = {
      permanent_code: permanent,
      auth_corp_info: corp,
      auth_info: { agent: [{ agentid: this.agentIdOf(code.corpId), name: '智能客服' }] },
      ...(code.installer ? { auth_user_info: { userid: code.installer, name: code.installer } } : {}),
      ...(code.state ? { state: code.state } : {}),
    };
    // 代开发 gets no first token; a third-party app does (https://developer.work.weixin.qq.com/document/path/90603).
    return this.customized ? answer : { ...this.issueCorpToken(code.corpId), ...answer };
  }

  getAuthInfo(body: Obj): Obj {
    const corpId = this.corpOf(body);
    return { auth_corp_info: { corpid: corpId, corp_name: this.corps.get(corpId) ?? corpId } };
  }

  getCorpToken(body: Obj): Obj {
    if (this.customized) throw new ApiFailure(Errcode.apiForbidden, 'api forbidden: a 代开发 app gets its token from gettoken');
    return this.issueCorpToken(this.corpOf(body));
  }

  /**
   * gettoken with a 代开发 permanent code as the secret; null for any other pair, which the corp's
   * own gettoken then judges (a self-built app's secret of the same corp, or 40001/40013).
   */
  gettoken(corpid: string | undefined, secret: string | undefined): Obj | null {
    if (!this.customized || !corpid || !secret || this.permanentCodes.get(corpid) !== secret) return null;
    return this.issueCorpToken(corpid);
  }

  // ── what the corps' admins and the provider do ─────────────────────────────

  cancel(corpId: string): void {
    if (!this.permanentCodes.delete(corpId)) throw new ControlError(404, `corp ${corpId} has not authorized the suite`);
    for (const [token, t] of this.corpTokens) if (t.corpId === corpId) this.corpTokens.delete(token);
  }

  /** 代开发's 重新获取secret: the old permanent code stops working, a new auth code is pushed. */
  resetPermanentCode(corpId: string): string {
    if (!this.permanentCodes.has(corpId)) throw new ControlError(404, `corp ${corpId} has not authorized the suite`);
    this.permanentCodes.set(corpId, randomId(43));
    return this.newAuthCode(corpId, null, undefined);
  }

  renameCorp(corpId: string, name: string): void {
    if (!this.corps.has(corpId)) throw new ControlError(404, `no corp ${corpId} in this simulated suite`);
    this.corps.set(corpId, name);
  }

  view() {
    return {
      suite_id: this.setup.suite_id,
      corps: [...this.corps].map(([corp_id, name]) => ({ corp_id, name, authorized: this.permanentCodes.has(corp_id) })),
      corp_tokens: [...this.corpTokens.values()].filter((t) => t.expiresAt > this.clock.now()).map((t) => t.corpId),
    };
  }

  isCorpToken(token: string | undefined): string | null {
    const t = this.corpTokens.get(token ?? '');
    return t && t.expiresAt > this.clock.now() ? t.corpId : null;
  }

  private newAuthCode(corpId: string, installer: string | null, state: string | undefined): string {
    const code = randomId(40);
    this.authCodes.set(code, { corpId, expiresAt: this.clock.now() + AUTH_CODE_TTL, used: false, installer, state });
    return code;
  }

  private livePreAuth(code: string | undefined) {
    const pre = this.preAuthCodes.get(code ?? '');
    if (!pre || pre.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.invalidPreAuthCode, 'invalid pre_auth_code');
    return pre;
  }

  /** auth_corpid + permanent_code naming a live authorization, or 40084. */
  private corpOf(body: Obj): string {
    const corpId = str(body.auth_corpid) ?? '';
    if (!this.permanentCodes.has(corpId) || this.permanentCodes.get(corpId) !== body.permanent_code) throw new ApiFailure(Errcode.invalidPermanentCode, 'invalid permanent_code');
    return corpId;
  }

  private issueCorpToken(corpId: string): Obj {
    const token = randomId(64);
    this.corpTokens.set(token, { corpId, expiresAt: this.clock.now() + SUITE_TOKEN_TTL });
    return { access_token: token, expires_in: SUITE_TOKEN_TTL / 1000 };
  }
}
