/**
 * How long until money comes is that money's arrival, not a delivery: 退款多久到, 退的钱几天能到,
 * 提现多久到, 积分什么时候到账, 补贴啥时候到 and 交了50块还没到账 wait for a sum to be credited, while
 * 快递多久到 and 外卖什么时候到 wait for goods. A term of when it comes or has not come (多久到, 还没到, 还没到账;
 * not of sending or receiving goods: 多久送到, 几天能收到) right after a sum of money, with only glue
 * between (充值后, 话费充了, 提现成功后), is the refund's time where the money is a refund (or 钱 alone,
 * as the refund-time terms read it), a top-up's after a sum paid in (交了50块) and the arrival of
 * anything else credited (payment.arrival).
 * 钱 after 付, 交, 花, 给 or 多少 is what was paid (付完钱多久到 waits for goods).
 */

const MONEY = String.raw`(?:(退款|退费|退的钱|退回的钱|(?<!多少|[付交花给][了完过]?)钱)|充值|充的|话费|提现|返现|返利|补贴|积分|红包|工资|奖金|佣金|余额|押金|保证金|赔款|货款|借款|贷款|放款|金币|钻石|([交充缴])了?(?:\d+|[一二两三五八十百千]+)[块元]?)`;
/** A sum of money ending the text, but for glue (后, 了, 一般, 大概, 充了, 审核通过后): group 1 holds a refund, group 2 a sum paid in. */
const BEFORE = new RegExp(`${MONEY}(?:[了的后都还要得会能可才我充交缴退领]|之后|以后|一般|大概|最快|通常|正常|申请|审核|通过|成功|完成){0,4}$`, 'u');
/** A term of sending or receiving goods, never money's. */
const GOODS = /[送寄发运货收拿手吃饭餐]/u;

const REFUND_TIME = 'returns.refund_time';
const ARRIVAL = 'payment.arrival';
/** A sum paid in and waited for (交了50块还没到账, 充了328多久到) is a top-up's, a kind of arrival. */
const TOPUP = 'topup.not_credited';
/** Terms of a time of arrival that a sum before them makes the sum's. */
const TIMES: ReadonlySet<string> = new Set(['delivery.delivery_time', 'delivery.slow', REFUND_TIME, ARRIVAL]);

/** The concept the term of `concept` over `from`–`to` of `text` stands for: a time of arrival after a sum of money is the money's. */
export function arrivalOf(text: string, from: number, to: number, concept: string): string {
  if (!TIMES.has(concept) || GOODS.test(text.slice(from, to))) return concept;
  const money = BEFORE.exec(text.slice(Math.max(0, from - 12), from));
  return money === null ? concept : money[1] !== undefined ? REFUND_TIME : money[2] !== undefined ? TOPUP : ARRIVAL;
}
