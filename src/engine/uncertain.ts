/**
 * What of a turn operators should see to make the bot understand better: the customer's question
 * when the bot could not answer it (the fallback, or a handoff after too many misses), asked
 * "您是想问：", or answered from the knowledge base with a confidence below
 * `understanding.review_below`; and a click on a clarification menu that answered an entry (the
 * customer saying which entry their words meant). Pure: the Conversation object keeps the
 * results (masked) in D1, where they are clustered into suggestions.
 */
import { activeTopics, type ContextTopics } from './context';
import { missed, type Decision, type TurnMessage } from './decide';
import { entryById, understandMessage, type Understanding } from './understanding';

export const uncertainZones = ['fallback', 'clarify', 'answer'] as const;
export type UncertainZone = (typeof uncertainZones)[number];

export interface Candidate {
  id: string;
  score: number;
}

export interface UncertainQuestion {
  /** The turn's last typed message: with the kf account, a stable id (a replayed turn keeps it once). */
  msgid: string;
  /** As the customer wrote it (the caller masks it before keeping it); a burst joined by spaces, as decide merges it. */
  text: string;
  zone: UncertainZone;
  /** The best entry's score (the answer's confidence, the clarification's first choice). */
  confidence: number;
  /** The closest entries with their scores, best first. */
  candidates: Candidate[];
}

export interface ClarifyClick {
  msgid: string;
  entry_id: string;
}

type Outcome = Pick<Decision, 'events' | 'handoff'>;

/**
 * The turn's question if the bot was unsure of it, else null. Menu clicks are not the customer's
 * words and are left out; intent answers (the operator's own rules) are not reviewed.
 */
export function uncertainQuestion(
  decision: Outcome,
  messages: readonly TurnMessage[],
  understanding: Understanding,
  context: { topics: ContextTopics; now: number; reviewBelow: number },
): UncertainQuestion | null {
  const typed = messages.filter((m) => m.menuId === undefined && m.text.trim() !== '');
  const last = typed.at(-1);
  if (!last) return null;
  let zone: UncertainZone | undefined;
  let confidence: number | undefined;
  for (const e of decision.events) {
    if (e.type === 'clarify') [zone, confidence] = ['clarify', e.confidence];
    if (e.type !== 'answer') continue;
    const knowledge = e.answers.filter((a) => a.source === 'knowledge' && a.confidence < context.reviewBelow);
    if (knowledge.length > 0) [zone, confidence] = ['answer', Math.min(...knowledge.map((a) => a.confidence))];
  }
  if (zone === undefined && missed(decision)) zone = 'fallback';
  if (zone === undefined) return null;
  const text = typed.map((m) => m.text.trim()).join(' ');
  // The decision keeps only its choice; the scores behind it come from the same matcher, same topics.
  const scores = understandMessage(understanding, text, new Set(activeTopics(context.topics, context.now))).reasons.scores;
  return { msgid: last.msgid, text, zone, confidence: confidence ?? scores[0]?.score ?? 0, candidates: scores };
}

/** Menu clicks of the turn that the bot answered with a knowledge entry: the entry the customer chose. */
export function clarifyClicks(decision: Outcome, messages: readonly TurnMessage[], understanding: Understanding): ClarifyClick[] {
  const answered = new Set(decision.events.flatMap((e) => (e.type === 'answer' ? e.answers.filter((a) => a.source === 'menu').map((a) => a.id) : [])));
  return messages.flatMap((m) =>
    m.menuId !== undefined && answered.has(m.menuId) && entryById(understanding, m.menuId) ? [{ msgid: m.msgid, entry_id: m.menuId }] : [],
  );
}
