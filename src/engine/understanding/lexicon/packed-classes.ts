/**
 * The concept lexicon (./concepts: its classes, kinds and topic heads) as printable ASCII, for the
 * Worker's bundle: the bundler writes every non-ASCII character of a string as \uXXXX (six bytes,
 * and gzip does poorly on them), and the classes' terms are most of the bundle's Chinese text.
 * Each distinct character gets a number, and a class's terms are their characters' numbers, each
 * term ended by a 0, as packed numbers (../../../rules/tables/packed.ts): one character for the 44
 * characters the terms use most (numbered 1–44 by how often), two for the rest, which are numbered
 * in code point order and so listed as distances between code points, not as characters the
 * bundler escapes (3.2 KiB gzipped less than the whole list as characters).
 * scripts/pack-lexicon.ts writes the Worker's copy of ./concepts from packConcepts when wrangler
 * builds (wrangler.toml); tests, benchmarks and scripts read ./concepts itself. The kinds of goods
 * (the last classes) are packed without their ids and BROADER's pairs: ./goods-kinds.ts makes
 * them from the kinds' names, as ./concepts/goods.ts does.
 */
import { ONE_CHARACTER_BELOW, packNumbers, unpackNumbers } from '../../../rules/tables/packed';
import type { ConceptClass } from './concepts';
import { GOODS_ROOT, goodsKinds, isGoodsKind } from './goods-kinds';

/** What ./concepts exports. */
export interface ConceptLexicon {
  CONCEPTS: readonly ConceptClass[];
  BROADER: Readonly<Record<string, string>>;
  TOPIC_HEADS: ReadonlySet<string>;
}

export interface PackedConcepts {
  /** The code units the terms use most, the most frequent first (those a one-character number names). */
  units: string;
  /** The other code units the terms use, ascending, as packed distances from the one before (the first from 0). */
  rarer: string;
  /** Per class but the kinds of goods (the last classes), its id and its terms packed. */
  classes: (readonly [string, string])[];
  /** The kinds of goods' terms packed: each term ended by a 0, each kind by one more. */
  kinds: string;
  /** BROADER's pairs but those of the kinds of goods (the last ones). */
  broader: (readonly [string, string])[];
  topicHeads: string[];
}

const goodsBroader = (kinds: readonly ConceptClass[]): [string, string][] => kinds.map((c) => [c.id, GOODS_ROOT]);

export function packConcepts(lexicon: ConceptLexicon): PackedConcepts {
  let first = lexicon.CONCEPTS.length;
  while (first > 0 && isGoodsKind(lexicon.CONCEPTS[first - 1]!.id)) first--;
  const classes = lexicon.CONCEPTS.slice(0, first);
  const kinds = lexicon.CONCEPTS.slice(first);
  const broader = Object.entries(lexicon.BROADER);
  const kindsBroader = goodsBroader(kinds);
  if (JSON.stringify(goodsKinds(kinds.map((c) => c.terms))) !== JSON.stringify(kinds)) throw new Error('a kind of goods is not named as goodsKinds names it: pack it as a class, or name it so');
  if (JSON.stringify(broader.slice(broader.length - kinds.length)) !== JSON.stringify(kindsBroader)) throw new Error('the kinds of goods are no longer the last kinds: pack them, or put them last');
  const count = new Map<number, number>();
  for (const c of lexicon.CONCEPTS) for (const t of c.terms) for (let i = 0; i < t.length; i++) count.set(t.charCodeAt(i), (count.get(t.charCodeAt(i)) ?? 0) + 1);
  // By frequency, then by code unit: the same classes always pack the same.
  const byFrequency = [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([unit]) => unit);
  const common = byFrequency.slice(0, ONE_CHARACTER_BELOW - 1);
  const rarer = byFrequency.slice(common.length).sort((a, b) => a - b);
  const number = new Map([...common, ...rarer].map((unit, i) => [unit, i + 1]));
  const numbers = (terms: readonly string[]) => {
    const out: number[] = [];
    for (const t of terms) {
      for (let i = 0; i < t.length; i++) out.push(number.get(t.charCodeAt(i))!);
      out.push(0);
    }
    return out;
  };
  return {
    units: String.fromCharCode(...common),
    rarer: packNumbers(rarer.map((unit, i) => unit - (i === 0 ? 0 : rarer[i - 1]!))),
    classes: classes.map((c) => [c.id, packNumbers(numbers(c.terms))] as const),
    kinds: packNumbers(kinds.flatMap((c) => [...numbers(c.terms), 0])),
    broader: broader.slice(0, broader.length - kinds.length),
    topicHeads: [...lexicon.TOPIC_HEADS],
  };
}

export function unpackConcepts(packed: PackedConcepts): ConceptLexicon {
  let previous = 0;
  const units = packed.units + String.fromCharCode(...unpackNumbers(packed.rarer).map((distance) => (previous += distance)));
  /** The terms numbers[from …] spell, up to the end or (`kind`) a kind's end (a 0 right after a term's 0), and where they stop. */
  const termsAt = (numbers: readonly number[], from: number, kind: boolean): { terms: string[]; end: number } => {
    const terms: string[] = [];
    let term = '';
    let i = from;
    for (; i < numbers.length; i++) {
      if (numbers[i] !== 0) term += units[numbers[i]! - 1];
      else if (kind && term === '' && i > from) break;
      else {
        terms.push(term);
        term = '';
      }
    }
    return { terms, end: i + 1 };
  };
  const classes = packed.classes.map(([id, packedTerms]): ConceptClass => ({ id, terms: termsAt(unpackNumbers(packedTerms), 0, false).terms }));
  const kindNumbers = unpackNumbers(packed.kinds);
  const names: string[][] = [];
  for (let at = 0; at < kindNumbers.length; ) {
    const { terms, end } = termsAt(kindNumbers, at, true);
    names.push(terms);
    at = end;
  }
  const kinds = goodsKinds(names);
  return { CONCEPTS: [...classes, ...kinds], BROADER: Object.fromEntries([...packed.broader, ...goodsBroader(kinds)]), TOPIC_HEADS: new Set(packed.topicHeads) };
}
