/**
 * The knowledge base as one config version searches it, compiled once: every question of an
 * entry (its canonical and similar questions) and its answer analysed (./analyze), their features
 * numbered, and flat typed arrays for what a search reads per message (./retrieve): each
 * document's weighted features, each entry's vocabulary, each feature's posting list. Numbers and
 * flat arrays instead of a Map per question keep compiling 5,000 entries and searching them cheap
 * (README "Performance").
 */
import type { KnowledgeEntry } from '../../rules/config';
import { analyze, type Analysis, type AnalyzeOptions } from './analyze';
import { fold } from './fold';
import { learnWords, topicOf, type Lexicon } from './lexicon';
import type { QuestionType } from './question-type';

export interface IndexedEntry {
  entry: KnowledgeEntry;
  types: QuestionType[][];
}

/** Lists packed end to end: list i is items[start[i]] .. items[start[i + 1] - 1]. */
export interface Packed<T extends Int32Array | Float64Array = Int32Array> {
  start: Int32Array;
  items: T;
}

export interface KnowledgeIndex {
  readonly lexicon: Lexicon;
  readonly options: AnalyzeOptions;
  readonly entries: readonly IndexedEntry[];
  readonly byId: ReadonlyMap<string, number>;
  /** Each question as folded, without punctuation: a message that is exactly an operator's question is theirs. */
  readonly exact: ReadonlyMap<string, number>;
  /** Every feature some entry has (a word, bigram, character or concept of its questions or answer, or a concept's topic) → its number. */
  readonly ids: ReadonlyMap<string, number>;
  /** Per feature number: BM25 IDF over the entries' questions (`unknownIdf`, that of df 0, when no question has it). */
  readonly idf: Float64Array;
  readonly unknownIdf: number;
  /** Per entry: its documents, its questions in order and then its answer (docs.start[i] .. docs.start[i + 1] - 1). */
  readonly docsOf: Int32Array;
  /** Per document: its features in analysis order, their weights (channel × IDF) and their sum. */
  readonly docs: Packed & { weights: Float64Array; mass: Float64Array };
  /** Per entry: every feature of its questions and answer and the topic of each concept (what can explain a unit). */
  readonly vocabulary: Packed;
  /** Per feature: the entries whose vocabulary has it, ascending. */
  readonly postings: Packed;
  /** Per-search work space, zero between searches (./retrieve). */
  readonly scratch: { rough: Float64Array; touched: Int32Array; weight: Float64Array; known: Uint8Array };
}

/** The form two texts share when they are the same question: folded, no punctuation or spaces. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;
export const exactKey = (text: string): string => fold(text).replace(PUNCTUATION, '');

/** Flattens growable lists of numbers into the packed form. */
function pack(lists: number[][]): Packed {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const items = new Int32Array(start[lists.length]!);
  for (let i = 0; i < lists.length; i++) items.set(lists[i]!, start[i]!);
  return { start, items };
}

export function compileIndex(entries: readonly KnowledgeEntry[], lexicon: Lexicon, options: AnalyzeOptions): KnowledgeIndex {
  const plain = { ...options, pinyin: false, units: false };
  // Answers are long and count little: their concepts and bigrams, without the segmenter's words
  // (segmenting costs ~10-30 µs a call).
  const answers = { ...plain, words: false };
  const ids = new Map<string, number>();
  /** Per feature: how many entries' questions have it, and the last entry counted (for df and vocabularies alike). */
  const df: number[] = [];
  const dfSeen: number[] = [];
  const vocabSeen: number[] = [];
  const idOf = (f: string): number => {
    let id = ids.get(f);
    if (id === undefined) {
      id = df.length;
      ids.set(f, id);
      df.push(0);
      dfSeen.push(-1);
      vocabSeen.push(-1);
    }
    return id;
  };
  const docFeatures: number[] = [];
  const docWeights: number[] = [];
  const docStart: number[] = [0];
  const docsOf = new Int32Array(entries.length + 1);
  const vocabularies: number[][] = [];
  const words: string[] = [];
  const exact = new Map<string, number>();
  const indexed = entries.map((entry, i): IndexedEntry => {
    const vocabulary: number[] = [];
    const addDoc = (a: Analysis, question: boolean) => {
      for (const [f, w] of a.features) {
        const id = idOf(f);
        docFeatures.push(id);
        docWeights.push(w);
        if (question && dfSeen[id] !== i) {
          dfSeen[id] = i;
          df[id]! += 1;
        }
        if (vocabSeen[id] !== i) {
          vocabSeen[id] = i;
          vocabulary.push(id);
        }
        // The knowledge base's own words join the lexicon, so typos of them are corrected in messages too.
        if (question && f.startsWith('w:')) words.push(f.slice(2));
      }
      for (const c of a.concepts) {
        const id = idOf(`t:${topicOf(c)}`);
        if (vocabSeen[id] !== i) {
          vocabSeen[id] = i;
          vocabulary.push(id);
        }
      }
      docStart.push(docFeatures.length);
    };
    const types = entry.questions.map((q) => {
      const a = analyze(q, lexicon, plain);
      addDoc(a, true);
      // Not compiling with pinyin, the analysed text is the folded question: no second fold.
      const key = a.text.replace(PUNCTUATION, '');
      if (!exact.has(key)) exact.set(key, i);
      return a.types;
    });
    addDoc(analyze(entry.answer, lexicon, answers), false);
    docsOf[i + 1] = docStart.length - 1;
    vocabularies.push(vocabulary);
    return { entry, types };
  });
  learnWords(lexicon, words);

  const n = entries.length;
  const bm25Idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  const unknownIdf = bm25Idf(0);
  const idf = Float64Array.from(df, bm25Idf);
  const docs = { start: Int32Array.from(docStart), items: Int32Array.from(docFeatures), weights: new Float64Array(docWeights.length), mass: new Float64Array(docStart.length - 1) };
  for (let d = 0; d + 1 < docStart.length; d++) {
    let mass = 0;
    for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
      const v = docWeights[k]! * idf[docFeatures[k]!]!;
      docs.weights[k] = v;
      mass += v;
    }
    docs.mass[d] = mass;
  }
  const vocabulary = pack(vocabularies);
  // Every feature of the questions and the answer finds the entry (the answer names the
  // customer's concrete words: 顺丰, 支付宝, 江浙沪); rough scores weigh them by IDF.
  const postings = { start: new Int32Array(df.length + 1), items: new Int32Array(vocabulary.items.length) };
  for (const f of vocabulary.items) postings.start[f + 1]! += 1;
  for (let f = 0; f < df.length; f++) postings.start[f + 1]! += postings.start[f]!;
  const fill = postings.start.slice(0, df.length);
  for (let i = 0; i < n; i++) for (let k = vocabulary.start[i]!; k < vocabulary.start[i + 1]!; k++) postings.items[fill[vocabulary.items[k]!]!++] = i;
  return {
    lexicon,
    options,
    entries: indexed,
    byId: new Map(entries.map((e, i) => [e.id, i])),
    exact,
    ids,
    idf,
    unknownIdf,
    docsOf,
    docs,
    vocabulary,
    postings,
    scratch: { rough: new Float64Array(n), touched: new Int32Array(n), weight: new Float64Array(df.length), known: new Uint8Array(df.length) },
  };
}
