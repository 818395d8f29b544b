import type { Env } from '../env';
import { aesKeyBytes, fail, pass, type DiagnosticCheck } from './settings-check';
import { CALLBACK_TOKEN, CORP_ID, PROVIDER_SECRET, SUITE_ID, SUITE_SECRET } from './settings-shapes';

/**
 * Many-corps mode: one deployment serving every corp that authorized the provider's suite (a
 * third-party app, or a 代开发 template whose id starts `dk`). Off unless WECOM_SUITE_ID is set.
 * https://developer.work.weixin.qq.com/document/path/97172 (instruction callbacks),
 * https://developer.work.weixin.qq.com/document/path/97164 (代开发: the permanent code is the app's secret).
 */

export type SuiteEnv = Pick<Env, 'WECOM_PROVIDER_CORP_ID' | 'WECOM_SUITE_ID' | 'WECOM_SUITE_SECRET' | 'WECOM_SUITE_TOKEN' | 'WECOM_SUITE_ENCODING_AES_KEY' | 'WECOM_PROVIDER_SECRET'>;

/** third_party: tokens from service/get_corp_token; customized (代开发): gettoken with the permanent code as the secret. */
export type AuthMode = 'third_party' | 'customized';

export interface SuiteSettings {
  providerCorpId: string;
  suiteId: string;
  suiteSecret: string;
  token: string;
  encodingAesKey: string;
  mode: AuthMode;
  /** The provider's Secret (optional): the provider token for the 代开发 QR link and licence checks; null when unset. */
  providerSecret: string | null;
}

/** 代开发 template ids start with `dk` (https://developer.work.weixin.qq.com/document/path/97162). */
export const authModeOf = (suiteId: string): AuthMode => (suiteId.startsWith('dk') ? 'customized' : 'third_party');

export const suiteModeOn = (env: SuiteEnv): boolean => (env.WECOM_SUITE_ID ?? '').trim() !== '';

export class SuiteSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`many-corps mode is misconfigured: ${problems.join('; ')}`);
    this.name = 'SuiteSettingsError';
  }
}

/** The suite's settings, or null when the mode is off. Throws SuiteSettingsError naming every bad one. */
export function suiteSettings(env: SuiteEnv): SuiteSettings | null {
  if (!suiteModeOn(env)) return null;
  const providerSecret = providerSecretOf(env);
  const failed = [...checkSuiteSettings(env), ...(providerSecret === 'malformed' ? [malformedProviderSecret] : [])].filter((c) => !c.ok);
  if (failed.length > 0) throw new SuiteSettingsError(failed.map((c) => c.message));
  const suiteId = env.WECOM_SUITE_ID!.trim();
  return {
    providerCorpId: env.WECOM_PROVIDER_CORP_ID!.trim(),
    suiteId,
    suiteSecret: env.WECOM_SUITE_SECRET!,
    token: env.WECOM_SUITE_TOKEN!,
    encodingAesKey: env.WECOM_SUITE_ENCODING_AES_KEY!,
    mode: authModeOf(suiteId),
    providerSecret: providerSecret === 'malformed' ? null : providerSecret,
  };
}

/** WECOM_PROVIDER_SECRET: null when unset, `malformed` when set in a wrong shape (the mode then refuses to run, as for the five). */
export function providerSecretOf(env: SuiteEnv): string | null | 'malformed' {
  const secret = (env.WECOM_PROVIDER_SECRET ?? '').trim();
  if (secret === '') return null;
  return PROVIDER_SECRET.test(secret) ? secret : 'malformed';
}

const PROVIDER_SECRET_FIX = '在服务商管理后台（https://open.work.weixin.qq.com/wwopen/developer）→ 服务商信息 → 基本信息 中查看 Secret，然后 wrangler secret put WECOM_PROVIDER_SECRET。';
const malformedProviderSecret = fail('provider_secret', 'WECOM_PROVIDER_SECRET 格式不对（字母、数字、- 或 _）', PROVIDER_SECRET_FIX);

/**
 * The `provider_secret` check's shape part: optional for a third-party app (without it the corps'
 * licence state is unknown), needed by a 代开发 template (its authorization QR code). Null when the
 * secret is set and well formed: the diagnostics then prove it with a provider token.
 */
export function providerSecretShape(env: SuiteEnv): DiagnosticCheck | null {
  const secret = providerSecretOf(env);
  if (secret === 'malformed') return malformedProviderSecret;
  if (secret !== null) return null;
  return authModeOf((env.WECOM_SUITE_ID ?? '').trim()) === 'customized'
    ? fail('provider_secret', '未设置 WECOM_PROVIDER_SECRET：代开发模板的授权二维码无法生成，接口许可状态无法查询', PROVIDER_SECRET_FIX)
    : pass('provider_secret', '未设置 WECOM_PROVIDER_SECRET（可选）：各企业的接口许可状态不会显示');
}

const PROVIDER_CONSOLE = '服务商管理后台（https://open.work.weixin.qq.com/wwopen/developer）';

/** The diagnostics' checks of the five settings (only run when the mode is on). Never repeats a secret. */
export function checkSuiteSettings(env: SuiteEnv): DiagnosticCheck[] {
  const provider = (env.WECOM_PROVIDER_CORP_ID ?? '').trim();
  const suite = (env.WECOM_SUITE_ID ?? '').trim();
  const secret = env.WECOM_SUITE_SECRET ?? '';
  const token = env.WECOM_SUITE_TOKEN ?? '';
  const key = env.WECOM_SUITE_ENCODING_AES_KEY ?? '';
  return [
    CORP_ID.test(provider)
      ? pass('provider_corp_id', `服务商企业ID 已设置（${provider}）`)
      : fail('provider_corp_id', provider ? 'WECOM_PROVIDER_CORP_ID 不像企业ID（应为 ww 加 16 位字母或数字）' : '未设置 WECOM_PROVIDER_CORP_ID', `在${PROVIDER_CONSOLE} → 服务商信息 → 基本信息 中复制 CorpID，写入 wrangler.toml 的 [vars]。`),
    SUITE_ID.test(suite)
      ? pass('suite_id', `应用 SuiteID 已设置（${suite}，${authModeOf(suite) === 'customized' ? '代开发模板' : '第三方应用'}）`)
      : fail('suite_id', 'WECOM_SUITE_ID 不像 SuiteID（第三方应用以 ww/wx 开头，代开发模板以 dk 开头）', `在${PROVIDER_CONSOLE} → 应用管理 → 该应用（或代开发模板）的详情中复制 SuiteID。`),
    SUITE_SECRET.test(secret)
      ? pass('suite_secret', '应用 Secret 已设置')
      : fail('suite_secret', secret ? 'WECOM_SUITE_SECRET 格式不对（字母、数字、- 或 _）' : '未设置 WECOM_SUITE_SECRET', '在同一详情页查看 Secret，然后 wrangler secret put WECOM_SUITE_SECRET。'),
    CALLBACK_TOKEN.test(token)
      ? pass('suite_token', '应用回调 Token 格式正确')
      : fail('suite_token', token ? 'WECOM_SUITE_TOKEN 格式不对（应为 1-32 位字母或数字）' : '未设置 WECOM_SUITE_TOKEN', '在该应用的「回调配置」中查看 Token，然后 wrangler secret put WECOM_SUITE_TOKEN。'),
    aesKeyBytes(key) === 32
      ? pass('suite_encoding_aes_key', '应用 EncodingAESKey 为 43 位，可解出 32 字节密钥')
      : fail('suite_encoding_aes_key', key ? `WECOM_SUITE_ENCODING_AES_KEY 不是 43 位字母或数字（现为 ${key.length} 位）` : '未设置 WECOM_SUITE_ENCODING_AES_KEY', '在该应用的「回调配置」中复制 EncodingAESKey，然后 wrangler secret put WECOM_SUITE_ENCODING_AES_KEY。'),
  ];
}
