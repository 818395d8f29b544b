import { addBin, emptySketch, type Sketch, sketchDistribution } from './latency-sketch';
import { COUNTERS, type Counter, type Fact, isServicerMeasure, type Measure, MEASURES } from './metric-facts';
import { type Distribution, distribution, type Metrics } from './metrics';

/**
 * Adds up the facts of metric-facts.ts into the service figures. The raw fold (computeMetrics)
 * adds facts with exact durations; the roll-up reader adds stored cells, whose durations are
 * sketch bins. Both end in the same `toMetrics`, so the two answers cannot drift apart.
 */

/** One additive cell of a roll-up: counts under a metric name, per servicer ('' for all) and label. */
export interface Cell {
  metric: string;
  servicer: string;
  label: string;
  n: number;
}

interface Durations {
  add(ms: number): void;
  addCell(kind: 'bin' | 'sum', label: string, n: number): void;
  distribution(): Distribution;
}

class ExactDurations implements Durations {
  private readonly values: number[] = [];
  add(ms: number): void {
    this.values.push(ms);
  }
  addCell(): void {
    throw new Error('exact durations take no roll-up cells');
  }
  distribution(): Distribution {
    return distribution(this.values);
  }
}

class SketchDurations implements Durations {
  readonly sketch: Sketch = emptySketch();
  add(): void {
    throw new Error('sketched durations take roll-up cells');
  }
  addCell(kind: 'bin' | 'sum', label: string, n: number): void {
    if (kind === 'sum') this.sketch.sum += n;
    else {
      this.sketch.count += n;
      addBin(this.sketch, Number(label), n);
    }
  }
  distribution(): Distribution {
    return sketchDistribution(this.sketch);
  }
}

interface ServicerTally {
  handled: number;
  ratings: Map<number, number>;
  firstResponse: Durations;
  handling: Durations;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const byCount = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
const ratingCount = (r: Map<number, number>) => [...r.values()].reduce((a, b) => a + b, 0);
const ratingMean = (r: Map<number, number>) => {
  const n = ratingCount(r);
  return n === 0 ? null : [...r.entries()].reduce((s, [score, k]) => s + score * k, 0) / n;
};

export class Tally {
  readonly counters = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  conversations = 0;
  reachedHuman = 0;
  private readonly intents = new Map<string, number>();
  private readonly reasons = new Map<string, number>();
  private readonly ratings = new Map<number, number>();
  private readonly measures: Record<Measure, Durations>;
  private readonly servicers = new Map<string, ServicerTally>();

  private constructor(private readonly durations: () => Durations) {
    this.measures = { bot_first: durations(), human_first: durations(), handling: durations(), queue_wait: durations() };
  }

  /** For raw events: exact durations. */
  static exact(): Tally {
    return new Tally(() => new ExactDurations());
  }

  /** For roll-up cells: durations as sketches. */
  static sketched(): Tally {
    return new Tally(() => new SketchDurations());
  }

  private servicer(id: string): ServicerTally {
    let s = this.servicers.get(id);
    if (!s) this.servicers.set(id, (s = { handled: 0, ratings: new Map(), firstResponse: this.durations(), handling: this.durations() }));
    return s;
  }

  addFact(f: Fact): void {
    switch (f.kind) {
      case 'count':
        this.counters[f.counter]++;
        break;
      case 'intent':
        bump(this.intents, f.intent, 1);
        break;
      case 'handoff_reason':
        bump(this.reasons, f.reason, 1);
        break;
      case 'human':
        break;
      case 'handled':
        this.servicer(f.servicer).handled++;
        break;
      case 'rating':
        bump(this.ratings, f.score, 1);
        if (f.servicer) bump(this.servicer(f.servicer).ratings, f.score, 1);
        break;
      case 'duration':
        this.measures[f.measure].add(f.ms);
        if (f.servicer) this.servicerDurations(f.servicer, f.measure)?.add(f.ms);
        break;
    }
  }

  private servicerDurations(id: string, measure: Measure): Durations | null {
    if (!isServicerMeasure(measure)) return null;
    const s = this.servicer(id);
    return measure === 'human_first' ? s.firstResponse : s.handling;
  }

  /** A roll-up cell, as written by metrics-rollup.ts `factCells`. */
  addCell({ metric, servicer, label, n }: Cell): void {
    // A month's report adds ~15,000 cells: one map lookup per cell, not a scan of the names.
    const duration = DURATION_METRICS.get(metric);
    if (duration) {
      const [measure, kind] = duration;
      const target = servicer ? this.servicerDurations(servicer, measure) : this.measures[measure];
      target?.addCell(kind, label, n);
    } else if (COUNTER_NAMES.has(metric)) this.counters[metric as Counter] += n;
    else if (metric === 'conversations') this.conversations += n;
    else if (metric === 'reached_human') this.reachedHuman += n;
    else if (metric === 'intent') bump(this.intents, label, n);
    else if (metric === 'handoff_reason') bump(this.reasons, label, n);
    else if (metric === 'handled') this.servicer(servicer).handled += n;
    else if (metric === 'rating') bump(servicer ? this.servicer(servicer).ratings : this.ratings, Number(label), n);
  }

  toMetrics(): Metrics {
    const { answered, fallbacks, handoffs, clarifications, clarifications_resolved, small_talk, customer_messages } = this.counters;
    const botTurns = answered + fallbacks;
    const total = this.conversations;
    // Per-day counting of the roll-ups can see a conversation reach a human in range after it began before it.
    const reachedHuman = Math.min(this.reachedHuman, total);
    const ratings = ratingCount(this.ratings);
    return {
      conversations: total,
      customerMessages: customer_messages,
      botTurns,
      answered,
      fallbacks,
      handoffs,
      clarifications,
      clarificationsResolved: clarifications_resolved,
      clarifyResolutionRate: ratio(clarifications_resolved, clarifications),
      smallTalk: small_talk,
      answerRate: ratio(answered, botTurns),
      fallbackRate: ratio(fallbacks, botTurns),
      handoffRate: ratio(reachedHuman, total),
      containmentRate: ratio(total - reachedHuman, total),
      ratings,
      satisfaction: ratingMean(this.ratings),
      satisfiedShare: ratio((this.ratings.get(4) ?? 0) + (this.ratings.get(5) ?? 0), ratings),
      botFirstResponseMs: this.measures.bot_first.distribution(),
      humanFirstResponseMs: this.measures.human_first.distribution(),
      handlingMs: this.measures.handling.distribution(),
      queueWaitMs: this.measures.queue_wait.distribution(),
      intents: byCount(this.intents).map(([intent, count]) => ({ intent, count })),
      handoffReasons: byCount(this.reasons).map(([reason, count]) => ({ reason, count })),
      servicers: [...this.servicers.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([servicer, s]) => ({
          servicer,
          handled: s.handled,
          rated: ratingCount(s.ratings),
          satisfaction: ratingMean(s.ratings),
          firstResponseMs: s.firstResponse.distribution(),
          handlingMs: s.handling.distribution(),
        })),
    };
  }
}

function bump<K>(m: Map<K, number>, key: K, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

/** `bot_first_bin` → ['bot_first', 'bin']: the duration cells' metric names. */
export const durationMetric = (measure: Measure, kind: 'bin' | 'sum') => `${measure}_${kind}`;
const DURATION_METRICS: ReadonlyMap<string, readonly [Measure, 'bin' | 'sum']> = new Map(
  MEASURES.flatMap((m) => (['bin', 'sum'] as const).map((k) => [durationMetric(m, k), [m, k] as const] as const)),
);
const COUNTER_NAMES: ReadonlySet<string> = new Set(COUNTERS);
