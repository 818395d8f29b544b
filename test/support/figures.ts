import { expect } from 'vitest';
import { SKETCH_ACCURACY } from '../../src/engine/latency-sketch';
import type { Metrics } from '../../src/engine/metrics';

/** A sketch's percentile within its relative accuracy of the exact one (and rounded to the ms). */
export function within(estimate: number | null, exact: number | null): boolean {
  if (exact === null) return estimate === null;
  return estimate !== null && Math.abs(estimate - exact) <= Math.abs(exact) * SKETCH_ACCURACY + 0.5;
}

/** The figures of a roll-up, with the sketch's percentiles checked against the exact ones and then set to them. */
export function expectSameFigures(rolled: Metrics, raw: Metrics): void {
  const dists = (m: Metrics) => [m.botFirstResponseMs, m.humanFirstResponseMs, m.handlingMs, m.queueWaitMs, ...m.servicers.flatMap((s) => [s.firstResponseMs, s.handlingMs])];
  const [a, b] = [dists(rolled), dists(raw)];
  expect(a.length).toBe(b.length);
  a.forEach((d, i) => {
    expect(within(d.median, b[i]!.median), `median ${d.median} vs ${b[i]!.median}`).toBe(true);
    expect(within(d.p90, b[i]!.p90), `p90 ${d.p90} vs ${b[i]!.p90}`).toBe(true);
    d.median = b[i]!.median;
    d.p90 = b[i]!.p90;
  });
  expect(rolled).toEqual(raw);
}

