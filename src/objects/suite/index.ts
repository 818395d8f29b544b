import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../env';
import { sealingKey } from '../../runtime/seal';
import type { WecomApiFailure } from '../../wecom/errors';
import { getAuthInfo } from '../../wecom/suite-api';
import type { CorpLicense } from '../../wecom/license';
import type { SuiteSettings } from '../../wecom/suite-settings';
import type { TokenResult } from '../access-token';
import { CorpTokens } from './corp-tokens';
import { CorpBook, type CorpSummary } from './corps';
import { Installs, type ExchangeResult } from './install';
import { Licenses, type LicenseAsks, type LicenseLookup } from './licenses';
import { CorpMembers, type CorpMember } from './members';
import { ProviderToken } from './provider-token';
import { failureOf, SuiteToken, type TicketView } from './suite-token';
import { TokenSlots } from './token-slots';

/**
 * Many-corps mode's one object per suite id (see suiteStub): the suite ticket, the suite token,
 * install states and auth codes, the authorized corps and their tokens. A thin shell: the work is
 * in the collaborators beside it. The settings come with each call (the Worker reads them from its
 * env), so a test or a second deployment can run the same class with its own suite.
 */

export interface SuiteContext {
  settings: SuiteSettings;
  apiBase: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: WecomApiFailure };

/** What a corp's permanent code is sealed under: derived from the suite's Secret (README "Many companies"). */
const SEAL_PURPOSE = 'permanent-code v1';

export class Suite extends DurableObject<Env> {
  private readonly slots = new TokenSlots(this.ctx.storage, () => Date.now());
  private readonly exchanges = new Map<string, Promise<ExchangeResult>>();
  private readonly licenseAsks: LicenseAsks = new Map();
  private keyFor: { secret: string; key: Promise<CryptoKey> } | undefined;

  private parts(c: SuiteContext) {
    const now = () => Date.now();
    const call = { base: c.apiBase };
    if (this.keyFor?.secret !== c.settings.suiteSecret) this.keyFor = { secret: c.settings.suiteSecret, key: sealingKey(c.settings.suiteSecret, SEAL_PURPOSE) };
    const key = this.keyFor.key;
    const corps = new CorpBook(this.ctx.storage, () => key, now);
    const suite = new SuiteToken(this.ctx.storage, this.slots, c.settings, call, now);
    const installs = new Installs(this.ctx.storage, corps, suite, this.slots, c.settings, call, now, this.exchanges);
    const provider = new ProviderToken(this.slots, c.settings, call);
    const licenses = new Licenses(this.ctx.storage, provider, c.settings, call, now, this.licenseAsks);
    return { corps, suite, installs, provider, licenses, corpTokens: new CorpTokens(corps, suite, this.slots, call), members: new CorpMembers(this.ctx.storage), call };
  }

  // ── instructions: each is stored before the callback is answered ────────────

  async takeTicket(c: SuiteContext, ticket: string, timestamp: number): Promise<boolean> {
    return this.parts(c).suite.takeTicket(ticket, timestamp);
  }

  /** create_auth's or reset_permanent_code's AuthCode, with create_auth's State when it has one. */
  async noteAuthCode(c: SuiteContext, code: string, state?: string): Promise<void> {
    await this.parts(c).installs.note(code, state);
  }

  /** cancel_auth: the corp is marked cancelled, its permanent code, token and console members are dropped. */
  async cancel(c: SuiteContext, corpId: string): Promise<boolean> {
    const { corps, corpTokens, members, licenses } = this.parts(c);
    const known = await corps.cancel(corpId);
    await corpTokens.forget(corpId);
    await members.forget(corpId);
    await licenses.forget(corpId);
    return known;
  }

  /** The work after a push is answered: every stored auth code exchanged (a failed one waits for the next push). */
  async settle(c: SuiteContext): Promise<ExchangeResult[]> {
    const { installs } = this.parts(c);
    return Promise.all((await installs.pending()).map((code) => installs.exchange(code)));
  }

  /** change_auth: permissions or visibility changed; a new token and the corp's name re-read. */
  async changed(c: SuiteContext, corpId: string): Promise<Outcome<CorpSummary | null>> {
    const { corps, corpTokens, suite, call } = this.parts(c);
    await corpTokens.forget(corpId);
    const code = await corps.permanentCode(corpId);
    if (!code.ok) return { ok: true, value: await corps.get(corpId) };
    try {
      if (code.mode === 'third_party') {
        const info = await suite.with((token) => getAuthInfo(call, token, corpId, code.code));
        await corps.rename(corpId, info.auth_corp_info.corp_name);
      }
      return { ok: true, value: await corps.get(corpId) };
    } catch (e) {
      return { ok: false, failure: failureOf(e) };
    }
  }

  // ── install ────────────────────────────────────────────────────────────────

  async installLink(c: SuiteContext, redirectUri: string, authType: 0 | 1 | undefined): Promise<Outcome<string>> {
    try {
      return { ok: true, value: await this.parts(c).installs.link(redirectUri, authType) };
    } catch (e) {
      return { ok: false, failure: failureOf(e) };
    }
  }

  /** A 代开发 template's authorization QR link (its state remembered for the QR's 10 days). */
  async customizedLink(c: SuiteContext): Promise<Outcome<{ url: string; expiresIn: number }>> {
    const { installs, provider } = this.parts(c);
    try {
      return { ok: true, value: await installs.customizedLink(provider) };
    } catch (e) {
      return { ok: false, failure: failureOf(e) };
    }
  }

  /** The install's redirect: the state must be one we issued (bound to its first code), then the code is exchanged. */
  async completeInstall(c: SuiteContext, code: string, state: string): Promise<ExchangeResult | { ok: false; badState: true }> {
    const { installs } = this.parts(c);
    if (!(await installs.claimState(state, code))) return { ok: false, badState: true };
    await installs.note(code, state);
    return installs.exchange(code);
  }

  // ── reads and tokens ───────────────────────────────────────────────────────

  async corps(c: SuiteContext): Promise<CorpSummary[]> {
    return this.parts(c).corps.list();
  }

  /** The corps with their licence state (asked of WeCom at most hourly per corp; null when unknown, cancelled or no provider secret). */
  async corpsWithLicenses(c: SuiteContext): Promise<(CorpSummary & { license: CorpLicense | null })[]> {
    const { corps, licenses } = this.parts(c);
    const all = await corps.list();
    const found = await licenses.many(all.filter((corp) => corp.state === 'active').map((corp) => corp.corp_id));
    return all.map((corp) => ({ ...corp, license: found.get(corp.corp_id) ?? null }));
  }

  async license(c: SuiteContext, corpId: string): Promise<LicenseLookup> {
    return this.parts(c).licenses.lookup(corpId);
  }

  async providerToken(c: SuiteContext): Promise<TokenResult> {
    return this.parts(c).provider.token();
  }

  async corp(c: SuiteContext, corpId: string): Promise<CorpSummary | null> {
    return this.parts(c).corps.get(corpId);
  }

  // ── each corp's console members ────────────────────────────────────────────

  async members(c: SuiteContext, corpId: string): Promise<CorpMember[]> {
    return this.parts(c).members.list(corpId);
  }

  async member(c: SuiteContext, corpId: string, userid: string): Promise<CorpMember | null> {
    return this.parts(c).members.get(corpId, userid);
  }

  async putMember(c: SuiteContext, corpId: string, member: CorpMember): Promise<CorpMember> {
    return this.parts(c).members.put(corpId, member);
  }

  async removeMember(c: SuiteContext, corpId: string, userid: string): Promise<boolean> {
    return this.parts(c).members.remove(corpId, userid);
  }

  async ticket(c: SuiteContext): Promise<TicketView | null> {
    return this.parts(c).suite.ticketView();
  }

  async suiteToken(c: SuiteContext): Promise<TokenResult> {
    return this.parts(c).suite.token();
  }

  async corpToken(c: SuiteContext, corpId: string): Promise<TokenResult> {
    return this.parts(c).corpTokens.token(corpId);
  }

  async refreshCorpToken(c: SuiteContext, corpId: string, stale: string): Promise<TokenResult> {
    return this.parts(c).corpTokens.refresh(corpId, stale);
  }
}

/** The suite's object, and the context its calls carry. */
export function suiteStub(env: Pick<Env, 'SUITE' | 'WECOM_API_BASE'>, settings: SuiteSettings): { stub: DurableObjectStub<Suite>; context: SuiteContext } {
  return { stub: env.SUITE.get(env.SUITE.idFromName(`suite:${settings.suiteId}`)), context: { settings, apiBase: env.WECOM_API_BASE } };
}
