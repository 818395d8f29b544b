/**
 * A question about handing one's thing to another person: 医保卡能给我妈用吗, 会员卡能借给朋友吗,
 * 课时能转给别人吗 ask whether someone else may use it, which the entry telling how the card, the
 * membership or the lessons work does not say though it explains every word but the person. Only an
 * entry that itself speaks of other people using or taking over a thing (转让, 他人, 家人共享, 副卡)
 * may answer.
 *
 * Read from the clause's shape, never from a business's words: a verb of handing over before a
 * person (借给, 转给, 送给 …), or a bare 给 before a person and 用 (给我妈用). Not 给孩子用 or 给老人用:
 * whether a thing suits a child or an elder is asked of the thing.
 */
import type { KnowledgeEntry } from '../../rules/config';
import { fold } from './fold';

const PERSON = '(?:别人|他人|其他人|外人|朋友|家人|家里人|亲戚|亲友|同学|同事|闺蜜|室友|舍友|老婆|老公|媳妇|爱人|对象|男朋友|女朋友|男票|女票|爸妈|父母|[我他她](?:的)?(?:爸|妈|哥|姐|弟|妹|朋友|同事|同学|家人|老婆|老公|表\\p{Script=Han}|堂\\p{Script=Han})|表[哥姐弟妹]|堂[哥姐弟妹])';
const HANDED = new RegExp(`(?:借给|转给|转让给|转赠给|送给|让给|过户给|分给)${PERSON}|(?<![借转赠送让户分])给${PERSON}(?:\\p{Script=Han}{0,2})?(?:使用|用)`, 'u');
/** What an entry says when it speaks of another person taking over or sharing a thing. */
const OTHERS = /别人|他人|其他人|本人|家人|亲友|朋友|转让|转赠|转给|借给|借用|共享|副卡|家庭|代办|代为/u;

/** Whether a message asks whether another person may have or use the customer's thing. */
export const handsToOther = (text: string): boolean => HANDED.test(text);

/** Whether an entry (its questions or answer) speaks of another person having or using a thing. */
export const speaksOfOthers = (entry: KnowledgeEntry): boolean => [...entry.questions, entry.answer].some((t) => OTHERS.test(fold(t)));
