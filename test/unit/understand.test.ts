import { describe, expect, it } from 'vitest';
import { compileIntents, understand } from '../../src/engine/understand';
import { IntentSchema, type Intent } from '../../src/rules/config';
import { REGEX_TEXT_LIMIT } from '../../src/rules/operator-regex';

const intents = (...list: object[]): Intent[] => list.map((i) => IntentSchema.parse(i));

describe('understand', () => {
  const compiled = compileIntents(
    intents(
      { name: 'refund', patterns: ['退(货|款)', '换货'], keywords: ['refund'] },
      { name: 'vip', keywords: ['VIP会员'], answer: '尊贵的会员您好' },
      { name: 'shipping', patterns: ['(发|寄)货'], answer: '48 小时内发货', sets_context: 'shipping' },
    ),
  );

  it('matches regex patterns and keywords, case- and width-insensitively', () => {
    expect(understand(compiled, '我想退款')).toMatchObject({ intent: { intent: { name: 'refund' }, matched: '退款' } });
    expect(understand(compiled, 'I want a REFUND')).toMatchObject({ intent: { intent: { name: 'refund' }, matched: 'refund' } });
    expect(understand(compiled, '我是ＶＩＰ会员').answer?.intent.name).toBe('vip');
  });

  it('names the message by the first intent in config order', () => {
    // Both refund and shipping match; refund is listed first.
    expect(understand(compiled, '退货什么时候发货').intent?.intent.name).toBe('refund');
  });

  it('answers with the first matching intent that has an answer, even below an answerless one', () => {
    const u = understand(compiled, '退货什么时候发货');
    expect(u.answer?.intent.name).toBe('shipping');
    expect(u.answer?.intent.sets_context).toBe('shipping');
  });

  it('an answerless match leaves the answer empty (the knowledge base may still answer)', () => {
    const u = understand(compiled, '我要退货');
    expect(u.intent?.intent.name).toBe('refund');
    expect(u.answer).toBeUndefined();
  });

  it('matches nothing for an unrelated message', () => {
    expect(understand(compiled, '你好')).toEqual({});
  });

  it('exposes intents by name (menu ids)', () => {
    expect(compiled.byName.get('vip')?.answer).toBe('尊贵的会员您好');
  });
});

describe('compileIntents', () => {
  it('skips a pattern the engine refuses and names it (a version stored before a check existed still loads)', () => {
    const c = compileIntents(intents({ name: 'bad', patterns: ['退(货', '(?=x)y', '换货'] }));
    expect(c.problems).toEqual([
      { intent: 'bad', pattern: '退(货', reason: expect.stringMatching(/^invalid regular expression/) },
      { intent: 'bad', pattern: '(?=x)y', reason: expect.stringMatching(/lookahead/) },
    ]);
    expect(understand(c, '我要换货').intent?.matched).toBe('换货');
  });
  it('runs a pattern with required literals only on messages that contain one (and never misses a match)', () => {
    const c = compileIntents(intents({ name: 'order', patterns: ['订单.*\\d+.*\\d+.*\\d+号'] }, { name: 'any', patterns: ['\\d{3}'] }));
    expect(c.list[0]!.patterns[0]!.prefiltered).toBe(true);
    expect(c.list[1]!.patterns[0]!.prefiltered).toBe(false);
    expect(understand(c, '订单 1 2 3号').intent?.intent.name).toBe('order');
    expect(understand(c, '订-单 1 2 3号').intent?.intent.name).toBeUndefined();
    expect(understand(c, '编号 123').intent?.intent.name).toBe('any');
  });
  it('compiles patterns once: state-free between calls (no lastIndex carry-over)', () => {
    const c = compileIntents(intents({ name: 'x', patterns: ['a'] }));
    expect([understand(c, 'a'), understand(c, 'a')].map((u) => u.intent?.matched)).toEqual(['a', 'a']);
  });
});

it('patterns see at most REGEX_TEXT_LIMIT characters (the bound on what a match costs); keywords see everything', () => {
  const c = compileIntents(intents({ name: 'tail', patterns: ['尾巴'], keywords: ['末尾词'] }));
  const long = 'x'.repeat(REGEX_TEXT_LIMIT);
  expect(understand(c, `${long}尾巴`)).toEqual({});
  expect(understand(c, `${long}末尾词`).intent?.matched).toBe('末尾词');
});
