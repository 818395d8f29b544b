/**
 * Small talk: a message that is only a greeting, thanks, goodbye, acknowledgement, emoji or the
 * like. It gets a small-talk reply, never a knowledge answer (谢谢 must not answer "thanks for
 * your order, here is the refund policy"). A greeting before a question (你好，我想退货) is a
 * question: the greeting is a filler there.
 */
import { fold } from './fold';
import { FILLERS } from './lexicon/fillers';
import { SMALL_TALK, type SmallTalkKind } from './lexicon/smalltalk';

export type { SmallTalkKind };
export const SMALL_TALK_KINDS = Object.keys(SMALL_TALK) as SmallTalkKind[];

const compactOf = (text: string) => fold(text).replace(/[\p{P}\p{S}\p{Z}\s]/gu, '');
const PHRASES: ReadonlyMap<string, SmallTalkKind | 'filler'> = (() => {
  const map = new Map<string, SmallTalkKind | 'filler'>();
  for (const f of FILLERS) map.set(compactOf(f), 'filler');
  for (const kind of SMALL_TALK_KINDS) for (const p of SMALL_TALK[kind]) map.set(compactOf(p), kind);
  map.delete('');
  return map;
})();
const LONGEST = Math.max(...[...PHRASES.keys()].map((k) => k.length));
/** Particles that may trail any phrase (好的呀, 谢谢啦). */
const PARTICLE = /[啊呀哦哈啦嘛呢吧噢喔哇嗯额呃的了]/u;

/** The kind of small talk a whole message is, or undefined when it holds anything else. */
export function smallTalkKind(text: string): SmallTalkKind | undefined {
  const s = compactOf(text);
  // Emoji only (👍, 🙏) acknowledges; punctuation only (？？) is a confused customer: the fallback.
  if (s.length === 0) return /\p{Extended_Pictographic}/u.test(text) ? 'ack' : undefined;
  // Can the message be read as a sequence of small-talk phrases, fillers and particles?
  const kindAt: (SmallTalkKind | 'filler' | null | undefined)[] = new Array(s.length + 1);
  kindAt[0] = null;
  for (let i = 0; i < s.length; i++) {
    if (kindAt[i] === undefined) continue;
    const before = kindAt[i]!;
    if (PARTICLE.test(s[i]!) && kindAt[i + 1] === undefined) kindAt[i + 1] = before;
    for (let len = 1; len <= LONGEST && i + len <= s.length; len++) {
      const kind = PHRASES.get(s.slice(i, i + len));
      if (kind === undefined) continue;
      const next = before === null || before === 'filler' ? kind : before;
      if (kindAt[i + len] === undefined || kindAt[i + len] === 'filler') kindAt[i + len] = next;
    }
  }
  const end = kindAt[s.length];
  if (end === undefined || end === null) return undefined;
  return end === 'filler' ? 'greeting' : end;
}
