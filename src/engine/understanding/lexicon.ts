/**
 * The lexicon one config version understands with: the built-in customer-service concepts
 * (./lexicon/concepts.ts), their English and abbreviated forms (./lexicon/english.ts), the
 * fillers, and the operator's own classes from the config (`understanding.lexicon`: product names,
 * slang), compiled into look-up tables for the analyser.
 */
// ./lexicon/concepts (the Worker's bundle reads it packed: ./lexicon/packed-classes.ts).
import { BROADER, CONCEPTS } from '#concepts';
import { ENGLISH } from './lexicon/english';
import { FILLERS } from './lexicon/fillers';
import { fold } from './fold';
import { PINYIN_QUESTION_WORDS } from './function-words';
import { soundsOf } from './pinyin';
import { extendedTrie, spanTrie, type SpanTrie } from './span-trie';

/** An operator's class: new terms for a built-in concept, or a concept of their own. */
export interface LexiconExtension {
  concept: string;
  terms: readonly string[];
}

export type Span = { readonly kind: 'concept'; readonly concept: string } | { readonly kind: 'filler' };

export interface Lexicon {
  /** Han (and mixed) surface forms → what they are, longest match first. */
  readonly spans: ReadonlyMap<string, Span>;
  readonly spanTrie: SpanTrie;
  /** English words and phrases (space-joined tokens) → concept. */
  readonly english: ReadonlyMap<string, string>;
  readonly longestEnglish: number;
  /** Every word of the English terms, for reading an inflected form as the word (refunds, shipped, charging). */
  readonly englishWords: ReadonlySet<string>;
  /**
   * The features of the knowledge base this lexicon serves (its index's numbering), once compiled:
   * a typo or typed pinyin is read as a lexicon term only if the business speaks of its concept
   * (饭里 is not the 返利 of a food shop's customer, 把牙 not a clinic's 拔牙).
   */
  served?: ReadonlyMap<string, number>;
  /**
   * Known Han words (for the pinyin channel's corrections) this version learnt itself: the typed
   * question words, the operator's terms and the knowledge base's words. The built-in concepts'
   * terms are known too when `builtinWords` is set: ask knownWord and wordSounding, not this table.
   */
  readonly own: WordTable;
  /**
   * Whether the built-in concepts' terms are known words, after this version's own: their words
   * and sounds are one table per isolate (builtinWordTable), learnt the first time a message asks
   * for them, never copied per config version, and never at all by an isolate that only compiles.
   */
  readonly builtinWords: boolean;
  /**
   * A class named `topic.name_facet` is a facet of `topic.name` (returns.refund_time of
   * returns.refund), and a class in BROADER a kind of another (payment.card of payment.methods):
   * concept → the outermost class of its family, for families of two or more.
   */
  readonly families: ReadonlyMap<string, string>;
  /** Concept → the classes above it in its family, nearest first (its root last): each answers it. */
  readonly above: ReadonlyMap<string, readonly string[]>;
}

const topicOf = (concept: string) => concept.slice(0, Math.max(0, concept.indexOf('.'))) || concept;
export { topicOf };

/** The feature a family gives, by its outermost class (every member carries it). */
export const familyKey = (root: string): string => conceptKeys(root).family;

/** What a concept's own feature starts with, before the concept. */
export const CONCEPT_KEY = 'c:';
/** A concept's feature, its topic's and that of the family it heads ("c:", "t:" and "f:"), one string each per concept. */
const conceptKeyCache = new Map<string, { concept: string; topic: string; family: string }>();
export function conceptKeys(concept: string): { concept: string; topic: string; family: string } {
  let keys = conceptKeyCache.get(concept);
  if (keys === undefined) {
    keys = { concept: `${CONCEPT_KEY}${concept}`, topic: `t:${topicOf(concept)}`, family: `f:${concept}` };
    if (conceptKeyCache.size >= 100_000) conceptKeyCache.clear();
    conceptKeyCache.set(concept, keys);
  }
  return keys;
}

/** The built-in lexicons folded once per isolate (folding ~4,000 terms costs ~70 ms: not once per config version). */
interface Builtins {
  fillers: string[];
  /** Per class, its terms folded (one array per class, not a pair per term: they live as long as the isolate). */
  concepts: { concept: string; terms: string[] }[];
  english: { concept: string; terms: string[] }[];
}
let builtins: Builtins | undefined;
function folded(): Builtins {
  builtins ??= {
    fillers: FILLERS.map(fold),
    concepts: CONCEPTS.map((c) => ({ concept: c.id, terms: withWhereForms(c.terms.map(fold)) })),
    english: ENGLISH.map((e) => ({ concept: e.concept, terms: e.terms.map(fold) })),
  };
  return builtins;
}
/**
 * A collocation asking where (车停哪, 门店在哪) said with 哪里 or 哪儿 asks the same: its forms, as a
 * term ending on a question word's first character falls with the question word (车停哪|里). Only
 * 哪: 运费多少 is no form of 运费多少钱, which asks the price.
 */
function withWhereForms(terms: string[]): string[] {
  const where = terms.filter((t) => t.endsWith('哪'));
  return where.length === 0 ? terms : [...terms, ...where.flatMap((t) => [`${t}里`, `${t}儿`])];
}
/** Whether a folded term is English (lower-case Latin letters, digits and spaces): a loop, where a regex per term cost ~5 ms of the built-in lexicon's build. */
function latinTerm(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20)) return false;
  }
  return term.length > 0;
}

/**
 * The built-in lexicon alone (no operator classes, every part on) is the same for every config
 * version: built once per isolate, and each version gets it with its own copies of what
 * learnWords adds to (its own known words and their sounds: the typed question words only, a
 * few dozen); the spans and their trie are shared.
 */
let builtinLexicon: Lexicon | undefined;

export function compileLexicon(extensions: readonly LexiconExtension[] = [], options: { concepts?: boolean; english?: boolean } = {}): Lexicon {
  if (options.concepts === false || options.english === false) return buildLexicon(extensions, options);
  builtinLexicon ??= buildLexicon([], {});
  const b = builtinLexicon;
  const own = { ...b, own: { words: new Set(b.own.words), sounds: new Map(b.own.sounds), exactSounds: new Map(b.own.exactSounds), homophones: new Map([...b.own.homophones].map(([k, v]) => [k, [...v]])) } };
  return extensions.length === 0 ? own : withOperatorClasses(own, extensions);
}

/**
 * The built-in lexicon with an operator's classes, as buildLexicon makes it with them first (the
 * first class to name a term keeps it, over a built-in class or a filler): the built-in spans,
 * trie and English terms copied and the operator's terms added, not all ~12,000 read again.
 */
function withOperatorClasses(lexicon: Lexicon, extensions: readonly LexiconExtension[]): Lexicon {
  const spans = new Map(lexicon.spans);
  const english = new Map(lexicon.english);
  const taken = new Set<string>();
  const spanOf = new Map<string, Span>();
  const added: [string, Span][] = [];
  for (const ext of extensions) {
    for (const t of ext.terms) {
      const term = fold(t);
      if (taken.has(term)) continue;
      taken.add(term);
      if (latinTerm(term)) {
        english.set(term, ext.concept);
        continue;
      }
      let span = spanOf.get(ext.concept);
      if (span === undefined) spanOf.set(ext.concept, (span = { kind: 'concept', concept: ext.concept }));
      spans.set(term, span);
      added.push([term, span]);
      learnWord(lexicon.own, term, undefined);
    }
  }
  return { ...lexicon, spans, english, spanTrie: extendedTrie(lexicon.spanTrie, added), ...englishAndFamilies(spans, english) };
}

/** Known words and their sounds, learnt in order (learnWords). */
export interface WordTable {
  readonly words: Set<string>;
  /** Fuzzy sound → the known word with that sound (the first one added wins). */
  readonly sounds: Map<string, string>;
  /**
   * Exact toneless sound → the known word: asked first, so zengpin is 赠品 even where 正品
   * (zhengpin, the same fuzzy sound) was learnt before it.
   */
  readonly exactSounds: Map<string, string>;
  /**
   * Per exact sound two or more of the table's words learnt unclaimed share, those words, the first
   * learnt first: a knowledge base hears the one its text holds (wordSounding).
   */
  readonly homophones: Map<string, string[]>;
}

const emptyTable = (): WordTable => ({ words: new Set(), sounds: new Map(), exactSounds: new Map(), homophones: new Map() });

/**
 * The built-in concepts' Han terms as known words, in class order: learnt after a version's own
 * words (a sound keeps the first word learnt with it), and the same for every version, so built
 * once per isolate, when a message first asks (the pinyin channel). A compile never reads it: it
 * only teaches a version its own words.
 */
let builtinWordTable: WordTable | undefined;
function builtinTable(): WordTable {
  if (builtinWordTable === undefined) {
    const table = emptyTable();
    for (const { terms } of folded().concepts) for (const t of terms) learnWord(table, t, undefined);
    builtinWordTable = table;
  }
  return builtinWordTable;
}

/** Whether the lexicon knows a Han word: its version's own, or a built-in term. */
export function knownWord(lexicon: Lexicon, word: string): boolean {
  return lexicon.own.words.has(word) || (lexicon.builtinWords && builtinTable().words.has(word));
}

/**
 * The known word with an exact toneless sound (`exact`) or a fuzzy one, the version's own first
 * (the built-in table is only built when they have none). Where words sound exactly alike (话费 and
 * 花费, 骑手 and 起售), the one the knowledge base's text holds (writtenIn) instead of the one learnt
 * first: the telecom customer's huafei is 话费. A word of the business's own, claimed by
 * learnWords, stays.
 */
export function wordSounding(lexicon: Lexicon, sound: string, exact: boolean): string | undefined {
  const own = (exact ? lexicon.own.exactSounds : lexicon.own.sounds).get(sound);
  const table = () => (lexicon.builtinWords ? builtinTable() : undefined);
  if (!exact) return own ?? table()?.sounds.get(sound);
  const first = own ?? table()?.exactSounds.get(sound);
  const served = lexicon.served;
  if (first === undefined || served === undefined || served.has(`w:${first}`) || writtenIn(served, first)) return first;
  const builtin = table();
  const alike = [...soundAlikes(lexicon.own, sound), ...(builtin ? soundAlikes(builtin, sound) : [])];
  return alike.find((w) => w !== first && writtenIn(served, w)) ?? first;
}

const soundAlikes = (table: WordTable, sound: string): readonly string[] => table.homophones.get(sound) ?? [table.exactSounds.get(sound)].filter((w) => w !== undefined);

/** A lexicon read from every term, operator classes first (compileLexicon shares the built-in part instead, with the same contents: test/unit/lexicon-operator-classes.test.ts). */
export function buildLexicon(extensions: readonly LexiconExtension[], options: { concepts?: boolean; english?: boolean }): Lexicon {
  const spans = new Map<string, Span>();
  const english = new Map<string, string>();
  const builtinWords = options.concepts !== false;
  const lexicon = { spans, english, own: emptyTable(), builtinWords, longestEnglish: 1, englishWords: new Set<string>(), spanTrie: spanTrie(new Map()), families: new Map<string, string>(), above: new Map<string, string[]>() };
  const base = folded();
  for (const f of base.fillers) spans.set(f, { kind: 'filler' });
  // The version's own words come before the built-in terms: the typed question words, then the operator's terms.
  for (const w of PINYIN_QUESTION_WORDS) learnWord(lexicon.own, w, undefined);
  // One span per concept, shared by its terms (they are only read).
  const spanOf = new Map<string, Span>();
  /** Adds a term; whether it is a new Han span (an earlier class's term, or a Latin one, is not). */
  const addTerm = (concept: string, term: string): boolean => {
    if (latinTerm(term)) {
      if (options.english !== false && !english.has(term)) english.set(term, concept);
      return false;
    }
    if (spans.has(term) && spans.get(term)!.kind !== 'filler') return false;
    let span = spanOf.get(concept);
    if (span === undefined) spanOf.set(concept, (span = { kind: 'concept', concept }));
    spans.set(term, span);
    return true;
  };
  // Operator classes first: their words win over the built-in ones (whose words builtinTable learns).
  for (const ext of extensions) {
    for (const t of ext.terms) {
      const term = fold(t);
      if (addTerm(ext.concept, term)) learnWord(lexicon.own, term, undefined);
    }
  }
  if (builtinWords) for (const { concept, terms } of base.concepts) for (const t of terms) addTerm(concept, t);
  if (options.english !== false) for (const { concept, terms } of base.english) for (const t of terms) if (!english.has(t)) english.set(t, concept);
  lexicon.spanTrie = spanTrie(spans);
  return Object.assign(lexicon, englishAndFamilies(spans, english));
}

/** What a lexicon derives from its spans and English terms: the English terms' words and longest phrase, and the families of its concepts. */
function englishAndFamilies(spans: ReadonlyMap<string, Span>, english: ReadonlyMap<string, string>): Pick<Lexicon, 'longestEnglish' | 'englishWords' | 'families' | 'above'> {
  const ids = new Set(english.values());
  for (const span of spans.values()) if (span.kind === 'concept') ids.add(span.concept);
  // Each term split once, for its words and its length (not split again for each, nor spread into arrays).
  let longestEnglish = 1;
  const englishWords = new Set<string>();
  for (const term of english.keys()) {
    const words = term.split(' ');
    longestEnglish = Math.max(longestEnglish, words.length);
    for (const word of words) englishWords.add(word);
  }
  return { longestEnglish, englishWords, ...families(ids) };
}

/**
 * Each concept of a family of two or more → the family's outermost class, and the classes between
 * (up through BROADER and the shortest name prefix, cut at a `_`, that is a class).
 */
function families(ids: ReadonlySet<string>): { families: Map<string, string>; above: Map<string, string[]> } {
  const broader = (id: string): string | undefined => {
    if (BROADER[id] !== undefined && ids.has(BROADER[id])) return BROADER[id];
    for (let cut = id.indexOf('_'); cut > 0; cut = id.indexOf('_', cut + 1)) if (ids.has(id.slice(0, cut))) return id.slice(0, cut);
    return undefined;
  };
  const root = new Map<string, string>();
  const above = new Map<string, string[]>();
  for (const id of ids) {
    const chain: string[] = [];
    for (let up = broader(id); up !== undefined && chain.length < 4; up = broader(up)) chain.push(up);
    if (chain.length > 0) {
      const r = chain[chain.length - 1]!;
      root.set(id, r);
      root.set(r, r);
      above.set(id, chain);
    }
  }
  return { families: root, above };
}

const LEARNABLE = /^\p{Script=Han}{2,6}$/u;

/**
 * Teaches the lexicon words, so typos and typed pinyin of them are corrected too. A word keeps a
 * sound no earlier word holds; with `claim` (a knowledge base's own words) the first of `list` to
 * make a sound takes it from the built-in lexicon's words: the customer of this business who types
 * huafei means its 话费, not the lexicon's 花费.
 */
export function learnWords(lexicon: Lexicon, list: Iterable<string>, claim = false): void {
  if (claim) {
    const claimed = { fuzzy: new Set<string>(), exact: new Set<string>() };
    for (const w of list) learnWord(lexicon.own, w, claimed);
    return;
  }
  // After the built-in terms: a sound one of them holds stays theirs.
  for (const w of list) {
    if (!LEARNABLE.test(w) || knownWord(lexicon, w)) continue;
    lexicon.own.words.add(w);
    const sounds = soundsOf(w);
    if (sounds === undefined) continue;
    if (wordSounding(lexicon, sounds.fuzzy, false) === undefined) lexicon.own.sounds.set(sounds.fuzzy, w);
    if (wordSounding(lexicon, sounds.exact, true) === undefined) lexicon.own.exactSounds.set(sounds.exact, w);
  }
}

/** One word learnt into a table (the built-in table learns its ~12,000 terms one at a time, with no list each): after its earlier words, or claiming. */
function learnWord(table: WordTable, w: string, claimed: { fuzzy: Set<string>; exact: Set<string> } | undefined): void {
  if (!LEARNABLE.test(w) || (claimed === undefined && table.words.has(w))) return;
  table.words.add(w);
  const sounds = soundsOf(w);
  if (sounds === undefined) return;
  learnSound(table.sounds, sounds.fuzzy, w, claimed?.fuzzy);
  learnSound(table.exactSounds, sounds.exact, w, claimed?.exact, table.homophones);
}

function learnSound(sounds: Map<string, string>, key: string, word: string, claimed: Set<string> | undefined, homophones?: Map<string, string[]>): void {
  if (claimed === undefined) {
    const first = sounds.get(key);
    if (first === undefined) sounds.set(key, word);
    else if (homophones !== undefined) (homophones.get(key) ?? homophones.set(key, [first]).get(key)!).push(word);
    return;
  }
  if (claimed.has(key)) return;
  claimed.add(key);
  sounds.set(key, word);
}

/** Whether the knowledge base's text holds the word: every pair of its characters is a feature of the business. */
export function writtenIn(served: ReadonlyMap<string, number>, word: string): boolean {
  for (let i = 0; i + 1 < word.length; i++) if (!served.has(`b:${word.slice(i, i + 2)}`)) return false;
  return true;
}

