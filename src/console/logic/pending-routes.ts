import type { DiagnosticCheck, KfAccount, SuggestionCluster } from '../api/shapes';

/**
 * Readers for the answers of routes built beside the console: anything that does not have the
 * agreed shape is left out rather than trusted, so a half-finished route cannot break a page.
 */
type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (body: unknown, key: string): unknown[] => (isObject(body) && Array.isArray(body[key]) ? body[key] : []);
const str = (v: unknown): v is string => typeof v === 'string';

export function readSuggestions(body: unknown): SuggestionCluster[] {
  return listOf(body, 'clusters').flatMap((c) => {
    if (!isObject(c) || !(str(c['id']) || typeof c['id'] === 'number')) return [];
    const n = c['nearest'];
    const nearest = isObject(n) && str(n['id']) && str(n['question']) && typeof n['score'] === 'number' ? { id: n['id'], question: n['question'], score: n['score'] } : null;
    const examples = Array.isArray(c['examples']) ? c['examples'].filter(str) : [];
    return [{ id: String(c['id']), count: typeof c['count'] === 'number' ? c['count'] : examples.length, examples, nearest }];
  });
}

export function readAccounts(body: unknown): KfAccount[] {
  return listOf(body, 'accounts').flatMap((a) =>
    isObject(a) && str(a['open_kfid']) ? [{ open_kfid: a['open_kfid'], name: str(a['name']) ? a['name'] : '', avatar: str(a['avatar']) ? a['avatar'] : '' }] : [],
  );
}

export function readChecks(body: unknown): DiagnosticCheck[] {
  return listOf(body, 'checks').flatMap((c) =>
    isObject(c) && str(c['id']) && typeof c['ok'] === 'boolean'
      ? [{ id: c['id'], ok: c['ok'], message: str(c['message']) ? c['message'] : '', fix: str(c['fix']) ? c['fix'] : undefined }]
      : [],
  );
}

/** Servicer userids from GET …/servicers: `servicers` or WeCom's `servicer_list`, of ids or of {userid}. */
export function readServicers(body: unknown): string[] {
  const list = [...listOf(body, 'servicers'), ...listOf(body, 'servicer_list')];
  return list.flatMap((s) => (str(s) ? [s] : isObject(s) && str(s['userid']) ? [s['userid']] : []));
}

/** The rules a kf account's new name and avatar must meet before upload (WeCom: name ≤ 16 characters, JPG/PNG ≤ 2 MiB). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export function accountProblems(name: string | undefined, avatar: { type: string; size: number } | undefined): { name?: string; avatar?: string } {
  const problems: { name?: string; avatar?: string } = {};
  if (name !== undefined && (name.trim().length === 0 || [...name.trim()].length > 16)) problems.name = '名称须为 1-16 个字符';
  if (avatar && !['image/jpeg', 'image/png'].includes(avatar.type)) problems.avatar = '头像须为 JPG 或 PNG 图片';
  else if (avatar && avatar.size > AVATAR_MAX_BYTES) problems.avatar = '头像不能超过 2 MiB';
  return problems;
}
