import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally } from '../../src/engine/figures';
import { addToSketch, binValue, emptySketch, mergeSketch, SKETCH_ACCURACY, sketchBin, sketchQuantile } from '../../src/engine/latency-sketch';
import { type AnalyticsEvent, computeMetrics, distribution } from '../../src/engine/metrics';
import { expectSameFigures, within } from '../support/figures';
import { DAY_MS, foldRollup, HOUR_MS, newRollupState, planRange, rebucket, type RollupCell, type RollupRow, type RollupState, RollupStateSchema } from '../../src/engine/metrics-rollup';


describe('latency sketch', () => {
  it('puts every duration in a bin whose value is within the stated accuracy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (ms) => {
        expect(Math.abs(binValue(sketchBin(ms)) - ms)).toBeLessThanOrEqual(ms * SKETCH_ACCURACY + 1e-9);
      }),
    );
  });

  it('answers quantiles within the accuracy of the exact ones, and merging is the sketch of all values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e8 }), { minLength: 1, maxLength: 300 }), fc.nat(), (values, cut) => {
        const all = emptySketch();
        for (const v of values) addToSketch(all, v);
        const exact = distribution(values);
        expect(within(sketchQuantile(all, 0.5), exact.median)).toBe(true);
        expect(within(sketchQuantile(all, 0.9), exact.p90)).toBe(true);
        // Any split, merged, is the same sketch: the same counts, bins and sum.
        const at = cut % (values.length + 1);
        const [a, b] = [emptySketch(), emptySketch()];
        for (const v of values.slice(0, at)) addToSketch(a, v);
        for (const v of values.slice(at)) addToSketch(b, v);
        mergeSketch(a, b);
        expect(a.count).toBe(all.count);
        expect(a.sum).toBe(all.sum);
        expect(new Map([...a.bins].sort())).toEqual(new Map([...all.bins].sort()));
      }),
    );
  });

  it('is empty without values', () => {
    expect(sketchQuantile(emptySketch(), 0.5)).toBeNull();
  });
});

// ── the roll-up fold against the raw fold ─────────────────────────────────────

const TYPES = ['message_in', 'message_out', 'message_out', 'answer', 'clarify', 'smalltalk', 'intent', 'fallback', 'handoff', 'queued', 'assigned', 'assigned', 'closed', 'rating', 'context'] as const;

const stepArb = fc.record({
  type: fc.constantFrom(...TYPES),
  dt: fc.integer({ min: 0, max: 60_000 }),
  servicer: fc.option(fc.constantFrom('zhangsan', 'lisi'), { nil: null }),
  by: fc.constantFrom('bot', 'servicer'),
  intent: fc.constantFrom('price', 'refund'),
  score: fc.integer({ min: 0, max: 5 }),
  choice: fc.constantFrom('a', 'b'),
});

/** One conversation's rows as the export writes them: ids in timeline order, within one UTC day. */
function rowsOf(open_kfid: string, steps: Array<typeof stepArb extends fc.Arbitrary<infer S> ? S : never>, start: number): RollupRow[] {
  let at = start;
  return steps.map((s, i) => {
    at += s.dt;
    const data: Record<string, unknown> =
      s.type === 'message_out'
        ? { by: s.by }
        : s.type === 'rating'
          ? { score: s.score }
          : s.type === 'clarify'
            ? { choices: ['a', 'b'] }
            : s.type === 'answer'
              ? { answers: [{ source: 'menu', id: s.choice }] }
              : s.type === 'handoff'
                ? { reason: s.intent === 'price' ? 'keyword' : 'escalation' }
                : {};
    return { id: `${open_kfid}:${String(i).padStart(10, '0')}`, at, open_kfid, type: s.type, variant: 'stable', config_version: 1, servicer: s.servicer, intent: s.type === 'intent' ? s.intent : null, data };
  });
}

/** Exports `rows` in batches cut at `cuts`, each batch sent `replays[i]` more times, and sometimes overlapping the last one. */
function exportInBatches(rows: RollupRow[], cuts: number[], replays: number[]): RollupCell[] {
  let state: RollupState = newRollupState();
  const cells: RollupCell[] = [];
  const ends = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b).concat(rows.length);
  let from = 0;
  ends.forEach((end, i) => {
    // A retry resends from before where the last batch ended.
    const overlap = Math.max(0, from - (replays[i] ?? 0));
    for (let k = 0; k <= (replays[i] ?? 0); k++) {
      const folded = foldRollup(state, rows.slice(overlap, end));
      state = folded.state;
      cells.push(...folded.cells);
    }
    from = end;
  });
  return cells;
}

describe('foldRollup', () => {
  it('adds up to the raw fold, however the export is cut into batches and replayed', () => {
    const dayStart = 20_000 * DAY_MS;
    fc.assert(
      fc.property(
        fc.array(fc.array(stepArb, { maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.nat({ max: 3 }), { maxLength: 6 }),
        (conversations, cuts, replays) => {
          const tally = Tally.sketched();
          const raw: AnalyticsEvent[] = [];
          conversations.forEach((steps, c) => {
            const rows = rowsOf(`wk${c}`, steps, dayStart + c * HOUR_MS);
            raw.push(...rows.map((r) => ({ ...r, conversation: r.open_kfid })));
            for (const cell of exportInBatches(rows, cuts, replays)) tally.addCell(cell);
          });
          // computeMetrics counts conversations with a metric event; so does the roll-up.
          expectSameFigures(tally.toMetrics(), computeMetrics(raw.filter((e) => e.type !== 'context')));
        },
      ),
    );
  });

  it('keys cells by hour, channel (the last enter_session scene), variant and version, and skips the shadow candidate', () => {
    const base = 20_000 * DAY_MS;
    const row = (i: number, at: number, type: string, extra: Partial<RollupRow> = {}): RollupRow => ({ id: `wk:${i}`, at, open_kfid: 'wk', type, ...extra });
    const { cells, state } = foldRollup(newRollupState(), [
      row(1, base, 'enter_session', { data: { scene: 'WEB' } }),
      row(2, base + 1, 'message_in'),
      row(3, base + HOUR_MS + 5, 'answer', { variant: 'candidate', config_version: 3 }),
      row(4, base + HOUR_MS + 6, 'message_in', { variant: 'shadow', config_version: 4 }),
    ]);
    expect(cells).toEqual([
      { hour: base, open_kfid: 'wk', channel: 'WEB', variant: 'stable', config_version: 0, metric: 'conversations', servicer: '', label: '', n: 1 },
      { hour: base, open_kfid: 'wk', channel: 'WEB', variant: 'stable', config_version: 0, metric: 'customer_messages', servicer: '', label: '', n: 1 },
      { hour: base + HOUR_MS, open_kfid: 'wk', channel: 'WEB', variant: 'candidate', config_version: 3, metric: 'answered', servicer: '', label: '', n: 1 },
    ]);
    expect(state.mark).toEqual({ at: base + HOUR_MS + 6, id: 'wk:4' });
    // Replayed: nothing more.
    expect(foldRollup(state, [row(3, base + HOUR_MS + 5, 'answer')]).cells).toEqual([]);
  });

  it('counts a conversation once per UTC day it is active, and reaching a human once per day', () => {
    const base = 20_000 * DAY_MS;
    const rows: RollupRow[] = [0, 1, DAY_MS, DAY_MS + 1].map((dt, i) => ({ id: `wk:${i}`, at: base + dt, open_kfid: 'wk', type: i % 2 ? 'handoff' : 'message_in' }));
    const count = (metric: string) => foldRollup(newRollupState(), rows).cells.filter((c) => c.metric === metric).reduce((s, c) => s + c.n, 0);
    expect(count('conversations')).toBe(2);
    expect(count('reached_human')).toBe(2);
  });

  it('measures a queue wait across exports, and reads a state stored before queue wait was measured', () => {
    const base = 20_000 * DAY_MS;
    const row = (i: number, at: number, type: string, extra: Partial<RollupRow> = {}): RollupRow => ({ id: `wk:${i}`, at, open_kfid: 'wk', type, ...extra });
    const queued = foldRollup(newRollupState(), [row(1, base, 'handoff'), row(2, base + 1, 'queued')]);
    const stored = RollupStateSchema.parse(JSON.parse(JSON.stringify(queued.state)));
    const { cells } = foldRollup(stored, [row(3, base + HOUR_MS + 1, 'assigned', { servicer: 'lisi' })]);
    expect(cells.filter((c) => c.metric.startsWith('queue_wait'))).toEqual([
      expect.objectContaining({ hour: base + HOUR_MS, metric: 'queue_wait_bin', servicer: '', label: String(sketchBin(HOUR_MS)), n: 1 }),
      expect.objectContaining({ hour: base + HOUR_MS, metric: 'queue_wait_sum', servicer: '', label: '', n: HOUR_MS }),
    ]);
    const { queuedAt: _, ...before } = newRollupState();
    expect(RollupStateSchema.parse(before).queuedAt).toBeNull();
  });
});

describe('planRange', () => {
  const S = 20_000 * DAY_MS;
  const M = 60_000;
  it('reads whole days from the daily table, whole hours beside them hourly, and folds only partial hours raw', () => {
    expect(planRange(S + 20 * M, S + 40 * M)).toEqual({ raw: [[S + 20 * M, S + 40 * M]], hours: [], days: null });
    expect(planRange(S + HOUR_MS + 20 * M, S + DAY_MS + 13 * HOUR_MS + 20 * M)).toEqual({
      raw: [
        [S + HOUR_MS + 20 * M, S + 2 * HOUR_MS],
        [S + DAY_MS + 13 * HOUR_MS, S + DAY_MS + 13 * HOUR_MS + 20 * M],
      ],
      hours: [[S + 2 * HOUR_MS, S + DAY_MS + 13 * HOUR_MS]],
      days: null,
    });
    expect(planRange(S - 3 * HOUR_MS - M, S + 2 * DAY_MS + HOUR_MS)).toEqual({
      raw: [[S - 3 * HOUR_MS - M, S - 3 * HOUR_MS]],
      hours: [
        [S - 3 * HOUR_MS, S],
        [S + 2 * DAY_MS, S + 2 * DAY_MS + HOUR_MS],
      ],
      days: [S, S + 2 * DAY_MS],
    });
    expect(planRange(S, S + 3 * DAY_MS)).toEqual({ raw: [], hours: [], days: [S, S + 3 * DAY_MS] });
  });

  it('sums hourly cells into daily ones by key', () => {
    const cell = { open_kfid: 'wk', channel: '', variant: 'stable', config_version: 1, metric: 'answered', servicer: '', label: '', n: 1 };
    expect(rebucket([{ ...cell, hour: S + HOUR_MS }, { ...cell, hour: S + 5 * HOUR_MS, n: 2 }, { ...cell, hour: S + DAY_MS }], DAY_MS)).toEqual([
      { ...cell, hour: S, n: 3 },
      { ...cell, hour: S + DAY_MS, n: 1 },
    ]);
  });
});
