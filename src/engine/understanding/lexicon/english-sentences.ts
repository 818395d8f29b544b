/**
 * The English of whole sentences (my internet is down, i found a hair in my food, what plans do
 * you have, is the robot vacuum noisy): the goods named, and the verb–object and subject–state
 * phrases a sentence says its trouble with, each to its most specific class. ./english.ts holds
 * the words Chinese customers mix in; the analyser reads a phrase here with the articles and
 * possessives a sentence puts inside it (change my plan, cancel the booking) and an inflected word
 * as the one listed.
 */
export const ENGLISH_SENTENCES: readonly { readonly concept: string; readonly terms: readonly string[] }[] = [
  // goods named (the Chinese names' classes)
  { concept: 'goods.kong_qi_zha_guo', terms: ['air fryer', 'airfryer'] },
  { concept: 'goods.sao_di_ji_qi_ren', terms: ['robot vacuum', 'vacuum', 'vacuum cleaner'] },
  { concept: 'goods.jing_shui_qi', terms: ['water purifier', 'purifier', 'water filter'] },
  { concept: 'goods.chui_feng_ji', terms: ['hair dryer', 'hairdryer'] },
  { concept: 'goods.bi_ji_ben_dian_nao', terms: ['laptop'] },
  { concept: 'goods.bing_xiang', terms: ['fridge'] },
  { concept: 'goods.kong_tiao', terms: ['air conditioner', 'aircon'] },
  { concept: 'goods.dian_shi', terms: ['tv'] },
  { concept: 'food.menu', terms: ['dish'] },
  // orders, payment and coupons
  { concept: 'orders.place', terms: ['order online', 'online order', 'how to order', 'how do i order', 'how can i order'] },
  { concept: 'payment.failed', terms: ['payment failing', 'payment not going through', 'unable to pay', 'payment rejected'] },
  { concept: 'promo.coupon_problem', terms: ['coupon doesn t work', 'coupon can t be used', 'voucher not working', 'code doesn t work'] },
  { concept: 'promo.coupon', terms: ['stack coupons', 'combine coupons', 'two coupons'] },
  { concept: 'member.points_earn', terms: ['earn points', 'collect points', 'get points'] },
  { concept: 'invoice.issue', terms: ['get invoice', 'issue invoice', 'need invoice', 'request invoice'] },
  // refunds, returns and what arrived
  { concept: 'returns.refund_status', terms: ['refund not received', 'haven t received refund', 'didn t receive refund', 'not received refund', 'no refund yet', 'where is my refund'] },
  { concept: 'quality.cold_food', terms: ['arrived cold', 'cold food', 'food cold', 'not hot'] },
  { concept: 'quality.foreign_matter', terms: ['found hair', 'hair in food', 'found bug', 'bug in food'] },
  { concept: 'takeaway.missing_dish', terms: ['missing dish', 'dish missing'] },
  { concept: 'product.packaging', terms: ['packaging fee', 'container fee'] },
  { concept: 'food.allergy', terms: ['peanut', 'nuts', 'shellfish', 'gluten', 'dairy'] },
  { concept: 'food.catering', terms: ['catering for company', 'corporate catering', 'group meal', 'office lunch'] },
  { concept: 'delivery.coverage', terms: ['deliver to area', 'deliver here', 'deliver to address'] },
  // products
  { concept: 'product.safety', terms: ['safe'] },
  { concept: 'product.ions', terms: ['ionic', 'ionizer'] },
  { concept: 'product.mopping', terms: ['mop floor', 'mopping'] },
  { concept: 'product.origin', terms: ['where is it made', 'where was it made', 'country of origin'] },
  // a carrier's and a broadband line's troubles
  { concept: 'promo.bundle', terms: ['plan', 'pricing plan'] },
  { concept: 'telecom.extra_data', terms: ['ran out of data', 'run out of data', 'out of data', 'not enough data', 'more data'] },
  { concept: 'telecom.balance', terms: ['check balance', 'data left', 'remaining data'] },
  { concept: 'telecom.itemised_bill', terms: ['bill so high', 'bill too high', 'high bill', 'bill high', 'overcharged', 'unknown charges'] },
  { concept: 'telecom.arrears', terms: ['not paying', 'non payment', 'overdue bill'] },
  { concept: 'telecom.suspend', terms: ['cut off', 'suspended', 'line suspended', 'phone stolen', 'stolen phone', 'lost phone', 'phone lost'] },
  { concept: 'telecom.slow_network', terms: ['internet slow', 'wifi slow', 'network slow', 'slow network', 'slow connection'] },
  { concept: 'telecom.no_internet', terms: ['no wifi', 'no connection', 'internet stopped working'] },
  { concept: 'telecom.porting', terms: ['keep number', 'keep same number'] },
  { concept: 'contract.termination', terms: ['end contract', 'terminate contract', 'cancel contract', 'break contract'] },
  { concept: 'telecom.roaming', terms: ['turn on roaming', 'activate roaming', 'enable roaming'] },
  { concept: 'telecom.family_plan', terms: ['add family member', 'add line', 'extra line'] },
  { concept: 'telecom.sim_reissue', terms: ['lost sim card', 'sim card lost'] },
  { concept: 'telecom.move_broadband', terms: ['transfer broadband'] },
  // a clinic's
  { concept: 'booking.children', terms: ['treat kids', 'kids dentist', 'pediatric'] },
];
