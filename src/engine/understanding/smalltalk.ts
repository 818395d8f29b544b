/**
 * Small talk: a message that is only a greeting, thanks, goodbye, acknowledgement, emoji or the
 * like. It gets a small-talk reply, never a knowledge answer (谢谢 must not answer "thanks for
 * your order, here is the refund policy"). A greeting before a question (你好，我想退货) is a
 * question: the greeting is a filler there.
 */
import { simplify } from '../../rules/simplify';
import { fold, withoutWeChatEmoji } from './fold';
import { FILLERS } from './lexicon/fillers';
import { EMOJI_SMALL_TALK, SMALL_TALK, type SmallTalkKind } from './lexicon/smalltalk';

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
const EMOJI_KINDS: ReadonlyMap<string, SmallTalkKind> = new Map(SMALL_TALK_KINDS.flatMap((kind) => (EMOJI_SMALL_TALK[kind] ?? []).map((e) => [e, kind] as const)));
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/** The kind a message of emoji alone is: its first emoji's that has one, an acknowledgement otherwise, or undefined when it holds none. */
function emojiKind(text: string): SmallTalkKind | undefined {
  const names: string[] = [];
  const rest = withoutWeChatEmoji(simplify(text.normalize('NFKC').toLowerCase()), names);
  const emoji = [...names, ...(rest.match(PICTOGRAPH) ?? [])];
  if (emoji.length === 0) return undefined;
  return emoji.map((e) => EMOJI_KINDS.get(e)).find((kind) => kind !== undefined) ?? 'ack';
}

/** Particles that may trail any phrase (好的呀, 谢谢啦). */
const PARTICLE = /[啊呀哦哈啦嘛呢吧噢喔哇嗯额呃的了]/u;

/** The kind of small talk a whole message is, or undefined when it holds anything else. */
export function smallTalkKind(text: string): SmallTalkKind | undefined {
  const s = compactOf(text);
  // Emoji only (👍, [抱拳], /::)) is small talk; punctuation only (？？) is a confused customer: the fallback.
  if (s.length === 0) return emojiKind(text);
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
