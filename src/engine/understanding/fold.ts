/**
 * The first step of understanding a message: one canonical spelling of what the customer typed.
 *
 * - NFKC and lower case: full-width ＶＩＰ１２３ is vip123, ㍿ is 株式会社;
 * - traditional characters folded to simplified (退貨運費 is 退货运费), one character at a time
 *   (../../rules/simplify, a table derived from opencc-js);
 * - emoji, pictographs and decorative symbols dropped (🙏, ❤️, ～): they carry tone, not content;
 *   so are WeChat's own emoji, which arrive as their names in brackets ([捂脸], [抱拳]) or as /:
 *   codes (/::)), while a bracketed text that is no emoji's name ([订单号]) stays;
 * - repeated punctuation collapsed to one mark (？？？ is ?), runs of spaces to one space, and a
 *   laugh, cry or hesitation held on to two (哈哈哈哈 is 哈哈, 呜呜呜呜 is 呜呜, 嘤嘤嘤 is 嘤嘤);
 * - Chinese numerals in counts folded to digits (七天 is 7天, 两个 is 2个), so 7天无理由 meets 七天无理由;
 * - a long run typed without punctuation parted into its clauses (./run-on);
 * - spoken, net and regional spellings of function and question words to the written ones (木有, 多会儿, 冇);
 * - an address to the agent set apart at the start or end dropped (老师，…; …呀，师傅), and so is
 *   a check that someone is there before the question (在吗在吗 …, 亲在不在 …);
 * - in a Chinese sentence, a borrowed English word as the Chinese word it stands for (退款status is 退款状态);
 * - pinyin's tone marks dropped (xǐyá is xiya), so typed pinyin reads as it does typed without them.
 *
 * Pure and deterministic: questions and messages go through the same function, so they agree.
 */
import { signsIn } from './signs';
import { spokenForms } from './spoken-forms';
import { runOnClauses } from './run-on';
import { simplify, simplifyUnit } from '../../rules/simplify';
import { BORROWED_ENGLISH } from './lexicon/borrowed-english';
import { ENGLISH } from './lexicon/english';
import { ADDRESSES } from './lexicon/fillers';
import { WECHAT_EMOJI_CODES, WECHAT_EMOJI_NAMES } from './lexicon/wechat-emoji';

/** Emoji and pictographs, their modifiers, joiners and variation selectors, and decorative symbols. */
const DECORATION = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0e\ufe0f\u20e3\u{e0020}-\u{e007f}~～·•°…※★☆♪♫]/gu;
/** Two or more marks of punctuation in a row: one is enough to separate clauses. */
const REPEATED_PUNCTUATION = /([\p{P}])\p{P}+/gu;
const SPACES = /\s+/gu;
const HAN = /\p{Script=Han}/u;
/** Whether a text holds a lower-case Latin letter (./signs: a table, where /[a-z]/ run on every text cost more). */
const hasLatin = signsIn([[...'abcdefghijklmnopqrstuvwxyz']]);
const LATIN_HYPHEN = /(?<=[a-z])-(?=[a-z])/g;

const EMOJI_NAMES: ReadonlySet<string> = new Set(WECHAT_EMOJI_NAMES);
/** A bracketed name short enough to be an emoji's, or a /: code (longest first: /::-o before /::-). */
const WECHAT_EMOJI = new RegExp(
  `\\[([^\\[\\]\\s]{1,12})\\]|${[...WECHAT_EMOJI_CODES].sort((a, b) => b.length - a.length).map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')}`,
  'gu',
);
/**
 * A bracketed name of Latin letters alone ([facepalm], [smile], [doge]): an English-language
 * client's emoji, or another app's; the customer's own bracketed words are Chinese or hold a digit.
 */
const LATIN_EMOJI_NAME = /^[a-z]+!?$/;
/** The text with WeChat's emoji, by name or code, as spaces; `found` collects their names (codes as themselves). */
export function withoutWeChatEmoji(text: string, found?: string[]): string {
  return text.replace(WECHAT_EMOJI, (m, name: string | undefined) => {
    if (name !== undefined && !EMOJI_NAMES.has(name) && !LATIN_EMOJI_NAME.test(name)) return m;
    found?.push(name ?? m);
    return ' ';
  });
}

const DIGITS: Readonly<Record<string, string>> = { 零: '0', 〇: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/**
 * A Chinese numeral (up to 99) directly before a counter or unit: 七天, 两个, 十五分钟, 三十天.
 * Only before these words, so that 一下, 一样, 一直, 统一 and 万一 stay words; nor after 哪, 同, 唯 or
 * 万 (哪一款 asks which, 同一个 is the same one); a lone 零 before 件 is spare parts (零件), no count, or
 * it would read as the 0件 that ends 50件.
 */
const COUNTED = /(?<![哪同唯万])(?![零〇]件)([零〇一二两三四五六七八九十]{1,3})(?=(?:个|天|日|周|星期|礼拜|月|年|小时|分钟|分|秒|次|件|位|人|块|元|斤|公斤|米|厘米|寸|码|号|岁|折|倍|台|套|张|瓶|盒|袋|包|双|条|份|种|款|颗|点钟|平))/gu;

/** A count's digits; after a Latin letter or digit, a space first, or the two would read as one word (missing一个 is missing 1个, AF50一小时 AF50 1小时). */
const counted = (m: string, _: string, at: number, text: string): string => (latinOrDigitAt(text, at - 1) ? ` ${numeral(m)}` : numeral(m));
/** Whether the code unit at `at` is a lower-case Latin letter or a digit (false outside the text). */
function latinOrDigitAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

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
 * What a UTF-16 code unit makes the steps after NFKC and lower case do, learnt the first time it
 * is seen, as bits of its simplified form: traditional (it has one), decoration, numeral,
 * punctuation (two in a row collapse), a space (two in a row collapse; trimmed at either end),
 * other whitespace (always changes), a surrogate (every step runs: its code point is not looked
 * at), what a WeChat emoji starts with ([ or /), or a sound held on (哈, 呜: three in a row
 * become two). 0: not seen yet.
 */
const KIND = { plain: 1, traditional: 2, decorative: 4, numeral: 8, punctuation: 16, space: 32, otherSpace: 64, surrogate: 128, emojiLead: 256, sound: 512, toned: 1024 } as const;
const kinds = new Uint16Array(65536);
const ONE_DECORATION = new RegExp(DECORATION.source, 'u');
const NUMERALS = '零〇一二两三四五六七八九十';
/** Laughing, crying and hesitating, typed as long as the feeling (哈哈哈哈, 呜呜呜呜, 嘤嘤嘤, 啊啊啊, 额额额). */
const SOUNDS = '哈呵嘿嘻呜嘤啊哇嗯额呃哦噢喔哎唉';
const HELD_SOUND = new RegExp(`([${SOUNDS}])\\1{2,}`, 'gu');
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
  if (ch === '[' || ch === '/') kind |= KIND.emojiLead;
  if (SOUNDS.includes(ch)) kind |= KIND.sound;
  if (TONED.test(ch.normalize('NFD'))) kind |= KIND.toned;
  kinds[c] = kind;
  return kind;
}

/** A vowel with a tone mark, as NFD writes it (xǐyá, tuìkuǎn): pinyin typed with tones, read as the toneless syllables. */
const TONED = /^[aeiou][\u0300\u0301\u030c\u0304]$/;
const TONE_MARKS = /[\u0300\u0301\u030c\u0304]/g;

/** The steps after NFKC and lower case, one bit each. */
const STEP = { simplify: 1, undecorate: 2, collapsePunctuation: 4, count: 8, spaces: 16, weChatEmoji: 32, heldSounds: 64, tones: 128, every: 255 } as const;

/**
 * The steps that could change the text (none for most questions and messages: one pass instead
 * of six, and only the steps needed otherwise). No step makes work for a step it is not asked
 * for: a decoration or a WeChat emoji becomes a space (so spaces are asked for), collapsing
 * punctuation leaves a mark in place and brings no spaces together, and folding numerals writes
 * digits. WeChat's emoji go before decorations and repeated marks, which their codes hold (/::~, /:!!!).
 * `unfolded`: the text has not been through NFKC and lower case, and -1 says a unit they may change is in it.
 */
function stepsFor(text: string, unfolded: boolean): number {
  let steps = 0;
  let previous: number = KIND.space;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A unit NFKC and lower case leave alone (see foldedByUnit), in the same pass.
    if (unfolded && !(nfkcInertUnit(c) && !upperAscii(c))) return -1;
    const kind = kinds[c] === 0 ? kindOf(c) : kinds[c]!;
    if (kind === KIND.plain) {
      previous = kind;
      continue;
    }
    if ((kind & KIND.surrogate) !== 0) return STEP.every;
    if ((kind & KIND.traditional) !== 0) steps |= STEP.simplify;
    if ((kind & KIND.decorative) !== 0) steps |= STEP.undecorate | STEP.spaces;
    if ((kind & KIND.numeral) !== 0) steps |= STEP.count;
    if ((kind & KIND.emojiLead) !== 0) steps |= STEP.weChatEmoji | STEP.spaces;
    if ((kind & KIND.punctuation & previous) !== 0) steps |= STEP.collapsePunctuation;
    if ((kind & KIND.sound) !== 0 && i >= 2 && text.charCodeAt(i - 1) === c && text.charCodeAt(i - 2) === c) steps |= STEP.heldSounds;
    if ((kind & KIND.otherSpace) !== 0 || (kind & KIND.space & previous) !== 0) steps |= STEP.spaces;
    if ((kind & KIND.toned) !== 0) steps |= STEP.tones;
    previous = kind;
  }
  return (previous & KIND.space) !== 0 ? steps | STEP.spaces : steps;
}

const MARK = /\p{P}/u;
/** Per code unit: 2 when MARK matches it alone, 1 when not, 0 not seen yet. */
const markUnits = new Uint8Array(65536);
function markUnit(c: number): boolean {
  if (markUnits[c] === 0) markUnits[c] = MARK.test(String.fromCharCode(c)) ? 2 : 1;
  return markUnits[c] === 2;
}
/**
 * REPEATED_PUNCTUATION's replacement (each mark after a mark dropped) in one pass over a table
 * instead of the regex's property test at every position: nearly every answer has two marks in a
 * row (）。). A text with a surrogate goes to the regex, which reads code points.
 */
export function collapsedPunctuation(text: string): string {
  let out = '';
  let done = 0;
  let previous = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return text.replace(REPEATED_PUNCTUATION, '$1');
    const mark = markUnit(c);
    if (mark && previous) {
      out += text.slice(done, i);
      done = i + 1;
    }
    previous = mark;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** The given steps after NFKC and lower case, one after the other. */
function foldSteps(normal: string, steps: number): string {
  let folded = (steps & STEP.simplify) !== 0 ? simplify(normal) : normal;
  if ((steps & STEP.tones) !== 0) folded = folded.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  if ((steps & STEP.weChatEmoji) !== 0) folded = withoutWeChatEmoji(folded);
  if ((steps & STEP.undecorate) !== 0) folded = folded.replace(DECORATION, ' ');
  if ((steps & STEP.collapsePunctuation) !== 0) folded = collapsedPunctuation(folded);
  if ((steps & STEP.heldSounds) !== 0) folded = folded.replace(HELD_SOUND, '$1$1');
  if ((steps & STEP.count) !== 0) folded = folded.replace(COUNTED, counted);
  return spoken((steps & STEP.spaces) !== 0 ? folded.replace(SPACES, ' ').trim() : folded);
}

/**
 * An address to the agent (ADDRESSES) set apart: first in the message (after a greeting, if
 * any) before a mark, a space or a greeting or asking phrase (师傅您好, 老师请问); or last, after
 * a mark, a space or a sentence particle (…怎么退呀老师). Inside a sentence it is content
 * (安装师傅什么时候来, 快递小哥不送上门).
 */
const ADDRESS = [...ADDRESSES].sort((a, b) => b.length - a.length).join('|');
const GREETING = '你好|您好|请问一下|请问下|请问|哈喽|嗨|hi|hello';
const LEADING_ADDRESS = new RegExp(`^((?:${GREETING})[\\p{P}\\s]*)?(?:${ADDRESS})(?:[\\p{P}\\s]+|(?=你好|您好|在吗|在么|在不在|在嘛|在不|请问|麻烦|打扰|问一下|问下|问个|我想|想问))`, 'u');
const TRAILING_ADDRESS = new RegExp(`(?:[\\p{P}\\s]+|(?<=[呀啊呢吗嘛哈哦吧啦捏]))(?:${ADDRESS})(?=[\\p{P}\\s]*$)`, 'u');
/**
 * A check that someone is there (在吗, 在不在, 有人吗: again and again, after a greeting or an
 * address) set apart before the question: the question follows, and a long message is not read
 * as asking in its first clause (在吗 …我以前注册用的是老号码，…要怎么操作).
 */
const PRESENCE = '在吗|在么|在嘛|在不在|在(?=\\?)|有人吗|有人在吗';
const LEADING_PRESENCE = new RegExp(`^((?:${GREETING})[\\p{P}\\s]*)?(?:(?:${ADDRESS}|亲亲|亲|客服|老板)[\\p{P}\\s]*)?(?:(?:${PRESENCE})[\\p{P}\\s]*)*(?:${PRESENCE})[\\p{P}\\s]+(?=[^\\p{P}\\s])`, 'u');
const ADDRESS_LEADS = new Set([...ADDRESSES, ...GREETING.split('|')].map((a) => a.charCodeAt(0)));
const PRESENCE_LEADS = new Set([...ADDRESS_LEADS, ...Array.from('在有亲客老', (c) => c.charCodeAt(0))]);
/** What every presence check holds: most texts starting with 在 or 有 (在哪买, 有没有) have none, and skip the regex. */
const MAYBE_PRESENCE = /在[吗么嘛不?？]|有人/;
const ADDRESS_ENDS = new Set(ADDRESSES.map((a) => a.charCodeAt(a.length - 1)));
const MARK_OR_SPACE = /[\p{P}\s]/u;
/** Per code unit: 2 when MARK_OR_SPACE matches it alone, 1 when not, 0 not seen yet (every text's end is looked at: a table, not a regex and a string each time). */
const markOrSpace = new Uint8Array(65536);
export function markOrSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (markOrSpace[c] === 0) markOrSpace[c] = MARK_OR_SPACE.test(String.fromCharCode(c)) ? 2 : 1;
  return markOrSpace[c] === 2;
}
const greeted = (_: string, greeting?: string) => (greeting === undefined ? '' : `${greeting.trimEnd()} `);
function unaddressed(text: string): string {
  let out = PRESENCE_LEADS.has(text.charCodeAt(0)) && MAYBE_PRESENCE.test(text) ? text.replace(LEADING_PRESENCE, greeted) : text;
  if (ADDRESS_LEADS.has(out.charCodeAt(0))) out = out.replace(LEADING_ADDRESS, greeted);
  let end = out.length;
  while (end > 0 && markOrSpaceAt(out, end - 1)) end--;
  if (end > 0 && ADDRESS_ENDS.has(out.charCodeAt(end - 1))) out = out.replace(TRAILING_ADDRESS, '');
  return out;
}

/**
 * The borrowed English words (BORROWED_ENGLISH) of a text holding Han characters, as their Chinese
 * words; a space between one and a Han character or another borrowed word goes (退款 status is
 * 退款状态), other spaces stay.
 */
const BORROWED_KEYS = Object.keys(BORROWED_ENGLISH);
/** The borrowed words, and the English phrases that hold one and so must be matched whole first (price drop), longest first. */
export const BORROWED_WORDS = [...BORROWED_KEYS, ...ENGLISH.flatMap((e) => e.terms).filter((t) => t.includes(' ') && !(t in BORROWED_ENGLISH) && BORROWED_KEYS.some((k) => ` ${t} `.includes(` ${k} `)))].sort(
  (a, b) => b.length - a.length,
);
/**
 * The borrowed words by their first word (Latin letters and digits): only a Latin word that is one
 * can start a borrowed word or phrase. A look-up and a comparison or two, where the alternation
 * of ~400 words cost ~5 ms to compile at its first use in an isolate and a pass over them each time.
 */
const BORROWED_BY_FIRST = new Map<string, string[]>();
for (const word of BORROWED_WORDS) {
  const first = /^[a-z0-9]*/.exec(word)![0];
  (BORROWED_BY_FIRST.get(first) ?? BORROWED_BY_FIRST.set(first, []).get(first)!).push(word);
}
/** The borrowed word or phrase starting at `at` (the longest) and not running on into a Latin letter or digit, or undefined. */
export function borrowedAt(text: string, at: number): string | undefined {
  let end = at;
  while (latinOrDigitAt(text, end)) end++;
  const words = BORROWED_BY_FIRST.get(text.slice(at, end));
  if (words !== undefined) for (const word of words) if (text.startsWith(word, at) && !latinOrDigitAt(text, at + word.length)) return word;
  return undefined;
}
/**
 * Looked for only where a Latin word starts, with one look-up each: the alternation of every
 * borrowed word run over the whole text cost more than all the other folding steps of a
 * knowledge base's answers together. A phrase that holds a borrowed word but is not one (price
 * drop) is passed over whole; the space beside a replaced word goes unless a Latin word is there.
 */
function unborrowed(input: string): string {
  if (!hasLatin(input) || !HAN.test(input)) return input;
  // A hyphen joining Latin words is a space (pre-order is the phrase pre order, not pre and 订单).
  const text = input.includes('-') ? input.replace(LATIN_HYPHEN, ' ') : input;
  let out = '';
  let done = 0;
  for (let at = 0; at < text.length; at++) {
    if (!latinOrDigitAt(text, at) || latinOrDigitAt(text, at - 1)) continue;
    const word = borrowedAt(text, at);
    if (word === undefined) continue;
    const end = at + word.length;
    if (!(word in BORROWED_ENGLISH)) {
      out += text.slice(done, end);
      done = end;
      at = end - 1;
      continue;
    }
    const start = at > done && text[at - 1] === ' ' ? at - 1 : at;
    const stop = text[end] === ' ' ? end + 1 : end;
    const keepLeft = start < at && !HAN.test(text[start - 1] ?? '');
    const keepRight = stop > end && !HAN.test(text[stop] ?? '') && borrowedAt(text, stop) === undefined;
    out += `${text.slice(done, start)}${keepLeft ? ' ' : ''}${BORROWED_ENGLISH[word]!}${keepRight ? ' ' : ''}`;
    done = stop;
    at = stop - 1;
  }
  return done === 0 ? text : out + text.slice(done);
}
/** The steps on words, run on every text (no character marks their need): a run-on's clauses, spoken forms, borrowed words, an address set apart. */
const spoken = (text: string): string => unaddressed(unborrowed(spokenForms(runOnClauses(text))));

/** Every step on every text: what fold() returns, whether or not it skips them. */
export const foldFully = (text: string): string => foldSteps(text.normalize('NFKC').toLowerCase(), STEP.every);

/**
 * NFKC and lower case, unit by unit, for a text whose every code unit allows it (undefined for
 * another): printable ASCII and basic CJK ideographs (U+4E00–U+9FFF), which NFKC leaves as they
 * are; the CJK marks and brackets it keeps (、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛); and the
 * full-width ASCII forms (！ to ～: ，？：（） in nearly every answer), each of which it writes as its
 * ASCII character. None of them has a combining class or composes with what stands before it, and
 * none decomposes but to one of them, so NFKC of the whole text is that of each unit (checked over
 * all of Unicode by test/unit/understanding-fast-paths.test.ts); lower case then changes A–Z only.
 * Most questions and answers, which then skip normalize's and toLowerCase's copies of the text.
 */
export function foldedByUnit(text: string): string | undefined {
  let out = '';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let to = c;
    if (c >= 0xff01 && c <= 0xff5e) to = c - 0xfee0;
    else if (!nfkcInertUnit(c) && !keptMark(c)) return undefined;
    if (upperAscii(to)) to += 0x20;
    if (to !== c) {
      out += text.slice(done, i) + String.fromCharCode(to);
      done = i + 1;
    }
  }
  return done === 0 ? text : out + text.slice(done);
}
/** A code unit NFKC leaves alone wherever it stands: printable ASCII or a basic CJK ideograph. */
const nfkcInertUnit = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x20 && c <= 0x7e);
/** A CJK mark or bracket NFKC leaves alone wherever it stands (U+3001–U+3003, U+3008–U+3011, U+3014–U+301B). */
const keptMark = (c: number): boolean => (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301b);
const upperAscii = (c: number): boolean => c >= 0x41 && c <= 0x5a;

export function fold(text: string): string {
  // Most texts are left as they are by NFKC and lower case, found in the pass that finds their steps.
  let normal = text;
  let steps = stepsFor(text, true);
  if (steps < 0) {
    normal = foldedByUnit(text) ?? text.normalize('NFKC').toLowerCase();
    steps = stepsFor(normal, false);
  }
  return steps === 0 ? spoken(normal) : foldSteps(normal, steps);
}
