import { licenseView, type AppLicenseAnswer, type CorpLicense } from '../../wecom/license';
import { getAppLicenseInfo, type SuiteCall } from '../../wecom/suite-api';
import type { SuiteSettings } from '../../wecom/suite-settings';
import { failureOf } from './suite-token';
import type { ProviderToken } from './provider-token';
import type { KeyValueStore } from './store';

/**
 * Each corp's 接口调用许可 state (../../wecom/license.ts), kept in the Suite object so that listing
 * corps or running a corp's diagnostics asks WeCom at most once an hour per corp (a failed ask is
 * tried again after 5 minutes, the last answer kept meanwhile). One ask per corp at a time.
 */

const PREFIX = 'license:';
export const LICENSE_FRESH_MS = 3600_000;
const RETRY_MS = 300_000;
/** Asks at once when many corps are stale (the first listing of an hour). */
const PARALLEL = 4;

interface StoredLicense {
  answer: AppLicenseAnswer | null;
  /** When `answer` was received. */
  checkedAt: number;
  /** When WeCom was last asked, answered or not. */
  triedAt: number;
  /** Why the last ask failed (kept for the diagnostics). */
  failure: string | null;
}

/** Asks in flight per corp, kept by the object across calls. */
export type LicenseAsks = Map<string, Promise<StoredLicense>>;

export interface LicenseLookup {
  license: CorpLicense | null;
  /** Why there is no licence state, when there is none. */
  why: string | null;
}

export class Licenses {
  constructor(
    private readonly store: KeyValueStore,
    private readonly provider: ProviderToken,
    private readonly settings: SuiteSettings,
    private readonly call: SuiteCall,
    private readonly now: () => number,
    /** Asks in flight per corp (in memory: the object is the one place that asks). */
    private readonly inflight: LicenseAsks,
  ) {}

  async lookup(corpId: string): Promise<LicenseLookup> {
    if (!this.provider.configured) return { license: null, why: '未设置 WECOM_PROVIDER_SECRET' };
    let stored = await this.store.get<StoredLicense>(PREFIX + corpId);
    if (!stored || this.stale(stored)) stored = await this.refresh(corpId, stored);
    return { license: stored.answer ? licenseView(stored.answer, stored.checkedAt, this.now()) : null, why: stored.answer ? null : stored.failure };
  }

  /** Every corp's licence state (null when unknown), asking WeCom only for those stale, a few at a time. */
  async many(corpIds: string[]): Promise<Map<string, CorpLicense | null>> {
    const found = new Map<string, CorpLicense | null>();
    const queue = [...corpIds];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) found.set(id, (await this.lookup(id)).license);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    return found;
  }

  async forget(corpId: string): Promise<void> {
    await this.store.delete(PREFIX + corpId);
  }

  private stale(stored: StoredLicense): boolean {
    const age = this.now() - stored.triedAt;
    return stored.failure === null ? this.now() - stored.checkedAt >= LICENSE_FRESH_MS : age >= RETRY_MS;
  }

  private refresh(corpId: string, before: StoredLicense | undefined): Promise<StoredLicense> {
    let running = this.inflight.get(corpId);
    if (!running) {
      running = this.ask(corpId, before).finally(() => this.inflight.delete(corpId));
      this.inflight.set(corpId, running);
    }
    return running;
  }

  private async ask(corpId: string, before: StoredLicense | undefined): Promise<StoredLicense> {
    const triedAt = this.now();
    let stored: StoredLicense;
    try {
      const answer = await this.provider.with((token) => getAppLicenseInfo(this.call, token, corpId, this.settings.suiteId));
      stored = { answer, checkedAt: triedAt, triedAt, failure: null };
    } catch (e) {
      const failure = failureOf(e);
      stored = { answer: before?.answer ?? null, checkedAt: before?.checkedAt ?? triedAt, triedAt, failure: `${failure.errmsg}（errcode ${failure.errcode}）` };
    }
    await this.store.put(PREFIX + corpId, stored);
    return stored;
  }
}
