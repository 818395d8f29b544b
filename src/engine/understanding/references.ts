/**
 * Customers name a thing by describing it when they do not know its word: 上网的那个盒子 is the
 * modem, 手机里那张小卡片 the SIM card, 插在墙上的那个盒子, 用来装垃圾的盒子. The lexicon holds such
 * descriptions as terms in one plain shape, modifier + 的 + head (上网的盒子, 手机里的卡, 装垃圾的盒子);
 * this reads a described reference into that shape, so one term meets every way of saying it:
 *  - a demonstrative between the modifier and its head goes (的那个盒子 is 的盒子; 里那张卡 is 里的卡);
 *  - 用来 and 用于 before a purpose go (用来装水的 is 装水的), and so does 用 before 的 when a
 *    thing's head follows (上网用的盒子 is 上网的盒子; not 你们用的快递, which asks which carrier);
 *  - where a part sits, said with a placing verb, is the place alone (插在手机里的卡 is 手机里的卡;
 *    not 挂在: 挂在我这个号下面 names a family line).
 * Only the shape of the language, never a business's words; a text with none of these is returned as it is.
 */

/** A locative or 的, a demonstrative and its measure word, before the head it points at. */
const DEMONSTRATIVE = /(的|里面|里|上面|下面|后面|前面|旁边|底下|中间)[那这](?:个|张|根|台|块|条|只|把|片|部|支|颗|盏|套|件|位|家|本|瓶|袋|盒)(?=[\u3400-\u9fff])/g;
/** Heads a described thing is named by: a box, a card, a thing, a core, a line, a head, a sheet. */
const HEADS = '盒子|盒|卡|小卡|东西|玩意|设备|机器|芯|线|头|表|箱子|袋子|单子|牌子|钥匙|刷子|布|药|片|柜子|本子|书';
const USED_FOR = new RegExp(`(?<=[\\u3400-\\u9fffa-z])用(?=的(?:${HEADS}))|(?<!不)用来|用于`, 'g');
/** A placing verb before where a part sits (插在手机里的, 贴在箱子上的). */
const PLACED = /(?:插在|装在|放在|贴在|塞在|安在|夹在|套在)(?=[\u3400-\u9fff]{1,4}(?:里|上|里面|上面|下面|底下)的)/g;
const PLACING = /[插装放贴塞安夹套]在/;

/**
 * The text with its described references in the lexicon's plain shape (modifier + 的 + head). Each
 * pattern only where its key character is (every question of a knowledge base is read here while
 * compiling, most holding none).
 */
export function plainReferences(text: string): string {
  let plain = text;
  if (plain.includes('那') || plain.includes('这')) plain = plain.replace(DEMONSTRATIVE, (_, at: string) => (at === '的' ? '的' : `${at}的`));
  if (plain.includes('用的') || plain.includes('用来') || plain.includes('用于')) plain = plain.replace(USED_FOR, '');
  if (plain.includes('在') && PLACING.test(plain)) plain = plain.replace(PLACED, '');
  return plain;
}
