import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

// Handing a card or a course on to someone else is its own act: a gym's refund or price entry says
// nothing of it, so the question falls back to a person; a refund is still a refund.
const gym = compileUnderstanding(knowledgeBase('fitness'));
const decide = (text: string) => answerOf(gym, text);

describe('a transfer is no refund', () => {
  it.each(['会员卡能转给我朋友吗', '私教课能转让给别人吗', '年卡能转让吗', '次卡可以给别人用吗'])('%s is not answered', (text) => {
    expect(decide(text)).not.toMatch(/^fit-/);
  });
  it.each(['会员卡可以退吗', '卡里的钱能退吗'])('%s is still the refund', (text) => {
    expect(decide(text)).toBe('fit-card-refund');
  });
});
