import { AVATAR_MAX_BYTES, AVATAR_TOO_LARGE, avatarProblem, kfNameProblem } from '../../wecom/kf-limits';
import type { Issue, ServicerResult, ServicersAnswer } from '../api/shapes';

/**
 * A kf account's form and servicers as the operator sees them. The name and avatar rules are the
 * server's own (src/wecom/kf-limits.ts), so the console refuses exactly what the admin API would.
 */

export interface AccountProblems {
  name?: string;
  avatar?: string;
}

/** Problems with a new name (undefined: unchanged) and a new avatar file (judged by its bytes, as the server does). */
export async function accountProblems(name: string | undefined, avatar: Blob | undefined): Promise<AccountProblems> {
  const problems: AccountProblems = {};
  const nameProblem = name === undefined ? null : kfNameProblem(name);
  if (nameProblem) problems.name = nameProblem;
  // A file over the limit is refused by its size, without reading it.
  const avatarIssue = avatar === undefined ? null : avatar.size > AVATAR_MAX_BYTES ? AVATAR_TOO_LARGE : avatarProblem(new Uint8Array(await avatar.arrayBuffer()));
  if (avatarIssue) problems.avatar = avatarIssue;
  return problems;
}

/** The admin API's 400 issues at `name` and `avatar` (a refused form), as problems at those fields. */
export function formProblems(issues: readonly Issue[]): AccountProblems {
  const problems: AccountProblems = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === 'name' || field === 'avatar') problems[field] = problems[field] ? `${problems[field]}；${issue.message}` : issue.message;
  }
  return problems;
}

/** One line per item of a servicer change: who, and for a failure WeCom's reason, errcode and fix. */
export interface ServicerLine {
  ok: boolean;
  text: string;
  fix?: string;
}
export const servicerWho = (s: { userid?: string | undefined; department_id?: number | undefined }): string => (s.userid !== undefined ? s.userid : `部门 ${s.department_id ?? '?'}`);
export function servicerLines(results: readonly ServicerResult[]): ServicerLine[] {
  return results.map((r) =>
    r.ok ? { ok: true, text: `${servicerWho(r)}：成功` } : { ok: false, text: `${servicerWho(r)}：${r.message}（errcode ${r.errcode}）`, ...(r.fix ? { fix: r.fix } : {}) },
  );
}

/** Status 0 接待中, 1 停止接待 (users only). */
export const servicerStatus = (s: ServicersAnswer['servicer_list'][number]): string => (s.department_id !== undefined ? '部门' : s.status === 1 ? '停止接待' : '接待中');

/** A servicer change from the form: userids one a line, department ids separated by spaces or commas; what is not a department id is named. */
export function servicerChange(userids: string, departments: string): { userid_list: string[]; department_id_list: number[]; bad: string[] } {
  const userid_list = userids.split('\n').map((s) => s.trim()).filter(Boolean);
  const parts = departments.split(/[\s,，]+/).filter(Boolean);
  const bad = parts.filter((p) => !/^[1-9]\d{0,9}$/.test(p));
  return { userid_list, department_id_list: parts.filter((p) => !bad.includes(p)).map(Number), bad };
}
