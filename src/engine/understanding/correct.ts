/**
 * The pinyin channel's corrections (README "How the bot understands", step 2): homophone typos
 * inside Han runs (快第 → 快递) and typed pinyin (tuikuan → 退款) read as the known words they
 * sound like, and only as words the business speaks of.
 */
import { STOP_WORDS } from './function-words';
import { conceptKeys, familyKey, knownWord, wordSounding, writtenIn, type Lexicon } from './lexicon';
import { fuzzy, soundsOf, splitPinyin, SYLLABLES } from './pinyin';
import { TYPED_FUNCTION_WORDS } from './lexicon/typed-pinyin';
import { boundaries } from './segments';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
/** Latin words with the spaces between and around them (kai fapiao). */
const LATIN_WORDS = / *([a-z0-9]+(?: +[a-z0-9]+)*) */g;
/** Particles, copulas and spoken question words: a typo span holding one is a phrase, not a mistyped word (有会吗 is not 优惠码, 啥不一样 no 纱布). */
const PARTICLES = /[的了吗呢啊吧呀哦嗯么哈啦嘛是在啥咋谁哪]/u;
/**
 * Prepositions, modals, place words, demonstratives, the negation and 每 before a measure word that
 * lead a phrase (把牙崩了, 要戴多久, 能月结, 里有啥, 那个号, 不寄家里 not 补寄, 每笔借款 not 眉笔, 更新为已结清
 * not 卫衣): a span they start is that word and the next, not a word mistyped, unless the word it
 * sounds like starts with the same character (会圆 is 会员).
 */
const PHRASE_HEAD = /^[把被将要能会想该让给跟对向从往里那这每为不]/u;
/** A number and its measure word (一间房, 两张床, 住三晚): a count, not a mistyped word (一间 is not 意见). */
const COUNT = /^[一二两三四五六七八九十几半][间张个件位台套份次晚天床把条只双]/u;
/** A complement the segmenter fuses to the character before it (快低|到 came as 快|低到): a typo may end before it. */
const COMPLEMENT = /[到了着过]/u;

/** Whether the span run[i, j) reads well already: a known word crosses its edge (做|微辣, 坐|公交). */
function readsWell(run: string, i: number, j: number, lexicon: Lexicon): boolean {
  // Words from before the span into it, or from inside it out past its end.
  for (let s = Math.max(0, i - 3); s < j; s++) {
    for (let e = Math.max(s + 2, s < i ? i + 1 : j + 1); e <= Math.min(run.length, s + 4); e++) if (knownWord(lexicon, run.slice(s, e))) return true;
  }
  return false;
}

/** Replaces homophone typos inside a Han run by the known word they sound like (快第 → 快递). */
function correctRun(run: string, lexicon: Lexicon, corrections: string[]): string {
  const { cuts, words } = boundaries(run);
  let out = '';
  for (let i = 0; i < run.length; ) {
    let step = 0;
    for (let len = Math.min(4, run.length - i); len >= 2 && step === 0; len--) {
      const span = run.slice(i, i + len);
      if (knownWord(lexicon, span)) {
        out += span;
        step = len;
        break;
      }
      // A span cutting through a word, or one that is a real word itself, is not a typo.
      const end = i + len;
      if (!cuts.has(i) || !(cuts.has(end) || (words.get(end - 1) === 2 && COMPLEMENT.test(run[end]!))) || words.get(i) === len || PARTICLES.test(span) || COUNT.test(span) || readsWell(run, i, end, lexicon)) continue;
      const known = soundAlike(span, lexicon);
      if (known !== undefined && known !== span && !(PHRASE_HEAD.test(span) && known[0] !== span[0])) {
        corrections.push(`${span}→${known}`);
        out += known;
        step = len;
      }
    }
    if (step === 0) {
      out += run[i];
      step = 1;
    }
    i += step;
  }
  return out;
}

/**
 * The known word a Han span sounds exactly like (toneless). Not under the fuzzy fold: a wrongly
 * picked character keeps the typed pinyin, while fuzzy readings turn real words into others
 * (超时 is not 吵死, 有赠 not 邮政); typed Latin pinyin keeps the fold (fromPinyin).
 */
function soundAlike(span: string, lexicon: Lexicon): string | undefined {
  const sounds = soundsOf(span);
  return sounds === undefined ? undefined : spoken(wordSounding(lexicon, sounds.exact, true), lexicon);
}

/** The word, if the business speaks of it: a word of its entries or its text, a question word, or a term of a concept (or family) its entries have. */
function spoken(word: string | undefined, lexicon: Lexicon): string | undefined {
  const served = lexicon.served;
  if (word === undefined || served === undefined) return word;
  const span = lexicon.spans.get(word);
  if (span === undefined || span.kind !== 'concept') return word;
  const root = lexicon.families.get(span.concept);
  return served.has(`w:${word}`) || served.has(conceptKeys(span.concept).concept) || (root !== undefined && served.has(familyKey(root))) || writtenIn(served, word) ? word : undefined;
}

/**
 * Toneless sound → the function word it spells (./lexicon/typed-pinyin), the first listed taking
 * a sound; and le and shei, which the table reads liao and shui, as 了 and 谁 (fahuo le ma, shei chu).
 */
const FUNCTION_SOUNDS = new Map<string, string>([['le', '了'], ['shei', '谁']]);
/** Sentence particles, which a word does not take in when typed apart (youhui ma). */
const TYPED_PARTICLES: ReadonlySet<string> = new Set(['ma', 'le', 'ne', 'ba', 'ya', 'la', 'me']);
for (const w of TYPED_FUNCTION_WORDS) {
  const sound = soundsOf(w)?.exact;
  if (sound !== undefined && !FUNCTION_SOUNDS.has(sound)) FUNCTION_SOUNDS.set(sound, w);
}
/** What a syllable read as a known word is worth, over one read as a function word: any word outranks every function reading. */
const WORD_SYLLABLE = 1e4;
const FUNCTION_SYLLABLE = 10;

/** The known word the syllables spell, exactly, with 了 read le as typed (the table's liao: duan le is 断了), or under the fuzzy fold. */
function known(run: readonly string[], sound: string, lexicon: Lexicon): string | undefined {
  const exact = spoken(wordSounding(lexicon, sound, true), lexicon) ?? (run.includes('le') ? spoken(wordSounding(lexicon, sound.replace(/\ble\b/g, 'liao'), true), lexicon) : undefined);
  return exact ?? spoken(wordSounding(lexicon, run.map(fuzzy).join(' '), false), lexicon);
}

/**
 * A typed word's syllables; a single syllable that two syllables typed without the apostrophe
 * also spell, as a known word, is those two (yue is 余额, yu'e, beside huafei).
 */
function twoSyllables(token: string, lexicon: Lexicon): string[] {
  const syllables = splitPinyin(token)!;
  if (syllables.length > 1) return syllables;
  for (let cut = 1; cut < token.length; cut++) {
    const pair = [token.slice(0, cut), token.slice(cut)];
    if (SYLLABLES.has(pair[0]!) && SYLLABLES.has(pair[1]!) && spoken(wordSounding(lexicon, pair.join(' '), true), lexicon) !== undefined) return pair;
  }
  return syllables;
}

/**
 * Typed pinyin ("tuikuan", "kai fapiao", "wo xiang huanhuo") read as the known words its syllables
 * spell across the words it was typed in: the reading that covers most syllables with words, most
 * with the knowledge base's own words (wuliu xinxi is its 物流 and 信息, not the lexicon's 物流信息),
 * then most with function words (wo xiang, bu, le), in fewest pieces (exact spellings before fuzzy
 * ones). A typed word is read whole or left as typed (lou can le: 漏餐了). Read words are written
 * together, as a customer typing characters writes them (kuandai duan le is 宽带断了, which the
 * terms then meet). Undefined when no word is read, or only function words away from Chinese (can
 * you help me stays English; 优惠券yong bu liao is 优惠券用不了).
 */
function fromPinyin(tokens: readonly string[], lexicon: Lexicon, corrections: string[], besideHan: boolean): string | undefined {
  const syllables: string[] = [];
  /** Per syllable, whether it starts the word it was typed in (and one past the last). */
  const starts: boolean[] = [];
  /** Per syllable, whether it was typed alone as a sentence particle (youhui ma: 优惠 吗, not 优惠码). */
  const particle: boolean[] = [];
  for (const token of tokens) {
    twoSyllables(token, lexicon).forEach((syllable, k) => {
      syllables.push(syllable);
      starts.push(k === 0);
      particle.push(TYPED_PARTICLES.has(token));
    });
  }
  const n = syllables.length;
  starts.push(true);
  // Per prefix of the syllables, its best reading's rank (syllables read as words, those the business's own, syllables read as function words, less its pieces) and text.
  const rank: number[] = [0];
  const read: string[] = [''];
  const offer = (to: number, score: number, text: string) => {
    if (!(rank[to]! >= score)) (rank[to] = score), (read[to] = text);
  };
  for (let k = 0; k < n; k++) {
    if (rank[k] === undefined) continue;
    for (let len = 1; len <= 5 && k + len <= n; len++) {
      const run = syllables.slice(k, k + len);
      const sound = run.join(' ');
      const word = len === 1 ? undefined : known(run, sound, lexicon);
      // A particle typed apart ends a word only as itself, and after a whole word (kuandai duan le is 宽带断了; youhui ma is no 优惠码, man le no 满了).
      if (word !== undefined && !(particle[k + len - 1] && (len < 3 || word[word.length - 1] !== FUNCTION_SOUNDS.get(run[len - 1]!)))) offer(k + len, rank[k]! + len * WORD_SYLLABLE + (lexicon.served?.has(`w:${word}`) ? len * 100 : 0) - 1, read[k]! + word);
      const functionWord = FUNCTION_SOUNDS.get(sound);
      if (functionWord !== undefined) offer(k + len, rank[k]! + len * FUNCTION_SYLLABLE - 1, read[k]! + functionWord);
    }
    let end = k + 1;
    while (!starts[end]) end++;
    if (starts[k]) offer(end, rank[k]! - 1, `${read[k]} ${syllables.slice(k, end).join('')} `);
  }
  if (!(rank[n]! > (besideHan ? 0 : WORD_SYLLABLE / 2))) return undefined;
  const text = read[n]!.trim().replace(/ +/g, ' ');
  corrections.push(`${tokens.join(' ')}→${text}`);
  return text;
}

const isHan = (c: string | undefined): boolean => c !== undefined && HAN.test(c);
/**
 * Whether a Latin word may be typed pinyin: a single syllable, or syllables that are no word of
 * an English term or stop word (haha, bonus, made in), or an English term whose syllables spell
 * a known word (fapiao, kuaidi: kai fapiao is read across both).
 */
function maybePinyin(word: string, syllables: readonly string[], lexicon: Lexicon): boolean {
  if (syllables.length === 1) return true;
  if (STOP_WORDS.has(word)) return false;
  return !lexicon.englishWords.has(word) || wordSounding(lexicon, syllables.join(' '), true) !== undefined;
}

/** The text with its typos and typed pinyin read as known words; each correction made is pushed to `corrections` ("快第→快递"). */
export function correct(text: string, lexicon: Lexicon, corrections: string[]): string {
  const han = text.replace(HAN_RUN, (run) => correctRun(run, lexicon, corrections));
  return han.replace(LATIN_WORDS, (run, words: string, at: number) => {
    const before = han[at - 1];
    const after = han[at + run.length];
    // Runs of words that may be pinyin, each read as a whole; other words stay as typed.
    let out = '';
    let group: string[] = [];
    const put = (piece: string) => {
      out += out === '' || (isHan(out[out.length - 1]) && isHan(piece[0])) ? piece : ` ${piece}`;
    };
    const flush = (last: boolean) => {
      // Function words are read beside Chinese only: a group that starts or ends the run where Chinese is.
      if (group.length > 0) put(fromPinyin(group, lexicon, corrections, (out === '' && isHan(before)) || (last && isHan(after))) ?? group.join(' '));
      group = [];
    };
    for (const w of words.split(' ')) {
      const syllables = splitPinyin(w);
      if (syllables !== undefined && maybePinyin(w, syllables, lexicon)) group.push(w);
      else if (w !== '') {
        flush(false);
        put(w);
      }
    }
    flush(true);
    // The spaces around the run stay, but between a reading and the Chinese beside it (dizhi 填错了 is 地址填错了).
    const lead = run.length - run.trimStart().length;
    const trail = run.length - run.trimEnd().length;
    return `${isHan(before) && isHan(out[0]) ? '' : ' '.repeat(lead)}${out}${isHan(after) && isHan(out[out.length - 1]) ? '' : ' '.repeat(trail)}`;
  });
}
