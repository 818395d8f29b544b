import type { ContextTopics } from '../engine/context';
import type { Decision, TurnMessage } from '../engine/decide';
import { SESSION_LIFETIME_MS } from '../engine/state-machine';
import { clarifyClicks, uncertainQuestion } from '../engine/uncertain';
import type { Compiled } from '../engine/compile';
import { maskCustomerText } from '../rules/personal-data';
import type { TenantDb } from '../storage/tenant';
import { keepUncertainQuestion, recordClarifyClick } from '../storage/uncertain-questions';

/** What a Conversation's turn knows that keeping its uncertain question needs. */
export interface TurnFacts {
  db: TenantDb;
  open_kfid: string;
  external_userid: string;
  now: number;
  compiled: Compiled;
  stamp: { config_version: number | null };
  /** The memory the decision was made from (its context topics). */
  memory: { context: ContextTopics };
}

/**
 * The D1 writes that keep, masked, the question of a bot decision that was unsure (engine/uncertain.ts)
 * and mark the clarification a menu click answered. Idempotent (the question's id is the turn's
 * kf account and last msgid; a click is recorded once per msgid), so a replayed turn writes nothing twice.
 */
export function uncertaintyWrites(turn: TurnFacts, messages: readonly TurnMessage[], decision: Pick<Decision, 'events' | 'handoff'>): Array<() => Promise<void>> {
  const { db, open_kfid, external_userid, now, compiled } = turn;
  const understanding = compiled.engines.understanding;
  const writes: Array<() => Promise<void>> = [];
  const question = uncertainQuestion(decision, messages, understanding, { topics: turn.memory.context, now, reviewBelow: compiled.config.understanding.review_below });
  if (question) {
    const { msgid, text, ...rest } = question;
    const kept = { id: `${open_kfid}:${msgid}`, at: now, open_kfid, external_userid, masked_text: maskCustomerText(text, compiled.sensitive), config_version: turn.stamp.config_version, ...rest };
    writes.push(() => keepUncertainQuestion(db, kept));
  }
  for (const click of clarifyClicks(decision, messages, understanding)) {
    // A menu is clickable while the session lives: 48 hours after the clarification at most.
    writes.push(async () => void (await recordClarifyClick(db, { open_kfid, external_userid, ...click, at: now, since: now - SESSION_LIFETIME_MS })));
  }
  return writes;
}
