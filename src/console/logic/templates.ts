import type { TemplateKey } from '../../rules/config';
import { BUILTIN_TEXTS, interpolate, type TemplateVars } from '../../engine/templates';

/**
 * Previews of system texts with their placeholders filled exactly as the bot fills them
 * (src/engine/templates.ts `interpolate`), and the placeholders a text names that the bot will not
 * fill (a typo such as {postion} would reach customers as written).
 */

/** Sample values for the previews. */
export const SAMPLE_VARS: { [K in keyof TemplateVars]: TemplateVars[K] } = {
  queue_prompt: { position: 3, wait_minutes: 6 },
  off_hours_reply: { next_open: '明天 09:00' },
  backup_link: { url: 'https://work.weixin.qq.com/kfid/kfc…' },
};

export interface Preview {
  text: string;
  /** Placeholders in the text that the bot does not fill. */
  unknown: string[];
  /** Whether the text was empty and the built-in default is shown. */
  builtin: boolean;
}

export function previewTemplate(key: keyof TemplateVars, text: string | undefined): Preview {
  const source = text?.trim() ? text : BUILTIN_TEXTS[key];
  const vars: Record<string, string | number> = SAMPLE_VARS[key];
  const unknown = [...source.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !Object.hasOwn(vars, name));
  return { text: interpolate(source, vars), unknown: [...new Set(unknown)], builtin: source !== text };
}

export const TEMPLATE_KEYS = Object.keys(BUILTIN_TEXTS) as TemplateKey[];
export const builtinText = (key: TemplateKey): string => BUILTIN_TEXTS[key];

export const TEMPLATE_LABELS: Readonly<Record<TemplateKey, string>> = {
  welcome: '欢迎语',
  fallback: '兜底回复',
  handoff: '转人工提示',
  queue_prompt: '排队提示',
  off_hours_reply: '非工作时间回复',
  survey: '满意度调查',
  survey_thanks: '评价感谢语',
  sensitive_reply: '敏感词拦截回复',
  backup_link: '备用客服链接',
  clarify: '追问开头',
  smalltalk_greeting: '闲聊·问候',
  smalltalk_thanks: '闲聊·感谢',
  smalltalk_goodbye: '闲聊·告别',
  smalltalk_ack: '闲聊·确认',
  smalltalk_praise: '闲聊·夸奖',
  smalltalk_complaint_emotion: '闲聊·抱怨情绪',
  smalltalk_identity: '闲聊·身份',
};
