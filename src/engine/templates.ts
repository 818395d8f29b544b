/**
 * Every system text the bot sends, per locale. The rule: a customer whose language has
 * a template gets it (`templates.en.fallback` for an English speaker), else the Chinese text. The
 * Chinese text is the one in its config section (welcome.text, fallback.reply, a link's
 * queue_prompt …); `templates.zh` only fills what the sections leave out, so a link's own text is
 * never overridden by a document-wide one; built-in Chinese defaults come last.
 */
import type { Config, Link, TemplateKey } from '../rules/config';

export const DEFAULT_LOCALE = 'zh';

export const BUILTIN_TEXTS: Readonly<Record<TemplateKey, string>> = {
  welcome: '您好，欢迎咨询！请直接输入您的问题，输入“人工”可转接人工客服。',
  fallback: '抱歉，我没有理解您的问题。您可以换个说法，或输入“人工”转接人工客服。',
  handoff: '正在为您转接人工客服，请稍候。',
  queue_prompt: '当前咨询人数较多，您前面还有 {position} 位，预计等待 {wait_minutes} 分钟。',
  off_hours_reply: '现在是非工作时间，客服将于 {next_open} 上线，届时会第一时间回复您。',
  survey: '请您对本次服务进行评价：',
  survey_thanks: '感谢您的评价，祝您生活愉快！',
  sensitive_reply: '您的消息包含不适宜的内容，未能发送给客服，请修改后重试。',
  backup_link: '您也可以通过备用客服联系我们：{url}',
  clarify: '您是想问：',
  smalltalk_greeting: '您好！请问有什么可以帮您？',
  smalltalk_thanks: '不客气，很高兴能帮到您！',
  smalltalk_goodbye: '感谢您的咨询，再见！',
  smalltalk_ack: '好的，还有其他问题随时问我。',
  smalltalk_praise: '谢谢您的认可，我们会继续努力！',
  smalltalk_complaint_emotion: '非常抱歉给您带来不好的体验，请告诉我具体问题，或输入“人工”转接人工客服。',
  smalltalk_identity: '我是智能客服，可以回答常见问题；需要人工服务请输入“人工”。',
};

/** Placeholders each text may hold; the caller must supply them. */
export interface TemplateVars {
  /** wait_minutes is '—' when nobody on duty gives an honest estimate. */
  queue_prompt: { position: number; wait_minutes: number | string };
  off_hours_reply: { next_open: string };
  backup_link: { url: string };
}

export type TextOptions<K extends TemplateKey> = {
  /** The customer's language (profile); absent = Chinese. */
  locale?: string | undefined;
  /** The kf link the customer talks to (its welcome, queue_prompt, off_hours_reply). */
  link?: Link | undefined;
  /** "HH:MM" in the link's timezone, for `welcome.by_time`. */
  localTime?: string | undefined;
} & (K extends keyof TemplateVars ? { vars: TemplateVars[K] } : { vars?: undefined });

export function systemText<K extends TemplateKey>(config: Config, key: K, options: TextOptions<K>): string {
  const { locale, vars } = options;
  const text = (!isChinese(locale) && localeTemplate(config, locale, key)) || chineseText(config, key, options);
  return vars ? interpolate(text, vars) : text;
}

function isChinese(locale: string | undefined): boolean {
  return locale === undefined || locale === DEFAULT_LOCALE || locale.startsWith(`${DEFAULT_LOCALE}-`);
}

/** templates[locale], then templates[language] (en-GB → en). */
function localeTemplate(config: Config, locale: string | undefined, key: TemplateKey): string | undefined {
  if (locale === undefined) return undefined;
  return config.templates[locale]?.[key] ?? config.templates[locale.split('-')[0] ?? locale]?.[key];
}

function chineseText(config: Config, key: TemplateKey, options: { link?: Link | undefined; localTime?: string | undefined }): string {
  const { link, localTime } = options;
  const section: Record<TemplateKey, string | undefined> = {
    welcome: (localTime !== undefined && welcomeByTime(config, localTime)) || link?.welcome || config.welcome?.text,
    fallback: config.fallback?.reply,
    handoff: config.handoff?.message,
    queue_prompt: link?.queue_prompt,
    off_hours_reply: link?.off_hours_reply,
    survey: config.survey?.question,
    survey_thanks: config.survey?.thanks,
    sensitive_reply: config.sensitive_words?.reply,
    backup_link: undefined,
    clarify: undefined,
    smalltalk_greeting: config.understanding.smalltalk.greeting,
    smalltalk_thanks: config.understanding.smalltalk.thanks,
    smalltalk_goodbye: config.understanding.smalltalk.goodbye,
    smalltalk_ack: config.understanding.smalltalk.ack,
    smalltalk_praise: config.understanding.smalltalk.praise,
    smalltalk_complaint_emotion: config.understanding.smalltalk.complaint_emotion,
    smalltalk_identity: config.understanding.smalltalk.identity,
  };
  return section[key] || config.templates[DEFAULT_LOCALE]?.[key] || BUILTIN_TEXTS[key];
}

/** The first `welcome.by_time` period containing the local time; an end before its start runs over midnight. */
function welcomeByTime(config: Config, localTime: string): string | undefined {
  // "HH:MM" strings compare correctly as strings, "24:00" included.
  const within = (p: { start: string; end: string }) =>
    p.start <= p.end ? localTime >= p.start && localTime < p.end : localTime >= p.start || localTime < p.end;
  return config.welcome?.by_time?.find(within)?.text;
}

/** Replaces {name} with vars.name; other braces stay as written. */
export function interpolate(text: string, vars: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}
