/**
 * The pinyin channel's corrections (README "How the bot understands", step 2): homophone typos
 * inside Han runs (快第 → 快递) and typed pinyin (tuikuan → 退款) read as the known words they
 * sound like, and only as words the business speaks of.
 */
import { LATIN_INTERJECTION, STOP_WORDS } from './function-words';
import { conceptKeys, familyKey, type Lexicon } from './lexicon';
import { fuzzy, soundsOf, splitPinyin } from './pinyin';
import { boundaries } from './segments';

const HAN_RUN = /\p{Script=Han}+/gu;
/** Latin words with the spaces between them (kai fapiao). */
const LATIN_WORDS = /[a-z0-9]+(?: +[a-z0-9]+)*/g;
/** Particles and copulas: a typo span holding one is a phrase, not a mistyped word (有会吗 is not 优惠码). */
const PARTICLES = /[的了吗呢啊吧呀哦嗯么哈啦嘛是在]/u;
/**
 * Prepositions, modals and place words that lead a phrase (把牙崩了, 要戴多久, 能月结, 里有啥):
 * a span they start is that word and the next, not a word mistyped (拔牙, 腰带, 能约, 理由).
 */
const PHRASE_HEAD = /^[把被将要能会想该让给跟对向从往里]/u;

/** Whether the span run[i, j) is a reading already: it leads with a stop word (那个号) or a known word crosses its edge (做|微辣, 坐|公交). */
function readsWell(run: string, i: number, j: number, lexicon: Lexicon): boolean {
  if (PHRASE_HEAD.test(run[i]!)) return true;
  for (let len = 2; len <= j - i; len++) if (STOP_WORDS.has(run.slice(i, i + len)) || lexicon.spans.get(run.slice(i, i + len))?.kind === 'filler') return true;
  const known = (w: string) => lexicon.words.has(w) || lexicon.spans.has(w);
  for (let len = 2; len <= 4; len++) {
    // Words over the span's start edge (from before i into it) or its end edge (from inside out past j).
    for (let s = Math.max(0, i - len + 1); s < i && s + len <= run.length; s++) if (s + len > i && known(run.slice(s, s + len))) return true;
    for (let s = Math.max(i, j - len + 1); s < j && s + len <= run.length; s++) if (s + len > j && known(run.slice(s, s + len))) return true;
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
      if (lexicon.words.has(span)) {
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
  return sounds === undefined ? undefined : spoken(lexicon.exactSounds.get(sounds.exact), lexicon);
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

/** Sentence particles typed as a syllable at the end of a word or alone (tuikuanle, youhuo ma). */
const PARTICLE_SYLLABLES: ReadonlyMap<string, string> = new Map([['le', '了'], ['ma', '吗'], ['ne', '呢'], ['ba', '吧'], ['a', '啊'], ['ya', '呀'], ['la', '啦']]);

/** A reading of a prefix of the typed syllables: syllables read as known words, those in the business's own words, pieces. */
interface Reading {
  covered: number;
  own: number;
  pieces: string[];
}
const better = (a: Reading, b: Reading | undefined) =>
  b === undefined || a.covered > b.covered || (a.covered === b.covered && (a.own > b.own || (a.own === b.own && a.pieces.length < b.pieces.length)));

/**
 * Typed pinyin ("tuikuan", "kai fapiao", "lou can le") read as the known words its syllables
 * spell across the words it was typed in, the reading that covers most syllables with words
 * (the business's own words first; exact spellings before fuzzy ones). A typed word is read whole
 * or left as typed, but for a particle syllable ending it (tuikuanle); undefined when no word is read.
 */
function fromPinyin(tokens: readonly string[], lexicon: Lexicon, corrections: string[]): string | undefined {
  const syllables: string[] = [];
  /** Per syllable, the token it was typed in, and whether it starts / ends that token. */
  const starts: boolean[] = [];
  const ends: boolean[] = [];
  for (const token of tokens) {
    const split = splitPinyin(token)!;
    split.forEach((syllable, k) => {
      syllables.push(syllable);
      starts.push(k === 0);
      ends.push(k === split.length - 1);
    });
  }
  const n = syllables.length;
  const best: (Reading | undefined)[] = new Array(n + 1);
  best[0] = { covered: 0, own: 0, pieces: [] };
  const tokenAt: number[] = [];
  for (let k = 0, t = -1; k < n; k++) tokenAt.push(starts[k] ? ++t : t);
  const offer = (to: number, reading: Reading) => {
    if (better(reading, best[to])) best[to] = reading;
  };
  for (let k = 0; k < n; k++) {
    const head = best[k];
    if (head === undefined) continue;
    for (let len = 2; len <= 4 && k + len <= n; len++) {
      const run = syllables.slice(k, k + len);
      const word = spoken(lexicon.exactSounds.get(run.join(' ')), lexicon) ?? spoken(lexicon.sounds.get(run.map(fuzzy).join(' ')), lexicon);
      if (word === undefined) continue;
      const own = lexicon.served?.has(`w:${word}`) ? len : 0;
      // Words typed apart stay apart, as before this reading joined them (wuliu xinxi: 物流 信息).
      offer(k + len, { covered: head.covered + len, own: head.own + own, pieces: [...head.pieces, starts[k] ? ` ${word}` : word] });
    }
    const particle = PARTICLE_SYLLABLES.get(syllables[k]!);
    if (particle !== undefined && ends[k]) offer(k + 1, { ...head, pieces: [...head.pieces, particle] });
    else if (starts[k]) {
      let end = k;
      while (!ends[end]) end++;
      offer(end + 1, { ...head, pieces: [...head.pieces, ` ${tokens[tokenAt[k]!]} `] });
    }
  }
  const reading = best[n];
  if (reading === undefined || reading.covered === 0) return undefined;
  corrections.push(`${tokens.join(' ')}→${reading.pieces.join('').trim().replace(/ +/g, ' ')}`);
  return ` ${reading.pieces.join('')} `;
}

/** A typed Latin word that may be pinyin: made of syllables, and no English term, stop word or interjection of two syllables or more. */
function typedPinyin(word: string, lexicon: Lexicon): boolean {
  const syllables = splitPinyin(word);
  return syllables !== undefined && (syllables.length === 1 || !(lexicon.english.has(word) || STOP_WORDS.has(word) || LATIN_INTERJECTION.test(word)));
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
      if (w === '') continue;
      if (typedPinyin(w, lexicon)) group.push(w);
      else {
        flush();
        out.push(w);
      }
    }
    flush();
    return out.join(' ');
  });
}
