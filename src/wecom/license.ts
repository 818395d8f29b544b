import { z } from 'zod';
import { fail, pass, type DiagnosticCheck } from './settings-check';

/**
 * 接口调用许可: third-party and 代开发 apps need a paid licence account per member once WeCom
 * checks licences for the app in a corp, after a 90-day trial from the first install.
 * license/get_app_license_info answers `license_status` (0: not checked yet, 1: checked),
 * `trail_info {start_time, end_time}` (WeCom's spelling; only with status 1 and a trial) and
 * `license_check_time` (from when calls without a licence are intercepted). The field names are
 * those of WeCom's page (https://developer.work.weixin.qq.com/document/path/95844) as the SDKs
 * read them, e.g. WxJava's WxCpTpLicenseService.getAppLicenseInfo
 * (https://github.com/binarywang/WxJava). Pure: the Suite object fetches and caches the answer.
 */

export const AppLicenseAnswerSchema = z.looseObject({
  license_status: z.number().int(),
  trail_info: z.looseObject({ start_time: z.number().int(), end_time: z.number().int() }).optional(),
  license_check_time: z.number().int().optional(),
});
export type AppLicenseAnswer = z.infer<typeof AppLicenseAnswerSchema>;

/** A trial ending this close deserves a warning. */
export const TRIAL_WARN_DAYS = 14;
const DAY_MS = 86_400_000;

export const CorpLicenseSchema = z.object({
  /**
   * unchecked: WeCom does not check licences for the app in this corp (status 0); trial: in the
   * free trial; trial_ending: it ends within 14 days; needs_license: checked, no trial left, so
   * members without an activated licence account are refused.
   */
  state: z.enum(['unchecked', 'trial', 'trial_ending', 'needs_license']),
  /** WeCom's license_status as answered. */
  license_status: z.number().int(),
  trial_start_at: z.number().int().nullable(),
  trial_end_at: z.number().int().nullable(),
  /** license_check_time: from when calls without a licence are intercepted (ms). */
  check_from: z.number().int().nullable(),
  /** When WeCom was asked (the answer is kept up to an hour). */
  checked_at: z.number().int(),
});
export type CorpLicense = z.infer<typeof CorpLicenseSchema>;

/** What an answer means at `now` (seconds in, ms out). */
export function licenseView(answer: AppLicenseAnswer, checkedAt: number, now: number): CorpLicense {
  const trialEnd = answer.trail_info ? answer.trail_info.end_time * 1000 : null;
  const state: CorpLicense['state'] =
    answer.license_status !== 1 ? 'unchecked' : trialEnd !== null && trialEnd > now ? (trialEnd - now <= TRIAL_WARN_DAYS * DAY_MS ? 'trial_ending' : 'trial') : 'needs_license';
  return {
    state,
    license_status: answer.license_status,
    trial_start_at: answer.trail_info ? answer.trail_info.start_time * 1000 : null,
    trial_end_at: trialEnd,
    check_from: answer.license_check_time ? answer.license_check_time * 1000 : null,
    checked_at: checkedAt,
  };
}

const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const BUY = '在服务商管理后台 → 接口调用许可 中为该企业购买接口许可帐号，并激活给使用本应用的成员（https://developer.work.weixin.qq.com/document/path/95652）。';

/** The diagnostics' `license` check of the corp a request acts for; `unknown` says why there is no answer. */
export function licenseCheck(license: CorpLicense | null, unknown: string, now: number): DiagnosticCheck {
  if (!license) return fail('license', `接口许可状态未知：${unknown}`, '设置 WECOM_PROVIDER_SECRET 后重试；持续失败请查看 Worker 日志。');
  switch (license.state) {
    case 'unchecked':
      return pass('license', '企业微信尚未对本应用在该企业开启接口许可检查');
    case 'trial':
      return pass('license', `接口许可试用期至 ${day(license.trial_end_at!)}`);
    case 'trial_ending':
      return fail('license', `接口许可试用期将于 ${day(license.trial_end_at!)} 结束（还剩 ${Math.ceil((license.trial_end_at! - now) / DAY_MS)} 天）`, BUY);
    case 'needs_license': {
      const from = license.check_from ? `，自 ${day(license.check_from)} 起` : '';
      return fail('license', `接口许可检查已开启且没有试用期${from}未激活接口许可的成员调用接口会被拦截`, `${BUY}已购买并激活可忽略此提醒。`);
    }
  }
}
