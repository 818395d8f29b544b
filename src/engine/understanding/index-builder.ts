/**
 * Compiling's side of the analyser (./analyze): the feature sink that numbers the features of
 * each document (a question or an answer) as they are found and takes Han runs whole (an answer's
 * for its bigrams). Once every entry is read, the runs new to the segmenter are segmented in one
 * call (./segments), each distinct run's features are numbered once, and the documents are laid out in flat typed arrays:
 * features in analysis order, each once, with their document frequency and each entry's
 * vocabulary (./knowledge-index weighs and indexes them).
 */
import type { Channels, FeatureSink } from './analyze';
import { conceptKeys } from './lexicon';
import type { Packed } from './knowledge-index';
import { BIGRAM, bigramKey, CHAR, contentOf, segmentAhead, WORD } from './segments';

/** A typed array that grows as numbers are pushed: no boxed numbers, nothing for the scavenger to copy. */
class Column<A extends Int32Array | Float64Array> {
  length = 0;
  constructor(private array: A) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new (this.array.constructor as new (length: number) => A)(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }
  /** The numbers pushed: a view, not a copy (the builder reads its columns once and drops them). */
  done(): A {
    return this.array.subarray(0, this.length) as A;
  }
}

export interface BuiltDocuments {
  ids: Map<string, number>;
  /** Per feature: in how many entries' questions it is. */
  df: Int32Array;
  /** Per document, its features in analysis order, each once, with the analyser's (channel) weights. */
  docs: Packed & { weights: Float64Array };
  /** Per entry: every feature of its questions and answer and the topic of each concept. */
  vocabulary: Packed;
  /** The questions' words, each once, in order of first appearance (the lexicon learns them). */
  words: string[];
}

export class IndexBuilder implements FeatureSink {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  /** What each document holds, in analysis order: a feature (its number, weight > 0), a topic (its number, weight 0: it only explains units) or a Han run (-1 - its number). */
  private readonly items = new Column(new Int32Array(4096));
  private readonly weights = new Column(new Float64Array(4096));
  private readonly itemStart: number[] = [0];
  private readonly question: boolean[] = [];
  private readonly entryStart: number[] = [0];
  /** Han runs taken whole → their numbers: runs read for all their features, and runs read for their bigrams only (an answer's). */
  private readonly runs = new Map<string, number>();
  private readonly bigramRuns = new Map<string, number>();
  /** Per run number, the run and whether it is read for its bigrams only. */
  private readonly runText: string[] = [];
  private readonly bigramsOnly: boolean[] = [];
  /** Per run number, how many documents hold it: the layout's size follows without reading every item again. */
  private readonly uses: number[] = [];
  size = 0;

  constructor(private readonly channels: Channels) {}

  add(key: string, weight: number): void {
    this.items.push(this.idOf(key));
    this.weights.push(weight);
    this.size += 1;
  }

  addRun(run: string, bigramsOnly: boolean): void {
    const numbers = bigramsOnly ? this.bigramRuns : this.runs;
    let r = numbers.get(run);
    if (r === undefined) {
      numbers.set(run, (r = this.runText.length));
      this.runText.push(run);
      this.bigramsOnly.push(bigramsOnly);
      this.uses.push(0);
    }
    this.uses[r]! += 1;
    this.items.push(-1 - r);
    this.weights.push(0);
    this.size += 1;
  }

  /** Ends a document of the current entry; a concept's topic is no feature of it, but explains a unit as the entry's. */
  endDocument(question: boolean, concepts: ReadonlySet<string>): void {
    for (const c of concepts) {
      this.items.push(this.idOf(conceptKeys(c).topic));
      this.weights.push(0);
    }
    this.itemStart.push(this.items.length);
    this.question.push(question);
    this.size = 0;
  }

  endEntry(): void {
    this.entryStart.push(this.question.length);
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** Lays the documents out, once the last entry has ended. */
  build(): BuiltDocuments {
    segmentAhead([...this.runs.keys()]);
    const channelWeights = [0, 0, 0];
    channelWeights[WORD] = this.channels.word;
    channelWeights[BIGRAM] = this.channels.bigram;
    channelWeights[CHAR] = this.channels.char;
    // Each distinct run's features, numbered once, packed end to end.
    const { runText, bigramsOnly } = this;
    const runStart = new Int32Array(runText.length + 1);
    const runFeatures = new Column(new Int32Array(4096));
    const runWeights = new Column(new Float64Array(4096));
    for (let r = 0; r < runText.length; r++) {
      const run = runText[r]!;
      if (bigramsOnly[r]) {
        for (let i = 0; i + 1 < run.length; i++) {
          runFeatures.push(this.idOf(bigramKey(run, i)));
          runWeights.push(channelWeights[BIGRAM]!);
        }
      } else {
        const content = contentOf(run);
        for (let k = 0; k < content.keys.length; k++) {
          runFeatures.push(this.idOf(content.keys[k]!));
          runWeights.push(channelWeights[content.channels[k]!]!);
        }
      }
      runStart[r + 1] = runFeatures.length;
    }
    const [items, weights, features, featureWeights] = [this.items.done(), this.weights.done(), runFeatures.done(), runWeights.done()];
    const { entryStart, itemStart } = this;
    // What the documents hold at most (each item, a run's features counted): the layout writes into arrays of that size, none grown.
    let capacity = items.length;
    for (let r = 0; r < runText.length; r++) capacity += this.uses[r]! * (runStart[r + 1]! - runStart[r]! - 1);
    return { ids: this.ids, ...layOut({ keys: this.keys, question: this.question, entryStart, itemStart, items, weights, runStart, features, featureWeights }, capacity) };
  }
}

/** What the builder collected: the documents' items, and each distinct run's features. */
interface Collected {
  keys: readonly string[];
  question: readonly boolean[];
  entryStart: readonly number[];
  itemStart: readonly number[];
  items: Int32Array;
  weights: Float64Array;
  runStart: Int32Array;
  features: Int32Array;
  featureWeights: Float64Array;
}

/**
 * The documents laid out in analysis order, each feature once per document (the first weight
 * standing, as in a message's Map; only positive weights count: a channel weighed 0 is off),
 * counted for document frequency and each entry's vocabulary. One loop over every item and every
 * run's features with the arrays in locals and no call per feature: it runs ~500,000 times per
 * compile of 5,000 entries, once per version, mostly before it is optimised.
 */
function layOut(c: Collected, capacity: number): Omit<BuiltDocuments, 'ids'> {
  const { keys, question, entryStart, itemStart, items, weights, runStart, features, featureWeights } = c;
  const laid = new Int32Array(capacity);
  const laidWeights = new Float64Array(capacity);
  const vocabulary = new Int32Array(capacity);
  const df = new Int32Array(keys.length);
  const lastDocument = new Int32Array(keys.length).fill(-1);
  const lastQuestions = new Int32Array(keys.length).fill(-1);
  const lastVocabulary = new Int32Array(keys.length).fill(-1);
  const learned = new Uint8Array(keys.length);
  const documentStart = [0];
  const vocabularyStart = [0];
  const words: string[] = [];
  let count = 0;
  let vocabularyCount = 0;
  for (let entry = 0; entry + 1 < entryStart.length; entry++) {
    for (let document = entryStart[entry]!; document < entryStart[entry + 1]!; document++) {
      const asked = question[document]!;
      for (let k = itemStart[document]!; k < itemStart[document + 1]!; k++) {
        const item = items[k]!;
        // A concept's topic (weight 0) only explains a unit as the entry's; a run stands for its features.
        const topic = item >= 0 && weights[k] === 0;
        const run = item < 0;
        const ids = run ? features : items;
        const idWeights = run ? featureWeights : weights;
        const to = run ? runStart[-item]! : k + 1;
        for (let j = run ? runStart[-1 - item]! : k; j < to; j++) {
          const id = ids[j]!;
          if (!topic) {
            const weight = idWeights[j]!;
            if (weight <= 0 || lastDocument[id] === document) continue;
            lastDocument[id] = document;
            laid[count] = id;
            laidWeights[count++] = weight;
          }
          if (lastVocabulary[id] !== entry) {
            lastVocabulary[id] = entry;
            vocabulary[vocabularyCount++] = id;
          }
          if (topic || !asked) continue;
          if (lastQuestions[id] !== entry) {
            lastQuestions[id] = entry;
            df[id]! += 1;
          }
          // The knowledge base's own words join the lexicon, so typos of them are corrected in messages too.
          // Each feature is looked at once (a question holds it again and again).
          if (learned[id] === 0) {
            learned[id] = 1;
            if (keys[id]!.startsWith('w:')) words.push(keys[id]!.slice(2));
          }
        }
      }
      documentStart.push(count);
    }
    vocabularyStart.push(vocabularyCount);
  }
  return {
    df,
    docs: { start: Int32Array.from(documentStart), items: laid.slice(0, count), weights: laidWeights.slice(0, count) },
    vocabulary: { start: Int32Array.from(vocabularyStart), items: vocabulary.slice(0, vocabularyCount) },
    words,
  };
}
