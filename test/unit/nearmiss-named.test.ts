import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { search } from '../../src/engine/understanding/retrieve';
import { namedParty } from '../../src/engine/understanding/party';
import { doneWhere } from '../../src/engine/understanding/question-type';
import { KnowledgeSchema } from '../../src/rules/config';
import { answerOf } from './support/answers';

// Near misses that name another party (a platform, courier, app or brand the lexicon folds into
// what it does) or ask where something is done, beside the in-scope questions that look like them.
const kb = (entries: [string, string[], string][]) => compileUnderstanding(entries.map(([id, questions, answer]) => KnowledgeSchema.parse({ id, questions, answer })));
const zoneOf = (u: ReturnType<typeof kb>) => (text: string) => answerOf(u, text);

const restaurant = kb([
  ['invoice', ['如何申请开具发票', '外卖订单是否可以开发票'], '订单完成后在订单详情页点击“申请开票”，电子发票1个工作日内发送。'],
  ['cancel', ['下单后如何取消订单', '取消订单后多久退款'], '商家接单前可在订单页直接取消，退款1-3个工作日原路退回。'],
  ['payment', ['支持哪些支付方式', '可以用什么付款'], '支持微信支付和银联卡。'],
]);
const shop = kb([
  ['courier', ['默认使用哪家快递', '可以指定快递公司吗'], '默认发中通快递，如需顺丰可在下单时选择并补运费差价。'],
  ['activation', ['激活码怎么使用', '激活码无效怎么办'], '在“我的-兑换激活码”输入激活码即可激活。'],
  ['orders', ['如何查看订单状态', '订单在哪里查询'], '登录后进入“我的-全部订单”即可查看。'],
]);
const restaurantZone = zoneOf(restaurant);
const shopZone = zoneOf(shop);

describe('another party named', () => {
  const named = (text: string) => {
    const { analysis, focus } = search(restaurant.index, text, 1);
    return namedParty(analysis.text, focus);
  };

  it('is read where the name is attached to what is asked, before it or inside an asked word', () => {
    expect(named('饿了么的订单能开发票吗')).toBe('饿了么');
    expect(named('美团外卖上的订单怎么取消')).toBe('美团');
    expect(named('在饿了么点的能开发票吗')).toBe('饿了么');
  });

  it('is not read where the name is only where the customer heard of the business, or the means chosen', () => {
    expect(named('我是在抖音刷到你们的，外卖订单能开发票吗')).toBeUndefined();
    expect(named('能用支付宝付款吗')).toBeUndefined();
  });

  it('sends the other party’s order to a person, and answers the means from the list of them, named there or not', () => {
    expect(restaurantZone('饿了么的订单能开发票吗')).toBe('fallback');
    expect(restaurantZone('美团外卖上的订单怎么取消')).toBe('fallback');
    expect(restaurantZone('能用支付宝付吗')).toBe('payment');
    expect(shopZone('能给我发顺丰吗')).toBe('courier');
  });
});

describe('where something is done', () => {
  it('is the verb after the where word, not what completes the word or its slip', () => {
    const verbs = (text: string) => doneWhere(text, search(shop.index, text, 1).analysis.units).map((u) => u.text);
    expect(verbs('激活码在哪里买')).toEqual(['买']);
    expect(verbs('地址在哪理')).toEqual([]);
    // A verb standing for whatever the thing asks to be done names no other act.
    expect(verbs('激活码在哪弄')).toEqual([]);
    expect(verbs('激活码去哪搞')).toEqual([]);
  });

  it('is not answered by an entry on using the thing, and is by one sharing the verb', () => {
    expect(shopZone('激活码在哪里买')).toBe('fallback');
    expect(shopZone('激活码怎么用')).toBe('activation');
    expect(shopZone('订单在哪里查')).toBe('orders');
  });
});

const clothes = zoneOf(
  kb([
    ['exchange', ['如何申请换货', '尺码不合适可以更换吗'], '签收后7天内可申请更换尺码或颜色。'],
    ['phone', ['如何修改绑定手机号', '更换登录手机号如何操作'], '在“我的-设置-账号安全”中可更换绑定手机号。'],
    ['fabric', ['衣服是什么面料', '面料会起球吗'], '100%棉，不易起球。'],
  ]),
);

describe('whether a thing is so, and what number', () => {
  it('is not said by an entry telling only what one may do about the thing', () => {
    expect(clothes('尺码偏大吗')).toBe('fallback');
    expect(clothes('这个码数准吗')).toBe('fallback');
  });

  it('is still said by an entry asking it, and what one may do is still the entry’s', () => {
    expect(clothes('尺码不合适能换吗')).toBe('exchange');
    expect(clothes('面料起球吗')).toBe('fabric');
  });

  it('is a number only an answer stating one says', () => {
    expect(clothes('你们的电话多少')).toBe('fallback');
  });
});
