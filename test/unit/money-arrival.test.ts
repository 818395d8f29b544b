import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';

// How long until money comes is the money's arrival (a refund's time, a top-up credited), and how
// long until goods come is the delivery time: one must never answer the other's entry.
const entry = (id: string, questions: string[], answer: string) => ({ id, questions, answer });
const trades = {
  shop: compileUnderstanding([
    entry('refund-time', ['退款多久能到账', '退款处理时间'], '审核通过后原路退回，1-3个工作日到账。'),
    entry('delivery-time', ['下单后几天能收到货', '发货后多久送达'], '江浙沪次日达，其他地区2-4天。'),
    entry('points', ['积分怎么使用', '积分可以抵现吗'], '100积分抵1元，结算页勾选使用。'),
  ]),
  carrier: compileUnderstanding([
    entry('topup', ['怎么交话费', '充值后多久到账'], '营业厅App充值，一般即时到账，最迟2小时。'),
    entry('sim-delivery', ['新办的手机卡几天能寄到'], '下单后顺丰寄出，1-3天送达。'),
  ]),
  app: compileUnderstanding([
    entry('withdraw-time', ['提现多久到账', '提现手续费多少'], '提现1个工作日内到账，每笔手续费0.1%。'),
    entry('gift-delivery', ['兑换的实物礼品几天送到'], '兑换后7天内发货，快递3-5天送达。'),
    entry('topup-missing', ['充值未到账怎么办'], '一般即时到账，超过30分钟未到账请提供支付截图。'),
  ]),
  restaurant: compileUnderstanding([
    entry('meal-time', ['外卖多久能送到', '预计送达时间'], '3公里内约30分钟送达。'),
    entry('refund-time', ['取消订单后退款多久退回'], '取消后退款即时原路退回，银行卡1-3天到账。'),
  ]),
};
const answered = (trade: keyof typeof trades, text: string) => {
  const d = understandMessage(trades[trade], text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('how long until money comes', () => {
  it.each([
    ['shop', '钱退了大概几天能到', 'refund-time'],
    ['shop', '退款啥时候能到啊', 'refund-time'],
    ['shop', '鞋子几天能到', 'delivery-time'],
    ['carrier', '交了一百块怎么还没到账', 'topup'],
    ['carrier', '话费充了多久能到', 'topup'],
    ['carrier', '卡寄过来几天能到', 'sim-delivery'],
    ['app', '提现一般几天能到', 'withdraw-time'],
    ['app', '礼品多久能送到', 'gift-delivery'],
    ['app', '充了328怎么还没到', 'topup-missing'],
    ['app', '礼品怎么还没到', 'gift-delivery'],
    ['restaurant', '退的钱什么时候能到', 'refund-time'],
    ['restaurant', '我点的外卖啥时候能到', 'meal-time'],
  ] as const)('%s: %s → %s', (trade, text, id) => {
    expect(answered(trade, text)).toBe(id);
  });

  it.each([
    // Money of another kind than the entries speak of is no delivery, nor a refund.
    ['shop', '积分什么时候到账', ['delivery-time', 'refund-time']],
    ['shop', '补贴啥时候到', ['delivery-time', 'refund-time']],
    ['app', '返现多久到', ['gift-delivery']],
    // A sum paid in waits for a top-up, not for a withdrawal.
    ['app', '充了98怎么还没到账', ['withdraw-time', 'gift-delivery']],
    ['restaurant', '红包多久到账', ['meal-time']],
    ['carrier', '退款多久到', ['sim-delivery']],
    // Goods after paying wait for delivery, not for money.
    ['shop', '付完钱多久能到', ['refund-time']],
  ] as const)('%s: %s answers none of %j', (trade, text, wrong) => {
    expect(wrong).not.toContain(answered(trade, text));
  });
});
