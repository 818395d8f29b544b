/**
 * A thing named before the verb done to it (套餐咋改, 话费咋交, 地址能改不, 会员咋办, 积分咋攒): in chat
 * the object comes first and the question word or a modal stands between, where the lexicon's
 * term is verb and object together (改套餐, 交话费, 改地址, 办会员, 攒积分). Read so, the verb is no
 * word left unexplained and the concept is the one the entry's 如何变更套餐 has.
 *
 * Only a one-character verb ending its clause (a particle, a question word or a mark may follow:
 * 能改不, 咋交啊), after nothing but question words, fillers and modals, and only where the verb
 * and the object are a concept term of the lexicon together: 快递到了 has no term 到快递 and stays.
 */
import { markOrSpaceAt } from './fold';
import { STOP_WORDS } from './function-words';
import { joinedSpan, type SpanTrie } from './span-trie';

/** Modals and adverbs that may stand between the thing and its verb (地址可以改吗, 套餐还能换不). */
const BETWEEN = '能要可以得该想会还再都也';
/** What may follow the verb in its clause: a particle (改了吗, 咋交啊). */
const AFTER = '了吗呢啊呀吧嘛哦么啦捏滴呗';
/** A basic CJK ideograph (what a verb of one character is). */
const hanAt = (text: string, at: number) => {
  const c = text.charCodeAt(at);
  return c >= 0x4e00 && c <= 0x9fff;
};
/** How far a verb may stand from its thing (套餐到底可以怎么改: the question words and modals between). */
const REACH = 6;

/**
 * The concept of verb + thing when the term at [from, to) of the text is a thing whose verb follows
 * (see above), with where the verb stands; undefined otherwise. `blank` marks the question words
 * and fillers (nonzero); `nextTerm` is where the next concept term starts (a verb inside it is that term's).
 */
export function frontedTerm(trie: SpanTrie, text: string, from: number, to: number, blank: Uint8Array, nextTerm: number): { concept: string; verb: number } | undefined {
  let at = to;
  while (at < text.length && at - to < REACH && (blank[at] !== 0 || BETWEEN.includes(text[at]!))) at++;
  if (at >= text.length || at >= nextTerm || blank[at] !== 0 || !hanAt(text, at) || STOP_WORDS.has(text[at]!)) return undefined;
  const next = text[at + 1];
  if (next !== undefined && blank[at + 1] === 0 && !AFTER.includes(next) && !markOrSpaceAt(text, at + 1)) return undefined;
  const verb = text[at]!;
  const span = joinedSpan(trie, verb, text, from, to);
  return span?.kind === 'concept' ? { concept: span.concept, verb: at } : undefined;
}

/**
 * A story's ask whose verb has no object (在App上能自己改吗, 这种情况退掉要花多少钱) is done to a
 * thing the telling named (融合套餐, 合约): the first such verb is read with it where the two make a
 * concept term of the lexicon (改套餐, 退合约), as a fronted thing is. `verbs` are the ask's words of
 * one character, or a verb with its modal or complement (能退, 退掉: VERB_WORD); `things` the told
 * terms, nearest the ask last.
 * What follows the verb in its clause must be a modal, a particle or a question word, not an object.
 */
export function withToldObject(asking: string, verbs: readonly string[], things: readonly string[], spans: ReadonlyMap<string, { kind: string }>): string {
  for (const word of verbs) {
    const at = asking.indexOf(word);
    const end = at + word.length;
    if (at < 0 || (end < asking.length && !NO_OBJECT.test(asking[end]!))) continue;
    for (let t = things.length - 1; t >= 0; t--) {
      const thing = things[t]!;
      for (let i = 0; i + 2 <= thing.length; i++) {
        const term = verbOf(word) + thing.slice(i);
        if (spans.get(term)?.kind === 'concept') return asking.slice(0, at) + term + asking.slice(end);
      }
    }
  }
  return asking;
}
/** A word of one character, or a verb of one with a modal before it or a complement after it (能退, 退掉). */
export const VERB_WORD = /^(?:[能要想可]?\p{Script=Han}|\p{Script=Han}[掉了完])$/u;
/** The verb of such a word. */
const verbOf = (word: string) => (word.length === 2 && /[能要想可]/u.test(word[0]!) ? word[1]! : word[0]!);
/** What may follow a verb whose object is left out: a modal, a particle, a question word, a clause's end. */
const NO_OBJECT = /[要得能会吗呢啊吧么不没怎多几啥什是，]/u;
