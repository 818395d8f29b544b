import { suiteStub } from '../objects/suite';
import { tenantOfEnv, type TenantEnv } from '../storage/tenant';
import { OWN_TENANT } from '../wecom/corp';
import { failureHelp } from '../wecom/errcode-help';
import { licenseCheck } from '../wecom/license';
import { fail, pass, type DiagnosticCheck } from '../wecom/settings-check';
import { checkSuiteSettings, providerSecretOf, providerSecretShape, suiteModeOn, suiteSettings, type SuiteSettings } from '../wecom/suite-settings';

/**
 * Many-corps mode's diagnostics (none while WECOM_SUITE_ID is unset): the five settings' shapes,
 * then whether a suite_ticket arrived in the last 30 minutes (WeCom pushes one every 10), which
 * is what proves the instruction URL works; the optional provider Secret, proven by a provider
 * token; and, acting for a corp other than the own one, that corp's 接口调用许可 state.
 */
export async function suiteChecks(env: TenantEnv, now: number = Date.now()): Promise<DiagnosticCheck[]> {
  if (!suiteModeOn(env)) return [];
  const shapes = checkSuiteSettings(env);
  const secretShape = providerSecretShape(env);
  if (shapes.some((c) => !c.ok) || providerSecretOf(env) === 'malformed') {
    return [...shapes, fail('suite_ticket', '未检查：多企业模式的设置不完整', '先按上面的提示补全设置。'), ...(secretShape ? [secretShape] : [])];
  }
  const suite = suiteSettings(env)!;
  const { stub, context } = suiteStub(env, suite);
  const ticket = await stub.ticket(context);
  const fix = '在服务商管理后台 → 应用管理 → 该应用 → 回调配置 中把「指令回调URL」设为 …/wecom/suite/callback（Token、EncodingAESKey 与设置一致），保存后点「刷新Ticket」。';
  const tenant = tenantOfEnv(env);
  return [
    ...shapes,
    !ticket
      ? fail('suite_ticket', '还没有收到过 suite_ticket', fix)
      : ticket.fresh
        ? pass('suite_ticket', `最近 30 分钟内收到过 suite_ticket（${new Date(ticket.received_at).toISOString()}）`)
        : fail('suite_ticket', `最近一次 suite_ticket 已超过 30 分钟（${new Date(ticket.received_at).toISOString()}）`, fix),
    secretShape ?? (await providerTokenCheck(stub, context)),
    ...(tenant === OWN_TENANT ? [] : [await corpLicenseCheck(stub, context, suite, tenant, now)]),
  ];
}

type Stub = ReturnType<typeof suiteStub>['stub'];
type Context = ReturnType<typeof suiteStub>['context'];

async function providerTokenCheck(stub: Stub, context: Context): Promise<DiagnosticCheck> {
  const token = await stub.providerToken(context);
  if (token.ok) return pass('provider_secret', '服务商 Secret 已设置，企业微信发放了 provider_access_token');
  const help = failureHelp(token.failure);
  return fail('provider_secret', `取 provider_access_token 失败：${help.message}（errcode ${token.failure.errcode}）`, help.fix);
}

async function corpLicenseCheck(stub: Stub, context: Context, suite: SuiteSettings, corpId: string, now: number): Promise<DiagnosticCheck> {
  if (suite.providerSecret === null) return licenseCheck(null, '未设置 WECOM_PROVIDER_SECRET', now);
  const { license, why } = await stub.license(context, corpId);
  return licenseCheck(license, why ?? '尚未查询', now);
}
