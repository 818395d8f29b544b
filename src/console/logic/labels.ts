import type { TryAnswerSchema } from '../../admin/knowledge';
import type { ReleaseAnswerSchema } from '../../admin/release';
import type { SessionAnswerSchema } from '../../admin/session';
import type { AcceptAnswerSchema } from '../../admin/suggestions';
import type { UserSchema } from '../../admin/users';
import type { DecisionEvent, HandoffReason } from '../../engine/decide';
import type { ConversationState } from '../../engine/state-machine';
import type { CorpSummarySchema } from '../../objects/suite/corps';
import type { CorpLicenseSchema } from '../../wecom/license';
import type { Channel, RoutingRule, TagRule } from '../../rules/config';
import type { z } from 'zod';

/**
 * Every Chinese label of the console, keyed by the server's own types: a value the server adds
 * (an event type, a handoff reason, a channel type) fails to compile here until it has a label.
 * Timeline event types that are plain strings on the server (the Conversation object's records,
 * WeCom's event_type) are checked by test/unit/console-labels.test.ts against the sources.
 */

const DECISION_EVENTS: Record<DecisionEvent['type'], string> = {
  message_in: '客户消息',
  language: '识别语言',
  context: '上下文',
  rating: '满意度评价',
  intent: '识别意图',
  answer: '机器人解答',
  fallback: '兜底回复',
  clarify: '追问确认',
  smalltalk: '闲聊回复',
  escalation: '升级计时',
  handoff: '转人工',
  budget: '发送额度',
  welcome: '欢迎语',
};

/** The one table of timeline event labels: decisions, what the Conversation object records, and WeCom's events. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  ...DECISION_EVENTS,
  message_out: '回复',
  survey: '满意度调查',
  state: '状态变化',
  assigned: '分配客服',
  queued: '进入排队',
  closed: '会话结束',
  tag: '标签变化',
  violation: '敏感内容拦截',
  shadow: '影子决策',
  bot_failure: '机器人故障',
  breaker: '熔断器',
  delivery_retry: '重试发送',
  delivery_failed: '发送失败',
  system_message: '系统消息',
  menu_click: '菜单点击',
  // WeCom's kf events (https://developer.work.weixin.qq.com/document/path/94670), recorded under their event_type.
  enter_session: '进入会话',
  msg_send_fail: '消息发送失败回执',
  servicer_status_change: '客服接待状态变更',
  session_status_change: '会话状态变更',
  user_recall_msg: '客户撤回消息',
  servicer_recall_msg: '客服撤回消息',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? `其他事件（${type}）`;

export const HANDOFF_REASONS: Readonly<Record<HandoffReason | 'unknown', string>> = {
  keyword: '关键词转人工',
  menu: '菜单选择人工',
  misses: '多次未识别',
  escalation: '兜底超时升级',
  no_budget: '发送额度用尽',
  unsafe_reply: '回复含敏感词',
  breaker: '机器人故障熔断',
  bot_error: '机器人处理失败',
  unknown: '未注明',
};
export const handoffReasonLabel = (reason: string): string => (HANDOFF_REASONS as Record<string, string>)[reason] ?? reason;

export const STATES: Readonly<Record<ConversationState, string>> = { new: '新会话', bot: '机器人接待', queued: '排队中', human: '人工接待', closed: '已结束' };

type Stage = z.infer<typeof ReleaseAnswerSchema>['stage'];
export const STAGES: Readonly<Record<Stage, string>> = { none: '无灰度', shadow: '影子模式', internal: '内部试用', percent: '按比例放量', full: '全量' };

export const VARIANTS: Readonly<Record<string, string>> = { stable: '稳定版', candidate: '候选版', shadow: '影子（候选）' };

export const TAG_SOURCES: Readonly<Record<z.infer<typeof UserSchema>['tag_details'][number]['source'], string>> = {
  rule: '规则',
  channel: '渠道',
  behavior: '行为',
  manual: '手动',
};

export const CHANNEL_TYPES: Readonly<Record<NonNullable<Channel['type']>, string>> = {
  web: '网页',
  miniprogram: '小程序',
  offline: '线下',
  official_account: '公众号',
  app: 'App',
  video: '视频号',
  other: '其他',
};

export const TRIGGER_TYPES: Readonly<Record<TagRule['trigger_type'], string>> = {
  message_keyword: '消息关键词',
  message_regex: '消息正则',
  behavior: '用户行为',
  channel: '来源渠道',
};

export const TAG_ACTIONS: Readonly<Record<TagRule['action'], string>> = { add_tag: '打标签', remove_tag: '移除标签' };

type Strategy = NonNullable<Extract<RoutingRule, { default: true }>['strategy']>;
export const STRATEGIES: Readonly<Record<Strategy, string>> = { least_busy: '最空闲优先', round_robin: '轮流分配' };

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const;

/** How the bot treated a customer's text (试一试, and the suggestions' zones). */
export const ZONES: Readonly<Record<z.infer<typeof TryAnswerSchema>['zone'], string>> = { answer: '直接解答', clarify: '追问确认', fallback: '兜底回复', smalltalk: '闲聊' };

/** Why accepting a suggestion left a phrasing out. */
export const SKIP_REASONS: Readonly<Record<z.infer<typeof AcceptAnswerSchema>['skipped'][number]['reason'], string>> = {
  present: '已在该问答中',
  other_entry: '已属于其他问答',
  no_content: '去掉标点后为空',
};

/** Who is signed in: the admin API's roles, and how they proved it. */
export const ROLES: Readonly<Record<z.infer<typeof SessionAnswerSchema>['role'], string>> = { admin: '管理员', operator: '运营', viewer: '只读' };
export const VIAS: Readonly<Record<z.infer<typeof SessionAnswerSchema>['via'], string>> = { session: '扫码登录', token: '管理令牌' };

type CorpSummary = z.infer<typeof CorpSummarySchema>;
/** A corp's authorization (企业列表). */
export const CORP_STATES: Record<CorpSummary['state'], string> = { active: '已授权', cancelled: '已取消授权' };
export const AUTH_MODES: Record<CorpSummary['auth_mode'], string> = { third_party: '第三方应用', customized: '代开发应用' };
export const LICENSE_STATES: Record<z.infer<typeof CorpLicenseSchema>['state'], string> = {
  unchecked: '接口许可：未开启检查',
  trial: '接口许可：试用中',
  trial_ending: '⚠ 接口许可试用即将结束',
  needs_license: '⚠ 接口许可检查已开启，需购买并激活帐号',
};
