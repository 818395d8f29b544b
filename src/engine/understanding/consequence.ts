/**
 * A question about what follows an action: 不交物业费会怎样, 疫苗不打会怎么样, 停卡会影响会员吗 ask the
 * consequence, which the entry telling how to pay or what a vaccine costs does not say though it
 * names the action. Only an entry whose questions speak of a consequence or of what to do once it
 * happened (欠费了会停气吗, 欠费有什么影响, 课时过期了怎么办, 注销后数据还能恢复吗) answers it.
 * And what 会 predicts (请假会扣课时吗, 补胎会伤轮胎吗: 扣, 伤) is what is asked: an entry that
 * leaves that verb unexplained does not answer whether it happens.
 *
 * Read from the sentence's shape only: the question words of a consequence (会怎样, 后果, 影响), and
 * the word right after the modal 会 (not 会员, 会议: those are words of their own).
 */
import type { Unit } from './analyze';

const ASKS = /会(?:怎么?样|咋样|如何)|后果|影响/u;
const SPEAKS = /会(?![员议所计话])|影响|后果|怎么办|后/u;

/** Whether a message asks what follows an action. */
export const asksConsequence = (text: string): boolean => ASKS.test(text);

/** Whether an entry's questions speak of what follows an action, or what to do once it happened. */
export const speaksOfConsequence = (questions: readonly string[]): boolean => questions.some((q) => SPEAKS.test(q));

/** The words of what is asked that stand right after the modal 会 (or 会不会): what the question asks will happen. */
export function predicted(text: string, focus: ReadonlySet<Unit>): Unit[] {
  return [...focus].filter((u) => u.at !== undefined && u.at > 0 && text[u.at - 1] === '会' && !u.text.startsWith('员'));
}
