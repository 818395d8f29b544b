/**
 * Concepts a clause says by its shape rather than by a fixed term, read from the shape alone and
 * never from a business's words:
 * - a time followed by a delivery verb (明天中午12点送, 约后天上午送到, 下午三点半配送) asks for a
 *   delivery at a set time (takeaway.scheduled, a kind of delivery.scheduled): the time is when it
 *   should come, so 约 before it books no table, while 约 and 预约 alone still do;
 * - an ordered value against a different delivered value of one attribute (colour, size, cup,
 *   capacity or weight, model: 拍的黑色，寄来的却是白色; 买的是L码寄来M码; 订的大杯给了中杯;
 *   买的128g收到64g) is a wrong item; one value alone (黑色有货吗) or two compared are not.
 * - something found in the food (吃出一根头发, 汤里有只苍蝇, 咬到一块塑料) is a foreign object, whatever
 *   the dish or the thing: a verb of finding, a count and a thing that does not belong in food;
 * - something ordered that was not given (点的可乐没给, 要的鸡腿没放, 饮料也没给) is a missing dish:
 *   an ordering verb or a dish, and 没 with a verb of putting in (没放辣 is a seasoning left out; 还没 waits);
 * Each reading covers its whole span, which ./analyze then matches as a single term (the terms it
 * would have cut, 约明天 of booking, are not read).
 */

import { signTest } from './signs';

export interface Reading {
  from: number;
  to: number;
  concept: string;
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
/** The shapes read by a pattern, each behind the cheap test of a character it must hold. */
const SHAPES: readonly { sign: RegExp; pattern: RegExp; concept: string }[] = [
  { sign: /送/u, pattern: SCHEDULED, concept: 'takeaway.scheduled' },
  { sign: /[订定点单]/u, pattern: MEAL_AHEAD, concept: 'takeaway.scheduled' },
  { sign: /[有出到现]/u, pattern: FOUND, concept: 'takeaway.foreign_object' },
  { sign: /没/u, pattern: NOT_GIVEN, concept: 'takeaway.missing_dish' },
];

/**
 * Values of one attribute each (colour, letter or number size, cup size, a capacity or weight with
 * its unit, a model code), as alternatives: two matches of one alternative are values of one attribute.
 */
const VALUES: readonly string[] = [
  String.raw`(?:黑|白|红|蓝|绿|黄|灰|粉|紫|棕|橙|青|米|金|银|咖|卡其|藏青|军绿|酒红|深蓝|浅蓝|深灰|浅灰|玫红|天蓝|墨绿|香槟)色?`,
  String.raw`(?:[2-5]?x{0,3}[sml]|\d{2,3})码|(?<![a-z])(?:[2-5]?x{1,3}[sml]?|[sml])(?![a-z\d])|[大中小均]码`,
  String.raw`(?:超大|大|中|小)杯`,
  String.raw`\d+(?:\.\d+)?(?:ml|毫升|l|升|g|克|kg|千克|斤|gb|tb|t|寸|英寸)`,
  String.raw`(?<![a-z])[a-z]{1,3}\d{1,4}[a-z]?(?![a-z\d])`,
];
/** A verb of receiving, without which there is no mismatch: a cheap test before the pattern. */
const RECEIVING = /寄来|发来|送来|收到|到手|拿到|给了|给我|发了|寄了|来了|发成|寄成|给成|上了|做成/u;
const ORDERED = String.raw`(?:拍|买|订|下单|选|点|要|定)(?:的|了)?(?:是|的是)?`;
const RECEIVED = String.raw`(?:${RECEIVING.source})(?:的|了)?(?:却|竟然|居然|怎么)?(?:是|成了|变成)?[1一]?[个件杯条双只台款]?`;
const VALUE = `(?:${VALUES.join('|')})`;
const MISMATCH = new RegExp(String.raw`${ORDERED}(${VALUE})[^。！？!?]{0,12}?${RECEIVED}(${VALUE})`, 'gu');
const ATTRIBUTES = VALUES.map((value) => new RegExp(`^(?:${value})$`, 'u'));

/** What a value is, without a trailing 色 or 的 (黑色 and 黑 are one colour). */
const bare = (value: string) => value.replace(/[色的]$/u, '');
/** Whether two values are different values of one attribute (黑色 and 白色; not 黑色 and L码). */
const contradict = (a: string, b: string) => bare(a) !== bare(b) && ATTRIBUTES.some((attribute) => attribute.test(a) && attribute.test(b));

/** Whether a text holds a verb of receiving (./signs): one test before the pattern. */
const receives = signTest(RECEIVING.source.split('|'));

/** The readings of a folded text, by where they start (none overlap). */
export function clauseReadings(text: string): Reading[] {
  const found: Reading[] = [];
  // Most texts hold no delivery verb and no verb of receiving: one test each before the patterns.
  // exec on the pattern itself (neither matches an empty string): matchAll clones it per text.
  for (const { sign, pattern, concept } of SHAPES) {
    if (!sign.test(text)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) found.push({ from: m.index, to: m.index + m[0].length, concept });
  }
  MISMATCH.lastIndex = 0;
  if (receives(text)) for (let m = MISMATCH.exec(text); m !== null; m = MISMATCH.exec(text)) if (contradict(m[1]!, m[2]!)) found.push({ from: m.index, to: m.index + m[0].length, concept: 'quality.wrong_item' });
  if (found.length < 2) return found;
  found.sort((a, b) => a.from - b.from);
  let to = 0;
  return found.filter((r) => r.from >= to && (to = r.to) > 0);
}
