import { compileKeywords, type KeywordMatcher } from './keywords';
import { compact, compactKey } from './normalize';

/**
 * Sensitive-word scanning for inbound and outbound text: 10,000+ words in one pass over the
 * compact text (./normalize), so 违 禁 词, 违-禁-词, ＶＩＰ and V.I.P all hit. Hits come back in the
 * original text's coordinates; the masked text and excerpt never show a whole word, because the
 * violations log and the admin API must not republish what they intercepted.
 */

export interface SensitiveHit {
  /** The configured word. */
  word: string;
  /** Range in the original text (spans any separators inserted between the characters). */
  start: number;
  end: number;
}

export interface SensitiveScan {
  hits: SensitiveHit[];
  /** The text with every hit masked (违-禁-词 → 违*词). */
  masked: string;
  /** A short masked window around the first hit ('' without hits), for the violations log. */
  excerpt: string;
}

export interface SensitiveMatcher {
  scan(text: string): SensitiveScan;
  /** Cheaper than scan when only a yes/no is needed (outbound replies). */
  test(text: string): boolean;
  /** Configured words that can never match (only punctuation or symbols). */
  readonly unmatchable: readonly string[];
}

/** Characters of context on each side of the first hit in an excerpt. */
export const EXCERPT_CONTEXT = 20;

/** Keeps the first and last character, masks the middle; 2-character words keep the first, 1 is all masked. */
export function maskWord(word: string): string {
  const chars = Array.from(word);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function compileSensitive(words: readonly string[]): SensitiveMatcher {
  // Words with the same compact form (违禁词, 违 禁 词) are one word: the first spelling reports it.
  const unique = new Map<string, string>();
  const unmatchable: string[] = [];
  for (const word of words) {
    const key = compactKey(word);
    if (key === '') unmatchable.push(word);
    else if (!unique.has(key)) unique.set(key, word);
  }
  const matcher: KeywordMatcher<null> = compileKeywords([...unique.values()].map((word) => ({ keyword: word, payload: null })));

  return {
    unmatchable,
    test: (text) => matcher.test(text),
    scan(text) {
      const c = compact(text);
      const hits: SensitiveHit[] = matcher.findCompact(c).map((h) => ({ word: h.keyword, start: h.start, end: h.end }));
      hits.sort((a, b) => a.start - b.start || b.end - a.end);
      if (hits.length === 0) return { hits, masked: text, excerpt: '' };

      // Merge overlapping hits into spans; each span is masked as one word made of the characters
      // that count (those kept by compact), so inserted separators disappear with the word.
      let masked = '';
      let cursor = 0;
      let firstSpan: { start: number; end: number } | undefined;
      let k = 0;
      for (let i = 0; i < hits.length; ) {
        let end = hits[i]!.end;
        const start = hits[i]!.start;
        let j = i + 1;
        while (j < hits.length && hits[j]!.start < end) end = Math.max(end, hits[j++]!.end);
        masked += text.slice(cursor, start);
        // Original code points inside the span that produced compact text.
        const kept: string[] = [];
        while (k < c.origin.length && c.origin[k]! < start) k++;
        let last = -1;
        while (k < c.origin.length && c.origin[k]! < end) {
          const o = c.origin[k++]!;
          if (o !== last) kept.push(String.fromCodePoint(text.codePointAt(o)!));
          last = o;
        }
        const from = masked.length;
        masked += maskWord(kept.join(''));
        firstSpan ??= { start: from, end: masked.length };
        cursor = end;
        i = j;
      }
      masked += text.slice(cursor);
      return { hits, masked, excerpt: excerptOf(masked, firstSpan!) };
    },
  };
}

function excerptOf(masked: string, span: { start: number; end: number }): string {
  let from = Math.max(0, span.start - EXCERPT_CONTEXT);
  let to = Math.min(masked.length, span.end + EXCERPT_CONTEXT);
  // Never cut a surrogate pair in half.
  if (from > 0 && isLowSurrogate(masked.charCodeAt(from))) from--;
  if (to < masked.length && isLowSurrogate(masked.charCodeAt(to))) to++;
  return `${from > 0 ? '…' : ''}${masked.slice(from, to)}${to < masked.length ? '…' : ''}`;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
