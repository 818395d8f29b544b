/**
 * Customer-service concept lexicon.
 *
 * Each class groups surface forms that mean the same thing to a customer, so a customer's
 * wording can meet an operator's wording even when the two texts share no word. Terms are
 * matched as substrings of the normalised text (NFKC, lower case, traditional folded to
 * simplified), longest match first, scanning left to right. Rules kept by every class:
 *  - Chinese terms are at least two characters and do not commonly occur inside unrelated words,
 *    nor start inside a common word they would cut (好洗 would eat the 洗 of 最好洗牙), nor end
 *    inside the next term's start (花呗支付 would eat the 支付 of 支付失败); a term that starts on
 *    another's last character and reaches further wins over it (修多久 would take 保修多久);
 *  - no term the pinyin corrector would reach from an ordinary word (喝水 from 和税号);
 *  - a term belongs to one class only (the most specific one);
 *  - no question words as terms (多久, 几天, 怎么, 为什么, 哪里, 多少, 吗...) and no fillers; a
 *    collocation that names its topic may hold one (发什么快递, 车停哪);
 *  - a class is what a customer means, not a trade: procedures of one trade get a class each
 *    (洗牙 is not 拔牙), or a question about one would meet the entry of another.
 * Topics are the id prefix. Files by area: orders and payment, delivery and returns, products,
 * accounts (invoices, promotions, membership, telecom), service (after-sales, store, complaints),
 * bookings (with hotels and restaurants), and service verticals.
 */
import { ACCOUNTS } from './accounts';
import { BOOKINGS } from './bookings';
import { DELIVERY } from './delivery';
import { ORDERS } from './orders';
import { PRODUCT } from './product';
import { SERVICE } from './service';
import { SERVICES } from './services';

/** One class of the customer-service concept lexicon: surface forms that mean the same thing to a customer. */
export interface ConceptClass {
  /** `topic.name`, e.g. `delivery.tracking`. */
  readonly id: string;
  /** Simplified-Chinese surface forms (and any mixed forms), as customers AND operators write them. */
  readonly terms: readonly string[];
}

export const CONCEPTS: readonly ConceptClass[] = [...ORDERS, ...DELIVERY, ...PRODUCT, ...ACCOUNTS, ...SERVICE, ...BOOKINGS, ...SERVICES];
