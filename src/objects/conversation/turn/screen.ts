import { maskWord, type SensitiveHit } from '../../../rules/sensitive';
import { tagActionsFor } from './facts';
import { stamped, type EventDraft, type TagActionRef, type TurnInput, type TurnMessage, type TurnWrite } from './types';

/** Phase 2: the burst's sensitive words. An intercepted message is not processed; the others are read for tags. */
export interface Screened {
  clean: TurnMessage[];
  events: EventDraft[];
  writes: TurnWrite[];
  tagActions: TagActionRef[];
}

/** The sensitive words hit, masked, once each (the violations log never stores the words themselves). */
export function maskedWords(hits: readonly SensitiveHit[]): string[] {
  return [...new Set(hits.map((h) => maskWord(h.word)))];
}

export function screenBurst(input: TurnInput, burst: readonly TurnMessage[]): Screened {
  const { open_kfid, external_userid } = input.identity;
  const screened: Screened = { clean: [], events: [], writes: [], tagActions: [] };
  for (const m of burst) {
    const scan = input.compiled.sensitive.scan(m.text);
    if (scan.hits.length === 0) {
      screened.clean.push(m);
      screened.tagActions.push(...tagActionsFor(input, { kind: 'message', text: m.text }, m.msgid));
      continue;
    }
    const words = maskedWords(scan.hits);
    screened.events.push(stamped(input, input.now, 'violation', { direction: 'inbound', msgid: m.msgid, words, excerpt: scan.excerpt }));
    screened.writes.push({ kind: 'violation', violation: { id: m.msgid, at: m.sentAt, open_kfid, external_userid, direction: 'inbound', masked_words: words, masked_excerpt: scan.excerpt } });
  }
  return screened;
}
