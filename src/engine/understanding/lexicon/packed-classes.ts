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
 * are not packed: ./concepts/goods.ts is in the bundle anyway (retrieval asks it what a kind is).
 */
import { ONE_CHARACTER_BELOW, packNumbers, unpackNumbers } from '../../../rules/tables/packed';
import type { ConceptClass } from './concepts';
import { GOODS, GOODS_KINDS, GOODS_ROOT } from './concepts/goods';

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
  /** BROADER's pairs but those of the kinds of goods (the last ones). */
  broader: (readonly [string, string])[];
  topicHeads: string[];
}

const goodsBroader = (): [string, string][] => GOODS_KINDS.map((c) => [c.id, GOODS_ROOT]);

export function packConcepts(lexicon: ConceptLexicon): PackedConcepts {
  const classes = lexicon.CONCEPTS.slice(0, lexicon.CONCEPTS.length - GOODS.length);
  const broader = Object.entries(lexicon.BROADER);
  const kinds = goodsBroader();
  if (lexicon.CONCEPTS.slice(classes.length).some((c, i) => c !== GOODS[i])) throw new Error('the kinds of goods are no longer the last classes: pack them, or put them last');
  if (JSON.stringify(broader.slice(broader.length - kinds.length)) !== JSON.stringify(kinds)) throw new Error('the kinds of goods are no longer the last kinds: pack them, or put them last');
  const count = new Map<number, number>();
  for (const c of classes) for (const t of c.terms) for (let i = 0; i < t.length; i++) count.set(t.charCodeAt(i), (count.get(t.charCodeAt(i)) ?? 0) + 1);
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
    broader: broader.slice(0, broader.length - kinds.length),
    topicHeads: [...lexicon.TOPIC_HEADS],
  };
}

export function unpackConcepts(packed: PackedConcepts): ConceptLexicon {
  let previous = 0;
  const units = packed.units + String.fromCharCode(...unpackNumbers(packed.rarer).map((distance) => (previous += distance)));
  const classes = packed.classes.map(([id, packedTerms]): ConceptClass => {
    const numbers = unpackNumbers(packedTerms);
    const terms: string[] = [];
    let term = '';
    for (let i = 0; i < numbers.length; i++) {
      if (numbers[i] === 0) {
        terms.push(term);
        term = '';
      } else term += units[numbers[i]! - 1];
    }
    return { id, terms };
  });
  return { CONCEPTS: [...classes, ...GOODS], BROADER: Object.fromEntries([...packed.broader, ...goodsBroader()]), TOPIC_HEADS: new Set(packed.topicHeads) };
}
