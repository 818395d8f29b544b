/**
 * What a kind of goods is, apart from the kinds' names (./concepts/goods.ts lists them): retrieval
 * and the policy only ask whether a concept is a kind, and the Worker's packed lexicon
 * (./packed-classes.ts) makes the kinds' ids from their names as the sources do, so nothing in
 * the Worker's bundle needs the names as ./concepts/goods.ts writes them.
 */
import { soundsOf } from '../pinyin';
import type { ConceptClass } from './concepts';

/** Goods in general: the broader class of every named kind. */
export const GOODS_ROOT = 'goods.goods';
const KIND_PREFIX = 'goods.';
export const isGoodsKind = (concept: string): boolean => concept.startsWith(KIND_PREFIX) && concept !== GOODS_ROOT;

/**
 * Clothes and shoes in general (衣服, 鞋子), for a kind named by its head character (毛衣, 牛仔裤,
 * 连衣裙, 运动鞋): a shop's entry about 衣服 answers its customer's 毛衣, as one about 鞋子 answers 运动鞋.
 */
export function wornKind(name: string): string | undefined {
  if (/[鞋靴]$|^鞋/u.test(name)) return `${KIND_PREFIX}xie_zi`;
  return /[衣衫服装裤裙恤]$|^[裤裙]/u.test(name) ? `${KIND_PREFIX}yi_fu` : undefined;
}

/** Each kind's class from its names, its id the first name's pinyin (t恤 is goods.t_xu), made unique by a letter (按摩仪 after 按摩椅: an_mo_yi_b). */
export function goodsKinds(kinds: readonly (readonly string[])[]): ConceptClass[] {
  const seen = new Set<string>();
  return kinds.map((terms) => {
    const base = Array.from(terms[0]!, (ch) => (/[a-z]/.test(ch) ? ch : (soundsOf(ch)?.exact ?? 'x'))).join('_');
    let name = base;
    for (let n = 0; seen.has(name); n++) name = `${base}_${'bcdefgh'[n]}`;
    seen.add(name);
    return { id: `${KIND_PREFIX}${name}`, terms };
  });
}

/** Colour names (红色, 藏青): which variant was bought (红色的会掉色吗) where an entry names no colour of its own. */
export const COLOUR_NAMES = 'product.colour_names';
