import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { clauseReadings } from '../../src/engine/understanding/clause-readings';
import { fold } from '../../src/engine/understanding/fold';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const concepts = (text: string) => clauseReadings(fold(text)).map((r) => r.concept);
const apparel = compileUnderstanding(knowledgeBase('apparel'));
const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const answered = (u: typeof shop, text: string) => answerOf(u, text);

describe('situations a shop customer tells, read as what they ask', () => {
  it('reads a part of a garment with its trouble as a defect, whatever the part', () => {
    for (const text of ['扣子掉了', '拉链拉不上，坏的', '领口变形了', '袖子那里裂开一个口子']) expect(concepts(text), text).toEqual(['quality.defective']);
    for (const text of ['口袋里有钱', '帽子好看吗', '拉链是什么牌子的']) expect(concepts(text), text).toEqual([]);
    expect(answered(apparel, '扣子掉了')).toBe('ap-defect');
  });

  it('reads a trouser shortened as hemming and tens of pieces to order as a bulk order', () => {
    for (const text of ['裤腿太长了能帮我剪短点吗', '裤子能改短吗']) expect(concepts(text), text).toEqual(['size.hemming']);
    expect(concepts('想剪短头发')).toEqual([]);
    for (const text of ['公司年会要订50件统一的', '想做几十套班服']) expect(concepts(text), text).toEqual(['promo.wholesale']);
    for (const text of ['买了12件', '我要买2件', '公司要订20份午餐']) expect(concepts(text), text).toEqual([]);
    expect(answered(apparel, '裤腿太长了能帮我剪短点吗')).toBe('ap-hemming');
  });

  it('reads a height with a weight as a body asking for its size, not a holiday inside the numbers', () => {
    for (const text of ['我一米六五一百二穿多大的', '身高160体重100斤', '170 130斤拍哪个', '1米8 75kg']) expect(concepts(text), text).toEqual(['size.body_measurements']);
    for (const text of ['160元的那件', '五一放假吗', '一米五的桌子']) expect(concepts(text), text).toEqual([]);
    expect(answered(apparel, '我一米六五一百二穿多大的')).toBe('ap-size-chart');
  });

  it('reads a wash followed by lost size as shrinking and by colour in the water or a stain as fading', () => {
    for (const text of ['洗一次小了一圈', '下水之后会不会变短']) expect(concepts(text), text).toEqual(['quality.shrinking']);
    for (const text of ['洗完盆里的水都是蓝的', '白T恤被这条裤子染了', '黑裤子洗了几次变灰了']) expect(concepts(text), text).toEqual(['quality.fading']);
    for (const text of ['洗牙后会变白吗', '洗衣机小了点', '洗了小号的那件', '被朋友拉去染发', '下水道堵了变小']) expect(concepts(text), text).toEqual([]);
    expect(answered(apparel, '洗一次小了一圈')).toBe('ap-shrink');
    expect(answered(apparel, '洗完盆里的水都是蓝的')).toBe('ap-fading');
  });

  it('reads an opened parcel found broken, a container found lacking, and money taken while unpaid', () => {
    expect(concepts('打开盒子发现碎了')).toEqual(['quality.broken']);
    for (const text of ['箱子里缺一个', '包裹里只有上衣', '盒子里是空的']) expect(concepts(text), text).toEqual(['quality.missing_parts']);
    for (const text of ['包装里有没有说明书', '盒子里有几个', '外卖袋子里少了个勺子', '放3天不变质吗']) expect(concepts(text), text).toEqual([]);
    for (const text of ['银行那边显示已经划走了，你们这边却说我没付', '钱都扣了，订单还挂着待付款', '付了钱，却说我没付款']) expect(concepts(text), text).toEqual(['payment.problem']);
    for (const text of ['付了以后能开发票吗', '付了定金尾款还没付', '券没扣掉，订单待付款']) expect(concepts(text), text).toEqual([]);
    // Only the saying is read: the money's word stays a term, and its typo is still corrected.
    expect(answered(shop, '已经扣宽了订单还显示没付')).toBe('ec-paid-but-unpaid');
    expect(answered(shop, '打开盒子发现碎了')).toBe('ec-damaged-item');
    expect(answered(shop, '钱都划走了，你们这边却说我没付')).toBe('ec-paid-but-unpaid');
  });

  it('reads counted days without movement as stalled tracking, not days without shipping', () => {
    expect(concepts('物流三天没动了')).toEqual(['delivery.tracking_stalled']);
    expect(concepts('3天没发货')).toEqual([]);
    expect(answered(apparel, '物流三天没动了')).toBe('ap-tracking');
  });
});
