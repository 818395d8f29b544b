/**
 * The knowledge engine as it was before the understanding work (BM25 over words, bigrams and
 * characters with a coverage confidence, answered at 0.35), kept unchanged so that `npm run eval`
 * scores it beside the new engine in the same run.
 */
import type { KnowledgeEntry } from '../../src/rules/config';
import { normalizeText } from '../../src/rules/normalize';

const K1 = 1.2;
const B = 0.75;
/** An entry whose required topic is active is the likelier reading of a short follow-up. */
export const CONTEXT_BOOST = 1.5;
/**
 * Coverage is raised to this power so that `bot.min_confidence`'s default (0.35) sits at the
 * measured operating point (coverage ≈ 0.22: most answers, few false answers). Monotone: it
 * changes no ranking, only the scale operators tune on.
 */
const CONFIDENCE_EXPONENT = 0.7;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
/** Particles that say nothing about the question as single-character tokens (they stay inside bigrams). */
const PARTICLES = new Set('的了吗呢啊吧呀哦嗯么哈啦嘛');

/** The terms of a text: words, Han bigrams and single Han characters, Latin words lower-cased. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let han = '';
  const flushHan = () => {
    for (let i = 0; i + 1 < han.length; i++) out.push(han.slice(i, i + 2));
    for (const ch of han) if (!PARTICLES.has(ch)) out.push(ch);
    han = '';
  };
  for (const { segment, isWordLike } of segmenter.segment(normalizeText(text))) {
    if (!isWordLike) {
      flushHan();
    } else if (HAN.test(segment)) {
      han += segment;
      if (segment.length > 1) out.push(segment);
    } else {
      flushHan();
      out.push(segment);
    }
  }
  flushHan();
  return out;
}

interface Question {
  terms: ReadonlySet<number>;
  /** Σ idf of its distinct terms. */
  mass: number;
}

export interface KnowledgeIndex {
  readonly entries: readonly KnowledgeEntry[];
  readonly byId: ReadonlyMap<string, number>;
  readonly termIds: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** The idf a term absent from every entry would have. */
  readonly unknownIdf: number;
  /** Per term: the entries containing it and the BM25 weight of the term in each. */
  readonly postings: readonly { entries: Int32Array; weights: Float64Array }[];
  readonly questions: readonly (readonly Question[])[];
  /** 1 where the entry has `requires_context`. */
  readonly contextual: Uint8Array;
  /** Score accumulator, reused across searches (searches are synchronous). */
  readonly scratch: Float64Array;
}

/**
 * Builds the index. Costly at scale (~0.4 s for 5,000 entries, mostly the ICU segmenter at ~20 µs
 * per question): compile once per config version and keep it for the isolate's life.
 */
export function compileKnowledge(entries: readonly KnowledgeEntry[]): KnowledgeIndex {
  const termIds = new Map<string, number>();
  const idOf = (t: string) => {
    let id = termIds.get(t);
    if (id === undefined) termIds.set(t, (id = termIds.size));
    return id;
  };
  const questionTerms = entries.map((e) => e.questions.map((q) => tokenize(q).map(idOf)));
  const entryTf = questionTerms.map((qs) => {
    const tf = new Map<number, number>();
    for (const q of qs) for (const t of q) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const n = entries.length;
  const df = new Float64Array(termIds.size);
  for (const tf of entryTf) for (const t of tf.keys()) df[t]!++;
  const bm25Idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  const idf = df.map(bm25Idf);
  const lengths = questionTerms.map((qs) => qs.reduce((s, q) => s + q.length, 0));
  const avgLength = lengths.reduce((s, l) => s + l, 0) / Math.max(1, n);

  const lists: { entries: number[]; weights: number[] }[] = Array.from({ length: termIds.size }, () => ({ entries: [], weights: [] }));
  entryTf.forEach((tf, e) => {
    const norm = K1 * (1 - B + (B * lengths[e]!) / avgLength);
    for (const [t, f] of tf) {
      lists[t]!.entries.push(e);
      lists[t]!.weights.push((idf[t]! * f * (K1 + 1)) / (f + norm));
    }
  });
  const questions = questionTerms.map((qs) =>
    qs.map((terms) => {
      const set = new Set(terms);
      let mass = 0;
      for (const t of set) mass += idf[t]!;
      return { terms: set, mass };
    }),
  );
  return {
    entries,
    byId: new Map(entries.map((e, i) => [e.id, i])),
    termIds,
    idf,
    unknownIdf: bm25Idf(0),
    postings: lists.map((l) => ({ entries: Int32Array.from(l.entries), weights: Float64Array.from(l.weights) })),
    questions,
    contextual: Uint8Array.from(entries, (e) => (e.requires_context === undefined ? 0 : 1)),
    scratch: new Float64Array(n),
  };
}

export interface KnowledgeHit {
  entry: KnowledgeEntry;
  /** 0..1, compared with `bot.min_confidence`. */
  confidence: number;
  /** BM25 (× CONTEXT_BOOST when its topic is active): the ranking, comparable within one search only. */
  score: number;
}

export interface SearchOptions {
  /** Topics active in the conversation: entries requiring any other topic are not eligible. */
  topics: ReadonlySet<string>;
  /** How many hits to answer (best first). Default 3. */
  limit?: number;
}

/** The best entries for a message, best first; entries sharing no term with it are not hits. */
export function searchKnowledge(index: KnowledgeIndex, text: string, options: SearchOptions): KnowledgeHit[] {
  const { entries, scratch } = index;
  const query = [...new Set(tokenize(text))];
  const known: number[] = [];
  let queryMass = 0;
  for (const t of query) {
    const id = index.termIds.get(t);
    if (id === undefined) queryMass += index.unknownIdf;
    else {
      known.push(id);
      queryMass += index.idf[id]!;
    }
  }
  const { contextual } = index;
  const touched: number[] = [];
  for (const t of known) {
    const { entries: es, weights } = index.postings[t]!;
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      if (contextual[e] && !options.topics.has(entries[e]!.requires_context!)) continue;
      if (scratch[e] === 0) touched.push(e);
      scratch[e]! += weights[i]!;
    }
  }
  // Top `limit` by a linear scan: sorting every touched entry costs more than the scoring itself at 5,000 entries.
  const limit = Math.max(1, options.limit ?? 3);
  const ranked: { e: number; score: number }[] = [];
  for (const e of touched) {
    const score = scratch[e]! * (contextual[e] ? CONTEXT_BOOST : 1);
    scratch[e] = 0;
    if (ranked.length === limit) {
      if (score <= ranked[limit - 1]!.score) continue;
      ranked.pop();
    }
    let i = ranked.length;
    while (i > 0 && ranked[i - 1]!.score < score) i--;
    ranked.splice(i, 0, { e, score });
  }

  return ranked.map(({ e, score }) => {
    let best = 0;
    for (const q of index.questions[e]!) {
      if (q.mass === 0) continue;
      let matched = 0;
      for (const t of known) if (q.terms.has(t)) matched += index.idf[t]!;
      best = Math.max(best, Math.sqrt((matched / queryMass) * (matched / q.mass)));
    }
    return { entry: entries[e]!, score, confidence: Math.min(1, best ** CONFIDENCE_EXPONENT * (contextual[e] ? CONTEXT_BOOST : 1)) };
  });
}

/** An entry by id (a menu click whose id names an entry answers it directly). */
export function knowledgeEntry(index: KnowledgeIndex, id: string): KnowledgeEntry | undefined {
  const i = index.byId.get(id);
  return i === undefined ? undefined : index.entries[i];
}
