import { z } from 'zod';
import { seal, unseal, type Sealed } from '../../runtime/seal';
import type { AuthMode } from '../../wecom/suite-settings';
import type { KeyValueStore } from './store';

/**
 * The corps that authorized the suite. The permanent code is the key to a corp's data (for 代开发
 * it is the app's secret), so it is stored sealed (../../runtime/seal.ts) and opened only to fetch
 * a corp token; the listing never carries it. A cancelled corp keeps its row (state `cancelled`)
 * but loses its code: WeCom asks providers to delete what they hold of it
 * (https://developer.work.weixin.qq.com/document/path/90642).
 */

export const CorpStateSchema = z.enum(['active', 'cancelled']);
export const CorpSummarySchema = z.object({
  corp_id: z.string(),
  name: z.string(),
  state: CorpStateSchema,
  /** third_party: a 第三方应用; customized: a 代开发 app. */
  auth_mode: z.enum(['third_party', 'customized']),
  authorized_at: z.number().int(),
  updated_at: z.number().int(),
  cancelled_at: z.number().int().nullable(),
  /** The app's AgentId in this corp (its web login and admin list need it); null when WeCom named none. */
  agent_id: z.number().int().nullable(),
  /** The userid of the admin who authorized the install: they may sign in to the corp's console as admin. */
  installed_by: z.string().nullable(),
});
export type CorpSummary = z.infer<typeof CorpSummarySchema>;

interface CorpRecord extends CorpSummary {
  permanent_code: Sealed | null;
}

const PREFIX = 'corp:';
const keyOf = (corpId: string) => `${PREFIX}${corpId}`;
/** Records stored before the agent id and installer were kept read them as unknown. */
const summary = ({ permanent_code: _, ...rest }: CorpRecord): CorpSummary => ({ ...rest, agent_id: rest.agent_id ?? null, installed_by: rest.installed_by ?? null });

export class CorpBook {
  constructor(
    private readonly store: KeyValueStore,
    private readonly sealingKey: () => Promise<CryptoKey>,
    private readonly now: () => number,
  ) {}

  /** A corp authorized (again): active, with its new permanent code sealed, its app's AgentId and who authorized. */
  async authorize(corp: { corpId: string; name: string; mode: AuthMode; permanentCode: string; agentId: number | null; installedBy: string | null }): Promise<CorpSummary> {
    const at = this.now();
    const before = await this.store.get<CorpRecord>(keyOf(corp.corpId));
    const record: CorpRecord = {
      corp_id: corp.corpId,
      name: corp.name || before?.name || corp.corpId,
      state: 'active',
      auth_mode: corp.mode,
      authorized_at: before?.state === 'active' ? before.authorized_at : at,
      updated_at: at,
      cancelled_at: null,
      agent_id: corp.agentId ?? before?.agent_id ?? null,
      installed_by: corp.installedBy ?? before?.installed_by ?? null,
      permanent_code: await seal(await this.sealingKey(), corp.permanentCode, keyOf(corp.corpId)),
    };
    await this.store.put(keyOf(corp.corpId), record);
    return summary(record);
  }

  /** cancel_auth: the code is deleted, the row says cancelled. False when the corp was never known. */
  async cancel(corpId: string): Promise<boolean> {
    const record = await this.store.get<CorpRecord>(keyOf(corpId));
    if (!record) return false;
    const at = this.now();
    await this.store.put<CorpRecord>(keyOf(corpId), { ...record, state: 'cancelled', permanent_code: null, updated_at: at, cancelled_at: record.cancelled_at ?? at });
    return true;
  }

  async rename(corpId: string, name: string): Promise<void> {
    const record = await this.store.get<CorpRecord>(keyOf(corpId));
    if (record && name && record.name !== name) await this.store.put<CorpRecord>(keyOf(corpId), { ...record, name, updated_at: this.now() });
  }

  async get(corpId: string): Promise<CorpSummary | null> {
    const record = await this.store.get<CorpRecord>(keyOf(corpId));
    return record ? summary(record) : null;
  }

  /**
   * The permanent code of an active corp, or why there is none. `unreadable` means the sealing
   * secret (WECOM_SUITE_SECRET) changed since the code was stored: the corp must authorize again.
   */
  async permanentCode(corpId: string): Promise<{ ok: true; code: string; mode: AuthMode } | { ok: false; reason: 'unknown' | 'cancelled' | 'unreadable' }> {
    const record = await this.store.get<CorpRecord>(keyOf(corpId));
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.state !== 'active' || !record.permanent_code) return { ok: false, reason: 'cancelled' };
    const code = await unseal(await this.sealingKey(), record.permanent_code, keyOf(corpId));
    return code === null ? { ok: false, reason: 'unreadable' } : { ok: true, code, mode: record.auth_mode };
  }

  async list(): Promise<CorpSummary[]> {
    const rows = await this.store.list<CorpRecord>({ prefix: PREFIX });
    return [...rows.values()].map(summary).sort((a, b) => a.authorized_at - b.authorized_at || a.corp_id.localeCompare(b.corp_id));
  }
}
