/**
 * The pinyin channel: how a message sounds, so homophone typos (快第 for 快递, 有会 for 优惠) and
 * typed pinyin (tuikuan for 退款) meet the words they stand for.
 *
 * Readings are toneless (input methods are typed without tones). Typed pinyin is also read under
 * the fold common "fuzzy pinyin" input settings apply, zh/ch/sh to z/c/s and -ng to -n (a customer
 * from the south types shenqing as senqing); a Han typo is corrected on its exact reading only,
 * since under the fold many real words sound like other words (超时 / 吵死).
 */
import { HAN_FIRST, unpackNumbers } from '../../rules/tables/packed';
import { PINYIN_PACKED, PINYIN_SYLLABLES } from './tables/pinyin';

/** The fuzzy form of a toneless syllable. */
export function fuzzy(syllable: string): string {
  return syllable.replace(/^([zcs])h/, '$1').replace(/([aeiou])ng$/, '$1n');
}

/**
 * Per UTF-16 code unit, 1 + the index of its syllable in EXACT and FUZZY (0: no reading): every
 * character of the table is in the Basic Multilingual Plane, and a look-up by code unit makes no
 * one-character string (soundsOf reads every word the lexicon learns).
 */
const SYLLABLE_OF = new Uint16Array(65536);
const EXACT: string[] = PINYIN_SYLLABLES.split(' ');
const FUZZY: string[] = EXACT.map(fuzzy);
{
  // Per syllable, as tables/pinyin.ts lays them out: how many characters, then their code points.
  const numbers = unpackNumbers(PINYIN_PACKED);
  let at = 0;
  for (let s = 1; s <= EXACT.length; s++) {
    let point = HAN_FIRST;
    for (let n = numbers[at++]!; n > 0; n--) SYLLABLE_OF[(point += numbers[at++]!)] = s;
  }
}

/** Every syllable of the table (typed pinyin is split into these). */
export const SYLLABLES: ReadonlySet<string> = new Set(EXACT);
const LONGEST_SYLLABLE = Math.max(...[...SYLLABLES].map((s) => s.length));

/**
 * Both readings of a run of Han characters (exact and fuzzy, syllables joined by spaces) in one
 * pass, or undefined when one has none. Where the fold changes no syllable (2 words in 5) the
 * fuzzy reading is the exact string itself: built and hashed once (the lexicon learns ~8,000).
 */
export function soundsOf(han: string): { exact: string; fuzzy: string } | undefined {
  let exact = '';
  // The fuzzy reading once a syllable's differs (until then it is `exact`).
  let folded: string | undefined;
  for (let i = 0; i < han.length; i++) {
    const s = SYLLABLE_OF[han.charCodeAt(i)]! - 1;
    if (s < 0) return undefined;
    if (folded === undefined && FUZZY[s] !== EXACT[s]) folded = exact;
    exact += i === 0 ? EXACT[s] : ` ${EXACT[s]}`;
    if (folded !== undefined) folded += i === 0 ? FUZZY[s] : ` ${FUZZY[s]}`;
  }
  return { exact, fuzzy: folded ?? exact };
}

/**
 * A Latin word read as pinyin syllables ("tuikuan" → "tui kuan"), or undefined when it is not
 * made of syllables only (a final r is 儿: nar is na er). Dynamic programming over the word
 * prefers fewer syllables, so "xian" is one syllable, not "xi an".
 */
export function splitPinyin(word: string): string[] | undefined {
  if (!/^[a-z]{2,40}$/.test(word)) return undefined;
  // A syllable with 儿 typed on (nar, zher, dianr): the syllables and er.
  if (word.endsWith('r') && !SYLLABLES.has(word.slice(-2)) && !SYLLABLES.has(word.slice(-3))) {
    const head = word.length > 2 ? splitPinyin(word.slice(0, -1)) : undefined;
    return head && [...head, 'er'];
  }
  const n = word.length;
  const best: (string[] | undefined)[] = new Array(n + 1);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const head = best[i];
    if (!head) continue;
    for (let len = 1; len <= LONGEST_SYLLABLE && i + len <= n; len++) {
      const s = word.slice(i, i + len);
      if (!SYLLABLES.has(s)) continue;
      const next = best[i + len];
      if (!next || next.length > head.length + 1) best[i + len] = [...head, s];
    }
  }
  return best[n];
}
