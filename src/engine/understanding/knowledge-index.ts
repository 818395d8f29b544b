/**
 * The knowledge base as one config version searches it, compiled once: every question of an
 * entry (its canonical and similar questions) and its answer analysed (./analyze), their features
 * numbered, and flat typed arrays for what a search reads per message (./retrieve): each
 * document's weighted features, each entry's vocabulary, each feature's posting list. Numbers and
 * flat arrays instead of a Map per question keep compiling 5,000 entries and searching them cheap
 * (README "Performance").
 */
import type { KnowledgeEntry } from '../../rules/config';
import { analyze, type AnalyzeOptions } from './analyze';
import { IndexBuilder } from './index-builder';
import { fold } from './fold';
import { conceptKeys, learnWords, type Lexicon } from './lexicon';
import { COLOUR_NAMES, isGoodsKind } from './lexicon/goods-kinds';
import { isServiceKind } from './lexicon/service-kinds';
import { modelCodes } from './model-codes';
import { specificTypes } from './question-type';

export interface IndexedEntry {
  entry: KnowledgeEntry;
  /** The specific question types its questions ask (specificTypes). */
  asks: number;
  /** Whether its questions name a kind of goods (吹风机功率是多少) or a model (X7有现货吗): then the one the customer names must be that one. */
  namesGoods: boolean;
  /** Whether its questions name a procedure (洗牙多少钱): then the one the customer names must be that one (./lexicon/service-kinds). */
  namesService: boolean;
  /** Whether its answer states a span of time (3 个工作日内): it answers how long, whatever its questions ask. */
  statesSpan: boolean;
  /** Whether its answer states a place (在订单详情页, 到任一营业厅, 位于, a screen's “name”): it answers where. */
  statesPlace: boolean;
}

/** A sum of money in an answer: a number and its currency (300元, 68 块, ¥68, 30 rmb). */
const PRICE = /\d\s*(?:元|块|rmb\b)|[¥￥]\s*\d/iu;
/** The class of asking what a thing costs (价格, 多少钱), which an answer naming a sum explains. */
const PRICE_CONCEPT = conceptKeys('ask.price').concept;

/** A span of time in an answer: a number and a unit of time (3 个工作日, 两小时, 半个月, 7 天). */
const SPAN = /(?:\d+|[一二两三四五六七八九十百半几])\s*(?:个\s*)?(?:工作日|天|日|小时|钟头|分钟|周|星期|礼拜|月|年)|(?:\d+|[一二两三四五六七八九十半几])\s*(?:days?|hours?|minutes?|weeks?|months?|years?)\b|当天|次日|即时|立即|马上/iu;

/**
 * A place in an answer: an address, where it lies (位于, 地下, 门口, 对面 …), or 在, 到 or 去 before a place's head within a few
 * characters (在订单详情页, 到任一营业厅, 在大厦地下车库, 在系统设置), a street number (88号), or a screen or menu
 * named in quotes. Not a desk where something else is had (毛巾可在前台租用 says nothing of where the
 * lockers are), nor a website where a number is looked up (可在官网查询编号).
 */
const PLACE = /位于|地址|地下|楼[上下]|门口|旁边|对面|附近|[在到去]\p{Script=Han}{0,6}?(?:路|街|楼|层|厅|馆|店|页|中心|库|区|设置)|\d号|[“「]/u;

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
  /** Each model code some entry names → the kinds of goods those entries name (./model-codes). */
  readonly models: ReadonlyMap<string, readonly string[]>;
  /** Whether some question names a colour (白色会透吗): else a customer's colour is the variant bought (./retrieve). */
  readonly coloursNamed: boolean;
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
/** Per code unit: 2 when PUNCTUATION may strip it (every surrogate, whose code point the table cannot say), 1 when not, 0 not seen yet. */
const strippable = new Uint8Array(65536);
const ONE_PUNCTUATION = new RegExp(PUNCTUATION.source, 'u');
/**
 * A text without punctuation, symbols and spaces, by a table look-up per unit: most questions have
 * none, and the regex's pass over every text, or its replace over those with a space (a product's
 * model: 羽绒服 2代), cost more. A text with a surrogate goes to the regex, which reads code points.
 */
export function withoutPunctuation(text: string): string {
  let out = '';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (strippable[c] === 0) strippable[c] = (c >= 0xd800 && c <= 0xdfff) || ONE_PUNCTUATION.test(String.fromCharCode(c)) ? 2 : 1;
    if (strippable[c] === 1) continue;
    if (c >= 0xd800 && c <= 0xdfff) return text.replace(PUNCTUATION, '');
    out += text.slice(done, i);
    done = i + 1;
  }
  return done === 0 ? text : out + text.slice(done);
}
export const exactKey = (text: string): string => withoutPunctuation(fold(text));

export function compileIndex(entries: readonly KnowledgeEntry[], lexicon: Lexicon, options: AnalyzeOptions): KnowledgeIndex {
  const plain = { ...options, pinyin: false, units: false };
  // Answers are long and count little: their concepts and bigrams, without the segmenter's words.
  const answers = { ...plain, words: false };
  const builder = new IndexBuilder(options.channels);
  const exact = new Map<string, number>();
  const models = new Map<string, string[]>();
  let coloursNamed = false;
  const indexed = entries.map((entry, i): IndexedEntry => {
    let asks = 0;
    let namesGoods = false;
    let namesService = false;
    const codes: string[] = [];
    const kinds: string[] = [];
    for (const q of entry.questions) {
      const a = analyze(q, lexicon, plain, builder);
      builder.endDocument(true, a.concepts);
      asks |= specificTypes(a.types);
      for (const c of a.concepts) {
        if (isGoodsKind(c)) namesGoods = true, kinds.push(c);
        if (isServiceKind(c)) namesService = true;
        if (c === COLOUR_NAMES) coloursNamed = true;
      }
      for (const { code } of modelCodes(a.text)) namesGoods = true, codes.push(code);
      // Not compiling with pinyin, the analysed text is the folded question: no second fold.
      const key = withoutPunctuation(a.text);
      if (!exact.has(key)) exact.set(key, i);
    }
    const answer = analyze(entry.answer, lexicon, answers, builder);
    // An answer naming a sum (120元/车) says what it costs: it explains 多少钱 and 价格 as its own words would (weight 0: no feature, no score).
    if (PRICE.test(entry.answer)) builder.add(PRICE_CONCEPT, 0);
    builder.endDocument(false, answer.concepts);
    builder.endEntry();
    // The answer names the models too (X7标准模式噪音约55分贝): each is a kind the entry speaks of.
    for (const { code } of modelCodes(answer.text)) codes.push(code);
    for (const c of answer.concepts) if (isGoodsKind(c)) kinds.push(c);
    for (const code of codes) {
      const of = models.get(code) ?? [];
      for (const kind of kinds) if (!of.includes(kind)) of.push(kind);
      models.set(code, of);
    }
    return { entry, asks, namesGoods, namesService, statesSpan: SPAN.test(entry.answer), statesPlace: PLACE.test(entry.answer) };
  });
  const { ids, df, docs: built, vocabulary, words } = builder.build();
  learnWords(lexicon, words, true);
  lexicon.served = ids;

  const n = entries.length;
  const features = df.length;
  const bm25Idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  // Loops, not Float64Array.from with a mapping function or a Map from mapped pairs: a call per item costs here.
  const idf = new Float64Array(features);
  for (let f = 0; f < features; f++) idf[f] = bm25Idf(df[f]!);
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) byId.set(entries[i]!.id, i);
  const docs = { ...built, mass: new Float64Array(built.start.length - 1) };
  // Arrays in locals: these loops run once per version, mostly before they are optimised, where each property read costs.
  const { weights, start, items } = docs;
  for (let d = 0; d < docs.mass.length; d++) {
    let mass = 0;
    for (let k = start[d]!; k < start[d + 1]!; k++) {
      weights[k] = weights[k]! * idf[items[k]!]!;
      mass += weights[k]!;
    }
    docs.mass[d] = mass;
  }
  const docsOf = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) docsOf[i + 1] = docsOf[i]! + entries[i]!.questions.length + 1;
  // Every feature of the questions and the answer finds the entry (the answer names the
  // customer's concrete words: 顺丰, 支付宝, 江浙沪); rough scores weigh them by IDF.
  // Index loops over arrays in locals, as above (a for-of over a typed array also allocates per item there).
  const postings = { start: new Int32Array(features + 1), items: new Int32Array(vocabulary.items.length) };
  const [entryStart, vocabularyItems, postingStart, postingItems] = [vocabulary.start, vocabulary.items, postings.start, postings.items];
  for (let k = 0; k < vocabularyItems.length; k++) postingStart[vocabularyItems[k]! + 1]! += 1;
  for (let f = 0; f < features; f++) postingStart[f + 1]! += postingStart[f]!;
  const fill = postingStart.slice(0, features);
  for (let i = 0; i < n; i++) for (let k = entryStart[i]!; k < entryStart[i + 1]!; k++) postingItems[fill[vocabularyItems[k]!]!++] = i;
  return {
    lexicon,
    options,
    entries: indexed,
    byId,
    exact,
    models,
    coloursNamed,
    ids,
    idf,
    unknownIdf: bm25Idf(0),
    docsOf,
    docs,
    vocabulary,
    postings,
    scratch: { rough: new Float64Array(n), touched: new Int32Array(n), weight: new Float64Array(features), known: new Uint8Array(features) },
  };
}
