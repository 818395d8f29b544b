/**
 * What a WeCom errcode means for the operator and what to do about it, in Chinese: the admin API
 * answers these with WeCom's refusals (502) and the console and the diagnostics show them.
 *
 * Codes from WeCom's global errcode table (https://developer.work.weixin.qq.com/document/path/90313)
 * and the 微信客服 pages; look up any other code at https://open.work.weixin.qq.com/devtool/query?e=<code>.
 */

import type { WecomApiFailure } from './errors';

export interface ErrcodeHelp {
  /** What happened, in one sentence. */
  message: string;
  /** What the operator should do. */
  fix: string;
}

const KF_ADMIN = '企业微信管理后台 → 应用管理 → 微信客服';

const HELP: Readonly<Record<number, ErrcodeHelp>> = {
  [-1]: { message: '企业微信系统繁忙', fix: '稍后重试；持续出现请查看企业微信服务状态。' },
  40001: { message: '微信客服 Secret 不正确', fix: `在${KF_ADMIN} → API 中查看 Secret，更新 WECOM_KF_SECRET（wrangler secret put WECOM_KF_SECRET）。` },
  40013: { message: '企业ID（CorpID）不正确', fix: '在企业微信管理后台 → 我的企业 → 企业信息 查看企业ID，更新 WECOM_CORP_ID。' },
  40014: { message: 'access_token 无效', fix: '系统会自动重新获取；持续出现说明 Secret 已被重置，请更新 WECOM_KF_SECRET。' },
  42001: { message: 'access_token 已过期', fix: '系统会自动重新获取；持续出现请检查 Worker 与企业微信之间的网络。' },
  40004: { message: '媒体文件类型不合法', fix: '头像请使用 JPG 或 PNG 图片。' },
  40005: { message: '上传的文件类型不合法', fix: '头像请使用 JPG 或 PNG 图片（type=image）。' },
  40006: { message: '文件大小不合法', fix: '头像图片需大于 5 字节且不超过 2 MiB。' },
  40007: { message: '头像素材 media_id 无效或已过期（临时素材只保留 3 天）', fix: '重新上传头像后再提交。' },
  40009: { message: '图片大小不合法', fix: '头像图片不能超过 2 MiB，请压缩后重试。' },
  44001: { message: '上传的文件为空', fix: '请选择一张 JPG 或 PNG 头像图片。' },
  45001: { message: '文件超过企业微信的大小限制', fix: '头像图片不能超过 2 MiB，请压缩后重试。' },
  40058: { message: '请求参数不合法', fix: '检查提交的内容（如名称长度、每次最多 100 个成员或部门）后重试。' },
  45009: { message: '接口调用超过频率限制', fix: '稍后重试；避免短时间内大量调用。' },
  45033: { message: '接口并发调用超过限制', fix: '稍后重试。' },
  48002: {
    message: '应用没有调用微信客服 API 的权限',
    fix: `在${KF_ADMIN} → API → 「可调用接口的应用」中选中本应用（自建应用），并把要管理的客服账号设为「通过API管理」；自 2023-12-01 起系统应用的 Secret 不能再调用客服接口。`,
  },
  50002: { message: '成员不在应用的可见范围内', fix: '在企业微信管理后台 → 应用管理 → 本应用 → 可见范围 中加入该成员或部门。' },
  60011: { message: '指定的成员或部门不在应用的权限范围内', fix: '在应用的可见范围中加入该成员或部门后重试。' },
  60020: {
    message: '企业微信拒绝了来自当前出口 IP 的调用（不在企业可信IP中）',
    fix: '在企业微信管理后台 → 应用管理 → 本应用 → 企业可信IP 中加入调用方的出口 IP（约 1 分钟后生效）。Cloudflare Workers 没有固定出口 IP：请部署一个固定 IP 的转发代理，并把 WECOM_API_BASE 设为它的地址。',
  },
  60111: { message: '成员 userid 不存在', fix: '在企业微信通讯录中核对该成员的账号（userid），注意区分大小写。' },
  60123: { message: '部门 ID 不存在', fix: '在企业微信通讯录中核对部门 ID。' },
  95000: { message: 'open_kfid 格式不正确', fix: '从「客服账号」列表中选择账号，不要手工输入。' },
  95004: { message: '客服账号不存在（已删除，或属于其他企业）', fix: '刷新「客服账号」列表后重新选择。' },
  95005: { message: '客服账号数量已达上限', fix: '删除不再使用的客服账号后重试。' },
  95006: { message: '客服名称不合法', fix: '名称需为 1-16 个字符。' },
  95011: { message: '已在企业微信中使用微信客服，与当前接入方式冲突', fix: `在${KF_ADMIN} 中确认接入方式后重试。` },
  95012: { message: '未在企业微信中使用微信客服', fix: `在${KF_ADMIN} 中开启微信客服后重试。` },
  95014: { message: '该成员不是此客服账号的接待人员，或尚未激活企业微信', fix: '请该成员先登录激活企业微信，并确认其已被添加为接待人员。' },
  95017: {
    message: '微信客服的 API 开关未开启',
    fix: `在${KF_ADMIN} → API 中开启「通过API管理微信客服账号」，选择本应用为可调用接口的应用，并把客服账号交给 API 管理。`,
  },
  95027: {
    message: '未认证的企业最多只能创建 10 个客服账号',
    fix: '完成企业微信认证（企业微信管理后台 → 我的企业 → 企业信息 → 认证）后可创建更多；或删除不用的客服账号。',
  },
  95026: { message: '客服账号使用率较低，暂时无法创建新账号', fix: '先使用现有客服账号接待一段时间后再创建。' },
  40201: { message: '客服账号因涉及敏感信息已被封禁', fix: '在企业微信管理后台查看封禁原因并按提示申诉。' },
};

/** The help for `errcode`; an unknown code still says where to look it up. */
export function errcodeHelp(errcode: number, errmsg = ''): ErrcodeHelp {
  return (
    HELP[errcode] ?? {
      message: `企业微信拒绝了请求（errcode ${errcode}${errmsg ? `：${errmsg}` : ''}）`,
      fix: `在 https://open.work.weixin.qq.com/devtool/query?e=${errcode} 查询该错误码的原因与处理方法。`,
    }
  );
}

/** Every errcode the table explains (the console lists them; tests check each has both texts). */
export const explainedErrcodes = (): number[] => Object.keys(HELP).map(Number);

const PROVIDER_CONSOLE = '服务商管理后台（https://open.work.weixin.qq.com/wwopen/developer）→ 服务商信息 → 基本信息';

/** get_provider_token's refusals name the provider's settings, not the kf Secret or corp id. */
const PROVIDER_TOKEN_HELP: Readonly<Record<number, ErrcodeHelp>> = {
  40001: { message: '服务商 Secret 不正确', fix: `在${PROVIDER_CONSOLE} 中查看 Secret，更新 WECOM_PROVIDER_SECRET（wrangler secret put WECOM_PROVIDER_SECRET）。` },
  40013: { message: '服务商企业ID（CorpID）不正确', fix: `在${PROVIDER_CONSOLE} 中复制 CorpID，更新 WECOM_PROVIDER_CORP_ID。` },
};

/** The help for any failed call: WeCom's errcode, or the transport failing before WeCom answered. */
export function failureHelp(f: Pick<WecomApiFailure, 'errcode' | 'errmsg' | 'kind' | 'status'> & { path?: string }): ErrcodeHelp {
  if (f.kind === 'errcode' && f.path === '/cgi-bin/service/get_provider_token' && PROVIDER_TOKEN_HELP[f.errcode]) return PROVIDER_TOKEN_HELP[f.errcode]!;
  if (f.kind === 'errcode') return errcodeHelp(f.errcode, f.errmsg);
  const what = f.kind === 'timeout' ? '超时未响应' : f.kind === 'http' ? `返回了 HTTP ${f.status ?? ''}`.trim() : f.kind === 'network' ? '无法连接' : '返回了无法识别的内容';
  return {
    message: `企业微信接口${what}`,
    fix: '稍后重试；持续出现请检查 WECOM_API_BASE 是否可达（使用转发代理时确认代理在运行且转发到 https://qyapi.weixin.qq.com）。',
  };
}
