import { z } from 'zod';
import { ADMIN_TOKEN_MIN, CALLBACK_TOKEN, CORP_ID, ENCODING_AES_KEY, KF_SECRET } from './settings-shapes';

/**
 * The shape of one diagnostic check, and the checks of the secrets' shapes (pure: no call is
 * made). Messages and fixes are Chinese for the operator and never repeat a secret's value.
 * Formats: https://developer.work.weixin.qq.com/document/path/90930 (回调配置: Token up to 32
 * letters or digits, EncodingAESKey 43 letters or digits).
 */

export const DiagnosticCheckSchema = z.object({
  id: z.string(),
  /** True when nothing needs doing. A check that could not run is false, with the reason. */
  ok: z.boolean(),
  message: z.string(),
  /** What to do (empty when ok). */
  fix: z.string(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheckSchema>;

export interface SecretSettings {
  WECOM_CORP_ID?: string | undefined;
  WECOM_TOKEN?: string | undefined;
  WECOM_ENCODING_AES_KEY?: string | undefined;
  WECOM_KF_SECRET?: string | undefined;
  ADMIN_TOKEN?: string | undefined;
}

export const pass = (id: string, message: string): DiagnosticCheck => ({ id, ok: true, message, fix: '' });
export const fail = (id: string, message: string, fix: string): DiagnosticCheck => ({ id, ok: false, message, fix });

const WECOM_CALLBACK = '企业微信管理后台 → 应用管理 → 微信客服 → API → 回调配置';

/** Whether a 43-character EncodingAESKey decodes (as base64 with its `=`) to a 32-byte AES key. */
export function aesKeyBytes(key: string): number | null {
  if (!ENCODING_AES_KEY.test(key)) return null;
  try {
    return atob(`${key}=`).length;
  } catch {
    return null;
  }
}

export function checkSecrets(s: SecretSettings): DiagnosticCheck[] {
  const corp = s.WECOM_CORP_ID ?? '';
  const token = s.WECOM_TOKEN ?? '';
  const key = s.WECOM_ENCODING_AES_KEY ?? '';
  const secret = s.WECOM_KF_SECRET ?? '';
  const admin = s.ADMIN_TOKEN ?? '';
  return [
    CORP_ID.test(corp)
      ? pass('corp_id', `企业ID 已设置（${corp}）`)
      : fail('corp_id', corp ? 'WECOM_CORP_ID 不像企业ID（应为 ww 加 16 位字母或数字）' : '未设置 WECOM_CORP_ID', '在企业微信管理后台 → 我的企业 → 企业信息 页底复制「企业ID」，用 npm run setup（或 wrangler secret put WECOM_CORP_ID）保存。'),
    CALLBACK_TOKEN.test(token)
      ? pass('token', '回调 Token 格式正确')
      : fail('token', token ? 'WECOM_TOKEN 格式不对（应为 1-32 位字母或数字）' : '未设置 WECOM_TOKEN', `在${WECOM_CALLBACK} 中查看或随机生成 Token，然后 wrangler secret put WECOM_TOKEN（两边必须一致）。`),
    aesKeyBytes(key) === 32
      ? pass('encoding_aes_key', 'EncodingAESKey 为 43 位，可解出 32 字节密钥')
      : fail(
          'encoding_aes_key',
          key ? `WECOM_ENCODING_AES_KEY 不是 43 位字母或数字（现为 ${key.length} 位）` : '未设置 WECOM_ENCODING_AES_KEY',
          `在${WECOM_CALLBACK} 中复制 EncodingAESKey（43 位），然后 wrangler secret put WECOM_ENCODING_AES_KEY。`,
        ),
    KF_SECRET.test(secret)
      ? pass('kf_secret', '微信客服 Secret 已设置')
      : fail('kf_secret', secret ? 'WECOM_KF_SECRET 应为 43 位字母、数字、- 或 _' : '未设置 WECOM_KF_SECRET', '在企业微信管理后台 → 应用管理 → 微信客服 → API 中查看 Secret，然后 wrangler secret put WECOM_KF_SECRET。'),
    admin.length >= ADMIN_TOKEN_MIN && !/\s/.test(admin)
      ? pass('admin_token', 'ADMIN_TOKEN 已设置')
      : fail(
          'admin_token',
          admin ? `ADMIN_TOKEN 太短或含空白（至少 ${ADMIN_TOKEN_MIN} 个字符）` : '未设置 ADMIN_TOKEN',
          '用 npm run setup 生成一个随机值（或 openssl rand -hex 32 后 wrangler secret put ADMIN_TOKEN）。',
        ),
  ];
}
