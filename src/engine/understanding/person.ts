/**
 * A question about a person who serves the customer: 老师多大了, 教练多高, 老师是哪里人 ask the
 * person's age, height or home, which the entry describing the service (老师的资质怎么样) does not
 * say though it explains every word. Asked where or how much of nothing but such a person, the
 * question word is what is asked, so only an entry whose own questions ask it may answer.
 *
 * Read from the word's shape, never from a business's words: a role noun ends in what names a
 * role (员, 师, 教练, 客服, 私教, 主任, 骑手, 店长, 医生 …), not 会员 or 成员 (a membership, a seat).
 */
import type { Unit } from './analyze';
import type { QuestionType } from './question-type';

const ROLE = /(?:(?<![会成])员|师傅?|教练|客服|[私助外家]教|主任|[骑助]手|[店院校班]长|医生|护士|司机)$/u;
/** What asked of a person alone is the person's own: where from, how old or tall. */
const PERSONAL: ReadonlySet<QuestionType> = new Set(['where', 'quantity']);
/** The least weight of a word that says what is asked (light verbs and measure words weigh less). */
const CONTENT = 0.5;

/** Whether a message asks where or how much of nothing but a person who serves (its informative units, asides such as the 王 of 王医生 aside, all role nouns). */
export function asksOfPerson(units: readonly Unit[], types: readonly QuestionType[]): boolean {
  if (!types.some((t) => PERSONAL.has(t))) return false;
  const content = units.filter((u) => !u.narrative && !u.aside && u.weight >= CONTENT);
  return content.length > 0 && content.every((u) => ROLE.test(u.text));
}
