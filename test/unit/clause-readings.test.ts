import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { clauseReadings } from '../../src/engine/understanding/clause-readings';
import { fold } from '../../src/engine/understanding/fold';

const concepts = (text: string) => clauseReadings(fold(text)).map((r) => r.concept);
const answered = (u: ReturnType<typeof compileUnderstanding>, text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('a time followed by a delivery verb', () => {
  it('asks for a delivery at that time, with or without a booking verb before it', () => {
    for (const text of ['能约明天中午12点送吗', '可以预约后天上午送到吗', '下午三点半配送可以吗', '让明天中午十二点再送过来', '周六晚上送行不行']) expect(concepts(text), text).toEqual(['takeaway.scheduled']);
    // 送 of a gift, and a booking with no delivery, are not one.
    for (const text of ['今天送赠品吗', '能约明天中午的位子吗', '明天中午两个人订个座', '预约明天下午洗牙']) expect(concepts(text), text).toEqual([]);
  });

  it('answers the scheduled-order entry, while 约 alone still books a table', () => {
    const u = compileUnderstanding([
      { id: 'reservation', questions: ['如何预订座位', '包间是否需要提前预订'], answer: '小程序订座。' },
      { id: 'scheduled', questions: ['可以预约送达时间吗', '能否提前下单指定时间配送'], answer: '下单时选择预约送达。' },
    ]);
    expect(answered(u, '能约明天中午12点送吗')).toBe('scheduled');
    expect(answered(u, '明天晚上六点送到公司可以吗')).toBe('scheduled');
    expect(answered(u, '能约明天中午的位子吗')).toBe('reservation');
  });
});

describe('what was ordered against what came', () => {
  it('is a wrong item when one attribute has two values: colour, size, cup, capacity, model', () => {
    for (const text of ['我拍的黑色，寄来的却是白色', '买的是L码寄来M码', '订的大杯给了中杯', '买的128g收到64g', '我下单的是蓝色，收到一件粉色的', '选的42码发来个40码', '拍的X7发来的是X5'])
      expect(concepts(text), text).toEqual(['quality.wrong_item']);
    // One value, values compared, the same value twice, or two attributes are no mismatch.
    for (const text of ['黑色有货吗', '白色好看还是黑色好看', '我买的黑色，收到的也是黑色', '买的黑色收到L码的吊牌', '买了L码想换成M码', '黑色和白色哪个显瘦'])
      expect(concepts(text), text).toEqual([]);
  });

  it('answers the wrong-item entry, and a near miss does not', () => {
    const u = compileUnderstanding([
      { id: 'wrong-item', questions: ['收到的商品与订单不符怎么办', '发错货如何处理'], answer: '拍照联系客服，免费换发。' },
      { id: 'exchange', questions: ['怎么换货', '尺码不合适能换吗'], answer: '七天内可换。' },
      { id: 'stock', questions: ['有货吗', '什么时候补货'], answer: '以页面库存为准。' },
    ]);
    for (const text of ['我拍的黑色，寄来的却是白色', '买的是L码寄来M码']) expect(answered(u, text), text).toBe('wrong-item');
    for (const text of ['黑色有货吗', '白色好看还是黑色好看']) expect(answered(u, text), text).not.toBe('wrong-item');
  });
});

describe('paying followed by what failed', () => {
  it('is a failed payment in its clause or the next; not past a coupon, a success, a deduction or a refund', () => {
    for (const text of ['付款页面一直报错', '一付钱就跳出来失败', '钱交不上去，一直提示错误', '刷卡一直不成功', '买单的时候总是出错', '付钱的时候一直转圈']) expect(concepts(text), text).toEqual(['payment.failed']);
    for (const text of ['结账时优惠券报错', '付款成功后显示失败', '支付宝退款失败', '付了款钱却扣了两次', '付款方式怎么选']) expect(concepts(text), text).toEqual([]);
  });

  it('answers the failed-payment entry, and a coupon error does not', () => {
    const u = compileUnderstanding([
      { id: 'pay-failed', questions: ['支付失败怎么办', '付款不成功如何处理'], answer: '换一种支付方式再试。' },
      { id: 'coupon', questions: ['优惠券如何使用', '优惠券为什么无法使用'], answer: '结算页选择优惠券。' },
      { id: 'methods', questions: ['支持哪些支付方式'], answer: '微信、支付宝。' },
    ]);
    for (const text of ['付款页面一直报错', '买单的时候总是出错']) expect(answered(u, text), text).toBe('pay-failed');
    expect(answered(u, '结账时优惠券报错')).not.toBe('pay-failed');
  });
});

describe('fewer come than were bought', () => {
  it('is a missing item with any count; not people, nor a piece broken off', () => {
    for (const text of ['少了两瓶', '开箱一看少了2件', '买了五个只收到三个', '漏发了一双', '只送来一杯奶茶']) expect(concepts(text), text).toEqual(['quality.missing_parts']);
    for (const text of ['只来了两个人', '缺了一块', '少放点辣', '只要两个']) expect(concepts(text), text).toEqual([]);
  });

  it('answers the missing-item entry, not the damaged-goods one', () => {
    const u = compileUnderstanding([
      { id: 'missing', questions: ['收到的包裹少件怎么办', '商品漏发如何处理'], answer: '核实后补发。' },
      { id: 'damaged', questions: ['商品破损如何处理'], answer: '拍照申请售后。' },
    ]);
    for (const text of ['少了两瓶', '买了五个只收到三个']) expect(answered(u, text), text).toBe('missing');
  });
});
