/**
 * Whole English sentences, the way a customer in Hong Kong, Singapore or abroad types them, and
 * the short English a Chinese customer sends alone: each meets the operator's Chinese entry it
 * means through a concept; an English word inside an unrelated question does not capture it, and
 * small talk stays small talk.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { fold } from '../../src/engine/understanding/fold';
import { knowledgeBase, type Business } from '../../eval/dataset';
import { conceptsOf, meet } from './support/concepts';

const answerOf = (business: Business) => {
  const u = compileUnderstanding(knowledgeBase(business));
  return (text: string) => {
    const d = understandMessage(u, text);
    return d.zone === 'answer' ? d.entry.id : d.zone;
  };
};

describe('an English phrase inside a sentence', () => {
  it('is found with the articles, possessives and is a sentence puts inside it', () => {
    expect(conceptsOf('can i change my plan')).toContain('telecom.change_plan');
    expect(conceptsOf('i need to change the shipping address')).toContain('delivery.address_change');
    expect(conceptsOf('my internet is down')).toContain('telecom.no_internet');
    expect(conceptsOf('my wifi is very slow')).toContain('telecom.slow_network');
    expect(conceptsOf('i lost my sim card')).toContain('telecom.sim_reissue');
    expect(conceptsOf('do you deliver to my area')).toContain('delivery.coverage');
  });

  it('is found as typed before a word of it reads as another term (credit card is not credits card)', () => {
    expect(conceptsOf('can i pay by credit card')).toContain('payment.card');
    expect(conceptsOf('can i pay by credit card')).not.toContain('member.points');
  });

  it('reads inflected forms as the listed word (cancelled, canceling, refunds, shipped)', () => {
    for (const text of ['order cancelled', 'canceling my order', 'cancelled order']) expect(conceptsOf(text), text).toContain('orders.cancel');
    expect(conceptsOf('refunds')).toContain('returns.refund');
    expect(conceptsOf('has it shipped')).toContain('delivery.ship');
  });

  it('leaves the story told in English to the story (the day after i ordered, found a hair)', () => {
    expect(conceptsOf('the price dropped the day after i ordered')).not.toContain('orders.order');
  });
});

describe("a customer's English sentence and an operator's Chinese", () => {
  const cases: [customer: string, operator: string, meets: boolean][] = [
    ['what plans do you have', '目前有哪些套餐', true],
    ['i ran out of data', '流量不够用怎么办', true],
    ['why is my bill so high', '话费太高了', true],
    ['my phone was stolen', '手机丢了怎么停机', true],
    ['can i keep my number', '携号转网', true],
    ['can i end my contract early', '提前解约', true],
    ['how do i turn on roaming', '开通漫游', true],
    ['i found a hair in my food', '吃出异物', true],
    ['the food arrived cold', '饭菜都凉了', true],
    ['my order is missing a dish', '漏送了一个菜', true],
    ['how do i earn points', '怎么攒积分', true],
    ['my coupon doesn t work', '优惠券不能用', true],
    ['i haven t received my refund yet', '退款还没到账', true],
    ['is the hair dryer ionic', '负离子吹风机', true],
    ['what is the capacity of the air fryer', '空气炸锅', true],
    ['is the robot vacuum noisy', '扫地机器人', true],
    ['can i get an invoice', '开发票', true],
    // neighbours stay apart
    ['my phone was stolen', '补办手机卡', false],
    ['i ran out of data', '查询剩余流量', false],
    ['the food arrived cold', '吃出异物', false],
    ['can i keep my number', '补办手机卡', false],
  ];
  it.each(cases)('%s ~ %s: %s', (customer, operator, meets) => {
    expect(meet(customer, operator)).toBe(meets);
  });
});

describe('English questions in each business', () => {
  it('answer the entry they mean', () => {
    const shop = answerOf('ecommerce');
    expect(shop('i need to change my shipping address')).toBe('ec-change-address');
    expect(shop('i haven t received my refund yet')).toBe('ec-refund-time');
    expect(shop('how do i send it back')).toBe('ec-how-to-return');
    expect(shop('my coupon doesn t work')).toBe('ec-coupon');
    expect(shop('can i pay by credit card')).toBe('ec-payment-methods');
    const goods = answerOf('presales');
    expect(goods('what is the capacity of the air fryer')).toBe('ps-airfryer-capacity');
    expect(goods('can it mop the floor')).toBe('ps-vacuum-mop');
    expect(goods('where is it made')).toBe('ps-origin');
    const clinic = answerOf('booking');
    expect(clinic('what should i bring for my first visit')).toBe('bk-first-visit');
    expect(clinic('do you treat kids')).toBe('bk-children');
    const restaurant = answerOf('food');
    expect(restaurant('does this dish contain peanuts')).toBe('fd-allergens');
    expect(restaurant('i found a hair in my food')).toBe('fd-foreign-object');
    expect(restaurant('how do i order online')).toBe('fd-how-to-order');
    expect(restaurant('can i schedule a delivery for later')).toBe('fd-scheduled-order');
    const carrier = answerOf('telecom');
    expect(carrier('what plans do you have')).toBe('tc-plans');
    expect(carrier('my internet is down')).toBe('tc-broadband-down');
    expect(carrier('my internet is very slow')).toBe('tc-slow-speed');
    expect(carrier('can i end my contract early')).toBe('tc-contract');
    expect(carrier('i lost my sim card')).toBe('tc-sim-replace');
  });

  it('leave a near miss one: an English word inside an unrelated question captures nothing', () => {
    const shop = answerOf('ecommerce');
    for (const text of ['what is the courier s staff id', 'my member card is lost can you reissue', 'the courier was rude', 'my dog ate the package', 'how much does the courier earn']) {
      expect(shop(text), text).toBe('fallback');
    }
    const carrier = answerOf('telecom');
    for (const text of ['my wifi password is forgotten', 'what is the plan for the weekend', 'can i use my phone in the shower']) expect(carrier(text), text).toBe('fallback');
    expect(answerOf('presales')('can the hair dryer be used in the bath')).toBe('fallback');
    expect(answerOf('food')('can i bring my own wine')).toBe('fallback');
  });
});

describe('English small talk and what Chinese customers type for short', () => {
  it('stays small talk', () => {
    for (const text of ['hi', 'thanks', 'thank you so much', 'ok', 'ok thanks', 'bye', 'lol', 'haha ok', 'are you there', 'thx']) expect(smallTalkKind(text), text).toBeDefined();
    // dd is a nudge (滴滴), not an order: dd在吗 is checking someone is there.
    expect(smallTalkKind('dd在吗')).toBe('greeting');
    expect(smallTalkKind('asap')).toBeUndefined();
  });

  it('reads pinyin initials and English words in a Chinese sentence as the Chinese words', () => {
    expect(fold('sjh怎么换绑')).toBe('手机号怎么换绑');
    expect(fold('yzm收不到')).toBe('验证码收不到');
    expect(fold('quality有问题')).toBe('质量有问题');
    expect(fold('怎么become member')).toBe('怎么成为会员');
    expect(answerOf('food')('怎么become member')).toBe('fd-membership');
    expect(answerOf('ecommerce')('积分能当cash用吗')).toBe('ec-points');
    expect(answerOf('telecom')('internet断了')).toBe('tc-broadband-down');
  });

  it('reads an app a thing is done in as where it happens (app上怎么book, 在app里能改时间吗), as 手机上 is', () => {
    const clinic = answerOf('booking');
    expect(clinic('app上怎么book')).toBe('bk-book-appointment');
    expect(clinic('在app里能改时间吗')).toBe('bk-reschedule');
    // The app itself asked after is no aside.
    expect(clinic('app打不开')).toBe('fallback');
  });
});

describe('typed pinyin with its tones', () => {
  it('reads tone marks as the toneless syllables (xǐyá, tuìkuǎn), and 一次 typed beside the content', () => {
    expect(fold('xǐyá duōshao qián')).toBe('xiya duoshao qian');
    expect(answerOf('booking')('xǐyá duōshao qián')).toBe('bk-cleaning-price');
    expect(answerOf('ecommerce')('tuìkuǎn duōjiǔ dào')).toBe('ec-refund-time');
    expect(answerOf('presales')('lvxin duojiu huan yici')).toBe('ps-purifier-filter');
    // Chinese and plain Latin text are left as they were.
    expect(fold('退款多久到')).toBe('退款多久到');
  });
});
