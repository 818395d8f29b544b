import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { knowledgeBase } from '../../eval/dataset';
import { handsToOther } from '../../src/engine/understanding/lending';
import { answerOf } from './support/answers';

const decider = (kb: string) => {
  const u = compileUnderstanding(knowledgeBase(kb));
  return (text: string) => answerOf(u, text);
};

// Whether someone else may use the customer's thing is not what the entry about the thing says.
describe('a thing handed to another person', () => {
  const clinic = decider('booking');
  it('reads the shape', () => {
    expect(handsToOther('我的医保卡能给我妈用吗')).toBe(true);
    expect(handsToOther('会员卡能借给朋友吗')).toBe(true);
    expect(handsToOther('能给孩子用吗')).toBe(false);
    expect(handsToOther('能给我退吗')).toBe(false);
  });
  it('falls back where the entry speaks of no other person', () => {
    expect(clinic('我的医保卡能给我妈用吗')).not.toBe('bk-insurance');
  });
  it('still answers the card itself', () => {
    expect(clinic('医保卡能用吗')).toBe('bk-insurance');
  });
});

// Goods a thing goes into, or asked for while at it, are the customer's appliance or an extra
// favour, not the goods bought that an entry naming none is about.
describe('goods that are not what was bought', () => {
  it('a container put into an oven is not the packaging fee', () => {
    expect(decider('food')('餐盒能放烤箱吗')).not.toBe('fd-packaging-fee');
  });
  it('a television installed alongside is not the broadband installation', () => {
    expect(decider('telecom')('宽带师傅能顺便帮我装个电视吗')).not.toBe('tc-broadband-install');
  });
  it('a feature of the goods named is still theirs', () => {
    expect(decider('presales')('扫地机能顺便把地拖了吗')).toBe('ps-vacuum-mop');
  });
});

// Smoking is not eating, and falling a level is not what a level is.
describe('acts kept apart from the classes they resemble', () => {
  it('smoking after an extraction is not its diet advice', () => {
    const clinic = decider('booking');
    expect(clinic('拔完牙能抽烟吗')).not.toBe('bk-aftercare-extraction');
    expect(clinic('拔完牙多久能吃东西')).toBe('bk-aftercare-extraction');
  });
  it('a downgrade is not the membership entry', () => {
    expect(decider('ecommerce')('会员等级会不会降级')).not.toBe('ec-membership');
  });
});
