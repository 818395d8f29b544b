/**
 * The first step of understanding a message: one canonical spelling of what the customer typed.
 *
 * - NFKC and lower case: full-width ＶＩＰ１２３ is vip123, ㍿ is 株式会社;
 * - traditional characters folded to simplified (退貨運費 is 退货运费), one character at a time
 *   (../../rules/simplify, a table derived from opencc-js);
 * - emoji, pictographs and decorative symbols dropped (🙏, ❤️, ～): they carry tone, not content;
 * - repeated punctuation collapsed to one mark (？？？ is ?), runs of spaces to one space;
 * - Chinese numerals in counts folded to digits (七天 is 7天, 两个 is 2个), so 7天无理由 meets 七天无理由.
 *
 * Pure and deterministic: questions and messages go through the same function, so they agree.
 */
import { simplify, simplifyUnit } from '../../rules/simplify';

/** Emoji and pictographs, their modifiers, joiners and variation selectors, and decorative symbols. */
const DECORATION = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0e\ufe0f\u20e3\u{e0020}-\u{e007f}~～·•°…※★☆♪♫]/gu;
/** Two or more marks of punctuation in a row: one is enough to separate clauses. */
const REPEATED_PUNCTUATION = /([\p{P}])\p{P}+/gu;
const SPACES = /\s+/gu;

const DIGITS: Readonly<Record<string, string>> = { 零: '0', 〇: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/**
 * A Chinese numeral (up to 99) directly before a counter or unit: 七天, 两个, 十五分钟, 三十天.
 * Only before these words, so that 一下, 一样, 一直, 统一 and 万一 stay words; nor after 哪, 同, 唯 or
 * 万 (哪一款 asks which, 同一个 is the same one).
 */
const COUNTED = /(?<![哪同唯万])([零〇一二两三四五六七八九十]{1,3})(?=(?:个|天|日|周|星期|礼拜|月|年|小时|分钟|分|秒|次|件|位|人|块|元|斤|公斤|米|厘米|寸|码|号|岁|折|倍|台|套|张|瓶|盒|袋|包|双|条|份|种|款|颗|点钟))/gu;

function numeral(text: string): string {
  if (text.length === 1) return text === '十' ? '10' : (DIGITS[text] ?? text);
  const ten = text.indexOf('十');
  if (ten < 0) return [...text].map((c) => DIGITS[c] ?? c).join('');
  const tens = ten === 0 ? 1 : Number(DIGITS[text[0]!] ?? NaN);
  const units = ten === text.length - 1 ? 0 : Number(DIGITS[text[ten + 1]!] ?? NaN);
  const value = tens * 10 + units;
  return Number.isFinite(value) ? String(value) : text;
}

/**
 * Spoken and net spellings of function words, written as customers type them (木有 is 没有,
 * 肿么 is 怎么, 咋整 is 怎么办): the question words and negations the rest reads. Only where they
 * cannot be part of another word (实木有, 酱紫色).
 */
const SPOKEN: Readonly<Record<string, string>> = { 神马: '什么', 肿么: '怎么', 木有: '没有', 咋整: '怎么办', 介个: '这个', 酱紫: '这样子', 啥子: '什么', 俺: '我' };
const SPOKEN_FORMS = /神马|肿么|(?<![\p{Script=Han}])木有|(?<=[还都也我你他她就并又可但却怎咋有])木有|咋整|介个|酱紫(?!色)|啥子|俺/gu;

/**
 * What a UTF-16 code unit makes the steps after NFKC and lower case do, learnt the first time it
 * is seen, as bits of its simplified form: traditional (it has one), decoration, numeral,
 * punctuation (two in a row collapse), a space (two in a row collapse; trimmed at either end),
 * other whitespace (always changes), or a surrogate (every step runs: its code point is not
 * looked at). 0: not seen yet.
 */
const KIND = { plain: 1, traditional: 2, decorative: 4, numeral: 8, punctuation: 16, space: 32, otherSpace: 64, surrogate: 128 } as const;
const kinds = new Uint8Array(65536);
const ONE_DECORATION = new RegExp(DECORATION.source, 'u');
const NUMERALS = '零〇一二两三四五六七八九十';
function kindOf(c: number): number {
  let kind = kinds[c]!;
  if (kind !== 0) return kind;
  const simple = simplifyUnit(c);
  const ch = String.fromCharCode(simple);
  kind = KIND.plain;
  if (c >= 0xd800 && c <= 0xdfff) kind |= KIND.surrogate;
  if (simple !== c) kind |= KIND.traditional;
  if (ONE_DECORATION.test(ch)) kind |= KIND.decorative;
  if (NUMERALS.includes(ch)) kind |= KIND.numeral;
  if (/\p{P}/u.test(ch)) kind |= KIND.punctuation;
  if (simple === 32) kind |= KIND.space;
  else if (/\s/.test(ch)) kind |= KIND.otherSpace;
  kinds[c] = kind;
  return kind;
}

/** The steps after NFKC and lower case, one bit each. */
const STEP = { simplify: 1, undecorate: 2, collapsePunctuation: 4, count: 8, spaces: 16, every: 31 } as const;

/**
 * The steps that could change the text (none for most questions and messages: one pass instead
 * of five, and only the steps needed otherwise). No step makes work for a step it is not asked
 * for: a decoration becomes a space (so spaces are asked for), collapsing punctuation leaves a
 * mark in place and brings no spaces together, and folding numerals writes digits.
 */
function stepsFor(text: string): number {
  let steps = 0;
  let previous: number = KIND.space;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = kinds[c] === 0 ? kindOf(c) : kinds[c]!;
    if (kind === KIND.plain) {
      previous = kind;
      continue;
    }
    if ((kind & KIND.surrogate) !== 0) return STEP.every;
    if ((kind & KIND.traditional) !== 0) steps |= STEP.simplify;
    if ((kind & KIND.decorative) !== 0) steps |= STEP.undecorate | STEP.spaces;
    if ((kind & KIND.numeral) !== 0) steps |= STEP.count;
    if ((kind & KIND.punctuation & previous) !== 0) steps |= STEP.collapsePunctuation;
    if ((kind & KIND.otherSpace) !== 0 || (kind & KIND.space & previous) !== 0) steps |= STEP.spaces;
    previous = kind;
  }
  return (previous & KIND.space) !== 0 ? steps | STEP.spaces : steps;
}

/** The given steps after NFKC and lower case, one after the other. */
function foldSteps(normal: string, steps: number): string {
  let folded = (steps & STEP.simplify) !== 0 ? simplify(normal) : normal;
  if ((steps & STEP.undecorate) !== 0) folded = folded.replace(DECORATION, ' ');
  if ((steps & STEP.collapsePunctuation) !== 0) folded = folded.replace(REPEATED_PUNCTUATION, '$1');
  if ((steps & STEP.count) !== 0) folded = folded.replace(COUNTED, (m) => numeral(m));
  return spoken((steps & STEP.spaces) !== 0 ? folded.replace(SPACES, ' ').trim() : folded);
}

/** The written spellings of spoken forms (SPOKEN), looked for only in a text holding a first character of one. */
const SPOKEN_FIRST = /[神肿木咋介酱啥俺]/u;
const spoken = (text: string): string => (SPOKEN_FIRST.test(text) ? text.replace(SPOKEN_FORMS, (m) => SPOKEN[m] ?? m) : text);

/** Every step on every text: what fold() returns, whether or not it skips them. */
export const foldFully = (text: string): string => foldSteps(text.normalize('NFKC').toLowerCase(), STEP.every);

/**
 * Whether NFKC leaves the text as it is because every code unit is printable ASCII or a basic CJK
 * ideograph (U+4E00–U+9FFF): none of them has a decomposition, a combining class or a place in a
 * composition (checked over all of Unicode by test/unit/understanding-fast-paths.test.ts).
 */
export function nfkcInert(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x20 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff))) return false;
  }
  return true;
}

export function fold(text: string): string {
  const normal = (nfkcInert(text) ? text : text.normalize('NFKC')).toLowerCase();
  const steps = stepsFor(normal);
  return steps === 0 ? spoken(normal) : foldSteps(normal, steps);
}
