/**
 * The platform's limits on managing kf accounts and servicers, and the avatar image check. Pure:
 * the admin API refuses bad input with these before WeCom sees it, and the simulator enforces them.
 *
 * - kf/account/add, update: name at most 16 characters, media_id from media/upload; 5000 accounts
 *   per corp, 10 for an unverified one (errcode 95027)
 *   (https://developer.work.weixin.qq.com/document/path/96404, /94690).
 * - kf/account/list: limit 1..100; stop when fewer than `limit` come back.
 * - media/upload type=image: JPG or PNG; the file must be larger than 5 bytes; the media_id lasts
 *   3 days (https://developer.work.weixin.qq.com/document/path/96484). Copies of that page
 *   disagree on the size cap (2 MB in older ones, 10 MB in newer): 2 MiB is within both.
 * - kf/servicer/add, del: at most 100 userids and 100 department ids per call
 *   (https://developer.work.weixin.qq.com/document/path/94646, /94647).
 */

export const KF_NAME_MAX_CHARS = 16;
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** media/upload refuses files of 5 bytes or fewer. */
export const MEDIA_MIN_BYTES = 6;
export const MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;
export const ACCOUNT_PAGE_MAX = 100;
export const UNVERIFIED_ACCOUNT_LIMIT = 10;
/** The documented cap for a corp (an older javadoc says 10: that is the unverified limit above). */
export const ACCOUNT_LIMIT = 5000;
export const SERVICER_BATCH_MAX = 100;

/** Characters as a person counts them (code points), so 客服 is 2 and an emoji is 1. */
export const charCount = (s: string): number => Array.from(s).length;

export function kfNameProblem(name: string): string | null {
  const n = charCount(name);
  if (n === 0 || name.trim() === '') return '客服名称不能为空 / the name must not be empty';
  if (n > KF_NAME_MAX_CHARS) return `客服名称最多 ${KF_NAME_MAX_CHARS} 个字符，现为 ${n} 个 / the name must be at most ${KF_NAME_MAX_CHARS} characters (it has ${n})`;
  return null;
}

export type ImageKind = 'jpeg' | 'png';

/** JPG or PNG by the file's own first bytes (its magic number), whatever its name or declared type. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  // JPEG: SOI marker FF D8 followed by the next marker's FF.
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  // PNG: the fixed 8-byte signature.
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

export const AVATAR_TOO_LARGE = '头像图片不能超过 2 MiB / the avatar must be at most 2 MiB';

/** Why an avatar file is refused, or null when WeCom will take it. */
export function avatarProblem(bytes: Uint8Array): string | null {
  if (bytes.length > AVATAR_MAX_BYTES) return AVATAR_TOO_LARGE;
  if (bytes.length < MEDIA_MIN_BYTES) return '头像图片为空或不完整 / the avatar file is empty or truncated';
  if (!sniffImage(bytes)) return '头像须为 JPG 或 PNG 图片（按文件内容判断，不看扩展名）/ the avatar must be a JPG or PNG image (judged by its content, not its name)';
  return null;
}
