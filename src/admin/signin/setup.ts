import type { Env } from '../../env';
import { fail, pass, type DiagnosticCheck } from '../../wecom/settings-check';
import { authModeOf, suiteModeOn, type SuiteEnv } from '../../wecom/suite-settings';
import { AGENT_ID } from './login-url';
import { readConsoleMembers } from './members';

/** Whether the QR sign-in can work with these settings: null, or what is missing (in Chinese). */
export function signinSetupProblem(env: Pick<Env, 'WECOM_AGENT_ID' | 'CONSOLE_MEMBERS'>): string | null {
  if (!AGENT_ID.test(env.WECOM_AGENT_ID ?? '')) return env.WECOM_AGENT_ID ? 'WECOM_AGENT_ID 应为自建应用的 AgentId（数字）' : '未设置 WECOM_AGENT_ID（自建应用的 AgentId）';
  const members = readConsoleMembers(env.CONSOLE_MEMBERS);
  return members.ok ? null : members.message;
}

/**
 * The diagnostics' `console_signin` check. In many-corps mode each corp's people sign in through
 * the suite's web login (./corp-signin.ts): nothing of the single-corp settings is needed.
 */
export function signinCheck(env: Pick<Env, 'WECOM_AGENT_ID' | 'CONSOLE_MEMBERS'> & SuiteEnv): DiagnosticCheck {
  if (suiteModeOn(env)) {
    return pass('console_signin', `多企业模式：各企业的人通过${authModeOf(env.WECOM_SUITE_ID!.trim()) === 'customized' ? '代开发应用的网页登录（先填写企业ID）' : '第三方应用的网页登录（ServiceApp）'}扫码进入本企业的控制台：授权安装的管理员、应用管理员，以及企业管理员在成员名单中添加的人`);
  }
  const problem = signinSetupProblem(env);
  if (problem) {
    return fail(
      'console_signin',
      `控制台扫码登录不可用：${problem}`,
      '在 wrangler.toml 的 [vars] 中设置 WECOM_AGENT_ID（企业微信管理后台 → 应用管理 → 本应用 → AgentId）与 CONSOLE_MEMBERS（[{"userid":"zhangsan","name":"张三","role":"admin"}]），在应用的「企业微信授权登录」中把 Worker 的域名设为授权回调域，然后重新部署。未设置时仍可用管理令牌登录。',
    );
  }
  const members = readConsoleMembers(env.CONSOLE_MEMBERS);
  const count = members.ok ? members.members.size : 0;
  return pass('console_signin', `控制台扫码登录已配置：AgentId ${env.WECOM_AGENT_ID}，授权名单 ${count} 人`);
}
