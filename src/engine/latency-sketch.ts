import type { Distribution } from './metrics';

/**
 * A mergeable sketch of durations (ms) with fixed relative accuracy, after DDSketch
 * (Masson, Rim, Lee, VLDB 2019, https://arxiv.org/abs/1908.10693): a value v > 0 falls in the
 * bin k = ceil(log_γ v) with γ = (1 + α) / (1 − α), and every value of a bin is within α of the
 * bin's representative 2γ^k / (γ + 1). Bins are plain counts, so merging two sketches is adding
 * their counts: D1 does it with `n = n + excluded.n`, whichever Conversation object writes first.
 * The count and sum are kept beside the bins, so the mean stays exact.
 */

/** Relative accuracy of every quantile the sketch answers. */
export const SKETCH_ACCURACY = 0.01;
const GAMMA = (1 + SKETCH_ACCURACY) / (1 - SKETCH_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/** Bin 0 holds durations ≤ 0 (same-millisecond replies); positive durations start at bin 1. */
export function sketchBin(ms: number): number {
  return ms <= 0 ? 0 : Math.max(1, Math.ceil(Math.log(ms) / LOG_GAMMA) + 1);
}

/** The value a bin stands for: within SKETCH_ACCURACY of every duration in it. */
export function binValue(bin: number): number {
  return bin <= 0 ? 0 : (2 * GAMMA ** (bin - 1)) / (GAMMA + 1);
}

export interface Sketch {
  count: number;
  sum: number;
  /** bin → how many durations fell in it. */
  bins: Map<number, number>;
}

export const emptySketch = (): Sketch => ({ count: 0, sum: 0, bins: new Map() });

export function addToSketch(s: Sketch, ms: number, times = 1): void {
  s.count += times;
  s.sum += ms * times;
  addBin(s, sketchBin(ms), times);
}

export function addBin(s: Sketch, bin: number, n: number): void {
  s.bins.set(bin, (s.bins.get(bin) ?? 0) + n);
}

export function mergeSketch(into: Sketch, from: Sketch): void {
  into.count += from.count;
  into.sum += from.sum;
  for (const [bin, n] of from.bins) addBin(into, bin, n);
}

/** The q-quantile with the rank rule of `distribution` (the value at index floor(q·n) when sorted). */
export function sketchQuantile(s: Sketch, q: number): number | null {
  const binCount = [...s.bins.values()].reduce((a, b) => a + b, 0);
  if (binCount === 0) return null;
  const rank = Math.min(binCount - 1, Math.floor(q * binCount));
  let seen = 0;
  for (const bin of [...s.bins.keys()].sort((a, b) => a - b)) {
    seen += s.bins.get(bin)!;
    if (seen > rank) return Math.round(binValue(bin));
  }
  return null;
}

/** The figures' distribution shape: exact count and mean, median and p90 within SKETCH_ACCURACY (rounded to the ms). */
export function sketchDistribution(s: Sketch): Distribution {
  if (s.count === 0) return { count: 0, median: null, p90: null, mean: null };
  return { count: s.count, median: sketchQuantile(s, 0.5), p90: sketchQuantile(s, 0.9), mean: Math.round(s.sum / s.count) };
}
