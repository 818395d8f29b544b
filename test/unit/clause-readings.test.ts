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
    for (const text of ['今天送赠品吗', '能约明天中午的位子吗', '明天中午两个人订个座', '预约明天下午洗牙']) expect(concepts(text), text).not.toContain('takeaway.scheduled');
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

describe('an appointment made or moved to a day', () => {
  it('reads a verb of changing before a day as moving it, and 约 or 挂 before one as making it', () => {
    for (const text of ['可以换成周日吗', '下午有事，能改成晚上吗', '能往后推到15号吗', '调到下礼拜五上午行不行']) expect(concepts(text), text).toEqual(['booking.reschedule']);
    for (const text of ['能帮我约个周末的吗', '想挂明天上午的号', '预约下周三下午']) expect(concepts(text), text).toEqual(['booking.book']);
    // A delivery set for then, a class, and 约 inside another word are none.
    for (const text of ['能改到明天送吗', '可以换到周末班吗', '这周的课能换到周六吗', '大约明天中午能到', '合约下个月到期']) expect(concepts(text), text).not.toContain('booking.reschedule');
    for (const text of ['大约明天中午能到', '合约下个月到期', '节约周末的时间']) expect(concepts(text), text).not.toContain('booking.book');
  });

  it('answers the rescheduling entry, and leaves a delivery at that time to the delivery entry', () => {
    const u = compileUnderstanding([
      { id: 'book', questions: ['如何预约', '预约方式有哪些'], answer: '公众号在线预约。' },
      { id: 'reschedule', questions: ['如何修改预约时间', '预约后能否改期'], answer: '就诊前24小时可在公众号修改。' },
      { id: 'scheduled', questions: ['可以预约送达时间吗'], answer: '下单时选择预约送达。' },
    ]);
    expect(answered(u, '那天有事，能换成周日吗')).toBe('reschedule');
    expect(answered(u, '能约个下周六上午的吗')).toBe('book');
    expect(answered(u, '能改到明天中午送吗')).not.toBe('reschedule');
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

describe('one monthly price changed to another', () => {
  it('is a change of plan when each price stands for the plan it buys', () => {
    for (const text of ['能不能从129元的套餐降到59的', '从88块的换到128的下个月生效吗', '把199的改成99元的', '169套餐升到239的要补钱吗'])
      expect(concepts(text), text).toEqual(['telecom.change_plan']);
    // One price, the same price twice, a price and no plan after it, or a quantity is no change of plan.
    for (const text of ['99的套餐有多少流量', '把59的换成59的', '充了100块换成流量', '买了2件换成3件', '花了99块钱换了个壳'])
      expect(concepts(text), text).toEqual([]);
  });

  it('answers the plan-change entry rather than a card replacement', () => {
    const u = compileUnderstanding([
      { id: 'change-plan', questions: ['如何变更套餐', '套餐降档什么时候生效'], answer: '升档立即生效，降档次月生效。' },
      { id: 'sim', questions: ['SIM卡丢失如何补办', '如何更换手机卡'], answer: '带身份证到营业厅补换。' },
      { id: 'plans', questions: ['目前有哪些套餐'], answer: '59元和99元两档。' },
    ]);
    for (const text of ['能不能从129元的套餐降到59的', '从88块的换到128的下个月生效吗']) expect(answered(u, text), text).toBe('change-plan');
    expect(answered(u, '手机卡坏了怎么换')).toBe('sim');
  });

  it('is read only where the business speaks of changing plans: a shop’s customer means an exchange', () => {
    const shop = compileUnderstanding([
      { id: 'exchange', questions: ['怎么换货', '买的款式不合适能换吗'], answer: '七天内可换，差价多退少补。' },
      { id: 'stock', questions: ['什么时候补货'], answer: '以页面为准。' },
    ]);
    expect(answered(shop, '我想把199的换成299的')).toBe('exchange');
  });
});

describe('sent to a place, then how long', () => {
  it('asks the delivery time whatever the place: a listed one, or a name ending in 市, 县, 区, 镇', () => {
    for (const text of ['寄到长春得几天啊', '发到我们县城一般要多久', '送到学校宿舍大概多长时间', '邮到昆明几天能到', '快递到乌鲁木齐要几个工作日', '发往余杭区要多久'])
      expect(concepts(text), text).toEqual(['delivery.delivery_time']);
    // No time asked (the fee, a tracking number), a time asked of something else, or no place: no reading.
    for (const text of ['寄到长春运费多少', '寄到长春的单号在哪看', '寄到了要几天退款', '退货寄到哪里', '发到要几天']) expect(concepts(text), text).toEqual([]);
  });

  it('answers a tea shop’s delivery-time entry, not its fee or tracking entries, and the place vetoes nothing', () => {
    const u = compileUnderstanding([
      { id: 'delivery-time', questions: ['快递几天能到', '配送时效是多久'], answer: '江浙沪1-2天，其他地区3-5天。' },
      { id: 'shipping-fee', questions: ['运费多少钱', '偏远地区加运费吗'], answer: '满99包邮。' },
      { id: 'tracking', questions: ['怎么查物流', '快递单号在哪看'], answer: '订单详情里查看。' },
      { id: 'refund-time', questions: ['退款多久到账'], answer: '1-3个工作日原路退回。' },
    ]);
    for (const text of ['寄到长春得几天啊', '发到我们县城一般要多久[捂脸]', '邮到昆明几天能到呀～']) expect(answered(u, text), text).toBe('delivery-time');
    expect(answered(u, '寄到长春运费多少')).not.toBe('delivery-time');
    expect(answered(u, '寄到长春的单号在哪看')).not.toBe('delivery-time');
  });
});

describe('one tier by its price to another', () => {
  it('is a plan changed, not goods exchanged', () => {
    for (const text of ['把99的换成59的', '199元的套餐改成129的', '想把39块的降到19的']) expect(concepts(text), text).toEqual(['telecom.change_plan']);
    for (const text of ['把黑色的换成白色的', '换成59的', '99的套餐包含多少流量']) expect(concepts(text), text).toEqual([]);
  });

  it('answers a broadband provider’s plan change, and the SIM swap entry no longer takes it', () => {
    const u = compileUnderstanding([
      { id: 'change-plan', questions: ['如何变更宽带套餐', '套餐降档什么时候生效'], answer: '次月生效。' },
      { id: 'swap-router', questions: ['光猫坏了能换吗', '怎么换光猫'], answer: '免费上门更换。' },
    ]);
    expect(answered(u, '把199的换成129的')).toBe('change-plan');
    expect(answered(u, '我想把199的换成129的行不行')).not.toBe('swap-router');
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

describe('a meal told by its shape: found in it, not given, ordered ahead', () => {
  it('reads a verb of finding with a thing that does not belong in food as a foreign object', () => {
    for (const text of ['炒面里吃出一只虫子', '汤里面居然有根头发', '咬到一颗小石子', '盖饭里面有一只苍蝇', '奶茶里喝出一片塑料', '饺子里发现一段钢丝']) expect(concepts(text), text).toEqual(['takeaway.foreign_object']);
    // Dishes and containers that hold such a word, and a thing asked about, are not.
    for (const text of ['菜单上有毛血旺吗', '说明书里有毛病吗', '衣服上有毛球', '有没有沙拉', '你们有虫草花炖鸡吗', '汤是装在塑料盒里吗', '饮料用玻璃杯装吗']) expect(concepts(text), text).toEqual([]);
  });

  it('reads what was ordered and not put in as a missing dish, but not a seasoning left out or a meal still coming', () => {
    for (const text of ['我要的煎蛋没放', '订的两杯豆浆都没给', '薯条也没给我', '点了份凉皮没配醋包']) expect(concepts(text), text).toEqual(['takeaway.missing_dish']);
    for (const text of ['点的面没放辣', '资料没给我发', '点的套餐没放在购物车', '米饭没放葱吧', '点的饭还没给送来', '我点的外卖还没到']) expect(concepts(text), text).toEqual([]);
  });

  it('reads ordering a day’s meal or a delivery at the hour as a scheduled order, and a slow one not', () => {
    for (const text of ['提前点好周五的晚饭', '能预订后天中午的餐吗', '到点再送过来']) expect(concepts(text), text).toEqual(['takeaway.scheduled']);
    for (const text of ['中午送得太慢了', '订了今天的位子', '我点了外卖']) expect(concepts(text), text).toEqual([]);
  });
});
