/**
 * The satisfaction survey: a native `msgmenu` sent with the session-end code, once per
 * human handling (not once per conversation: a customer served twice rates twice), the rating attributed to the
 * servicer of that handling. The customer answers by clicking (a text with menu_id) or by typing
 * a digit or a word (满意 / 不满意); anything else is an ordinary message, not a rating.
 */
import type { Config } from '../rules/config';
import { normalizeText } from '../rules/normalize';
import type { MsgMenu } from './budget';
import { systemText } from './templates';

export interface SurveyOption {
  id: string;
  content: string;
  score: number;
}

export const DEFAULT_SURVEY_OPTIONS: readonly SurveyOption[] = [
  { id: 'csat_5', content: '非常满意', score: 5 },
  { id: 'csat_4', content: '满意', score: 4 },
  { id: 'csat_3', content: '一般', score: 3 },
  { id: 'csat_2', content: '不满意', score: 2 },
  { id: 'csat_1', content: '非常不满意', score: 1 },
];

/** Typed answers understood whatever the configured options say. */
const RATING_WORDS: ReadonlyMap<string, number> = new Map([
  ['非常满意', 5], ['很满意', 5], ['好评', 5], ['满意', 4], ['还行', 3], ['一般', 3], ['不满意', 2], ['非常不满意', 1], ['很不满意', 1], ['差评', 1],
]);

/** A survey answer is accepted this long after the survey went out (the WeCom session lifetime). */
export const SURVEY_REPLY_WINDOW_MS = 48 * 3600 * 1000;

/** Who handled the conversation, as the Conversation object records it at assignment. */
export interface HumanHandling {
  /** When the servicer was assigned: identifies the handling. */
  since: number;
  servicer?: string;
}
export interface SurveyPending {
  handling: number;
  servicer?: string;
  sentAt: number;
}

export function surveyOptions(config: Config): readonly SurveyOption[] {
  return config.survey?.options ?? DEFAULT_SURVEY_OPTIONS;
}

export function surveyMenu(config: Config, locale: string | undefined): MsgMenu {
  return {
    head_content: systemText(config, 'survey', { locale }),
    list: surveyOptions(config).map(({ id, content }) => ({ id, content })),
  };
}

/**
 * On session end: the survey to send and the pending record, or null when no human handled this
 * stretch or its survey already went out.
 */
export function surveyOnEnd(
  handling: HumanHandling | undefined,
  surveyedHandling: number | undefined,
  config: Config,
  locale: string | undefined,
  now: number,
): { menu: MsgMenu; pending: SurveyPending } | null {
  if (handling === undefined || handling.since === surveyedHandling) return null;
  const pending: SurveyPending = { handling: handling.since, sentAt: now };
  if (handling.servicer !== undefined) pending.servicer = handling.servicer;
  return { menu: surveyMenu(config, locale), pending };
}

/** A rating in a customer message: a clicked option, a digit 1-5 (5分, ５), or a rating word. */
export function parseRating(config: Config, message: { text: string; menuId?: string | undefined }): { score: number; option?: string } | null {
  const options = surveyOptions(config);
  const clicked = message.menuId === undefined ? undefined : options.find((o) => o.id === message.menuId);
  if (clicked) return { score: clicked.score, option: clicked.id };
  // Compared without spaces, punctuation and symbols: 不满意。 is 不满意, and 👍 好 is 好.
  const strip = (s: string) => normalizeText(s).replace(/[\s\p{P}\p{S}]+/gu, '');
  const bare = strip(message.text);
  const typed = bare === '' ? undefined : options.find((o) => strip(o.content) === bare);
  if (typed) return { score: typed.score, option: typed.id };
  const digit = /^([1-5])(分|星)?$/.exec(bare);
  const score = digit ? Number(digit[1]) : RATING_WORDS.get(bare);
  return score === undefined ? null : { score };
}

/** The rating a message gives to a pending survey, or null (no survey pending, too late, not a rating). */
export function takeRating(
  pending: SurveyPending | undefined,
  config: Config,
  message: { text: string; menuId?: string | undefined },
  now: number,
): { score: number; option?: string; servicer?: string } | null {
  if (pending === undefined || now - pending.sentAt > SURVEY_REPLY_WINDOW_MS) return null;
  const rating = parseRating(config, message);
  if (rating === null) return null;
  return pending.servicer === undefined ? rating : { ...rating, servicer: pending.servicer };
}
