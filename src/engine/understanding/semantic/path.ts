/**
 * The semantic path: asked only when the embedded matcher is in doubt (its grey zone), never for
 * small talk, an exact question, a confident answer or a veto. The message is embedded, the
 * version's question vectors recall the closest entries by cosine, that ranking is fused with the
 * lexical one (reciprocal rank fusion), at most RERANK_AT_MOST fused entries are reranked by a
 * cross-encoder, and the best is answered only when its score clears `answer_at` and leads the next
 * by `margin`. With `llm_model` set, an LLM then picks among the entries that cleared `answer_at`,
 * or none. Anything short of that keeps the embedded decision (clarify or fallback): like the
 * embedded policy, every doubt lowers the zone.
 *
 * Pure apart from the AI binding and the vector store, both passed in. A timeout or a failure
 * throws: the caller keeps the embedded decision and counts the failure.
 */
import type { KnowledgeEntry, SemanticSettings } from '../../../rules/config';
import { withinDeadline } from '../../deadline';
import type { KnowledgeDecision, Understanding } from '../index';
import { search } from '../retrieve';
import { embedTexts, pickWithLlm, rerank, type SemanticAi } from './ai';
import { reciprocalRankFusion } from './fuse';
import type { VectorRecall } from './vectors';

/** Entries each ranking contributes to the fusion. */
const RECALL = 24;
/** Reranking costs per context: the fused list is cut here. */
export const RERANK_AT_MOST = 8;
/** What the reranker reads of an entry: its questions and the start of its answer. */
const CONTEXT_CHARS = 512;

export class SemanticTimeoutError extends Error {
  constructor(ms: number) {
    super(`the semantic path did not answer within ${ms} ms`);
    this.name = 'SemanticTimeoutError';
  }
}

/**
 * The embedded matcher's doubt: a clarification, or a fallback for want of confidence, for a close
 * second, or because the best entry leaves too many of the customer's words unexplained (a
 * paraphrase the lexicons do not know is exactly what embeddings meet). Not the question-type
 * veto: a "who" question is not answered by a "how" entry, however close the vectors.
 */
const DOUBTS: ReadonlySet<string | undefined> = new Set(['low_confidence', 'no_candidate', 'near_miss', 'close_second']);
export function inGreyZone(d: KnowledgeDecision): boolean {
  return d.zone === 'clarify' || (d.zone === 'fallback' && DOUBTS.has(d.reasons.held));
}

export interface SemanticInput {
  /** The version's compiled matcher (lexical ranking) and its knowledge in config order (vector rows index it). */
  understanding: Understanding;
  entries: readonly KnowledgeEntry[];
  text: string;
  /** Topics active in the conversation: an entry requiring another topic is never offered. */
  topics: ReadonlySet<string>;
  /** The embedded decision for `text`. */
  decision: KnowledgeDecision;
  settings: SemanticSettings;
}

export interface SemanticDeps {
  ai: SemanticAi;
  /** The version's stored vectors, or null when there are none (not embedded, or embedding failed). */
  vectors: () => Promise<VectorRecall | null>;
}

export interface Reranked {
  entry: KnowledgeEntry;
  score: number;
}

export type KeepReason = 'clear_zone' | 'no_vectors' | 'no_candidate' | 'below_threshold' | 'close_second' | 'llm_none';
export type SemanticOutcome = { kind: 'answer'; entry: KnowledgeEntry; score: number; via: 'reranker' | 'llm' } | { kind: 'keep'; reason: KeepReason };

export const contextOf = (e: KnowledgeEntry): string => `${e.questions.join('；')}\n${e.answer}`.slice(0, CONTEXT_CHARS);

export async function askSemantic(deps: SemanticDeps, input: SemanticInput): Promise<SemanticOutcome> {
  if (!inGreyZone(input.decision)) return { kind: 'keep', reason: 'clear_zone' };
  const ms = input.settings.timeout_ms;
  return withinDeadline((signal) => run(deps, input, signal), ms, () => new SemanticTimeoutError(ms));
}

async function run(deps: SemanticDeps, input: SemanticInput, signal: AbortSignal): Promise<SemanticOutcome> {
  const { ai } = deps;
  const { settings, entries, text, topics } = input;
  const store = await deps.vectors();
  if (!store) return { kind: 'keep', reason: 'no_vectors' };
  const eligible = (e: KnowledgeEntry) => e.requires_context === undefined || topics.has(e.requires_context);
  const [vector] = await embedTexts(ai, settings.embedding_model, [text], signal);
  const semantic = (await store.recall(vector!, RECALL)).flatMap((r) => entries[r.entry] ?? []).filter(eligible);
  const lexical = search(input.understanding.index, text, RECALL, eligible).candidates.map((c) => c.entry);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const fused = reciprocalRankFusion([lexical.map((e) => e.id), semantic.map((e) => e.id)])
    .slice(0, RERANK_AT_MOST)
    .flatMap((f) => byId.get(f.item) ?? []);
  if (fused.length === 0) return { kind: 'keep', reason: 'no_candidate' };
  const scores = await rerank(ai, settings.reranker_model, text, fused.map(contextOf), signal);
  const ranked = fused.map((entry, i) => ({ entry, score: scores[i]! })).sort((a, b) => b.score - a.score);
  const choice = chooseByScore(ranked, settings);
  if (choice.kind === 'keep' && choice.reason !== 'close_second') return choice;
  if (settings.llm_model === undefined) return choice;
  // The LLM may settle a close second, and may veto a clear first; it sees only entries that cleared answer_at.
  const plausible = ranked.filter((r) => r.score >= settings.answer_at);
  const picked = await pickWithLlm(ai, settings.llm_model, text, plausible.map((r) => ({ id: r.entry.id, question: r.entry.questions[0]!, answer: r.entry.answer.slice(0, 200) })), signal);
  const chosen = plausible.find((r) => r.entry.id === picked);
  return chosen ? { kind: 'answer', entry: chosen.entry, score: chosen.score, via: 'llm' } : { kind: 'keep', reason: 'llm_none' };
}

/** The reranker's verdict alone: the best entry at or above `answer_at`, at least `margin` ahead of the next. */
export function chooseByScore(ranked: readonly Reranked[], settings: Pick<SemanticSettings, 'answer_at' | 'margin'>): SemanticOutcome {
  const [top, second] = ranked;
  if (!top || top.score < settings.answer_at) return { kind: 'keep', reason: 'below_threshold' };
  if (second && top.score - second.score < settings.margin) return { kind: 'keep', reason: 'close_second' };
  return { kind: 'answer', entry: top.entry, score: top.score, via: 'reranker' };
}
