/**
 * The pinyin channel's corrections (README "How the bot understands", step 2): homophone typos
 * inside Han runs (快第 → 快递) and typed pinyin (tuikuan → 退款) read as the known words they
 * sound like, and only as words the business speaks of.
 */
import { STOP_WORDS } from './function-words';
import { conceptKeys, familyKey, knownWord, wordSounding, type Lexicon } from './lexicon';
import { fuzzy, soundsOf, splitPinyin } from './pinyin';
import { boundaries } from './segments';

const HAN_RUN = /\p{Script=Han}+/gu;
/** Latin words with the spaces between them (kai fapiao). */
const LATIN_WORDS = /[a-z0-9]+(?: +[a-z0-9]+)*/g;
/** Particles and copulas: a typo span holding one is a phrase, not a mistyped word (有会吗 is not 优惠码). */
const PARTICLES = /[的了吗呢啊吧呀哦嗯么哈啦嘛是在]/u;
/**
 * Prepositions, modals, place words and demonstratives that lead a phrase (把牙崩了, 要戴多久,
 * 能月结, 里有啥, 那个号): a span they start is that word and the next, not a word mistyped.
 */
const PHRASE_HEAD = /^[把被将要能会想该让给跟对向从往里那这]/u;

/** Whether the span run[i, j) reads well already: a phrase head leads it, or a known word crosses its edge (做|微辣, 坐|公交). */
function readsWell(run: string, i: number, j: number, lexicon: Lexicon): boolean {
  if (PHRASE_HEAD.test(run[i]!)) return true;
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
      if (!cuts.has(i) || !cuts.has(i + len) || words.get(i) === len || PARTICLES.test(span) || readsWell(run, i, i + len, lexicon)) continue;
      const known = soundAlike(span, lexicon);
      if (known !== undefined && known !== span) {
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

/** The word, if the business speaks of it: a word of its entries, a question word, or a term of a concept (or family) its entries have. */
function spoken(word: string | undefined, lexicon: Lexicon): string | undefined {
  const served = lexicon.served;
  if (word === undefined || served === undefined) return word;
  const span = lexicon.spans.get(word);
  if (span === undefined || span.kind !== 'concept') return word;
  const root = lexicon.families.get(span.concept);
  return served.has(`w:${word}`) || served.has(conceptKeys(span.concept).concept) || (root !== undefined && served.has(familyKey(root))) ? word : undefined;
}

/** Sentence particles typed as the syllable ending a word (tuikuanle, youhuoma). */
const TYPED_PARTICLES: Readonly<Record<string, string>> = { le: '了', ma: '吗' };

/**
 * Typed pinyin ("tuikuan", "kai fapiao", "lou can le") read as the known words its syllables
 * spell across the words it was typed in: the reading that covers most syllables with words, most
 * with the knowledge base's own words (wuliu xinxi is its 物流 信息, not the lexicon's 物流信息),
 * in fewest pieces (exact spellings before fuzzy ones). A typed word is read whole, but for a
 * particle ending it, or left as typed (lou can le: 漏餐了); undefined when no word is read.
 */
function fromPinyin(tokens: readonly string[], lexicon: Lexicon, corrections: string[]): string | undefined {
  const syllables: string[] = [];
  /** Per syllable, whether it starts the word it was typed in (and one past the last). */
  const starts: boolean[] = [];
  for (const token of tokens) splitPinyin(token)!.forEach((syllable, k) => syllables.push(syllable) && starts.push(k === 0));
  const n = syllables.length;
  starts.push(true);
  // Per prefix of the syllables, its best reading's rank (syllables read as words, then those the business's own, less its pieces) and text.
  const rank: number[] = [0];
  const read: string[] = [''];
  const offer = (to: number, score: number, text: string) => {
    if (!(rank[to]! >= score)) (rank[to] = score), (read[to] = text);
  };
  for (let k = 0; k < n; k++) {
    if (rank[k] === undefined) continue;
    for (let len = 2; len <= 4 && k + len <= n; len++) {
      const run = syllables.slice(k, k + len);
      const word = spoken(wordSounding(lexicon, run.join(' '), true), lexicon) ?? spoken(wordSounding(lexicon, run.map(fuzzy).join(' '), false), lexicon);
      // Words typed apart stay apart, as they were before this reading joined them (wuliu xinxi: 物流 信息).
      if (word !== undefined) offer(k + len, rank[k]! + len * 1e4 + (lexicon.served?.has(`w:${word}`) ? len * 100 : 0) - 1, read[k]! + (starts[k] ? ` ${word}` : word));
    }
    const particle = TYPED_PARTICLES[syllables[k]!];
    if (particle !== undefined && starts[k + 1]) offer(k + 1, rank[k]! - 1, read[k] + particle);
    let end = k + 1;
    while (!starts[end]) end++;
    if (starts[k]) offer(end, rank[k]! - 1, `${read[k]} ${syllables.slice(k, end).join('')} `);
  }
  if (!(rank[n]! > 0)) return undefined;
  corrections.push(`${tokens.join(' ')}→${read[n]!.trim().replace(/ +/g, ' ')}`);
  return ` ${read[n]} `;
}

/** The text with its typos and typed pinyin read as known words; each correction made is pushed to `corrections` ("快第→快递"). */
export function correct(text: string, lexicon: Lexicon, corrections: string[]): string {
  const han = text.replace(HAN_RUN, (run) => correctRun(run, lexicon, corrections));
  return han.replace(LATIN_WORDS, (words) => {
    // Runs of words that may be pinyin, each read as a whole; other words stay as typed.
    const out: string[] = [];
    let group: string[] = [];
    const flush = () => {
      if (group.length > 0) out.push(fromPinyin(group, lexicon, corrections) ?? group.join(' '));
      group = [];
    };
    for (const w of words.split(' ')) {
      const syllables = splitPinyin(w);
      // Syllables may be pinyin, but for an English term or stop word of two or more (haha, bonus).
      if (syllables !== undefined && (syllables.length === 1 || !(lexicon.english.has(w) || STOP_WORDS.has(w)))) group.push(w);
      else if (w !== '') {
        flush();
        out.push(w);
      }
    }
    flush();
    return out.join(' ');
  });
}
