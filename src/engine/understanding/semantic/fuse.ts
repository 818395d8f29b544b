/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009,
 * https://plg.uwaterloo.ca/~gvcormac/cormacksigir09-rrf.pdf): each ranking gives an item
 * 1 / (k + rank), rank counted from 1, and the sums order the fused list. It needs no common
 * scale between the lexical scores and the cosines, only their orders; k = 60 is the paper's
 * constant, which keeps one ranking's first place from outweighing agreement further down.
 */
export const RRF_K = 60;

export interface Fused<T> {
  item: T;
  score: number;
}

/** Items of all rankings, best fused score first; ties keep the order of first appearance. */
export function reciprocalRankFusion<T>(rankings: readonly (readonly T[])[], k: number = RRF_K): Fused<T>[] {
  const scores = new Map<T, number>();
  for (const ranking of rankings) {
    ranking.forEach((item, i) => scores.set(item, (scores.get(item) ?? 0) + 1 / (k + i + 1)));
  }
  return [...scores].map(([item, score]) => ({ item, score })).sort((a, b) => b.score - a.score);
}
