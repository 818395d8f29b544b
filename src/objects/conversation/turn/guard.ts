import type { Reply } from '../../../engine/budget';
import type { Handoff } from '../../../engine/decide';
import { systemText } from '../../../engine/templates';
import type { Decided } from './decide';
import { maskedWords } from './screen';
import { stamped, type EventDraft, type TurnInput, type TurnMessage, type TurnWrite } from './types';

/** Phase 7: the replies that passed the outbound check, in order, and the handoff an unsafe reply causes. */
export interface Guarded {
  replies: Reply[];
  handoff: Handoff | undefined;
  events: EventDraft[];
  writes: TurnWrite[];
}

/** Every reply checked for sensitive words before it can be queued; one with a hit is never sent. */
export function guardReplies(input: TurnInput, burst: readonly TurnMessage[], decided: Decided): Guarded {
  const { now, identity } = input;
  const guarded: Guarded = { replies: [], handoff: decided.decision.handoff, events: [], writes: [] };
  for (const reply of decided.decision.replies) {
    const text = 'text' in reply ? reply.text : [reply.menu.head_content ?? '', ...reply.menu.list.map((i) => i.content)].join('\n');
    const scan = input.compiled.sensitive.scan(text);
    if (scan.hits.length === 0) {
      guarded.replies.push(reply);
      continue;
    }
    const words = maskedWords(scan.hits);
    guarded.events.push(stamped(input, now, 'violation', { direction: 'outbound', words, excerpt: scan.excerpt }));
    const id = `${identity.key}:out:${burst.at(-1)?.msgid ?? now}:${guarded.replies.length}`;
    guarded.writes.push({ kind: 'violation', violation: { id, at: now, open_kfid: identity.open_kfid, external_userid: identity.external_userid, direction: 'outbound', masked_words: words, masked_excerpt: scan.excerpt } });
    // Never sent: the customer gets the generic reply instead, and a person looks at it.
    guarded.replies.push({ text: systemText(input.config, 'fallback', { locale: decided.memory.language, link: input.link }) });
    guarded.handoff ??= { reason: 'unsafe_reply', intent: decided.memory.lastIntent };
  }
  return guarded;
}
