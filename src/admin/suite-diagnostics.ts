import type { Env } from '../env';
import { suiteStub } from '../objects/suite';
import { fail, pass, type DiagnosticCheck } from '../wecom/settings-check';
import { checkSuiteSettings, suiteModeOn, suiteSettings } from '../wecom/suite-settings';

/**
 * Many-corps mode's diagnostics (none while WECOM_SUITE_ID is unset): the five settings' shapes,
 * then whether a suite_ticket arrived in the last 30 minutes (WeCom pushes one every 10), which
 * is what proves the instruction URL works.
 */
export async function suiteChecks(env: Env): Promise<DiagnosticCheck[]> {
  if (!suiteModeOn(env)) return [];
  const shapes = checkSuiteSettings(env);
  if (shapes.some((c) => !c.ok)) return [...shapes, fail('suite_ticket', '未检查：多企业模式的设置不完整', '先按上面的提示补全设置。')];
  const { stub, context } = suiteStub(env, suiteSettings(env)!);
  const ticket = await stub.ticket(context);
  const fix = '在服务商管理后台 → 应用管理 → 该应用 → 回调配置 中把「指令回调URL」设为 …/wecom/suite/callback（Token、EncodingAESKey 与设置一致），保存后点「刷新Ticket」。';
  return [
    ...shapes,
    !ticket
      ? fail('suite_ticket', '还没有收到过 suite_ticket', fix)
      : ticket.fresh
        ? pass('suite_ticket', `最近 30 分钟内收到过 suite_ticket（${new Date(ticket.received_at).toISOString()}）`)
        : fail('suite_ticket', `最近一次 suite_ticket 已超过 30 分钟（${new Date(ticket.received_at).toISOString()}）`, fix),
  ];
}
