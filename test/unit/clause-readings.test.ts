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
