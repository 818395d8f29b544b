/**
 * Names of other parties that the lexicon folds into the classes of what they do (美团 is a kind
 * of 外卖, 顺丰 a courier, 支付宝 a way to pay, 淘宝店 an online shop): platforms, couriers, payment
 * and credit apps. The folding lets 能用支付宝付吗 reach the payment entry; but 饿了么的订单能开发票吗
 * or 美团上团的美甲能用吗 asks about that party's order or voucher, which only an entry naming the
 * party speaks of (../party.ts). A name the lexicon does not know (a rival chain or brand) is
 * already a word no entry explains. Folded (lower case), as a pattern
 * of alternatives (none begins another).
 */
export const OTHER_PARTY_NAMES = '美团|饿了么|大众点评|淘宝|天猫|京东|拼多多|抖音|顺丰|中通|圆通|申通|韵达|极兔|德邦|菜鸟|邮政|ems|支付宝|微信支付|花呗|白条|云闪付|银联|qq';
