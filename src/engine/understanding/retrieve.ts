/**
 * Retrieval: the knowledge entries closest to a message, scored on content only.
 *
 * Every question of an entry (its canonical and similar questions) is analysed once per config
 * version (./analyze). A message's features find candidate entries through posting lists (words,
 * bigrams and concepts; characters and topics are too common to find anything with), then each
 * candidate is scored question by question:
 *   similarity = (share of the message's content it explains)^0.7 × (share of the question matched)^0.3,
 * both weighted by IDF over the entries and by channel (customers write short: what they said
 * matters more than what the operator's question adds); the entry's answer text adds a little
 * (a low-weight field) so an answer that names the customer's word counts for something.
 */
import type { KnowledgeEntry } from '../../rules/config';
import { analyze, type Analysis, type AnalyzeOptions, type Unit } from './analyze';
import { fold } from './fold';
import { learnWords, topicOf, type Lexicon } from './lexicon';
import type { QuestionType } from './question-type';

/** How much the answer text counts beside the best question. */
const ANSWER_WEIGHT = 0.15;
const CANDIDATES = 24;
/** How much the message's share weighs against the question's in the similarity. */
const MESSAGE_SHARE = 0.7;

interface Doc {
  features: ReadonlyMap<string, number>;
  mass: number;
}

export interface IndexedEntry {
  entry: KnowledgeEntry;
  questions: Doc[];
  answer: Doc;
  types: QuestionType[][];
  /** Every word, bigram, character and concept of its questions and answer (what can explain a unit). */
  vocabulary: Set<string>;
}

export interface KnowledgeIndex {
  readonly lexicon: Lexicon;
  readonly options: AnalyzeOptions;
  readonly entries: readonly IndexedEntry[];
  readonly byId: ReadonlyMap<string, number>;
  /** Each question as folded, without punctuation: a message that is exactly an operator's question is theirs. */
  readonly exact: ReadonlyMap<string, number>;
  readonly idf: ReadonlyMap<string, number>;
  readonly unknownIdf: number;
  readonly postings: ReadonlyMap<string, Int32Array>;
  /** Per-search work space, zero between searches: rough scores per entry and the entries touched. */
  readonly scratch: { rough: Float64Array; touched: Int32Array };
}

function weigh(features: ReadonlyMap<string, number>, idf: (f: string) => number): Doc {
  const weighted = new Map<string, number>();
  let mass = 0;
  for (const [f, w] of features) {
    const v = w * idf(f);
    weighted.set(f, v);
    mass += v;
  }
  return { features: weighted, mass };
}

/** The form two texts share when they are the same question: folded, no punctuation or spaces. */
export const exactKey = (text: string): string => fold(text).replace(/[\p{P}\p{S}\s]/gu, '');

export function compileIndex(entries: readonly KnowledgeEntry[], lexicon: Lexicon, options: AnalyzeOptions): KnowledgeIndex {
  const plain = { ...options, pinyin: false };
  // Answers are long and count little: their concepts and bigrams, without the segmenter's words
  // (segmenting costs ~30 µs a call, the largest share of compiling).
  const answers = { ...plain, words: false };
  const analysed = entries.map((e) => ({ questions: e.questions.map((q) => analyze(q, lexicon, plain)), answer: analyze(e.answer, lexicon, answers) }));
  // The knowledge base's own words join the lexicon, so typos of them are corrected in messages too.
  learnWords(lexicon, analysed.flatMap((a) => a.questions.flatMap((q) => [...q.features.keys()].filter((f) => f.startsWith('w:')).map((f) => f.slice(2)))));
  const df = new Map<string, number>();
  for (const a of analysed) {
    const seen = new Set<string>();
    for (const q of a.questions) for (const f of q.features.keys()) seen.add(f);
    for (const f of seen) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const n = entries.length;
  const bm25Idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  const idf = new Map([...df].map(([f, d]) => [f, bm25Idf(d)]));
  const unknownIdf = bm25Idf(0);
  const idfOf = (f: string) => idf.get(f) ?? unknownIdf;
  const lists = new Map<string, number[]>();
  const indexed = analysed.map((a, i): IndexedEntry => {
    const vocabulary = new Set<string>();
    for (const d of [...a.questions, a.answer]) {
      for (const f of d.features.keys()) vocabulary.add(f);
      for (const c of d.concepts) vocabulary.add(`t:${topicOf(c)}`);
    }
    // Every feature of the questions and the answer finds the entry (the answer names the
    // customer's concrete words: 顺丰, 支付宝, 江浙沪); rough scores weigh them by IDF.
    for (const f of vocabulary) {
      const list = lists.get(f) ?? [];
      if (list.at(-1) !== i) list.push(i);
      lists.set(f, list);
    }
    return {
      entry: entries[i]!,
      questions: a.questions.map((q) => weigh(q.features, idfOf)),
      answer: weigh(a.answer.features, idfOf),
      types: a.questions.map((q) => q.types),
      vocabulary,
    };
  });
  return {
    lexicon,
    options,
    entries: indexed,
    byId: new Map(entries.map((e, i) => [e.id, i])),
    exact: new Map(entries.flatMap((e, i) => e.questions.map((q) => [exactKey(q), i] as const)).reverse()),
    idf,
    unknownIdf,
    postings: new Map([...lists].map(([f, l]) => [f, Int32Array.from(l)])),
    scratch: { rough: new Float64Array(n), touched: new Int32Array(n) },
  };
}

export interface Candidate {
  index: number;
  entry: KnowledgeEntry;
  /** 0..1: how well its best question and its answer explain the message. */
  score: number;
  /** Message features it shares. */
  matched: string[];
  /** The message's informative units it does not explain. */
  unexplained: Unit[];
  /** Units of the customer's own words that share a character with the entry's questions (单子 / 订单): half explained. */
  resembled: Unit[];
  explained: Unit[];
}

function similarity(message: Doc, doc: Doc): { sim: number; matched: number } {
  let matched = 0;
  for (const [f, w] of message.features) if (doc.features.has(f)) matched += Math.min(w, doc.features.get(f)!);
  if (message.mass === 0 || doc.mass === 0) return { sim: 0, matched: 0 };
  return { sim: (matched / message.mass) ** MESSAGE_SHARE * (matched / doc.mass) ** (1 - MESSAGE_SHARE), matched };
}

/** Whether an entry's words or concepts explain a unit of the message. */
export function explains(e: IndexedEntry, u: Unit): boolean {
  if (u.concept !== undefined && e.vocabulary.has(`c:${u.concept}`)) return true;
  if (e.vocabulary.has(`w:${u.text}`)) return true;
  if (u.text.length === 1) return e.vocabulary.has(`h:${u.text}`);
  if (/^[a-z0-9 ]+$/.test(u.text)) return false;
  for (let i = 0; i + 1 < u.text.length; i++) if (!e.vocabulary.has(`b:${u.text.slice(i, i + 2)}`)) return false;
  return true;
}

/**
 * Whether a word the entry does not have shares a character with its questions: Chinese
 * compounds that share a morpheme are often the same thing said otherwise (单子 / 订单,
 * 牙医 / 医生, 周六 / 周末). Never for lexicon terms: a concept the entry lacks is a different thing.
 */
export function resembles(e: IndexedEntry, u: Unit): boolean {
  if (u.concept !== undefined || u.text.length < 2 || !HAN_WORD.test(u.text)) return false;
  for (const ch of u.text) if (e.vocabulary.has(`h:${ch}`)) return true;
  return false;
}
const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * The entries sharing the most feature weight with the message, best first: a rough score summed
 * over the posting lists into a reusable accumulator (no allocation per entry touched), then the
 * best CANDIDATES kept in order of first touch among equal scores, as a stable sort would.
 */
function shortlist(index: KnowledgeIndex, message: Doc): number[] {
  const { rough, touched } = index.scratch;
  let count = 0;
  for (const [f, w] of message.features) {
    const list = index.postings.get(f);
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j++) {
      const e = list[j]!;
      if (rough[e] === 0) touched[count++] = e;
      rough[e]! += w;
    }
  }
  const best: number[] = [];
  const scores: number[] = [];
  for (let t = 0; t < count; t++) {
    const e = touched[t]!;
    const score = rough[e]!;
    rough[e] = 0;
    if (best.length === CANDIDATES && score <= scores[CANDIDATES - 1]!) continue;
    let at = best.length;
    while (at > 0 && scores[at - 1]! < score) at--;
    best.splice(at, 0, e);
    scores.splice(at, 0, score);
    if (best.length > CANDIDATES) {
      best.pop();
      scores.pop();
    }
  }
  return best;
}

export interface Search {
  analysis: Analysis;
  candidates: Candidate[];
}

/** The entries closest to a message, best first (at most `limit`); `eligible` filters (context rules). */
export function search(index: KnowledgeIndex, text: string, limit: number, eligible: (e: KnowledgeEntry) => boolean = () => true): Search {
  const analysis = analyze(text, index.lexicon, index.options);
  const idfOf = (f: string) => index.idf.get(f) ?? index.unknownIdf;
  const message = weigh(analysis.features, idfOf);
  const candidates: Candidate[] = [];
  for (const i of shortlist(index, message)) {
    const e = index.entries[i]!;
    if (!eligible(e.entry)) continue;
    let best = 0;
    for (const q of e.questions) best = Math.max(best, similarity(message, q).sim);
    const answer = similarity(message, e.answer);
    const score = Math.min(1, best + ANSWER_WEIGHT * (message.mass === 0 ? 0 : answer.matched / message.mass));
    const explained: Unit[] = [];
    const resembled: Unit[] = [];
    const unexplained: Unit[] = [];
    for (const u of analysis.units) (explains(e, u) ? explained : resembles(e, u) ? resembled : unexplained).push(u);
    const matched = [...message.features.keys()].filter((f) => e.vocabulary.has(f));
    candidates.push({ index: i, entry: e.entry, score, matched, unexplained, resembled, explained });
  }
  candidates.sort((a, b) => b.score - a.score);
  return { analysis, candidates: candidates.slice(0, limit) };
}
