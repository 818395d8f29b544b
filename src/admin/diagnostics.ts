import { z } from 'zod';
import { validateConfig } from '../rules/config-validate';
import { readCallbackNote, type CallbackNote } from '../storage/callback-health';
import { getStable } from '../storage/config-store';
import { failureHelp } from '../wecom/errcode-help';
import { WecomApiError } from '../wecom/errors';
import { checkSecrets, DiagnosticCheckSchema, fail, pass, type DiagnosticCheck } from '../wecom/settings-check';
import { replayWindowSeconds } from '../wecom/callback';
import { suiteChecks } from './suite-diagnostics';
import { listKfAccounts } from './kf-accounts';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { signinCheck } from './signin/setup';
import type { TenantEnv } from '../storage/tenant';
import { corpEnv } from './tenant';
import { corpWecomApi } from '../objects/corp-api';

/**
 * `GET /admin/api/diagnostics` (operator): whether the setup works, check by check, each with what
 * to do in Chinese: the secrets' shapes, gettoken through the shared token cache, the kf API
 * (switch on, accounts reachable), the trusted-IP refusal, the callback URL verified and callbacks
 * arriving, clock skew on the last callback, and the stable config's warnings. A check never
 * throws: anything that goes wrong is that check's `ok: false` with the reason.
 */

export const DiagnosticsAnswerSchema = z.object({ checks: z.array(DiagnosticCheckSchema) });

/** Callback timestamps further than this from our clock deserve a look (the replay window refuses past it). */
export const SKEW_WARN_S = 60;

const when = (ms: number, now: number): string => {
  const minutes = Math.round((now - ms) / 60_000);
  const ago = minutes < 1 ? '刚刚' : minutes < 120 ? `${minutes} 分钟前` : minutes < 2880 ? `${Math.round(minutes / 60)} 小时前` : `${Math.round(minutes / 1440)} 天前`;
  return `${new Date(ms).toISOString()}（${ago}）`;
};

/** gettoken, the kf API and the trusted IP from one real kf/account/list round (every page). */
async function wecomChecks(env: TenantEnv): Promise<DiagnosticCheck[]> {
  try {
    const accounts = await listKfAccounts(corpWecomApi(env));
    return [
      pass('gettoken', '已取得 access_token（经共享缓存），企业微信接受了它'),
      accounts.length > 0
        ? pass('kf_api', `微信客服 API 可用，共 ${accounts.length} 个客服账号`)
        : fail('kf_api', '微信客服 API 可用，但还没有可由 API 管理的客服账号', '在「客服账号」中创建一个，或在企业微信管理后台把已有的客服账号交给 API 管理。'),
      pass('trusted_ip', '企业微信接受了来自当前出口的调用'),
    ];
  } catch (e) {
    if (!(e instanceof WecomApiError)) return [fail('gettoken', `检查出错：${String(e)}`, '稍后重试。')];
    const help = failureHelp(e);
    const refused = fail(e.path === '/cgi-bin/gettoken' ? 'gettoken' : 'kf_api', `${help.message}（errcode ${e.errcode}）`, help.fix);
    const ipRefused = e.errcode === 60020;
    const trusted = ipRefused ? fail('trusted_ip', refused.message, help.fix) : fail('trusted_ip', '未能确认：调用没有到达企业微信的数据接口', '先解决上面的问题。');
    return refused.id === 'gettoken'
      ? [refused, fail('kf_api', '未检查：没有 access_token', '先解决 gettoken 的问题。'), trusted]
      : [pass('gettoken', '已取得 access_token（经共享缓存）'), refused, ipRefused ? trusted : pass('trusted_ip', '企业微信接受了来自当前出口的调用')];
  }
}

function callbackChecks(get: CallbackNote | null, post: CallbackNote | null, origin: string, windowS: number, now: number): DiagnosticCheck[] {
  const url = `${origin}/wecom/callback`;
  const last = [get, post].filter((n): n is CallbackNote => n !== null).sort((a, b) => b.at - a.at)[0];
  return [
    get
      ? pass('callback_verified', `回调 URL 最近一次验证成功：${when(get.at, now)}`)
      : fail(
          'callback_verified',
          '没有回调 URL 验证成功的记录',
          `在企业微信管理后台 → 应用管理 → 微信客服 → API 的「接收消息」中填写 URL ${url}，Token 与 EncodingAESKey 与 Worker 的设置一致，点保存（企业微信会当场验证）。早于本功能的验证没有记录：重新保存一次即可。`,
        ),
    post
      ? pass('callback_received', `最近一次收到回调：${when(post.at, now)}`)
      : fail('callback_received', '还没有收到过回调', '用微信打开任一客服链接发一条消息；仍没有回调时，确认客服账号已交给 API 管理、回调 URL 已保存。'),
    !last
      ? pass('clock_skew', '尚无已验证的回调，暂无法测量时钟偏差')
      : Math.abs(last.skew_s) <= SKEW_WARN_S
        ? pass('clock_skew', `最近一次回调的时间戳与 Worker 时钟相差 ${last.skew_s} 秒`)
        : fail(
            'clock_skew',
            `最近一次回调的时间戳与 Worker 时钟相差 ${last.skew_s} 秒`,
            `${windowS > 0 ? `偏差超过 ${windowS} 秒（WECOM_REPLAY_WINDOW_S）的回调会被拒绝。` : ''}偏差大多来自企业微信的重试或转发代理的延迟：检查代理与网络；确需放宽时调大 WECOM_REPLAY_WINDOW_S。`,
          ),
  ];
}

async function configCheck(env: TenantEnv): Promise<DiagnosticCheck> {
  const stable = await getStable(env);
  if (!stable) return fail('config', '还没有保存过配置', '在控制台保存一份配置（PUT /admin/api/config），第一份即为稳定版。');
  const checked = validateConfig(stable.document);
  if (!checked.ok) return fail('config', `稳定版配置 v${stable.version} 已不能通过校验（${checked.issues.length} 处）`, '在控制台修正并发布新版本。');
  if (checked.warnings.length === 0) return pass('config', `稳定版配置 v${stable.version} 没有提醒`);
  const listed = checked.warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('；');
  return fail('config', `稳定版配置 v${stable.version} 有 ${checked.warnings.length} 条提醒：${listed}`, '按提醒修改配置并发布新版本；确属有意为之可忽略。');
}

/** Runs a check; whatever it throws becomes that check failing with the reason. */
async function guarded(id: string, run: () => Promise<DiagnosticCheck | DiagnosticCheck[]>): Promise<DiagnosticCheck[]> {
  try {
    const r = await run();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    return [fail(id, `检查出错：${e instanceof Error ? e.message : String(e)}`, '稍后重试；持续出错请查看 Worker 日志。')];
  }
}

export async function runDiagnostics(env: TenantEnv, origin: string, now: number = Date.now()): Promise<DiagnosticCheck[]> {
  const [wecom, callbacks, config, suite] = await Promise.all([
    guarded('gettoken', () => wecomChecks(env)),
    guarded('callback_verified', async () =>
      callbackChecks(await readCallbackNote(env, 'get'), await readCallbackNote(env, 'post'), origin, replayWindowSeconds(env.WECOM_REPLAY_WINDOW_S), now),
    ),
    guarded('config', () => configCheck(env)),
    guarded('suite_ticket', () => suiteChecks(env, now)),
  ]);
  return [...checkSecrets(env), ...wecom, ...callbacks, ...config, signinCheck(env), ...suite];
}

export const diagnosticsRoutes = adminApp().openapi(
  adminRoute('operator', {
    method: 'get',
    path: '/',
    summary: 'Setup checks (secrets, gettoken, kf API switch, trusted IP, callbacks, clock skew, config warnings), each with what to do in Chinese',
    responses: { 200: jsonAnswer(DiagnosticsAnswerSchema) },
  }),
  async (c) => c.json({ checks: await runDiagnostics(corpEnv(c), new URL(c.req.url).origin) }),
);
