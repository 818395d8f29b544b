import { WecomApiError, type WecomApiFailure } from '../../wecom/errors';
import { AUTH_CODE_INVALID, getCustomizedAuthUrl, getPermanentCode, getPreAuthCode, installUrl, setSessionInfo, type SuiteCall } from '../../wecom/suite-api';
import type { SuiteSettings } from '../../wecom/suite-settings';
import { corpTokenKey } from './corp-tokens';
import type { CorpBook, CorpSummary } from './corps';
import type { ProviderToken } from './provider-token';
import type { KeyValueStore } from './store';
import type { SuiteToken } from './suite-token';
import type { TokenSlots } from './token-slots';

/**
 * Installing the suite in a corp (https://developer.work.weixin.qq.com/document/path/90597): a link
 * with a fresh pre-auth code and a state we remember, then an auth code (from the redirect, from a
 * create_auth push, or both for the same install) exchanged once for the permanent code
 * (https://developer.work.weixin.qq.com/document/path/90603). An auth code is stored before the
 * push is answered; whichever path exchanges it first wins and the other reads the result.
 * A 代开发 template is authorized by scanning a QR code instead
 * (https://developer.work.weixin.qq.com/document/path/98744): its state comes back in create_auth
 * and in get_permanent_code, and a state we did not issue (or past the QR's 10 days) installs nothing.
 */

/** A pre-auth code lives 1200 s; the state that goes with it no longer. */
export const STATE_TTL_MS = 1200_000;
/** Finished auth codes are remembered this long, so a late redirect or push reads the result. */
const CODE_MEMORY_MS = 86_400_000;
const STATE = 'install-state:';
const CODE = 'auth-code:';

/** Not a WeCom code: an auth code that came with a state we never issued, refused without asking WeCom. */
export const STATE_NOT_ISSUED = -3;

interface CodeRecord {
  status: 'pending' | 'done' | 'refused';
  receivedAt: number;
  /** The state the code came with (a push's State, or the redirect's). */
  state?: string;
  corpId?: string;
  failure?: WecomApiFailure;
}

export type ExchangeResult = { ok: true; corp: CorpSummary } | { ok: false; failure: WecomApiFailure };

export class Installs {
  constructor(
    private readonly store: KeyValueStore,
    private readonly corps: CorpBook,
    private readonly suite: SuiteToken,
    private readonly slots: TokenSlots,
    private readonly settings: SuiteSettings,
    private readonly call: SuiteCall,
    private readonly now: () => number,
    /** Exchanges in flight per auth code (in memory: the object is the one place that exchanges). */
    private readonly inflight: Map<string, Promise<ExchangeResult>>,
  ) {}

  /** A fresh install link; authType 1 lets an unpublished app be installed for testing. Throws WecomApiError. */
  async link(redirectUri: string, authType: 0 | 1 | undefined): Promise<string> {
    const state = randomState();
    const url = await this.suite.with(async (token) => {
      const { pre_auth_code: code } = await getPreAuthCode(this.call, token);
      if (authType !== undefined) await setSessionInfo(this.call, token, code, authType);
      return installUrl(this.settings.suiteId, code, redirectUri, state);
    });
    await this.store.put(STATE + state, { expiresAt: this.now() + STATE_TTL_MS });
    return url;
  }

  /** A 代开发 template's authorization QR code (valid 10 days) with a fresh state. Throws WecomApiError. */
  async customizedLink(provider: ProviderToken): Promise<{ url: string; expiresIn: number }> {
    const state = randomState();
    const answer = await provider.with((token) => getCustomizedAuthUrl(this.call, token, this.settings.suiteId, state));
    await this.store.put(STATE + state, { expiresAt: this.now() + answer.expires_in * 1000 });
    return { url: answer.qrcode_url, expiresIn: answer.expires_in };
  }

  /** A state this object issued and still within its lifetime (a QR code may be scanned by several corps). */
  private async issued(state: string): Promise<boolean> {
    const stored = await this.store.get<{ expiresAt: number }>(STATE + state);
    return stored !== undefined && this.now() < stored.expiresAt;
  }

  /**
   * True for a state this object issued, within its lifetime, bound to the first auth code it
   * comes back with: reloading the page reads the same result, another code with it is refused.
   */
  async claimState(state: string, code: string): Promise<boolean> {
    const stored = await this.store.get<{ expiresAt: number; code?: string }>(STATE + state);
    if (!stored || this.now() >= stored.expiresAt || (stored.code !== undefined && stored.code !== code)) return false;
    if (stored.code === undefined) await this.store.put(STATE + state, { ...stored, code });
    return true;
  }

  /**
   * Durable before the push is answered; a code seen before keeps its record. A code that comes
   * with a state we did not issue is refused at once and never exchanged.
   */
  async note(code: string, state?: string): Promise<void> {
    if (await this.store.get<CodeRecord>(CODE + code)) return;
    const receivedAt = this.now();
    if (state && !(await this.issued(state))) {
      await this.store.put<CodeRecord>(CODE + code, { status: 'refused', receivedAt, state, failure: notIssued(state) });
      return;
    }
    await this.store.put<CodeRecord>(CODE + code, { status: 'pending', receivedAt, ...(state ? { state } : {}) });
  }

  /** Codes stored and not yet exchanged (a push whose work after the answer did not finish). Forgets old finished codes and expired states. */
  async pending(): Promise<string[]> {
    for (const [key, stored] of await this.store.list<{ expiresAt: number }>({ prefix: STATE })) if (this.now() >= stored.expiresAt) await this.store.delete(key);
    const rows = await this.store.list<CodeRecord>({ prefix: CODE });
    const codes: string[] = [];
    for (const [key, record] of rows) {
      if (record.status === 'pending') codes.push(key.slice(CODE.length));
      else if (this.now() - record.receivedAt > CODE_MEMORY_MS) await this.store.delete(key);
    }
    return codes;
  }

  exchange(code: string): Promise<ExchangeResult> {
    let running = this.inflight.get(code);
    if (!running) {
      running = this.exchangeOnce(code).finally(() => this.inflight.delete(code));
      this.inflight.set(code, running);
    }
    return running;
  }

  private async exchangeOnce(code: string): Promise<ExchangeResult> {
    const record = await this.store.get<CodeRecord>(CODE + code);
    if (record?.status === 'done' && record.corpId) {
      const corp = await this.corps.get(record.corpId);
      if (corp) return { ok: true, corp };
    }
    if (record?.status === 'refused' && record.failure) return { ok: false, failure: record.failure };
    const receivedAt = record?.receivedAt ?? this.now();
    const startedAt = this.now();
    try {
      const answer = await this.suite.with((token) => getPermanentCode(this.call, token, code));
      // The state comes back here too: it must be the one the code came with, or one we issued.
      if (answer.state && answer.state !== record?.state && !(await this.issued(answer.state))) {
        const failure = notIssued(answer.state);
        await this.store.put<CodeRecord>(CODE + code, { status: 'refused', receivedAt, failure });
        return { ok: false, failure };
      }
      const corpId = answer.auth_corp_info.corpid;
      const corp = await this.corps.authorize({
        corpId,
        name: answer.auth_corp_info.corp_name,
        mode: this.settings.mode,
        permanentCode: answer.permanent_code,
        agentId: answer.auth_info?.agent[0]?.agentid ?? null,
        installedBy: answer.auth_user_info?.userid || null,
      });
      // A new permanent code: a token made with the old one must not outlive it.
      if (answer.access_token && answer.expires_in) await this.slots.keep(corpTokenKey(corpId), { token: answer.access_token, expiresIn: answer.expires_in }, startedAt);
      else await this.slots.forget(corpTokenKey(corpId));
      await this.store.put<CodeRecord>(CODE + code, { status: 'done', receivedAt, corpId });
      return { ok: true, corp };
    } catch (e) {
      if (!(e instanceof WecomApiError)) throw e;
      // 40078: used or expired, for good. Anything else may pass later: the code stays pending.
      if (e.kind === 'errcode' && e.errcode === AUTH_CODE_INVALID) await this.store.put<CodeRecord>(CODE + code, { status: 'refused', receivedAt, failure: e.toJSON() });
      return { ok: false, failure: e.toJSON() };
    }
  }
}

function notIssued(state: string): WecomApiFailure {
  return new WecomApiError(STATE_NOT_ISSUED, `state ${state} was not issued by this deployment, or its link or QR code expired`, '/cgi-bin/service/get_permanent_code', false, 'errcode').toJSON();
}

/** 32 letters and digits (the install page's `state` allows [a-zA-Z0-9], at most 128 bytes; the 代开发 QR's at most 32), unbiased: bytes past 247 are drawn again. */
function randomState(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = '';
  while (state.length < 32) {
    for (const b of crypto.getRandomValues(new Uint8Array(48))) if (b < 248 && state.length < 32) state += alphabet[b % 62];
  }
  return state;
}
