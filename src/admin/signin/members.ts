import { z } from 'zod';
import { RoleSchema, type Role } from '../roles';

/**
 * Who may sign in to the console with a WeCom QR code, and as what: the `CONSOLE_MEMBERS` setting,
 * a JSON array `[{"userid": "zhangsan", "name": "张三", "role": "admin"}]`. A setting rather than a
 * section of the config document: config versions are written by operators and released in
 * stages, and a list of who is admin must not be editable by the people it ranks nor half-released.
 * getuserinfo answers only the userid (names need contact permissions new apps do not get), so
 * the name shown in the console and the audit log comes from here, the userid when absent.
 */

/** WeCom userids: letters, digits, `_ - . @`, at most 64 (成员 UserID). */
export const WecomUseridSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, { error: 'must be a WeCom userid (1-64 of A-Z a-z 0-9 _ - . @)' });

export const ConsoleMemberSchema = z.strictObject({
  userid: WecomUseridSchema,
  name: z.string().trim().min(1).max(64).optional(),
  role: RoleSchema,
});
export type ConsoleMember = { userid: string; name: string; role: Role };

export const ConsoleMembersSchema = z.array(ConsoleMemberSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (seen.has(m.userid)) ctx.addIssue({ code: 'custom', path: [i, 'userid'], message: `${m.userid} is listed twice` });
    seen.add(m.userid);
  });
});

export type MembersReading = { ok: true; members: ReadonlyMap<string, ConsoleMember> } | { ok: false; message: string };

let memo: { raw: string; reading: MembersReading } | undefined;

/** The allow-list read from the setting (memoised per value: it is read on every cookie request). */
export function readConsoleMembers(raw: string | undefined): MembersReading {
  const text = raw?.trim() ?? '';
  if (memo?.raw === text) return memo.reading;
  const reading = parseMembers(text);
  memo = { raw: text, reading };
  return reading;
}

function parseMembers(text: string): MembersReading {
  if (text === '') return { ok: false, message: '未设置 CONSOLE_MEMBERS：没有人可以扫码登录控制台' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'CONSOLE_MEMBERS 不是合法的 JSON' };
  }
  const parsed = ConsoleMembersSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `CONSOLE_MEMBERS 格式不对：${first ? `${first.path.join('.') || '(整体)'} ${first.message}` : ''}` };
  }
  if (parsed.data.length === 0) return { ok: false, message: 'CONSOLE_MEMBERS 是空列表：没有人可以扫码登录控制台' };
  return { ok: true, members: new Map(parsed.data.map((m) => [m.userid, { userid: m.userid, name: m.name ?? m.userid, role: m.role }])) };
}
