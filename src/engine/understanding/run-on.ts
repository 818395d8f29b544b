/**
 * A message typed (or dictated by voice) as one long run with no punctuation (明天去不了了能换到后天不,
 * 会打麻药吗有没有无痛的) has its clauses all the same: a sentence particle ends one (吗, 呢, 吧, 嘛, 啊,
 * 呀), a 了 after a verb mostly does (去不了了|能换, 不想要了|东西该怎么寄), and the teller, the business or
 * a yes-or-no frame opens one (…补牙疼得直冒汗|你们这边会打麻药吗). Marking them lets the story and the question be told apart
 * as they are in a punctuated message. Short texts and any text with a clause mark are left alone:
 * the knowledge base's questions are written with punctuation, and a short ask is one clause.
 */

/** Long enough to hold a story and a question (几点开门啊 is one clause however it is typed). */
const RUN_ON_LENGTH = 22;
/** A mark that already parts clauses (./clauses), or a space between words, which chat uses for one. */
const CLAUSE_MARK = /[，。？！,.?!；;：:～~\s]/u;
/**
 * A sentence particle before more Chinese, not inside a word (呢子, 吧台, 酒吧, 网吧); 了 after a
 * verb, not before a count or a particle (买了两件, 发了吗) nor in 了解, 为了, 除了; and, after any word
 * but a preposition or a pointer (给我, 跟你们, 这次) or a particle (already a break), the teller (我,
 * not 我们), the business addressed (你们), a turn of the telling (上次, 结果, 但是) or a yes-or-no
 * frame (能不能, 有没有), which open a clause.
 */
const RUN_ON_BREAK =
  /(?<=\p{Script=Han})(?:(?<![酒网贴水])吧(?!台)|吗|呢(?![子绒料])|嘛|啊|呀)(?=\p{Script=Han})|(?<=\p{Script=Han}(?<![为除])了)(?![解结了一二两三四五六七八九十几个吗呢吧啊呀嘛啦哦哈])(?=\p{Script=Han})|(?<=\p{Script=Han})(?<![在给跟和对让把被从向这那帮叫吗呢吧嘛啊呀])(?=我(?![们的])|你们(?!的)|想问|能不能|可不可以|有没有|是不是|需不需要|要不要|会不会|上次|这次|之前|后来|结果|但是|可是|不过)/gu;

export function runOnClauses(text: string): string {
  if (text.length < RUN_ON_LENGTH || CLAUSE_MARK.test(text)) return text;
  return text.replace(RUN_ON_BREAK, (m) => `${m},`);
}
