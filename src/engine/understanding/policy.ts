/**
 * The decision policy over retrieval: answer, clarify, fall back, or small talk.
 *
 * - answer: the best entry is confident (≥ `answer_at`), clearly ahead of the next entry
 *   (by `margin`), explains the message's informative words (the near-miss veto) and asks the
 *   same kind of question (./question-type);
 * - clarify: no answer, but one to three entries are plausible (≥ `clarify_at`): the customer
 *   is asked "您是想问：" with a menu of them;
 * - fallback: nothing plausible, or a veto;
 * - smalltalk: greetings, thanks, goodbyes, acknowledgements, emoji only.
 * A customer who gets a confident wrong answer is worse off than one who is asked or handed on,
 * so every doubt lowers the zone, never raises it.
 */
import type { KnowledgeEntry } from '../../rules/config';
import type { Unit } from './analyze';
import { typesAgree } from './question-type';
import { exactKey, search, type Candidate, type KnowledgeIndex } from './retrieve';
import { smallTalkKind, type SmallTalkKind } from './smalltalk';

export interface PolicySettings {
  answerAt: number;
  clarifyAt: number;
  margin: number;
  /** Ablations: each guard can be switched off. */
  veto: boolean;
  types: boolean;
  smallTalk: boolean;
  clarify: boolean;
}

export const DEFAULT_POLICY: PolicySettings = { answerAt: 0.5, clarifyAt: 0.3, margin: 0.08, veto: true, types: true, smallTalk: true, clarify: true };
/** An entry whose required topic is active is the likelier reading of a short follow-up. */
const CONTEXT_BOOST = 1.3;
const MAX_CHOICES = 3;

export interface Reasons {
  scores: { id: string; score: number }[];
  matched: string[];
  unexplained: string[];
  types: string[];
  corrections: string[];
  /** Why the best entry was not answered, when it was not. */
  held?: 'low_confidence' | 'close_second' | 'near_miss' | 'question_type' | 'no_candidate';
}

export type KnowledgeDecision =
  | { zone: 'answer'; entry: KnowledgeEntry; confidence: number; reasons: Reasons }
  | { zone: 'clarify'; choices: KnowledgeEntry[]; confidence: number; reasons: Reasons }
  | { zone: 'fallback'; confidence: number; reasons: Reasons }
  | { zone: 'smalltalk'; kind: SmallTalkKind; confidence: number; reasons: Reasons };

const weightOf = (units: readonly Unit[]) => units.reduce((s, u) => s + (u.narrative ? 0 : u.weight), 0);

/** The near-miss veto: the message's informative words that the entry leaves unexplained outweigh those it explains. */
export function nearMiss(c: Candidate): boolean {
  const unexplained = weightOf(c.unexplained);
  if (unexplained === 0) return false;
  return unexplained >= weightOf(c.explained);
}

export function decideKnowledge(index: KnowledgeIndex, text: string, topics: ReadonlySet<string>, settings: PolicySettings = DEFAULT_POLICY): KnowledgeDecision {
  const kind = settings.smallTalk ? smallTalkKind(text) : undefined;
  const eligible = (e: KnowledgeEntry) => e.requires_context === undefined || topics.has(e.requires_context);
  const { analysis, candidates } = search(index, text, MAX_CHOICES + 2, eligible);
  for (const c of candidates) if (c.entry.requires_context !== undefined) c.score = Math.min(1, c.score * CONTEXT_BOOST);
  candidates.sort((a, b) => b.score - a.score);
  const [best] = candidates;
  const reasons: Reasons = {
    scores: candidates.map((c) => ({ id: c.entry.id, score: round(c.score) })),
    matched: best?.matched ?? [],
    unexplained: best?.unexplained.map((u) => u.text) ?? [],
    types: analysis.types,
    corrections: analysis.corrections,
  };
  // The operator wrote this very question (even 你好 as an entry of their own): it is theirs.
  const exact = index.exact.get(exactKey(text));
  if (exact !== undefined && eligible(index.entries[exact]!.entry)) return { zone: 'answer', entry: index.entries[exact]!.entry, confidence: 1, reasons };
  if (kind !== undefined) return { zone: 'smalltalk', kind, confidence: 1, reasons };
  if (!best || analysis.empty) return { zone: 'fallback', confidence: 0, reasons: { ...reasons, held: 'no_candidate' } };
  const agrees = (c: Candidate) => !settings.types || typesAgree(analysis.types, index.entries[c.index]!.types);
  const vetoed = (c: Candidate) => settings.veto && nearMiss(c);
  // The best entry leaves the customer's own words unexplained: a near miss, whatever the others say.
  if (vetoed(best)) return { zone: 'fallback', confidence: round(best.score), reasons: { ...reasons, held: 'near_miss' } };
  // Entries asking another kind of question are out; the rest compete.
  const ranked = candidates.filter((c) => agrees(c) && !vetoed(c));
  const top = ranked[0];
  const plausible = ranked.filter((c) => c.score >= settings.clarifyAt);
  let held: Reasons['held'];
  if (!top) held = 'question_type';
  else if (top.score < settings.answerAt) held = 'low_confidence';
  else if (ranked[1] && top.score - ranked[1].score < settings.margin && ranked[1].score >= settings.clarifyAt) held = 'close_second';
  else return { zone: 'answer', entry: top.entry, confidence: round(top.score), reasons: { ...reasons, matched: top.matched, unexplained: top.unexplained.map((u) => u.text) } };
  if (settings.clarify && plausible.length > 0) {
    return { zone: 'clarify', choices: plausible.slice(0, MAX_CHOICES).map((c) => c.entry), confidence: round(plausible[0]!.score), reasons: { ...reasons, held } };
  }
  return { zone: 'fallback', confidence: round(best.score), reasons: { ...reasons, held } };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
