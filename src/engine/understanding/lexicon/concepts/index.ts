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
 *    collocation that names its topic may hold one (发什么快递, 车停哪), and a question word at a
 *    term's edge only where it makes the class (走到哪了): where the rest reads the class alone
 *    (多久发货, 账单在哪) the term would hide the word from the question's type and focus
 *    (发票在哪申请 asks about 申请; test/unit/question-words.test.ts);
 *  - a class is what a customer means, not a trade: procedures of one trade get a class each
 *    (洗牙 is not 拔牙), or a question about one would meet the entry of another.
 * Topics are the id prefix. Files by area: orders and payment, delivery and returns, products,
 * accounts (invoices, promotions, membership, cards), service (after-sales, store, complaints),
 * bookings (with restaurants), hotels and travel (tours, tickets, visas), service verticals, telecom, food delivery, insurance and
 * credit, property management and utilities, and more trades (verticals.ts: lessons after enrolment,
 * gyms, salons and cosmetic clinics, car dealers, apps and games, hospitals and pharmacies,
 * freight), pets (pets.ts: clinic, grooming, boarding).
 */
import { ACCOUNTS } from './accounts';
import { BOOKINGS } from './bookings';
import { FINANCE } from './finance';
import { DELIVERY } from './delivery';
import { GOODS, GOODS_KINDS, GOODS_ROOT } from './goods';
import { ORDERS } from './orders';
import { PRODUCT } from './product';
import { PETS } from './pets';
import { PROPERTY } from './property';
import { SERVICE } from './service';
import { SERVICES } from './services';
import { TAKEAWAY } from './takeaway';
import { TELECOM } from './telecom';
import { TRAVEL } from './travel';
import { VERTICALS } from './verticals';

/** One class of the customer-service concept lexicon: surface forms that mean the same thing to a customer. */
export interface ConceptClass {
  /** `topic.name`, e.g. `delivery.tracking`. */
  readonly id: string;
  /** Simplified-Chinese surface forms (and any mixed forms), as customers AND operators write them. */
  readonly terms: readonly string[];
}

export const CONCEPTS: readonly ConceptClass[] = [...ORDERS, ...DELIVERY, ...PRODUCT, ...ACCOUNTS, ...SERVICE, ...BOOKINGS, ...TRAVEL, ...SERVICES, ...TELECOM, ...TAKEAWAY, ...FINANCE, ...PROPERTY, ...VERTICALS, ...PETS, ...GOODS];

/**
 * Kinds of a broader class, where the broader class's answer answers them (a credit card is a
 * way to pay; 偏小 is a size question; 死机 is a fault). With the classes named `topic.name_facet`,
 * facets of `topic.name`, they make the families of ../lexicon.ts. Only kinds, never neighbours:
 * 洗牙 and 拔牙 are no kinds of one another, nor of anything that would answer both.
 */
export const BROADER: Readonly<Record<string, string>> = {
  ...kinds('payment.methods', ['payment.wechat', 'payment.alipay', 'payment.card', 'payment.cash', 'payment.transfer', 'payment.installments', 'payment.credit_pay', 'payment.cod', 'payment.qr_code', 'payment.balance']),
  ...kinds('size.size', ['size.too_big', 'size.too_small', 'size.fit', 'size.which_size', 'size.chart', 'size.shoe_size', 'size.body_measurements', 'size.garment_measurements']),
  ...kinds('member.member', ['member.benefits', 'member.join', 'member.level', 'member.fee', 'member.renew']),
  ...kinds('delivery.tracking', ['delivery.in_transit']),
  // Sending the goods back is how a return is made: the return's answer says where and how.
  ...kinds('returns.return', ['returns.send_back']),
  ...kinds('stock.in_stock', ['stock.out_of_stock', 'stock.restock']),
  ...kinds('aftersales.fault', ['aftersales.crash', 'aftersales.error_code', 'aftersales.charging_fault', 'aftersales.connection_fault', 'aftersales.abnormal_noise', 'aftersales.leak']),
  ...kinds('aftersales.warranty', ['aftersales.extended_warranty']),
  ...kinds('aftersales.installation', ['aftersales.install_fee']),
  ...kinds('product.material', ['product.fabric', 'product.hard_material']),
  ...kinds('quality.defective', ['quality.broken', 'quality.scratches']),
  ...kinds('booking.book', ['booking.availability', 'booking.registration']),
  // The way there (几号线, 哪个口出) is answered where the address is.
  ...kinds('store.location', ['store.directions']),
  // Seeing the dentist is a visit: an entry on how a visit is booked answers it.
  ...kinds('booking.visit', ['clinic.dental']),
  // How much to take is part of how to use it: a usage entry answers a dosage question.
  ...kinds('product.usage', ['product.dosage']),
  ...kinds('invoice.issue', ['invoice.type', 'invoice.heading']),
  ...kinds('payment.topup', ['telecom.recharge']),
  ...kinds('ask.price', ['telecom.tariff']),
  // A carrier's plan is the bundle it sells: an entry listing its 套餐 answers what a plan holds (几个G, 流量和通话).
  ...kinds('promo.bundle', ['telecom.plan']),
  // What an appliance costs to run is asked as its power bill (一个月电费多少): its energy entry answers that.
  ...kinds('product.energy', ['utility.bill_power']),
  ...kinds('payment.records', ['telecom.itemised_bill']),
  ...kinds('card.reissue', ['telecom.sim_reissue']),
  ...kinds('store.offline_store', ['telecom.service_hall']),
  // Asking for the manager is asking for a person: the entry on reaching one answers 叫你们经理来.
  ...kinds('store.human_agent', ['store.manager']),
  // Goods still not come (咋还没到, 物流太慢) ask when they come: the delivery time's answer answers them.
  ...kinds('delivery.delivery_time', ['delivery.same_day', 'delivery.next_day', 'takeaway.late', 'delivery.slow']),
  ...kinds('quality.missing_parts', ['takeaway.missing_dish']),
  ...kinds('delivery.courier', ['takeaway.rider']),
  ...kinds('quality.foreign_matter', ['takeaway.foreign_object']),
  // Goods unlike their pictures or description (货不对板) are not what was ordered: the wrong item's answer (a correct one sent) answers them.
  ...kinds('quality.wrong_item', ['takeaway.wrong_meal', 'quality.not_as_described']),
  ...kinds('store.hours', ['takeaway.order_hours']),
  ...kinds('quality.spilled', ['takeaway.spilled']),
  // A meal come cold is food gone cold: 凉透了 (quality.cold_food) meets 送来都冰凉 (takeaway.cold).
  ...kinds('quality.cold_food', ['takeaway.cold']),
  ...kinds('product.packaging', ['takeaway.container', 'logistics.packing']),
  ...kinds('product.microwave_safe', ['takeaway.reheat']),
  ...kinds('delivery.scheduled', ['takeaway.scheduled']),
  ...kinds('product.taste', ['food.seasoning']),
  ...kinds('returns.compensation', ['insurance.claim', 'insurance.payout']),
  ...kinds('aftersales.repair', ['property.repair', 'home.appliance_repair']),
  ...kinds('store.parking', ['property.parking_permit']),
  ...kinds('delivery.fee', ['logistics.rate', 'takeaway.delivery_fee']),
  ...kinds('training.online_class', ['training.replay', 'training.remote']),
  ...kinds('training.teacher', ['training.teaching']),
  ...kinds('training.level', ['training.beginner']),
  ...kinds('training.makeup_class', ['training.missed_lesson']),
  ...kinds('payment.charge', ['charge.extra']),
  ...kinds('training.trial_class', ['fitness.trial']),
  ...kinds('salon.nails', ['salon.manicure']),
  ...kinds('booking.cancel', ['travel.ticket_refund', 'travel.tour_quit']),
  // Insurance for a trip is insurance: an entry on a tour's insurance answers 有没有保险.
  ...kinds('booking.insurance', ['travel.insurance']),
  ...kinds('ask.price', ['auto.price']),
  ...kinds('promo.trade_in', ['auto.trade_in']),
  ...kinds('account.app', ['app.update']),
  ...kinds('aftersales.fault', ['app.force_quit']),
  ...kinds('store.facilities', ['fitness.locker']),
  ...kinds('clinic.vaccine', ['pet.cat_vaccine', 'pet.dog_vaccine']),
  ...kinds('store.pets', ['pet.animal']),
  ...kinds('delivery.delivery', ['clinic.medicine_delivery']),
  ...kinds('loan.borrow', ['auto.car_loan']),
  // A top-up not credited (充值未到账) asks when it comes: the answer on when money is credited answers it.
  ...kinds('payment.arrival', ['topup.not_credited']),
  // Asking whether it is fake (会不会是假货) asks whether it is genuine: the authenticity entry answers it.
  ...kinds('quality.authenticity', ['quality.counterfeit']),
  // A fee entry answers whether it is free (包邮吗, 要运费吗).
  ...kinds('delivery.fee', ['delivery.free_shipping']),
  // A stain is a defect: the defect answer (photos, return or exchange) answers it.
  ...kinds('quality.defective', ['quality.stains']),
  ...kinds(GOODS_ROOT, GOODS_KINDS.map((c) => c.id)),
};
/**
 * Classes that name their whole topic (订单, 快递, 发票, 会员): said alone they ask nothing more
 * specific, so any entry on the topic explains them (the entry's other words still have to explain
 * the rest of the message). So do a visit (就诊, 看病) and a visit to the dentist (看牙): to a clinic's
 * customer they name the business itself, the occasion of whatever is asked (看牙能走医保吗).
 */
export const TOPIC_HEADS: ReadonlySet<string> = new Set(['clinic.dental', 'booking.visit', 'orders.order', 'delivery.parcel', 'invoice.invoice', 'member.member', 'account.account', 'aftersales.aftersales', 'size.size', 'complaint.complaint', 'auto.car', 'pet.animal']);

function kinds(broader: string, narrower: readonly string[]): Record<string, string> {
  return Object.fromEntries(narrower.map((n) => [n, broader]));
}
