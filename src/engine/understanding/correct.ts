/**
 * The pinyin channel's corrections (README "How the bot understands", step 2): homophone typos
 * inside Han runs (快第 → 快递) and typed pinyin (tuikuan → 退款) read as the known words they
 * sound like, and only as words the business speaks of.
 */
import { STOP_WORDS } from './function-words';
import { conceptKeys, familyKey, type Lexicon } from './lexicon';
import { fuzzy, soundsOf, splitPinyin } from './pinyin';
import { boundaries } from './segments';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z0-9]+/g;
/** Particles and copulas: a typo span holding one is a phrase, not a mistyped word (有会吗 is not 优惠码). */
const PARTICLES = /[的了吗呢啊吧呀哦嗯么哈啦嘛是在]/u;

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
      if (!cuts.has(i) || !cuts.has(i + len) || words.get(i) === len || PARTICLES.test(span)) continue;
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

/** Typed pinyin ("tuikuan") read as the known words it spells (exact spellings first), or undefined. */
function fromPinyin(word: string, lexicon: Lexicon): string | undefined {
  const syllables = splitPinyin(word);
  if (!syllables || syllables.length < 2) return undefined;
  let out = '';
  for (let i = 0; i < syllables.length; ) {
    let found: string | undefined;
    let len = Math.min(4, syllables.length - i);
    for (; len >= 2 && found === undefined; len--) {
      const run = syllables.slice(i, i + len);
      found = spoken(lexicon.exactSounds.get(run.join(' ')), lexicon) ?? spoken(lexicon.sounds.get(run.map(fuzzy).join(' ')), lexicon);
    }
    if (found === undefined) return undefined;
    out += found;
    i += len + 1;
  }
  return out;
}

/** The text with its typos and typed pinyin read as known words; each correction made is pushed to `corrections` ("快第→快递"). */
export function correct(text: string, lexicon: Lexicon, corrections: string[]): string {
  const han = text.replace(HAN_RUN, (run) => correctRun(run, lexicon, corrections));
  return han.replace(LATIN_WORD, (w) => {
    if (lexicon.english.has(w) || STOP_WORDS.has(w)) return w;
    const spelled = fromPinyin(w, lexicon);
    if (spelled === undefined) return w;
    corrections.push(`${w}→${spelled}`);
    return ` ${spelled} `;
  });
}
