import { describe, expect, it } from 'vitest';
import { FIRST_GUESS_CONFIDENCE, STICKY_CONFIDENCE, detectLanguage, stickyLanguage } from '../../src/engine/language';

describe('detectLanguage', () => {
  it.each([
    ['这个多少钱？', 'zh'],
    ['这个iPhone多少钱', 'zh'],
    ['How much is this jacket?', 'en'],
    ['Where is my order, please?', 'en'],
    ['注文の状況を教えてください', 'ja'],
    ['ありがとう', 'ja'],
    ['배송은 얼마나 걸리나요?', 'ko'],
  ])('%s → %s, confidently', (text, language) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe(language);
    expect(guess.confidence).toBeGreaterThanOrEqual(STICKY_CONFIDENCE);
  });

  it.each(['ok', 'iPhone 15', 'thx', '12345', '👍', ''])('%j is undetermined (brand names and "ok" are not English)', (text) => {
    expect(detectLanguage(text)).toEqual({ language: 'und', confidence: 0 });
  });

  it('a single kana in Chinese text stays Chinese', () => {
    expect(detectLanguage('欢迎光临我の小店铺').language).toBe('zh');
  });

  it('short messages give weak guesses', () => {
    expect(detectLanguage('hello').confidence).toBeLessThan(STICKY_CONFIDENCE);
    expect(detectLanguage('hello').confidence).toBeGreaterThanOrEqual(FIRST_GUESS_CONFIDENCE);
    expect(detectLanguage('好的').confidence).toBeLessThan(STICKY_CONFIDENCE);
    expect(detectLanguage('ok thanks').confidence).toBeLessThan(STICKY_CONFIDENCE);
  });
});

describe('stickyLanguage', () => {
  it('a short "ok" or "ok thanks" does not flip a Chinese customer', () => {
    expect(stickyLanguage('zh', detectLanguage('ok'))).toBe('zh');
    expect(stickyLanguage('zh', detectLanguage('ok thanks'))).toBe('zh');
  });
  it('a real English sentence does', () => {
    expect(stickyLanguage('zh', detectLanguage('Can I return this if it does not fit?'))).toBe('en');
  });
  it('a short "好的" does not flip an English speaker back', () => {
    expect(stickyLanguage('en', detectLanguage('好的'))).toBe('en');
  });
  it('a first weak guess is adopted when nothing is known yet', () => {
    expect(stickyLanguage(undefined, detectLanguage('hello'))).toBe('en');
    expect(stickyLanguage(undefined, detectLanguage('ok'))).toBeUndefined();
  });
});
