/**
 * Concepts a clause says by its shape rather than by a fixed term, read from the shape alone and
 * never from a business's words:
 * - a time followed by a delivery verb (明天中午12点送, 约后天上午送到, 下午三点半配送) asks for a
 *   delivery at a set time (takeaway.scheduled, a kind of delivery.scheduled): the time is when it
 *   should come, so 约 before it books no table, while 约 and 预约 alone still do.
 * Each reading covers its whole span, which ./analyze then matches as a single term (the terms it
 * would have cut, 约明天 of booking, are not read).
 */

export interface Reading {
  from: number;
  to: number;
  concept: string;
}

/** A time of day or a day, with its digits (12点, 12:30) or in words (三点半). */
const TIME = String.raw`(?:明天|后天|今天|今晚|明早|明晚|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|早上|上午|中午|下午|傍晚|晚上|\d{1,2}(?:[:：]\d{2}|点(?:半|钟|\d{1,2}分?)?)|[一二三四五六七八九十两]{1,3}点(?:半|钟)?)`;
/**
 * A booking verb (optional), one to three times with a little glue (左右, 之前, 准时, 给我), and a
 * verb of delivery; 送 of a gift (送赠品, 送什么) is not one.
 */
const SCHEDULED = new RegExp(
  String.raw`(?:预约|预定|预订|约|订|定)?(?:在|到)?${TIME}(?:的?${TIME}){0,2}(?:左右|前后|之前|以前|以后|之后|前|后|的时候)?(?:再|准时|按时|给我|帮我|给|能|可以)*(?:送过来|送过去|送来|送到|送达|配送|派送|送(?![礼赠券品东积红什啥个人给]))`,
  'gu',
);

/** The readings of a folded text, by where they start (none overlap). */
export function clauseReadings(text: string): Reading[] {
  const found: Reading[] = [];
  // Most texts hold no delivery verb: one test before the pattern.
  if (text.includes('送')) for (const m of text.matchAll(SCHEDULED)) found.push({ from: m.index, to: m.index + m[0].length, concept: 'takeaway.scheduled' });
  found.sort((a, b) => a.from - b.from);
  let to = 0;
  return found.filter((r) => r.from >= to && (to = r.to) > 0);
}
