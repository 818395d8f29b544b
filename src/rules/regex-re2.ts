import type { AST } from '@eslint-community/regexpp';

/**
 * Translates an ECMAScript pattern (as parsed by regexpp) into RE2 syntax for re2js, keeping
 * ECMAScript's meaning where the two differ: `.` excludes \r, \u2028 and \u2029 as well as \n,
 * `\s` is ECMAScript's Unicode space set, every character is written as `\x{…}`, groups never
 * capture (only whether and what the whole pattern matched is used).
 *
 * Left as RE2 has it: case folding under `i` follows Unicode simple folding (ECMAScript without
 * `u` upper-cases instead; they differ on a handful of letters such as ſ and K), and `^`/`$` under
 * `m` see only \n as a line end.
 *
 * What RE2 cannot run in linear time is refused with an operator-facing reason: lookaheads and
 * backreferences. Lookbehinds are kept (re2js runs them in linear time).
*/

export class Untranslatable extends Error {}

export interface Re2Pattern {
  source: string;
  lookbehind: boolean;
}

type Range = readonly [number, number];

const MAX_CP = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
/** ECMAScript WhiteSpace and LineTerminator (what `\s` matches). */
const SPACE: Range[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

function complement(set: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

const cp = (c: number): string => `\\x{${c.toString(16)}}`;
const ranges = (set: readonly Range[]): string => set.map(([lo, hi]) => (lo === hi ? cp(lo) : `${cp(lo)}-${cp(hi)}`)).join('');

/** RE2 knows general categories by their short names and scripts by their long names. */
function property(node: AST.UnicodePropertyCharacterSet): string {
  const name = node.key === 'General_Category' || node.key === 'Script' ? node.value : null;
  if (name === null || !/^[A-Za-z_]+$/.test(name)) {
    throw new Untranslatable(`the Unicode property ${node.raw} is not supported (use a general category such as \\p{L} or \\p{Script=Han})`);
  }
  return `\\${node.negate ? 'P' : 'p'}{${name}}`;
}

function escapeSet(node: AST.EscapeCharacterSet): Range[] {
  const set = node.kind === 'digit' ? DIGIT : node.kind === 'word' ? WORD : SPACE;
  return node.negate ? complement(set) : set;
}

interface Scope {
  dotAll: boolean;
}

class Translator {
  lookbehind = false;

  constructor(private readonly unicode: boolean) {}

  alternatives(alts: readonly AST.Alternative[], scope: Scope): string {
    return alts.map((a) => this.sequence(a.elements, scope)).join('|');
  }

  private sequence(elements: readonly AST.Element[], scope: Scope): string {
    let source = '';
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      const next = elements[i + 1];
      // Outside `u` mode an astral character is two code-unit Characters in a row: join them back.
      if (!this.unicode && isHighSurrogate(el) && next?.type === 'Character' && isLowSurrogateValue(next.value)) {
        source += cp(0x10000 + ((el.value - 0xd800) << 10) + (next.value - 0xdc00));
        i++;
        continue;
      }
      source += this.element(el, scope);
    }
    return source;
  }

  private element(node: AST.Element, scope: Scope): string {
    switch (node.type) {
      case 'Character':
        // A pair was joined by sequence(); a half alone (😀+ repeats only the low half) has no code point.
        if (!this.unicode && isSurrogateValue(node.value)) throw new Untranslatable(`${node.parent.raw}: a character outside the Basic Multilingual Plane needs the u flag here`);
        return cp(node.value);
      case 'CharacterSet':
        if (node.kind === 'any') return scope.dotAll ? `[${cp(0)}-${cp(MAX_CP)}]` : `[${ranges(complement(LINE_TERMINATORS))}]`;
        if (node.kind === 'property') return property(node);
        return `[${ranges(escapeSet(node))}]`;
      case 'CharacterClass':
        return this.characterClass(node);
      case 'ExpressionCharacterClass':
        throw new Untranslatable('set operations in character classes (the v flag) are not supported');
      case 'Assertion':
        return this.assertion(node, scope);
      case 'Backreference':
        throw new Untranslatable(`backreferences such as ${node.raw} are not supported: no engine matches them in linear time`);
      case 'CapturingGroup':
        return this.group(node.alternatives, scope, '');
      case 'Group': {
        if (!node.modifiers) return this.group(node.alternatives, scope, '');
        const { add, remove } = node.modifiers;
        const on = `${add.ignoreCase ? 'i' : ''}${add.multiline ? 'm' : ''}`;
        const off = `${remove?.ignoreCase ? 'i' : ''}${remove?.multiline ? 'm' : ''}`;
        const dotAll = add.dotAll ? true : remove?.dotAll ? false : scope.dotAll;
        return this.group(node.alternatives, { dotAll }, `${on}${off ? `-${off}` : ''}`);
      }
      case 'Quantifier': {
        const body = this.element(node.element, scope);
        const bounds = node.max === Infinity ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
        return `(?:${body})${bounds}${node.greedy ? '' : '?'}`;
      }
    }
  }

  private group(alts: readonly AST.Alternative[], scope: Scope, flags: string): string {
    return `(?${flags}:${this.alternatives(alts, scope)})`;
  }

  private assertion(node: AST.Assertion, scope: Scope): string {
    switch (node.kind) {
      case 'start': return '^';
      case 'end': return '$';
      case 'word': return node.negate ? '\\B' : '\\b';
      case 'lookahead':
        throw new Untranslatable(`lookaheads such as ${node.raw} are not supported: the linear-time engine has none (lookbehinds are)`);
      case 'lookbehind': {
        this.lookbehind = true;
        return `(?<${node.negate ? '!' : '='}${this.alternatives(node.alternatives, scope)})`;
      }
    }
  }

  private characterClass(node: AST.CharacterClass): string {
    let body = '';
    for (const el of node.elements) {
      switch (el.type) {
        case 'Character':
          if (!this.unicode && isSurrogateValue(el.value)) throw new Untranslatable(`${node.raw}: a character outside the Basic Multilingual Plane in a class needs the u flag`);
          body += cp(el.value);
          break;
        case 'CharacterClassRange':
          if (!this.unicode && (isSurrogateValue(el.min.value) || isSurrogateValue(el.max.value))) throw new Untranslatable(`${node.raw}: a character outside the Basic Multilingual Plane in a class needs the u flag`);
          body += `${cp(el.min.value)}-${cp(el.max.value)}`;
          break;
        case 'CharacterSet':
          body += el.kind === 'property' ? property(el) : ranges(escapeSet(el));
          break;
        default:
          throw new Untranslatable('set operations in character classes (the v flag) are not supported');
      }
    }
    // An empty class matches nothing ([]) or anything ([^]); RE2 has no such syntax.
    if (body === '') return node.negate ? `[${cp(0)}-${cp(MAX_CP)}]` : '[^\\x{0}-\\x{10ffff}]';
    return `[${node.negate ? '^' : ''}${body}]`;
  }
}

const isSurrogateValue = (v: number): boolean => v >= 0xd800 && v <= 0xdfff;
const isLowSurrogateValue = (v: number): boolean => v >= 0xdc00 && v <= 0xdfff;
const isHighSurrogate = (node: AST.Element): node is AST.Character => node.type === 'Character' && node.value >= 0xd800 && node.value <= 0xdbff;

/** Throws Untranslatable with an operator-facing reason. */
export function toRe2(pattern: AST.Pattern, flags: { unicode: boolean; dotAll: boolean }): Re2Pattern {
  const translator = new Translator(flags.unicode);
  const source = translator.alternatives(pattern.alternatives, { dotAll: flags.dotAll });
  return { source, lookbehind: translator.lookbehind };
}
