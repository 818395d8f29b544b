import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { questionTypes } from '../../src/engine/understanding/question-type';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

// An online shop's after-sales entries (kb-ecommerce.json) asked as its customers describe what
// happened, in words the entries do not use, and the near misses those words must not take.
const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const answered = (text: string) => answerOf(shop, text);

describe('an online shop\'s after-sales questions', () => {
  it.each([
    ['付款好几天了还是待发货', 'ec-urge-shipment'],
    ['能不能早点安排发出', 'ec-urge-shipment'],
    ['发货后多久到', 'ec-delivery-time'],
    ['顺丰要加钱吗', 'ec-courier'],
    ['退回的邮费我出吗', 'ec-return-shipping-fee'],
    ['退货要运费吗', 'ec-return-shipping-fee'],
    ['洗过了能退吗', 'ec-return-policy'],
    ['衣服有污渍', 'ec-damaged-item'],
    ['东西到手就是坏的', 'ec-damaged-item'],
    ['只收到一部分', 'ec-missing-item'],
    ['减钱的券怎么用', 'ec-coupon'],
    ['我换了住的地方', 'ec-change-address'],
    ['这单作废吧', 'ec-cancel-order'],
    ['怎么跟踪我的包裹', 'ec-tracking'],
    ['在你们家买了不少东西，积分能用吗', 'ec-points'],
    ['衣服小了能换吗', 'ec-exchange'],
  ])('%s is %s', (text, id) => {
    expect(answered(text)).toBe(id);
  });

  it('leaves the near misses of those words to a person', () => {
    for (const text of ['路上要走多久才能到你们店', '先给我发个链接', '搬新家了想买个沙发', '累计消费在哪查', '发票作废吧', '快递员一直跟踪我', '付款报错截图发给你']) {
      expect(answered(text), text).not.toMatch(/^ec-/);
    }
  });

  it('reads 还是 before a state as still, and before 待会儿 as a choice', () => {
    expect(questionTypes(fold('下单一周了还是待发货'))).not.toContain('choice');
    expect(questionTypes(fold('现在付还是待会儿付'))).toContain('choice');
  });
});
