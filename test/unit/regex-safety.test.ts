import { describe, expect, it } from 'vitest';
import { isSafeRegex, MAX_PATTERN_LENGTH, requiredLiterals } from '../../src/rules/regex-safety';

/** Patterns known to backtrack exponentially in a backtracking engine (OWASP ReDoS list and classics). */
const EVIL: [string, string?][] = [
  ['(a+)+'],
  ['(a+)+$'],
  ['(a*)*b'],
  ['([a-zA-Z]+)*'],
  ['(a|aa)+'],
  ['(a|a?)+'],
  ['(a|a)*'],
  ['(?:a|a)*x'],
  ['(\\w|\\d)+$'],
  ['(.*a){12}'],
  ['(a{1,5}){2,}'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$'],
  ['^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$'],
  ['^(\\s*,?\\s*)*$'],
  ['(\\d+\\s?)+x'],
  ['(退+)+'],
  ['(x+x+)+y'],
  ['(a|b|ab)*c'],
  ['(A|a)+$', 'i'],
  ['(?=(a+)+b)a'],
  ['(\\p{L}|a)+', 'u'],
];

const SAFE: [string, string?][] = [
  ['退(货|款)'],
  ['换货'],
  ['(退货|退款)+'],
  ['(ab|cd)*'],
  ['(a|ab)*c'],
  ['(退|退货)*款'], // {退, 退货} parses one way only: no ambiguity
  ['(ab+)+'],
  ['^\\d{11}$'],
  ['订单号[:：]?\\s*\\d{6,20}'],
  ['^https?://\\S+$'],
  ['vip|会员', 'i'],
  ['\\b(refund|return)\\b', 'i'],
  ['[\\u4e00-\\u9fa5]{2,4}'],
  ['(?<=订单)\\d{6}'],
  ['(?<year>\\d{4})-(?<month>\\d{2})'],
  ['\\p{Script=Han}+', 'u'],
  ['a{2}|b{1,3}'],
  ['[^\\]]+'],
  ['\\d+\\d+x'], // polynomial only: accepted, the caller caps the text length
  ['.*价格.*'],
];

describe('isSafeRegex', () => {
  it.each(EVIL)('refuses the known-evil %s', (pattern, flags) => {
    const v = isSafeRegex(pattern, flags);
    expect(v.ok).toBe(false);
  });

  it.each(SAFE)('accepts %s', (pattern, flags) => {
    expect(isSafeRegex(pattern, flags)).toEqual({ ok: true });
  });

  it('names the offending repetition in the reason', () => {
    const v = isSafeRegex('价格(a+)+结束');
    expect(v).toEqual({ ok: false, reason: expect.stringContaining('`(a+)+`') });
  });

  it('refuses backreferences, numbered and named', () => {
    expect(isSafeRegex('(a)\\1')).toMatchObject({ ok: false, reason: expect.stringMatching(/backreference/) });
    expect(isSafeRegex('(?<x>a)\\k<x>')).toMatchObject({ ok: false, reason: expect.stringMatching(/backreference/) });
  });

  it('refuses unbounded and overlong lookbehinds, accepts short ones', () => {
    expect(isSafeRegex('(?<=a+)b')).toMatchObject({ ok: false, reason: expect.stringMatching(/bounded/) });
    expect(isSafeRegex('(?<!x{300})b')).toMatchObject({ ok: false, reason: expect.stringMatching(/longer than 255/) });
    expect(isSafeRegex('(?<!x{3})b')).toEqual({ ok: true });
  });

  it('refuses patterns over the length limit', () => {
    expect(isSafeRegex('a'.repeat(MAX_PATTERN_LENGTH))).toEqual({ ok: true });
    expect(isSafeRegex('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatchObject({ ok: false, reason: expect.stringMatching(/longer than 500/) });
  });

  it('refuses invalid syntax and flags with a clear reason', () => {
    expect(isSafeRegex('(unclosed')).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid regular expression/) });
    expect(isSafeRegex('a', 'x')).toMatchObject({ ok: false, reason: expect.stringMatching(/flags/) });
  });

  it('handles Annex B leniencies outside u mode', () => {
    expect(isSafeRegex('a{')).toEqual({ ok: true });
    expect(isSafeRegex('a}]')).toEqual({ ok: true });
    expect(isSafeRegex('\\c')).toEqual({ ok: true });
    expect(isSafeRegex('[\\d-x]+')).toEqual({ ok: true });
  });

  it('the i flag widens character classes (A and a overlap)', () => {
    expect(isSafeRegex('(A|a)+$').ok).toBe(true);
    expect(isSafeRegex('(A|a)+$', 'i').ok).toBe(false);
  });

  it('accepted evil-looking-but-safe patterns really run fast on adversarial input', () => {
    const input = 'a'.repeat(5000) + '!';
    for (const [p, f] of SAFE) {
      const re = new RegExp(p, f);
      const t = performance.now();
      re.test(input);
      re.test('退'.repeat(2000) + '!');
      expect(performance.now() - t).toBeLessThan(200);
    }
  });

  it('stays fast on a pathological pattern of maximum size', () => {
    const t = performance.now();
    isSafeRegex(`(${'[a-z]?'.repeat(80)})*`);
    isSafeRegex('(' + Array.from({ length: 60 }, (_, i) => `x${i % 10}`).join('|') + ')+');
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('requiredLiterals', () => {
  it.each([
    ['订单号?\\s*\\d{6}', '', ['订单']],
    ['(退|换)货', '', ['货']],
    ['退货|退款', '', ['退货', '退款']],
    ['^(?:refund|return)\\b', 'i', ['refund', 'return']],
    ['VIP会员', 'i', ['vip会员']],
    ['型号\\d+[a-z]?版', '', ['型号']],
    ['(?:退款)+申请', '', ['退款']],
    ['a(?=b)c', '', ['ac']],
    ['\\d{11}', '', null],
    ['退.*|\\d+', '', null],
    ['Straße', 'i', ['stra']],
    ['(unclosed', '', null],
  ])('%s /%s → %j', (pattern, flags, expected) => {
    expect(requiredLiterals(pattern, flags)).toEqual(expected);
  });

  it('every match really contains one of the literals', () => {
    const cases: [string, string, string[]][] = [
      ['订单号?\\s*\\d{6}', '', ['订单 123456', '订单号123456']],
      ['^(?:refund|return)\\b', 'i', ['REFUND please', 'Return it']],
    ];
    for (const [pattern, flags, texts] of cases) {
      const literals = requiredLiterals(pattern, flags)!;
      for (const text of texts) {
        expect(new RegExp(pattern, flags).test(text)).toBe(true);
        expect(literals.some((l) => text.toLowerCase().includes(l))).toBe(true);
      }
    }
  });
});
