import { RegExpParser } from '@eslint-community/regexpp';
import { RE2JS } from 're2js';
import { literalsOf } from './regex-literals';
import { toRe2, Untranslatable } from './regex-re2';

/**
 * Operator regular expressions (`message_regex` tag rules, intent `patterns`) run on every
 * customer message, so they run on a linear-time engine: re2js (a port of RE2/Go's regexp, no
 * backtracking). A pattern costs at most (text length × pattern size) steps whatever its shape;
 * `(a+)+`, `订单.*\d+.*\d+.*\d+号` and `(.*a){20}` are as cheap as `退货`. Both factors are capped
 * here: the text a pattern sees (REGEX_TEXT_LIMIT) and the size of its compiled program
 * (MAX_REGEX_SIZE instructions: x{50} compiles to fifty copies of x).
 *
 * Patterns are written in ECMAScript syntax with ECMAScript flags: regexpp (the parser ESLint
 * uses) reads them, ./regex-re2 translates them to RE2 syntax with ECMAScript's meaning, and
 * what RE2 cannot run (lookaheads, backreferences) is refused with the reason.
 */

export const MAX_PATTERN_LENGTH = 500;
/** Instructions of the compiled program (the work per character); see bench/regex.bench.ts. */
export const MAX_REGEX_SIZE = 64;
/** A lookbehind keeps re2js off its DFA (every character then walks the program): half the size. */
export const MAX_LOOKBEHIND_REGEX_SIZE = 32;
/** A pattern sees at most this many UTF-16 units of a message (the rest is not matched). */
export const REGEX_TEXT_LIMIT = 2048;

export interface OperatorRegex {
  /** Instructions of the compiled program (the work per character of text is at most proportional to it). */
  readonly size: number;
  /** Literals every match contains (prefilter), or null when there are none. */
  readonly literals: string[] | null;
  /** Whether the pattern matches somewhere in the first REGEX_TEXT_LIMIT units of `text`. */
  test(text: string): boolean;
  /** What the leftmost match matched, or null. */
  match(text: string): string | null;
}

export type RegexCompilation = { ok: true; regex: OperatorRegex } | { ok: false; reason: string };

const parser = new RegExpParser({ ecmaVersion: 2025 });

export function compileOperatorRegex(pattern: string, flags = ''): RegexCompilation {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `longer than ${MAX_PATTERN_LENGTH} characters` };
  if (!/^[dgimsuy]*$/.test(flags) || new Set(flags).size !== flags.length) return { ok: false, reason: `unsupported flags "${flags}" (allowed: i, m, s, u)` };
  const unicode = flags.includes('u');
  const ignoreCase = flags.includes('i');
  let ast;
  try {
    ast = parser.parsePattern(pattern, 0, pattern.length, { unicode, unicodeSets: false });
  } catch (e) {
    return { ok: false, reason: `invalid regular expression: ${(e as Error).message}` };
  }
  let translated;
  try {
    translated = toRe2(ast, { unicode, dotAll: flags.includes('s') });
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
  let re: RE2JS;
  try {
    const re2Flags = (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) | (translated.lookbehind ? RE2JS.LOOKBEHINDS : 0);
    re = RE2JS.compile(translated.source, re2Flags);
  } catch (e) {
    return { ok: false, reason: `not supported by the linear-time engine: ${(e as Error).message}` };
  }
  const limit = translated.lookbehind ? MAX_LOOKBEHIND_REGEX_SIZE : MAX_REGEX_SIZE;
  if (re.programSize() > limit) {
    const why = translated.lookbehind ? ' with a lookbehind' : '';
    return { ok: false, reason: `too large: it compiles to ${re.programSize()} instructions (a counted repetition such as {50} copies its body), at most ${limit} allowed${why}` };
  }
  const cap = (text: string): string => (text.length > REGEX_TEXT_LIMIT ? text.slice(0, REGEX_TEXT_LIMIT) : text);
  return {
    ok: true,
    regex: {
      size: re.programSize(),
      literals: literalsOf(ast, ignoreCase),
      test: (text) => re.test(cap(text)),
      match: (text) => {
        const capped = cap(text);
        // The boolean search runs on re2js's DFA; only a text that matches pays for the match's bounds.
        return re.test(capped) ? (re.exec(capped)?.[0] ?? null) : null;
      },
    },
  };
}
