/**
 * How long the bot waits before answering what the customer has written so far. People split one
 * question over several messages (你好 / 我想问一下 / 订单123456 / 怎么还没发货), so a burst is
 * collected and answered once; but a single complete question should not wait for a follow-up
 * that is not coming. The latest message decides: complete (a question, a request, small talk, a
 * picture, a menu click) is answered at once; the start of something longer (a fragment, a
 * trailing comma or connective, a greeting alone, an order number alone) waits the configured
 * window; a plain statement waits half of it. The wait never runs past the window counted from the
 * first unanswered message, so a burst is answered no later than with a fixed window.
 */
import { simplify } from '../rules/simplify';
import { fold } from './understanding/fold';
import { questionTypes } from './understanding/question-type';
import { smallTalkKind } from './understanding/smalltalk';

/** One unanswered customer message, as the merge policy sees it. */
export interface PendingMessage {
  /** WeCom's msgtype: text, image, voice, file, location… */
  msgtype: string;
  /** A text message's content. */
  text?: string | undefined;
  /** A click on a menu the bot sent (a text item carrying menu_id). */
  menuClick?: boolean | undefined;
  /** When it arrived (ms). */
  at: number;
}

export interface MergeSettings {
  /** bot.merge_window_ms: the longest a burst is collected, from its first message. */
  windowMs: number;
  /** bot.adaptive_merge: false waits the whole window after every burst. */
  adaptive: boolean;
}

/** complete: answer now; fragment: more is coming, wait the window; statement: maybe more, wait half. */
export type Completeness = 'complete' | 'statement' | 'fragment';

export type MergeReason =
  | 'not_text'
  | 'menu_click'
  | 'small_talk'
  | 'question_mark'
  | 'question_particle'
  | 'a_not_a'
  | 'question_word'
  | 'request'
  | 'choice'
  | 'sentence_end'
  | 'greeting'
  | 'continues'
  | 'connective'
  | 'asking_phrase'
  | 'number_alone'
  | 'short'
  | 'statement';

export interface MergeReading {
  completeness: Completeness;
  reason: MergeReason;
}

/** Trailing emoji, WeChat's [表情] codes, tildes and spaces: tone, not the end of a sentence. */
const TRAILING_TONE = /(?:[\s~\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]|\[[\p{Script=Han}a-z]{1,4}\])+$/iu;
/** A comma, enumeration comma, colon, dash, ellipsis or an opening bracket or quote: the sentence goes on. */
const CONTINUES = /(?:[,、:;—(《“‘\-]|\.\.)$/u;
const SENTENCE_END = /[。.!]+$/u;
/** Words that join a clause to the next one. */
const CONNECTIVE = /(?:然后|而且|还有|就是|因为|但是|可是|不过|所以|另外|并且|或者|以及|如果|比如|包括|还是|就是说|(?:^|\s)(?:and|but|because|so|also|or|then|plus|with|like))$/u;
/** Asking phrases without what is asked: the question follows. */
const ASKING_TAIL = /(?:我想问一下|我想问下|我想问|想问一下|想问下|想问问|问一下|问下|请问一下|请问|咨询一下|咨询下|我想咨询|想了解一下|我想知道|想知道|iwanttoask|iwouldliketoask|ihaveaquestion|quickquestion|caniask)$/u;
const QUESTION_PARTICLE = /[吗嘛呢吧么]$/u;
/** Question words the answer-type markers leave out (几折, 星期几, 多远, 哪座). */
const MORE_QUESTION_WORDS = /几(?!乎)|多远|哪/u;
/** A sentence-final 了 closes a clause: 密码忘了 is said, not begun. */
const CLOSED = /[了啦]$/u;
const A_NOT_A = /(\p{Script=Han})[不没]\1|可不可以|能不能|是不是|有没有/u;
/** An English question opens with a question word or an auxiliary. */
const ENGLISH_QUESTION = /^(?:what|how|where|when|why|who|which|whose|can|could|do|does|did|is|are|was|were|will|would|should|may|have|has)\b/u;
/** An asking phrase or a request opening, followed by what is asked or wanted. */
const REQUEST_OPENING = /^(?:请问|问一下|想问|我想问|咨询|我要|我想要?|我需要|请|帮我|麻烦|给我|申请|求|i want|i'd like|i would like|i need|please|pls|can you|could you|help)/u;
/** What a customer asks for in one or two words: a request on its own. */
const REQUEST_WORDS = /人工|客服|投诉|一下|退款|退货|换货|取消|发票|开票|refund|cancel|return|human|agent|complaint|invoice/u;
const PUNCTUATION_AND_SPACE = /[\p{P}\p{S}\p{Z}\s]/gu;
const LATIN_WORDS = /[a-z0-9]+/gu;
const HAN = /\p{Script=Han}/gu;

const complete = (reason: MergeReason): MergeReading => ({ completeness: 'complete', reason });
const fragment = (reason: MergeReason): MergeReading => ({ completeness: 'fragment', reason });

/** Whether one message looks complete, like the start of something longer, or in between. */
export function readMessage(message: Pick<PendingMessage, 'msgtype' | 'text' | 'menuClick'>): MergeReading {
  if (message.msgtype !== 'text') return complete('not_text');
  if (message.menuClick) return complete('menu_click');
  const text = message.text ?? '';
  const talk = smallTalkKind(text);
  // A greeting alone (你好, 在吗？, 请问) is usually followed by the real question.
  if (talk === 'greeting') return fragment('greeting');
  if (talk !== undefined) return complete('small_talk');

  const raw = text.normalize('NFKC').toLowerCase().replace(TRAILING_TONE, '');
  if (raw.length === 0) return complete('small_talk');
  if (CONTINUES.test(raw)) return fragment('continues');
  if (raw.endsWith('?')) return complete('question_mark');
  const body = fold(raw.replace(SENTENCE_END, ''));
  const dense = body.replace(PUNCTUATION_AND_SPACE, '');
  if (CONNECTIVE.test(body)) return fragment('connective');
  if (ASKING_TAIL.test(dense)) return fragment('asking_phrase');
  if (/^[a-z0-9#-]*\d[a-z0-9#-]*$/u.test(dense)) return dense.length <= 3 ? complete('choice') : fragment('number_alone');
  if (QUESTION_PARTICLE.test(body)) return complete('question_particle');
  if (A_NOT_A.test(body)) return complete('a_not_a');

  const han = body.match(HAN)?.length ?? 0;
  const words = body.replace(HAN, ' ').match(LATIN_WORDS)?.length ?? 0;
  const size = han + 2 * words;
  // Asked before fold's spoken forms too: they drop a question word that says only how it is felt (咋还没到 is 还没到, 怎么这么慢 很慢).
  const asked = questionTypes(body).length > 0 || questionTypes(simplify(raw)).length > 0 || MORE_QUESTION_WORDS.test(body);
  if ((asked && dense.length >= 3) || (ENGLISH_QUESTION.test(body) && words >= 3)) return complete('question_word');
  if (REQUEST_WORDS.test(body) || (REQUEST_OPENING.test(body) && size >= 4)) return complete('request');
  if (SENTENCE_END.test(raw) && size >= 6) return complete('sentence_end');
  if (size <= 4 && !CLOSED.test(body)) return fragment('short');
  return { completeness: 'statement', reason: 'statement' };
}

/** How long after a message of this completeness to answer, within a window of `windowMs`. */
export function waitAfter(completeness: Completeness, windowMs: number): number {
  if (completeness === 'complete') return 0;
  return completeness === 'fragment' ? windowMs : Math.round(windowMs / 2);
}

/**
 * When to answer the unanswered messages (in arrival order): the latest one decides how long to
 * wait after it, and no answer comes later than the window after the first. Null: nothing waits.
 */
export function answerDueAt(messages: readonly PendingMessage[], settings: MergeSettings): number | null {
  const latest = messages.at(-1);
  if (latest === undefined) return null;
  const first = Math.min(...messages.map((m) => m.at));
  const wait = settings.adaptive ? waitAfter(readMessage(latest).completeness, settings.windowMs) : settings.windowMs;
  return Math.min(first + settings.windowMs, latest.at + wait);
}

/** How much longer to wait at `now` (0: answer now). */
export function mergeWait(messages: readonly PendingMessage[], settings: MergeSettings, now: number): number {
  const due = answerDueAt(messages, settings);
  return due === null ? 0 : Math.max(0, due - now);
}
