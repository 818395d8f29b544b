import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileOperatorRegex, MAX_PATTERN_LENGTH, MAX_REGEX_SIZE, REGEX_TEXT_LIMIT, type OperatorRegex } from '../../src/rules/operator-regex';
import { fuzzParameters } from '../support/fuzz';

/** { ok: true } or the refusal with its operator-facing reason. */
const isSafeRegex = (pattern: string, flags = '') => {
  const c = compileOperatorRegex(pattern, flags);
  return c.ok ? { ok: true } : c;
};
const compiled = (pattern: string, flags = ''): OperatorRegex => {
  const c = compileOperatorRegex(pattern, flags);
  if (!c.ok) throw new Error(`refused ${pattern}: ${c.reason}`);
  return c.regex;
};

/** Patterns that backtrack exponentially or polynomially in ECMAScript's engine: accepted, they run in linear time here. */
const BACKTRACKING: [string, string?][] = [
  ['(a+)+$'],
  ['(a*)*b'],
  ['([a-zA-Z]+)*'],
  ['(a|aa)+'],
  ['(a|a?)+'],
  ['(\\w|\\d)+$'],
  ['(.*a){12}'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$'],
  ['^(\\s*,?\\s*)*$'],
  ['(\\d+\\s?)+x'],
  ['(A|a)+$', 'i'],
  ['订单.*\\d+.*\\d+.*\\d+号', 'i'],
  ['\\d+\\d+\\d+\\d+x'],
];

describe('compileOperatorRegex', () => {
  it.each(BACKTRACKING)('runs %s in linear time on the longest text a pattern sees', (pattern, flags) => {
    const re = compiled(pattern, flags);
    expect(re.size).toBeLessThanOrEqual(MAX_REGEX_SIZE);
    // 订单 and 120 digits took ECMAScript's engine over 10 s; 2,000 over 45 s.
    for (const text of ['订单' + '1'.repeat(REGEX_TEXT_LIMIT), 'a'.repeat(REGEX_TEXT_LIMIT) + '!', ' ,'.repeat(REGEX_TEXT_LIMIT)]) {
      expect(typeof re.test(text)).toBe('boolean');
    }
  });

  it('matches what ECMAScript matches (leftmost-first), lookbehinds included', () => {
    const cases: [string, string, string, string | null][] = [
      ['订单(号)?[:：]?\\s*\\d{8,20}', 'i', '我的订单号：12345678901 谢谢', '订单号：12345678901'],
      ['(?<=订单)\\d{6}', '', '订单123456', '123456'],
      ['(?<!订单)\\d{6}', '', '订单1234567', '234567'],
      ['a.c', '', 'a\nc abc', 'abc'],
      ['a.c', 's', 'a\nc', 'a\nc'],
      ['x\\s+y', '', 'x\u3000y', 'x\u3000y'],
      ['^b', 'm', 'a\nb', 'b'],
      ['^b', '', 'a\nb', null],
      ['\\u4e00+', '', '一一二', '一一'],
      ['😀', '', 'x😀😀', '😀'],
      ['😀+', 'u', 'x😀😀', '😀😀'],
      ['[😀]', 'u', 'x😀', '😀'],
      ['\\p{Script=Han}+', 'u', 'ab汉字', '汉字'],
      ['a+?', '', 'aaa', 'a'],
      ['[^]', '', '\n', '\n'],
      ['[]', '', 'abc', null],
    ];
    for (const [pattern, flags, text, expected] of cases) {
      expect(compiled(pattern, flags).match(text), `${pattern} /${flags}`).toBe(expected);
      expect(new RegExp(pattern, flags).exec(text)?.[0] ?? null).toBe(expected);
    }
  });

  it('reads ES2025 modifier groups (newer than Node 22 itself)', () => {
    expect(compiled('(?i:vip)会员').match('VIP会员')).toBe('VIP会员');
    expect(compiled('(?i:vip)会员').match('VIP會员')).toBe(null);
    expect(compiled('(?-i:vip)会员', 'i').match('VIP会员')).toBe(null);
  });

  it('refuses what no linear-time engine runs, with the reason', () => {
    expect(isSafeRegex('a(?=b)')).toMatchObject({ ok: false, reason: expect.stringMatching(/lookahead/) });
    expect(isSafeRegex('a(?!b)')).toMatchObject({ ok: false, reason: expect.stringMatching(/lookahead/) });
    expect(isSafeRegex('(a)\\1')).toMatchObject({ ok: false, reason: expect.stringMatching(/backreference/) });
    expect(isSafeRegex('(?<x>a)\\k<x>')).toMatchObject({ ok: false, reason: expect.stringMatching(/backreference/) });
    expect(isSafeRegex('[\\p{L}--a]', 'v')).toMatchObject({ ok: false, reason: expect.stringMatching(/flags/) });
    expect(isSafeRegex('😀+')).toMatchObject({ ok: false, reason: expect.stringMatching(/needs the u flag/) });
    expect(isSafeRegex('\\p{Emoji}', 'u')).toMatchObject({ ok: false, reason: expect.stringMatching(/Unicode property/) });
  });

  it('refuses a pattern whose program is too large, however short', () => {
    expect(isSafeRegex('\\d{8,20}')).toEqual({ ok: true });
    expect(isSafeRegex(`(?:.{0,9}){${MAX_REGEX_SIZE}}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/too large: it compiles to \d+ instructions/) });
    expect(isSafeRegex('a{1001}')).toMatchObject({ ok: false, reason: expect.stringMatching(/not supported|too large/) });
  });

  it('refuses patterns over the length limit', () => {
    expect(isSafeRegex('[a]'.repeat(MAX_PATTERN_LENGTH / 3 + 1))).toMatchObject({ ok: false, reason: `longer than ${MAX_PATTERN_LENGTH} characters` });
  });

  it('refuses invalid syntax and flags with a clear reason', () => {
    expect(isSafeRegex('(unclosed')).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid regular expression/) });
    expect(isSafeRegex('a', 'x')).toMatchObject({ ok: false, reason: expect.stringMatching(/flags/) });
    expect(isSafeRegex('a', 'ii')).toMatchObject({ ok: false, reason: expect.stringMatching(/flags/) });
    expect(isSafeRegex('a{', 'u')).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid regular expression/) });
  });

  it('keeps the Annex B leniencies outside u mode', () => {
    for (const [pattern, text] of [['a{', 'a{'], ['a}]', 'a}]'], ['\\c', '\\c'], ['[\\d-x]+', '1-x']] as const) {
      expect(compiled(pattern).match(text)).toBe(new RegExp(pattern).exec(text)![0]);
    }
  });

  it('sees only the first REGEX_TEXT_LIMIT units of a text', () => {
    expect(compiled('尾巴').test('x'.repeat(REGEX_TEXT_LIMIT - 2) + '尾巴')).toBe(true);
    expect(compiled('尾巴').test('x'.repeat(REGEX_TEXT_LIMIT) + '尾巴')).toBe(false);
  });
});

describe('required literals (the prefilter)', () => {
  it.each([
    ['订单号?\\s*\\d{6}', '', ['订单']],
    ['(退|换)货', '', ['货']],
    ['退货|退款', '', ['退货', '退款']],
    ['^(?:refund|return)\\b', 'i', ['refund', 'return']],
    ['VIP会员', 'i', ['vip会员']],
    ['型号\\d+[a-z]?版', '', ['型号']],
    ['(?:退款)+申请', '', ['退款']],
    ['(?<=订单)\\d{6}', '', null],
    ['\\d{11}', '', null],
    ['退.*|\\d+', '', null],
    ['Straße', 'i', ['stra']],
    ['(?i:VIP)会员', '', ['vip']],
  ] as [string, string, string[] | null][])('%s /%s → %j', (pattern, flags, expected) => {
    expect(compiled(pattern, flags).literals).toEqual(expected);
  });
});

/** Generated patterns over a small alphabet: the shapes that backtrack (nesting, alternation, counted repeats). */
const ATOMS = ['a', 'b', '退', '货', '\\d', '\\w', '\\s', '.', '[ab]', '[^a]', '\\b', '^', '$'];
const patternArb: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => x + y),
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(?:${x}|${y})`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{2}', '{0,3}', '{1,}', '*?')).map(([x, q]) => `(?:${x})${q}`),
    tie('re').map((x) => `(?<=${x})`),
  ),
})).re;
const textArb = fc.array(fc.constantFrom('a', 'b', '退', '货', '1', ' ', '\n', '\u3000', 'x'), { maxLength: 12 }).map((cs) => cs.join(''));

describe('generated patterns', () => {
  // Where a repetition's body can match empty, ECMAScript and RE2 may pick different texts
  // ((?:a*?|a)* on "a": '' here, 'a' there); whether a message matches never differs.
  it('every accepted pattern matches the messages ECMAScript matches', () => {
    fc.assert(
      fc.property(patternArb, fc.constantFrom('', 'i', 'm', 's'), fc.array(textArb, { minLength: 1, maxLength: 8 }), (pattern, flags, texts) => {
        const c = compileOperatorRegex(pattern, flags);
        if (!c.ok) return; // too large: refused with a reason, never run
        const native = new RegExp(pattern, flags);
        for (const text of texts) {
          const expected = native.test(text);
          expect(c.regex.test(text), `${pattern} /${flags} on ${JSON.stringify(text)}`).toBe(expected);
          expect(c.regex.match(text) !== null).toBe(expected);
        }
      }),
      fuzzParameters(300),
    );
  });

  it('every accepted pattern is capped in size, so a longest message costs at most text × size steps of a linear engine', () => {
    // The proof is structural: re2js has no backtracking (time ∝ text length × program size) and
    // both factors are capped; bench/regex.bench.ts measures the worst shapes (~3 ms). The time
    // bound below is only a tripwire far above that and far below the seconds a backtracking
    // engine takes on these patterns.
    const worstTexts = ['a'.repeat(REGEX_TEXT_LIMIT), 'ab'.repeat(REGEX_TEXT_LIMIT / 2), '1'.repeat(REGEX_TEXT_LIMIT - 1) + '退', ' a'.repeat(REGEX_TEXT_LIMIT / 2)];
    fc.assert(
      fc.property(patternArb, (pattern) => {
        const c = compileOperatorRegex(pattern, 'i');
        if (!c.ok) return;
        expect(c.regex.size).toBeLessThanOrEqual(MAX_REGEX_SIZE);
        const start = performance.now();
        for (const text of worstTexts) c.regex.match(text);
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      fuzzParameters(100),
    );
  });
});
