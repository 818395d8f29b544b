/**
 * A question about another party's thing: 隔壁小区的物业费多少钱 and 别家补胎多少钱 ask what
 * another business charges, 别的店的会员卡能用吗 whether another shop's card works. The entry that
 * says what this business charges or does shares every word but the party and would answer the
 * wrong question, so only an entry that itself speaks of the other party (和别家比有什么优势) may
 * answer.
 *
 * Read from the shape of the clause, never from a business's words: a word naming another party
 * attached to what is asked (./focus), directly (隔壁燃气) or through a short name closed by 的
 * (隔壁小区的物业费). Where it is only where the customer is (隔壁小区能送吗: a modal stands
 * between) or in another clause (我现在是别家的号，能转过来吗) it says nothing of the question, unless
 * that clause says the thing was got there (在别家买的车险，出了事怎么理赔).
 */
import type { KnowledgeEntry } from '../../rules/config';
import type { Unit } from './analyze';
import { fold } from './fold';
import { OTHER_PARTY_NAMES } from './lexicon/other-parties';

/** Another business or place than the one asked: 别家, 隔壁, 同行, 其他家, 别的店 (not 别的 or 其他 alone: 有别的颜色吗 asks of this shop's). */
const OTHER_PARTY = /别人家|别家|其[他它]家|隔壁|同行|友商|别处|(?:别的|其[他它])(?:地方|店|门店|商家|公司|平台|小区|医院|学校|酒店|银行)/gu;
/** What may stand between the party word and the asked word: nothing, or a short name closed by 的. */
const ATTACHED = /^(?:\p{Script=Han}{0,4}的)?$/u;

/**
 * Which business or brand a third person uses (他们用的哪家, 他那个是哪个公司的, 她家装的什么牌子): a clause
 * led by that person asks about their provider, not about this business's offer.
 */
const THEIR_PROVIDER = /(?<![其吉])(?:他们|她们|他家|她家|他|她|人家)[^，,。.！!？?\s]{0,6}?(?:哪家|哪一家|哪个公司|哪个运营商|哪个品牌|哪个牌子|什么牌子|啥牌子)/u;

/** A platform, courier or app by name (./lexicon/other-parties). */
const NAMED = new RegExp(OTHER_PARTY_NAMES, 'gu');
/** A verb choosing a party as the means (用支付宝付, 发顺丰, 通过美团订): one of this business's options, not the party's own thing. */
const MEANS = /(?:[用拿走发选刷绑]|通过|支持)$/u;

/** Also between a named party and what is asked: what was had there, then a modal (在饿了么点的能开发票吗 asks of that order). */
const BOUGHT_THERE = /^\p{Script=Han}{0,4}的(?:能|可以)$/u;

/** The first match of `pattern` attached to what is asked (before an asked word, directly or through `between`), unless `skip` of the text before it. */
function attached(text: string, focus: ReadonlySet<Unit>, pattern: RegExp, skip?: RegExp, between?: RegExp): string | undefined {
  for (const m of text.matchAll(pattern)) {
    if (skip?.test(text.slice(0, m.index)) === true) continue;
    const end = m.index + m[0].length;
    for (const u of focus) if (u.at !== undefined && u.at >= end && (ATTACHED.test(text.slice(end, u.at)) || between?.test(text.slice(end, u.at)) === true)) return m[0];
  }
  return undefined;
}

/**
 * What was bought or signed up for at another party (在别家买的车险，出了事怎么理赔, 在其他平台办的卡能用吗): the
 * telling names the thing the question then asks about, though in a clause of its own.
 */
const GOT_ELSEWHERE = /在(别人家|别家|其[他它]家|别的(?:店|门店|商家|公司|平台)|其[他它](?:店|门店|商家|公司|平台))\p{Script=Han}{0,6}?(?:买|办|投保|下单|订|充)了?的/u;

/** The word naming another party that what the message asks about belongs to, or undefined. */
export function otherParty(text: string, focus: ReadonlySet<Unit>): string | undefined {
  const theirs = THEIR_PROVIDER.exec(text);
  if (theirs !== null) return theirs[0];
  return gotElsewhere(text) ?? attached(text, focus, OTHER_PARTY);
}

/** The other party a telling says the thing was got at (在别家买的), wherever the question stands. */
export const gotElsewhere = (text: string): string | undefined => GOT_ELSEWHERE.exec(text)?.[1];

/**
 * The other party named where what is asked belongs to it (饿了么的订单, 美团上团的美甲, QQ的会员), or
 * undefined; not one chosen as the means (能用支付宝付吗: the payment entry's list answers it, named
 * there or not). An entry whose questions or answer name the party speaks of it; any other would
 * answer about this business's own thing.
 */
export const namedParty = (text: string, focus: ReadonlySet<Unit>): string | undefined => attached(text, focus, NAMED, MEANS, BOUGHT_THERE);

/** Whether an entry names a party in its questions or its answer. */
export const namesParty = (entry: KnowledgeEntry, name: string): boolean => [...entry.questions, entry.answer].some((t) => fold(t).includes(name));
