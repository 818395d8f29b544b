/**
 * Which terms of the concept lexicon the engine does without (shared by scripts/prune-lexicon.ts
 * and its test): a term is kept unless removing it leaves every analysis that could hold it as it
 * was. The judge is the engine's own analyser (src/engine/understanding/analyze.ts) on a lexicon
 * compiled from the classes (lexicon.ts), with the term and without it:
 *  - duplicate: the same folded text earlier in its class;
 *  - taken: the folded text belongs to an earlier class (the first class to name a span keeps it),
 *    or a Latin term the English lexicon gives the same class;
 *  - redundant: the term's text, and the texts where it meets the terms, fillers and question
 *    words that overlap its edges, its typed pinyin, are analysed alike without it (the same
 *    corrected text, features in order, question types and units, a concept unit by its class),
 *    with the pinyin channel on and off. A message changes only where it held a pruned term, so
 *    these texts stand for every message; not enumerated: chains of overlaps, and homophone typos
 *    of the whole term (its typed pinyin goes through the same sound tables).
 * A class keeps its first term (goods kinds are named after it) and every Latin term but duplicates.
 */
import { analyze, DEFAULT_CHANNELS, type Analysis, type AnalyzeOptions } from '../src/engine/understanding/analyze';
import { PINYIN_QUESTION_WORDS } from '../src/engine/understanding/function-words';
import { fold } from '../src/engine/understanding/fold';
import { compileLexicon, type Lexicon } from '../src/engine/understanding/lexicon';
import { childOf } from '../src/engine/understanding/span-trie';
import type { ConceptClass } from '../src/engine/understanding/lexicon/concepts';
import { ENGLISH } from '../src/engine/understanding/lexicon/english';
import { soundsOf } from '../src/engine/understanding/pinyin';

export type PruneReason = 'duplicate' | 'taken' | 'redundant';
export interface PrunedTerm {
  concept: string;
  /** The term as written in its class. */
  term: string;
  reason: PruneReason;
}

const LATIN_TERM = /^[a-z0-9 ]+$/;
/** Question words that may overlap a term's edge, so the analyser drops or keeps a term differently (多|少, 吗). */
const EDGE_QUESTION_WORDS = [...PINYIN_QUESTION_WORDS, '吗', '呢', '么', '啥', '几', '哪', '谁'];
const MODES: readonly AnalyzeOptions[] = [
  { channels: DEFAULT_CHANNELS, pinyin: true },
  { channels: DEFAULT_CHANNELS, pinyin: false },
];

/** The lexicon the engine compiles from these classes (as the built-in one: operator classes in its place, the English lexicon on). */
const lexiconOf = (classes: readonly ConceptClass[]): Lexicon => compileLexicon(classes.map((c) => ({ concept: c.id, terms: c.terms })), { concepts: false });

/** What an analysis says, as a string: two are alike when these are equal (a concept unit counts by its class, not its text). */
function signature(a: Analysis): string {
  const units = a.units.map((u) => (u.concept !== undefined ? `c:${u.concept}` : `w:${u.text}/${u.narrative}/${u.weight}/${u.pairs?.join(',') ?? ''}`));
  return JSON.stringify([a.text, [...a.features], a.types, units, a.empty]);
}

/** Spans and question words by their first and by their last code unit, for finding those that overlap a term's edges. */
interface Neighbours {
  byFirst: Map<string, string[]>;
  byLast: Map<string, string[]>;
}
function neighboursOf(words: Iterable<string>): Neighbours {
  const index: Neighbours = { byFirst: new Map(), byLast: new Map() };
  const put = (map: Map<string, string[]>, at: string, w: string) => {
    const list = map.get(at);
    if (list === undefined) map.set(at, [w]);
    else list.push(w);
  };
  for (const w of new Set(words)) {
    if (w.length < 2) continue;
    put(index.byFirst, w[0]!, w);
    put(index.byLast, w[w.length - 1]!, w);
  }
  return index;
}

/** Texts where a term meets others: spans or question words overlapping its start or end (花呗支付|失败 against 支付失败). */
function contexts(term: string, { byFirst, byLast }: Neighbours): string[] {
  const out = new Set<string>([term]);
  for (let p = 1; p < term.length; p++) {
    // A neighbour starting inside the term and reaching past its end: the term, then the rest of it.
    const tail = term.slice(p);
    for (const n of byFirst.get(term[p]!) ?? []) if (n.length > tail.length && n.startsWith(tail)) out.add(term + n.slice(tail.length));
    // A neighbour starting before the term and ending inside it: its head, then the term.
    const head = term.slice(0, p);
    for (const n of byLast.get(term[p - 1]!) ?? []) if (n.length > head.length && n.endsWith(head)) out.add(n.slice(0, n.length - head.length) + term);
  }
  return [...out];
}

/** The term typed as pinyin (tuikuan), which the pinyin channel reads through the lexicon's sounds. */
function typed(term: string): string | undefined {
  return soundsOf(term)?.exact.replaceAll(' ', '');
}

/** A lexicon with terms taken out and put back in place: what compiling it without them would give. */
class Editable {
  /** Per sound, the words that have it in the order they were learnt: the first one still known owns it. */
  private readonly owners = new Map<string, string[]>();
  private readonly protectedWords: Set<string>;

  constructor(readonly lexicon: Lexicon) {
    for (const w of lexicon.own.words) {
      const s = soundsOf(w);
      if (s === undefined) continue;
      for (const key of [`f|${s.fuzzy}`, `e|${s.exact}`]) {
        const list = this.owners.get(key);
        if (list === undefined) this.owners.set(key, [w]);
        else list.push(w);
      }
    }
    this.protectedWords = new Set(PINYIN_QUESTION_WORDS);
  }

  private node(term: string): number {
    const trie = this.lexicon.spanTrie;
    let node = trie.first[term.charCodeAt(0)]!;
    for (let j = 1; j < term.length && node !== 0; j++) node = childOf(trie, node, term.charCodeAt(j));
    return node;
  }

  /** Takes a Han term out; returns how to put it back. */
  remove(term: string): () => void {
    const { lexicon } = this;
    const node = this.node(term);
    const span = lexicon.spans.get(term)!;
    (lexicon.spans as Map<string, typeof span>).delete(term);
    lexicon.spanTrie.spans[node] = undefined;
    const learnt = lexicon.own.words.has(term) && !this.protectedWords.has(term);
    if (learnt) lexicon.own.words.delete(term);
    this.resound(term);
    return () => {
      (lexicon.spans as Map<string, typeof span>).set(term, span);
      lexicon.spanTrie.spans[node] = span;
      if (learnt) lexicon.own.words.add(term);
      this.resound(term);
    };
  }

  /** The owners of a word's sounds again, as learning the known words in order would make them. */
  private resound(word: string): void {
    const s = soundsOf(word);
    if (s === undefined) return;
    for (const [map, key] of [[this.lexicon.own.sounds, `f|${s.fuzzy}`], [this.lexicon.own.exactSounds, `e|${s.exact}`]] as const) {
      const owner = this.owners.get(key)?.find((w) => this.lexicon.own.words.has(w));
      const sound = key.slice(2);
      if (owner === undefined) map.delete(sound);
      else map.set(sound, owner);
    }
  }
}

export interface PruneResult {
  pruned: PrunedTerm[];
  /** The classes without the pruned terms. */
  classes: ConceptClass[];
}

/** The terms of `classes` the engine does without, and the classes without them. */
export function pruneLexicon(classes: readonly ConceptClass[]): PruneResult {
  const pruned = new Map<string, PrunedTerm>();
  const key = (concept: string, term: string) => `${concept}\u0000${term}`;
  const englishConcept = new Map<string, string>();
  for (const e of ENGLISH) for (const t of e.terms) if (!englishConcept.has(fold(t))) englishConcept.set(fold(t), e.concept);

  // Duplicates and spans an earlier class owns.
  const owner = new Map<string, string>();
  for (const c of classes) {
    const own = new Set<string>();
    c.terms.forEach((term, i) => {
      const f = fold(term);
      if (own.has(f)) pruned.set(key(c.id, term), { concept: c.id, term, reason: 'duplicate' });
      else if (i > 0 && owner.has(f) && owner.get(f) !== c.id) pruned.set(key(c.id, term), { concept: c.id, term, reason: 'taken' });
      else if (i > 0 && !owner.has(f) && LATIN_TERM.test(f) && englishConcept.get(f) === c.id) pruned.set(key(c.id, term), { concept: c.id, term, reason: 'taken' });
      own.add(f);
      if (!owner.has(f)) owner.set(f, c.id);
    });
  }
  const without = (extra: ReadonlySet<string>): ConceptClass[] =>
    classes.map((c) => ({ id: c.id, terms: c.terms.filter((t) => !pruned.has(key(c.id, t)) && !extra.has(key(c.id, t))) }));

  // Redundant terms: judged one at a time against the original analyses, longest first.
  const original = lexiconOf(without(new Set()));
  const neighbours = neighboursOf([...original.spans.keys(), ...EDGE_QUESTION_WORDS]);
  const before = new Map<string, string>();
  const judged = (lexicon: Lexicon, texts: readonly string[]): string => texts.map((t) => MODES.map((m) => signature(analyze(t, lexicon, m))).join('\n')).join('\n');
  const textsOf = new Map<string, string[]>();
  const candidates: { concept: string; term: string; folded: string }[] = [];
  for (const c of classes) {
    c.terms.forEach((term, i) => {
      const folded = fold(term);
      if (i === 0 || pruned.has(key(c.id, term)) || LATIN_TERM.test(folded) || owner.get(folded) !== c.id) return;
      candidates.push({ concept: c.id, term, folded });
    });
  }
  // Many terms of a class share texts: each text's analysis is taken once.
  const signatureBefore = (texts: readonly string[]): string => {
    const id = texts.join('\u0001');
    let s = before.get(id);
    if (s === undefined) before.set(id, (s = judged(original, texts)));
    return s;
  };
  const allTexts = (folded: string): string[] => {
    let texts = textsOf.get(folded);
    if (texts === undefined) {
      texts = contexts(folded, neighbours);
      const pinyin = typed(folded);
      if (pinyin !== undefined) texts.push(pinyin);
      textsOf.set(folded, texts);
    }
    return texts;
  };
  candidates.sort((a, b) => b.folded.length - a.folded.length);
  const work = new Editable(lexiconOf(without(new Set())));
  const remaining = new Map(classes.map((c) => [c.id, c.terms.filter((t) => !pruned.has(key(c.id, t))).length]));
  const removed = new Set<string>();
  for (const { concept, term, folded } of candidates) {
    if (remaining.get(concept)! <= 1) continue;
    const texts = allTexts(folded);
    const expected = signatureBefore(texts);
    const putBack = work.remove(folded);
    if (judged(work.lexicon, texts) === expected) {
      removed.add(key(concept, term));
      remaining.set(concept, remaining.get(concept)! - 1);
    } else putBack();
  }

  // Each removal was judged with the later ones still in: the lexicon compiled without them all
  // decides, and a term whose texts it reads otherwise goes back (until none does).
  const termOf = new Map(candidates.map((c) => [key(c.concept, c.term), c.folded]));
  for (let round = 0; round < 10 && removed.size > 0; round++) {
    const compiled = lexiconOf(without(removed));
    const wrong = [...removed].filter((k) => judged(compiled, allTexts(termOf.get(k)!)) !== signatureBefore(allTexts(termOf.get(k)!)));
    if (wrong.length === 0) break;
    for (const k of wrong) removed.delete(k);
  }
  for (const k of removed) {
    const [concept, term] = k.split('\u0000') as [string, string];
    pruned.set(k, { concept, term, reason: 'redundant' });
  }
  return { pruned: [...pruned.values()], classes: without(new Set()) };
}
