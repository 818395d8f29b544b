import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/rules/config';
import { DEFAULT_SURVEY_OPTIONS, SURVEY_REPLY_WINDOW_MS, parseRating, surveyMenu, surveyOnEnd, takeRating } from '../../src/engine/survey';

const T0 = 1_800_000_000_000;
const bare = ConfigSchema.parse({});
const custom = ConfigSchema.parse({
  survey: { question: '本次服务您满意吗？', options: [{ id: 'good', content: '👍 好', score: 5 }, { id: 'bad', content: '👎 差', score: 1 }] },
  templates: { en: { survey: 'How did we do?' } },
});

describe('surveyMenu', () => {
  it('defaults to a 1-5 scale in Chinese', () => {
    const menu = surveyMenu(bare, undefined);
    expect(menu.head_content).toBe('请您对本次服务进行评价：');
    expect(menu.list).toEqual(DEFAULT_SURVEY_OPTIONS.map(({ id, content }) => ({ id, content })));
    expect(menu.list).toHaveLength(5);
  });
  it('uses the configured question and options, the question per locale', () => {
    expect(surveyMenu(custom, 'zh')).toEqual({ head_content: '本次服务您满意吗？', list: [{ id: 'good', content: '👍 好' }, { id: 'bad', content: '👎 差' }] });
    expect(surveyMenu(custom, 'en').head_content).toBe('How did we do?');
  });
});

describe('surveyOnEnd: once per human handling', () => {
  const handling = { since: T0, servicer: 'zhangsan' };
  it('surveys a handling not surveyed yet, remembering the servicer', () => {
    expect(surveyOnEnd(handling, undefined, bare, undefined, T0 + 5000)).toEqual({
      menu: surveyMenu(bare, undefined),
      pending: { handling: T0, servicer: 'zhangsan', sentAt: T0 + 5000 },
    });
  });
  it('not twice for the same handling, but again for the next one', () => {
    expect(surveyOnEnd(handling, T0, bare, undefined, T0 + 5000)).toBeNull();
    expect(surveyOnEnd({ since: T0 + 60_000 }, T0, bare, undefined, T0 + 90_000)?.pending).toEqual({ handling: T0 + 60_000, sentAt: T0 + 90_000 });
  });
  it('not when no human handled the conversation (the bot alone is not surveyed)', () => {
    expect(surveyOnEnd(undefined, undefined, bare, undefined, T0)).toBeNull();
  });
});

describe('parseRating', () => {
  it.each([
    [{ text: '非常满意', menuId: 'csat_5' }, { score: 5, option: 'csat_5' }],
    [{ text: '5' }, { score: 5 }],
    [{ text: '４分' }, { score: 4 }],
    [{ text: '3星！' }, { score: 3 }],
    [{ text: '满意' }, { score: 4, option: 'csat_4' }],
    [{ text: '不满意。' }, { score: 2, option: 'csat_2' }],
    [{ text: '差评' }, { score: 1 }],
  ])('%j → %j', (message, rating) => {
    expect(parseRating(bare, message)).toEqual(rating);
  });
  it.each(['6', '0', '12', '满意度怎么算', '退货', '5件有优惠吗', 'constructor', ''])('%j is not a rating', (text) => {
    expect(parseRating(bare, { text })).toBeNull();
  });
  it('reads configured options by click and by their text', () => {
    expect(parseRating(custom, { text: '👎 差', menuId: 'bad' })).toEqual({ score: 1, option: 'bad' });
    expect(parseRating(custom, { text: '👍 好' })).toEqual({ score: 5, option: 'good' });
    expect(parseRating(custom, { text: 'x', menuId: 'csat_5' })).toBeNull();
  });
});

describe('takeRating', () => {
  const pending = { handling: T0, servicer: 'lisi', sentAt: T0 };
  it('attributes the rating to the servicer of the handling', () => {
    expect(takeRating(pending, bare, { text: '5' }, T0 + 1000)).toEqual({ score: 5, servicer: 'lisi' });
  });
  it('ignores ratings with no survey pending or after the reply window', () => {
    expect(takeRating(undefined, bare, { text: '5' }, T0)).toBeNull();
    expect(takeRating(pending, bare, { text: '5' }, T0 + SURVEY_REPLY_WINDOW_MS + 1)).toBeNull();
  });
});
