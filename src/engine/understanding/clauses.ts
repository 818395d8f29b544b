/**
 * Where a customer's message parts into clauses: punctuation ending or setting off a clause (full
 * width, or folded to ASCII by NFKC), and in chat a space between two words of Chinese (我住城西那边
 * 你们能送过来不). The enumeration comma 、 lists things inside one clause (宫保鸡丁、两份米饭) and
 * parts nothing. One home for the story reading (./policy) and the focus of a question (./focus).
 */
import { runOnClauses } from './run-on';
import { smallTalkKind } from './smalltalk';

// Global for matchAll, which iterates a copy (the regex's own lastIndex stays 0); split ignores the flag.
export const CLAUSE_BREAK = /[，。？！,.?!；;：:～~\n]+|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * The clauses of a text, trimmed; a run typed without punctuation parted first (./run-on). A clause
 * of small talk or fillers alone (…，谢谢啦; 急急急; 在吗) is none: it neither asks nor tells, and
 * taken for the question it would make the clause before it a story's context.
 */
export const splitClauses = (text: string): string[] =>
  runOnClauses(text)
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => c.length > 0 && smallTalkKind(c) === undefined);
