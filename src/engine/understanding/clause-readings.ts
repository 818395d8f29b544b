/**
 * Concepts a clause says by its shape rather than by a fixed term, read from the shape alone and
 * never from a business's words:
 * - a time followed by a delivery verb (明天中午12点送, 约后天上午送到, 下午三点半配送) asks for a
 *   delivery at a set time (takeaway.scheduled, a kind of delivery.scheduled): the time is when it
 *   should come, so 约 before it books no table, while 约 and 预约 alone still do;
 * - sent to a place, then how long (寄到哈尔滨得几天) asks the delivery time, whatever the place;
 * - an ordered value against a different delivered value of one attribute (colour, size, cup,
 *   capacity or weight, model: 拍的黑色，寄来的却是白色; 买的是L码寄来M码; 订的大杯给了中杯;
 *   买的128g收到64g) is a wrong item; one value alone (黑色有货吗) or two compared are not;
 * - one monthly price changed to another, each standing for the plan it buys (把99的换成59的,
 *   从129元的套餐降到59的) is a change of plan: a subscriber names a plan by its price; only where
 *   the business speaks of changing plans, since a shop's customer says so of an exchange;
 * - paying followed, in its clause or the next, by what failed (付款页面一直报错, 一付钱就跳出来失败,
 *   钱交不上去，一直提示错误) is a failed payment; not where the gap names a coupon, points, a deduction,
 *   a success or a refund (结账时优惠券报错, 付款成功后显示失败);
 * - fewer come than were bought, with any count (少了2件, 漏发了3瓶, 只收到1个) is a missing item; not
 *   people (只来了2个人) nor a piece broken off (缺了1块);
 * - something found in the food (吃出一根头发, 汤里有只苍蝇, 咬到一块塑料) is a foreign object, whatever
 *   the dish or the thing: a verb of finding, a count and a thing that does not belong in food;
 * - something ordered that was not given (点的可乐没给, 要的鸡腿没放, 饮料也没给) is a missing dish:
 *   an ordering verb or a dish, and 没 with a verb of putting in (没放辣 is a seasoning left out; 还没 waits);
 * - a verb of changing with its result, then a day or an hour (换成周日, 改成晚上, 挪到下周三, 往后推到15号)
 *   moves an appointment, and 约 or 挂 before one (约个周末的, 挂明天的号) makes one, where the business
 *   speaks of that; not a delivery set for then (改到明天送) nor a lesson, a class or a shift (课换到周六, 换到周末班).
 * Each reading covers its whole span, which ./analyze then matches as a single term (the terms it
 * would have cut, 约明天 of booking, are not read).
 */

import { AFTERSALES_SHAPES, COLOUR } from './aftersales-readings';
import { PLACES } from './lexicon/places';
import { MODEL_CODE } from './model-codes';
import { signMask } from './signs';

export interface Reading {
  from: number;
  to: number;
  concept: string;
  /** Its words are no content of their own, only its concept: a place named in it reads like any other. */
  quiet?: boolean;
}

/** A time of day or a day, with its digits (12点, 12:30) or in words (三点半). */
const TIME = String.raw`(?:到点了?|明天|后天|今天|今晚|明早|明晚|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|早上|上午|中午|下午|傍晚|晚上|\d{1,2}(?:[:：]\d{2}|点(?:半|钟|\d{1,2}分?)?)|[一二三四五六七八九十两]{1,3}点(?:半|钟)?)`;
/**
 * A booking verb (optional), one to three times with a little glue (左右, 之前, 准时, 给我), and a
 * verb of delivery; 送 of a gift (送赠品, 送什么) is not one.
 */
const SCHEDULED = new RegExp(
  String.raw`(?:预约|预定|预订|约|订|定)?(?:在|到)?${TIME}(?:的?${TIME}){0,2}(?:左右|前后|之前|以前|以后|之后|前|后|的时候)?(?:再|准时|按时|给我|帮我|给|能|可以)*(?:送过来|送过去|送来|送到|送达|配送|派送|送(?![礼赠券品东积红什啥个人给得]))`,
  'gu',
);

/**
 * Ordering a meal for a later day or hour (订好明天的午饭, 提前点后天中午的餐): the meal is for then.
 */
const MEAL_AHEAD = new RegExp(String.raw`(?:先|提前)?(?:预订|订|点|下单)好?${TIME}(?:的?${TIME}){0,2}的?(?:[午晚早][饭餐]|饭|餐|外卖)`, 'gu');

/** A thing that does not belong in food (not 毛血旺, 虫草, 塑料袋: dishes and containers). */
const INTRUDER = String.raw`(?:头发丝?|毛发?(?![血豆肚衣巾线病球])|虫子?(?!草)|苍蝇|蟑螂|石子|沙子|塑料(?![袋盒杯瓶])|钢丝|铁丝|指甲)`;
/** Where it was found: any dish (酸菜鱼里, 麻辣烫里) or what holds it, and how unexpected. */
const PLACE_IN = String.raw`\p{Script=Han}{0,3}里面?(?:竟然|居然|还)?`;
const FOUND = new RegExp(String.raw`(?:${PLACE_IN}有|(?:${PLACE_IN})?(?:[吃喝]出来?|[吃喝咬]到|[夹挑]出|发现))了?[1一两2几]?[根只个块颗粒片条段]?[小大]?${INTRUDER}`, 'gu');
/** A dish or drink named by its head (米饭, 酸辣汤, 辣酱, 奶茶, 鸡腿, 薯条, 小菜, 煎蛋, 可乐; not 资料): what did not come. */
const DISH = String.raw`\p{Script=Han}{0,2}[饭汤酱茶腿翅条菜蛋乐]`;
const NOT_GIVEN = new RegExp(String.raw`(?:(?:[点要订买]的|[点要]了)[^\p{P}\s还]{1,10}?|${DISH}[也都]?)没有?(?:放(?![辣葱蒜盐糖醋油在])|[给装带配拿])`, 'gu');
/**
 * Values of one attribute each (colour, letter or number size, cup size, a capacity or weight with
 * its unit, a model code), as alternatives: two matches of one alternative are values of one attribute.
 */
const VALUES: readonly string[] = [
  COLOUR,
  String.raw`(?:[2-5]?x{0,3}[sml]|\d{2,3})码|(?<![a-z])(?:[2-5]?x{1,3}[sml]?|[sml])(?![a-z\d])|[大中小均]码`,
  String.raw`(?:超大|大|中|小)杯`,
  String.raw`\d+(?:\.\d+)?(?:ml|毫升|l|升|g|克|kg|千克|斤|gb|tb|t|寸|英寸)`,
  MODEL_CODE,
];
/** A day or an hour an appointment is for (周日, 下周三下午, 15号, 别的时间); not a delivery then (明天送) or a class (周末班). */
const DAY = String.raw`(?:下个?|这个?|本|大)?(?:${TIME}|\d{1,2}号|[一二三四五六七八九十]{1,3}号|下周|下礼拜|下星期|下个月|月底|周末|别的(?:时间|日子|时候)|其他(?:时间|日子))(?:的?${TIME}){0,2}(?![^\p{P}\s]{0,6}?[送寄发配])(?![班课场])`;
/** An appointment moved to a day or an hour (换成周日, 改到下周三下午, 往后推到15号); not a lesson (这周的课换到周六: a school's 调课). */
const MOVED = new RegExp(String.raw`(?<![课班][^\p{P}\s]{0,6})(?:[改换调挪推延][成到在]|往[后前][推挪调延改]到?)${DAY}`, 'gu');
/** An appointment made for a day or an hour (约个周末的, 预约下周三上午, 挂明天的号); not 大约, 节约 or 合约. */
const BOOKED = new RegExp(String.raw`(?:预约|(?<![大节合签制隐违婚赴相失契邀条公])约|挂)(?:个|一个|一下)?${DAY}`, 'gu');
/** A verb of receiving, without which there is no mismatch: a cheap test before the pattern. */
const RECEIVING = /寄来|发来|送来|收到|到手|拿到|给了|给我|发了|寄了|来了|发成|寄成|给成|上了|做成/u;
const ORDERED = String.raw`(?:拍|买|订|下单|选|点|要|定)(?:的|了)?(?:是|的是)?`;
const RECEIVED = String.raw`(?:${RECEIVING.source})(?:的|了)?(?:却|竟然|居然|怎么)?(?:是|成了|变成)?[1一]?[个件杯条双只台款]?`;
const VALUE = `(?:${VALUES.join('|')})`;
const MISMATCH = new RegExp(String.raw`${ORDERED}(${VALUE})[^。！？!?]{0,12}?${RECEIVED}(${VALUE})`, 'gu');
const ATTRIBUTES = VALUES.map((value) => new RegExp(`^(?:${value})$`, 'u'));

/** A price named for the plan it buys (99的, 59元的, 129的套餐), changed to another (the second's 的 may go): the prices are groups 1 and 2. */
const PRICE = String.raw`(\d{2,3})(?:元|块)?`;
const PLAN_CHANGE = new RegExp(String.raw`[把从]?${PRICE}(?:的?套餐|的)[换改降升转调变][成到]${PRICE}(?:的?套餐|的)?`, 'gu');
/** A price followed by a verb of change: a cheap test before the pattern. */
const PRICE_CHANGED = /\d[元块]?的?(?:套餐)?[换改降升转调变]/u;

/** What a value is, without a trailing 色 or 的 (黑色 and 黑 are one colour). */
const bare = (value: string) => value.replace(/[色的]$/u, '');
/** Whether two values are different values of one attribute (黑色 and 白色; not 黑色 and L码). */
const contradict = (a: string, b: string) => bare(a) !== bare(b) && ATTRIBUTES.some((attribute) => attribute.test(a) && attribute.test(b));

/** A verb of paying (not 支付宝 the app), then within twelve characters a failure. */
const PAY_FAILED = /(?:支付(?!宝)|付款|付钱|交钱|钱交|钱付|付费|缴费|买单|结账|刷卡)[^。！？!?券惠积红扣但却成退]{0,12}?(?:失败|不成功|没成功|报错|出错|错误|转圈|卡住)/gu;

/** Short of a count (少了2件, 只收到1个): a verb of lacking or only-receiving, a number, a counter of goods. */
const SHORT = /(?:[少漏缺][发寄送给装放]?|只(?:收到|拿到|送来|寄来|发来|到|来|寄|发|送|给))了?[\d几一二两三四五六七八九十]+(?:个|件|只|双|条|套|瓶|盒|袋|包|份|样|台|支|张|本|罐|杯)(?![人位])/gu;

/**
 * 送 asked of a thing (送边刷吗, 有没有送耳机, 送不送充电器, 会送拖布吗): whether it comes in the box,
 * where the business speaks of what comes in the box; not delivery (送到, 送货, 送小区吗, 配送) nor a
 * gift asked after (送什么, 送赠品, 送积分, 附送, 白送, 加送, 多送, 送点). The thing after it stays a word of its own.
 */
const NOT_GIVEN_THING = String.raw`(?![这那外市区吗不没了来到去过货餐达上回礼赠券品什啥东点人我你家楼小学公宿])`;
const GIVEN_WITH = new RegExp(
  String.raw`(?:(?:有没有|会不会)送|送[不没]送)${NOT_GIVEN_THING}|(?<![配派快递运外接护赠附白加多免包邮寄少漏补])送${NOT_GIVEN_THING}(?=[^\p{P}\s送]{1,8}?[吗么不没?？])`,
  'gu',
);


/**
 * Sent to a place, then how long (寄到哈尔滨得几天, 发到我们县城要多久, 送到宿舍大概多长时间): the
 * place is where it goes, the question is the delivery time (delivery.delivery_time), whatever the
 * place. Any place the lexicon lists, or a name ending in 市, 省, 区, 县, 镇 or 村.
 */
const PLACE = String.raw`(?:${[...PLACES].sort((a, b) => b.length - a.length).join('|')}|\p{Script=Han}{1,4}?[市省区县镇村])`;
const SENT_TO = new RegExp(
  String.raw`(?:寄|发|送|运|邮|快递)(?:到|去|往)(?:我们|我家|我)?(?:${PLACE}){1,2}(?:的话)?(?:一般|大概|大约|最快|正常|通常)?(?:要|得|需要|需)?(?:几天|多久|多长时间|多少天|几个工作日)(?:才?(?:能|可以)?(?:送到|到))?`,
  'gu',
);

/**
 * The shapes read by a pattern alone, each behind the cheap test of what every match must hold
 * (the thing found, the failure, the meal, the time asked), rarer in a text than the shape's first
 * character: most questions and answers are spared the pattern.
 */
/** A shape: the cheap test, the pattern, the concept it reads; `quiet` and `spoken` as in `Reading` and `clauseReadings`. */
export interface Shape {
  sign: RegExp;
  pattern: RegExp;
  concept: string;
  quiet?: boolean;
  spoken?: boolean;
}

const SHAPES: readonly Shape[] = [
  { sign: /送/u, pattern: SCHEDULED, concept: 'takeaway.scheduled', quiet: true },
  { sign: /[饭餐]|外卖/u, pattern: MEAL_AHEAD, concept: 'takeaway.scheduled', quiet: true },
  { sign: /[头毛虫苍蟑石沙塑钢铁指]/u, pattern: FOUND, concept: 'takeaway.foreign_object', quiet: true },
  { sign: /没有?[放给装带配拿]/u, pattern: NOT_GIVEN, concept: 'takeaway.missing_dish', quiet: true },
  { sign: /[寄发送运邮递](?:到|去|往)[^]*?(?:几天|多久|多长时间|多少天|几个工作日)/u, pattern: SENT_TO, concept: 'delivery.delivery_time', quiet: true },
  { sign: /失败|成功|报错|出错|错误|转圈|卡住/u, pattern: PAY_FAILED, concept: 'payment.failed' },
  { sign: /[少漏缺只]/u, pattern: SHORT, concept: 'quality.missing_parts' },
  // An appointment's day, read only where the business speaks of making or moving one (`spoken`).
  { sign: /[改换调挪推延][成到在]|往[后前]/u, pattern: MOVED, concept: 'booking.reschedule', quiet: true, spoken: true },
  { sign: /[约挂]/u, pattern: BOOKED, concept: 'booking.book', quiet: true, spoken: true },
  ...AFTERSALES_SHAPES,
];

/**
 * The shapes' tests, then the other patterns' (a verb of receiving, a price changed, 送 asked of a
 * thing): which a text may pass, in one pass (./signs). RECEIVING's signs are its alternatives, two
 * characters each, and 送 is its own: their bits say whether the text holds one.
 */
const RECEIVES = 1 << SHAPES.length;
const CHANGES_PRICE = RECEIVES << 1;
const GIVES = CHANGES_PRICE << 1;
const mayHold = signMask([...SHAPES.map((shape) => shape.sign), RECEIVING, PRICE_CHANGED, /送/u]);

/**
 * The readings of a folded text, by where they start (none overlap); `speaks` says whether the
 * business speaks of a concept (every concept when it is not given).
 */
export function clauseReadings(text: string, speaks?: (concept: string) => boolean): Reading[] {
  const found: Reading[] = [];
  // Most texts hold no delivery verb and no verb of receiving: one pass for them all before the patterns.
  const signs = mayHold(text);
  if (signs === 0) return found;
  // exec on the pattern itself (neither matches an empty string): matchAll clones it per text.
  for (let s = 0; s < SHAPES.length; s++) {
    const { sign, pattern, concept, quiet, spoken } = SHAPES[s]!;
    if ((signs & (1 << s)) === 0 || !sign.test(text) || (spoken === true && speaks !== undefined && !speaks(concept))) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) found.push({ from: m.index, to: m.index + m[0].length, concept, ...(quiet === true && { quiet }) });
  }
  MISMATCH.lastIndex = 0;
  if ((signs & RECEIVES) !== 0) for (let m = MISMATCH.exec(text); m !== null; m = MISMATCH.exec(text)) if (contradict(m[1]!, m[2]!)) found.push({ from: m.index, to: m.index + m[0].length, concept: 'quality.wrong_item' });
  PLAN_CHANGE.lastIndex = 0;
  if ((signs & CHANGES_PRICE) !== 0 && PRICE_CHANGED.test(text) && (speaks === undefined || speaks('telecom.change_plan'))) for (let m = PLAN_CHANGE.exec(text); m !== null; m = PLAN_CHANGE.exec(text)) if (m[1] !== m[2]) found.push({ from: m.index, to: m.index + m[0].length, concept: 'telecom.change_plan' });
  GIVEN_WITH.lastIndex = 0;
  if ((signs & GIVES) !== 0 && (speaks === undefined || speaks('product.in_box'))) for (let m = GIVEN_WITH.exec(text); m !== null; m = GIVEN_WITH.exec(text)) found.push({ from: m.index, to: m.index + m[0].length, concept: 'product.in_box' });
  if (found.length < 2) return found;
  found.sort((a, b) => a.from - b.from);
  let to = 0;
  return found.filter((r) => r.from >= to && (to = r.to) > 0);
}
