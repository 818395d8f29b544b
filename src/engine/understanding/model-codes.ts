/**
 * Model codes: a product named by letters and digits (X7, AF50, RO600, Mate60) or a short name (2代,
 * Pro版, 14寸) instead of its kind.
 * A code the business's entries name is one of its products, and stands for the kinds of goods the
 * entries naming it speak of (X7 in the answer of a 扫地机器人 entry is that 扫地机器人): the customer's
 * X7 is what was bought, as the kind's own name would be (./retrieve). A code no entry names stays
 * an unknown word, so asking about X9 where only X7 is sold answers nothing of X7's.
 */
import { signsIn } from './signs';

/** Letters then digits, a letter after them at most (x7, af50, ro600, mate60, x7s), as a whole Latin word. */
export const MODEL_CODE = String.raw`(?<![a-z])[a-z]{1,5}\d{1,4}[a-z]?(?![a-z\d])`;
/** Or a short name: a generation, an edition or a screen size (2代, pro版, 14寸). */
const CODES = new RegExp(String.raw`${MODEL_CODE}|(?<![a-z\d])(?:[a-z]{2,5}|\d{1,2})[代版寸]`, 'gu');
/** Shaped like a code but a rating, standard, format or version (ip68, pm2.5, mp4, usb3, wifi6, v2). */
const NOT_A_MODEL = /^(?:ipx?|pm|mp|usb|wifi|v)\d/u;

/** Whether a text may name a code: every code holds a digit or a short name's 代, 版 or 寸 (./signs), and most questions hold none. */
const mayName = signsIn([[...'0123456789代版寸']]);

/** The model codes a folded text names, each with where it starts. */
export function modelCodes(text: string): { code: string; at: number }[] {
  const codes: { code: string; at: number }[] = [];
  if (!mayName(text)) return codes;
  CODES.lastIndex = 0;
  for (let m = CODES.exec(text); m !== null; m = CODES.exec(text)) if (!NOT_A_MODEL.test(m[0])) codes.push({ code: m[0], at: m.index });
  return codes;
}
