/**
 * Text normalisation for matching keywords and sensitive words.
 *
 * Two forms:
 * - `normalizeText`: NFKC (full-width ＶＩＰ１２３ → vip123, ㍿ → 株式会社) and lower case.
 *   For matching where spacing matters (intents, knowledge questions).
 * - `compact`: the same per character, then every space, punctuation mark, symbol (emoji
 *   included), control, format (zero-width) and combining mark dropped, so 违 禁 词, 违-禁-词,
 *   违\u200b禁词 and 违̶禁̶词 all read 违禁词. It keeps, for each character it keeps, the offset of the
 *   original character it came from, so a hit can be masked or quoted in the original text.
 *
 *   `compact` also folds traditional characters to simplified (./simplify: 代開發票 reads 代开发票).
 *
 * Characters are normalised one code point at a time (not whole-string NFKC) so that the index map
 * stays exact; both keywords and messages go through the same function, so they agree.
 */

import { simplify, simplifyUnit } from './simplify';

export const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Dropped by `compact`: separators, punctuation, symbols, controls, format and default-ignorable characters, marks. */
const DROPPED = /[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]/gu;

export interface Compacted {
  /** The compact text that matchers run over. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, the offset in `source` of the code point it came from. */
  readonly origin: readonly number[];
  readonly source: string;
}

/** What each code point outside the fast paths becomes ('' = dropped). Bounded: cleared when full. */
const slowCache = new Map<number, string>();
const SLOW_CACHE_MAX = 8192;

function slowPath(cp: number): string {
  let out = slowCache.get(cp);
  if (out === undefined) {
    out = simplify(String.fromCodePoint(cp).normalize('NFKC').toLowerCase().replace(DROPPED, ''));
    if (slowCache.size >= SLOW_CACHE_MAX) slowCache.clear();
    slowCache.set(cp, out);
  }
  return out;
}

/** ASCII after NFKC + lower case + dropping: letters lowered, digits kept, everything else dropped. */
function asciiUnit(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 48 && c <= 57) return c;
  if (c >= 65 && c <= 90) return c + 32;
  return -1;
}

export function compact(source: string): Compacted {
  const units: number[] = [];
  const origin: number[] = [];
  const n = source.length;
  for (let i = 0; i < n; ) {
    const c = source.charCodeAt(i);
    // Fast paths (the bulk of Chinese and ASCII text): results identical to slowPath, without a cache lookup.
    if (c < 0x80 || (c >= 0xff01 && c <= 0xff5e)) {
      // Full-width ASCII (ＶＩＰ) is NFKC-equivalent to ASCII at a fixed distance.
      const u = asciiUnit(c < 0x80 ? c : c - 0xfee0);
      if (u >= 0) {
        units.push(u);
        origin.push(i);
      }
      i++;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      // CJK Unified Ideographs: NFKC-stable, caseless, never dropped; traditional ones folded.
      units.push(simplifyUnit(c));
      origin.push(i);
      i++;
      continue;
    }
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = slowPath(cp);
    for (let k = 0; k < out.length; k++) {
      units.push(out.charCodeAt(k));
      origin.push(i);
    }
    i += width;
  }
  let text = '';
  // Chunked so a long message never exceeds the argument limit of fromCharCode.
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
  return { text, origin, source };
}

/** The compact form alone (keywords, sensitive words). */
export const compactKey = (s: string): string => compact(s).text;

/** Maps a compact range [start, end) back to the original range covering the characters it came from. */
export function toOriginal(c: Compacted, start: number, end: number): { start: number; end: number } {
  const last = c.origin[end - 1]!;
  const code = c.source.charCodeAt(last);
  const lastWidth = code >= 0xd800 && code <= 0xdbff && last + 1 < c.source.length ? 2 : 1;
  return { start: c.origin[start]!, end: last + lastWidth };
}
