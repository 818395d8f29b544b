import type { Role } from '../../storage/admin-tokens';
import type { KeyValueStore } from './store';

/**
 * Each authorized corp's console members beside its app admins: people an admin of that corp lets
 * sign in to its console, with a role. Kept per corp in the Suite object, next to the corp's
 * record, and deleted with it when the corp cancels (WeCom asks providers to delete what they hold,
 * https://developer.work.weixin.qq.com/document/path/90642).
 */

export interface CorpMember {
  userid: string;
  name: string;
  role: Role;
  added_by: string;
  added_at: number;
}

const PREFIX = 'member:';
/** Corp ids and userids hold no `:` (their shapes are checked where they come in). */
const corpPrefix = (corpId: string) => `${PREFIX}${corpId}:`;

export class CorpMembers {
  constructor(private readonly store: KeyValueStore) {}

  async list(corpId: string): Promise<CorpMember[]> {
    const rows = await this.store.list<CorpMember>({ prefix: corpPrefix(corpId) });
    return [...rows.values()].sort((a, b) => a.added_at - b.added_at || a.userid.localeCompare(b.userid));
  }

  async get(corpId: string, userid: string): Promise<CorpMember | null> {
    return (await this.store.get<CorpMember>(corpPrefix(corpId) + userid)) ?? null;
  }

  /** Adds the person, or changes their name and role (keeping when and by whom they were first added). */
  async put(corpId: string, member: CorpMember): Promise<CorpMember> {
    const before = await this.get(corpId, member.userid);
    const stored = before ? { ...member, added_by: before.added_by, added_at: before.added_at } : member;
    await this.store.put(corpPrefix(corpId) + member.userid, stored);
    return stored;
  }

  async remove(corpId: string, userid: string): Promise<boolean> {
    return this.store.delete(corpPrefix(corpId) + userid);
  }

  async forget(corpId: string): Promise<void> {
    for (const key of (await this.store.list({ prefix: corpPrefix(corpId) })).keys()) await this.store.delete(key);
  }
}
