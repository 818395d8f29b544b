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
 * between) or in another clause (我现在是别家的号，能转过来吗) it says nothing of the question.
 */
import type { Unit } from './analyze';

/** Another business or place than the one asked: 别家, 隔壁, 同行, 其他家, 别的店 (not 别的 or 其他 alone: 有别的颜色吗 asks of this shop's). */
const OTHER_PARTY = /别人家|别家|其[他它]家|隔壁|同行|友商|别处|(?:别的|其[他它])(?:地方|店|门店|商家|公司|平台|小区|医院|学校|酒店|银行)/gu;
/** What may stand between the party word and the asked word: nothing, or a short name closed by 的. */
const ATTACHED = /^(?:\p{Script=Han}{0,4}的)?$/u;

/**
 * Which business or brand a third person uses (他们用的哪家, 他那个是哪个公司的, 她家装的什么牌子): a clause
 * led by that person asks about their provider, not about this business's offer.
 */
const THEIR_PROVIDER = /(?<![其吉])(?:他们|她们|他家|她家|他|她|人家)[^，,。.！!？?\s]{0,6}?(?:哪家|哪一家|哪个公司|哪个运营商|哪个品牌|哪个牌子|什么牌子|啥牌子)/u;

/** The word naming another party that what the message asks about belongs to, or undefined. */
export function otherParty(text: string, focus: ReadonlySet<Unit>): string | undefined {
  const theirs = THEIR_PROVIDER.exec(text);
  if (theirs !== null) return theirs[0];
  for (const m of text.matchAll(OTHER_PARTY)) {
    const end = m.index + m[0].length;
    for (const u of focus) if (u.at !== undefined && u.at >= end && ATTACHED.test(text.slice(end, u.at))) return m[0];
  }
  return undefined;
}
