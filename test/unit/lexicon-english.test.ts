/**
 * The English a Chinese customer mixes in, or a Hong Kong or Singapore customer types, in every
 * business: it meets the operator's Chinese words through a concept, answers the entry it means,
 * and a near miss stays one.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { knowledgeBase } from '../../eval/dataset';
import { questionTypes } from '../../src/engine/understanding/question-type';
import { meet } from './support/concepts';

describe("a customer's English and an operator's Chinese", () => {
  // [customer, operator, whether they meet]: each family's words meet its class, neighbours stay apart.
  const cases: [customer: string, operator: string, meets: boolean][] = [
    ['wifi down了', '宽带无法上网如何报修', true],
    ['internet down', '网络断了怎么办', true],
    ['number porting要多久', '如何办理携号转网', true],
    ['speedtest只有20m', '网速慢怎么办', true],
    ['modem坏了', '光猫和路由器需要自己买吗', true],
    ['roaming pass', '国际漫游资费', true],
    ['data add on', '流量加油包', true],
    ['supplementary line', '如何办理副卡', true],
    ['early termination fee', '提前解约违约金', true],
    ['arrears', '欠费停机后如何恢复', true],
    ['nut free', '对花生过敏可以点哪些菜', true],
    ['allergen info', '菜品是否标注过敏原', true],
    ['less spicy', '不吃辣', true],
    ['catering', '公司团餐怎么订', true],
    ['cutlery', '不要餐具', true],
    ['minimum order', '起送金额是多少', true],
    ['delivery range', '配送范围', true],
    ['schedule delivery', '预约配送', true],
    ['foreign object', '吃出异物', true],
    ['extended warranty', '延保服务', true],
    ['repair fee', '维修费用多少', true],
    ['not charging', '充不进电', true],
    ['qty', '购买数量', true],
    ['pcs', '起订量', true],
    ['reship', '补发', true],
    ['negative ion', '负离子功能', true],
    ['waterproof', '防水等级', true],
    ['best seller', '热销款', true],
    ['referral code', '邀请码', true],
    ['paynow', '支付方式', true],
    ['call me back', '给我回电话', true],
    ['loan', '借款', true],
    ['claim', '理赔申请', true],
    ['management fee', '物业费怎么交', true],
    ['power outage', '停电了', true],
    ['roaming', '流量包', false],
    ['porting', '补办手机卡', false],
    ['wifi down', '网速慢', false],
    ['modem', '装宽带', false],
    ['catering', '婚宴', false],
    ['nut free', '不吃辣', false],
  ];
  it.each(cases)('%s ~ %s: %s', (customer, operator, meets) => {
    expect(meet(customer, operator)).toBe(meets);
  });
});

describe('English mixed into a question', () => {
  const answerOf = (business: Parameters<typeof knowledgeBase>[0]) => {
    const u = compileUnderstanding(knowledgeBase(business));
    return (text: string) => {
      const d = understandMessage(u, text);
      return d.zone === 'answer' ? d.entry.id : d.zone;
    };
  };

  it('answers the entry it means in each business', () => {
    const carrier = answerOf('telecom');
    expect(carrier('家里的internet down了')).toBe('tc-broadband-down');
    expect(carrier('wifi down 咋整')).toBe('tc-broadband-down');
    expect(carrier('想办mnp转过来')).toBe('tc-port-in');
    expect(carrier('modem要自己买吗')).toBe('tc-equipment');
    expect(carrier('roaming pass多少钱')).toBe('tc-roaming');
    expect(carrier('想downgrade plan')).toBe('tc-change-plan');
    expect(carrier('data add on怎么买')).toBe('tc-data-addon');
    const restaurant = answerOf('food');
    expect(restaurant('nut free的有哪些')).toBe('fd-allergens');
    expect(restaurant('可以less spicy吗')).toBe('fd-taste-options');
    expect(restaurant('汤spill了')).toBe('fd-cold-or-spilled');
    const clinic = answerOf('booking');
    expect(clinic('想取消booking')).toBe('bk-cancel');
    expect(clinic('要交deposit吗')).toBe('bk-deposit');
    const shop = answerOf('ecommerce');
    expect(shop('想换绑mobile number')).toBe('ec-change-phone');
    expect(shop('can i change size')).toBe('ec-exchange');
    expect(answerOf('presales')('有negative ion吗')).toBe('ps-hairdryer-ion');
  });

  it('is read as the Chinese word it stands for where that makes the Chinese collocation', () => {
    expect(fold('想取消booking')).toBe('想取消预约');
    expect(fold('upgrade套餐')).toBe('升级套餐');
    expect(fold('汤spill了')).toBe('汤洒了');
  });

  it('reads the goods, bills, cards, days and tables a sentence borrows (box里, 账单details, 医保card, 3个working days)', () => {
    expect(fold('Box里都有哪些Accessories')).toBe('包装里都有哪些配件');
    expect(fold('账单details在哪看')).toBe('账单明细在哪看');
    expect(fold('医保card可以用吗')).toBe('医保卡可以用吗');
    expect(fold('退款要3个working days吗')).toBe('退款要3个工作日吗');
    expect(fold('能online预约吗')).toBe('能在线预约吗');
    expect(fold('想book个table')).toBe('想预约个座位');
    expect(fold('有size table吗')).toBe('有size table吗');
    // A hyphen joins Latin words into the phrase (pre-order is pre order, not pre and 订单).
    expect(fold('pre-order要等多久')).toBe('pre order要等多久');
    expect(fold('international roaming怎么开')).toBe('国际漫游怎么开');
    expect(answerOf('presales')('吹风机有几档speed')).toBe('ps-hairdryer-specs');
    expect(answerOf('telecom')('宽带speed太慢了')).toBe('tc-slow-speed');
    expect(answerOf('presales')('BOX里配了哪些accessories')).toBe('ps-in-box');
    expect(answerOf('food')('对nuts过敏能点啥')).toBe('fd-allergens');
    expect(answerOf('ecommerce')('退款几个working day能到')).toBe('ec-refund-time');
  });

  it('leaves a near miss one', () => {
    const shop = answerOf('ecommerce');
    expect(shop('courier的staff id是多少')).not.toBe('ec-tracking');
    expect(shop('lost my member card can reissue?')).not.toBe('ec-membership');
    expect(answerOf('telecom')('家里wifi password忘了')).not.toBe('tc-broadband-down');
  });
});

describe('question words, English and a screen to look at', () => {
  const types = (text: string) => questionTypes(fold(text));

  it('reads what an English question asks', () => {
    expect(types('where is the clinic')).toContain('where');
    expect(types('which courier do you use')).toContain('which');
    expect(types('how many pieces in the box')).toContain('quantity');
    expect(types('how soon can you deliver')).toContain('duration');
    expect(types('how often do i change the filter')).toContain('duration');
    expect(types('how many working days for a refund')).toContain('duration');
    // A word holding one is none (somewhere, whichever).
    expect(types('somewhere')).toEqual([]);
  });

  it('reads looking a thing up on a screen as how, not where (在哪看, where can I check, where is my)', () => {
    for (const text of ['账单明细在哪看', '账单明细在哪里查', '优惠码在哪儿输', '哪里可以看到物流', 'bill明细在哪看', 'where can i check my bill', 'where to enter the promo code', 'where is my refund']) {
      expect(types(text), text).not.toContain('where');
    }
    expect(types('账单明细在哪看')).toContain('how');
    // A place stays a place, and so does where to get a thing (会员生日礼券在哪领).
    for (const text of ['门店在哪里', '在哪停车', '礼券在哪领', '快递到哪了', 'where is the store', 'where can i park']) expect(types(text), text).toContain('where');
  });

  it('reads 还是 before a negation as still (钱扣了order还是unpaid)', () => {
    expect(types('钱扣了订单还是未付款')).not.toContain('choice');
    expect(types('要红色还是蓝色')).toContain('choice');
  });
});
