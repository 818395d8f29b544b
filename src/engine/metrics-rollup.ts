import { z } from 'zod';
import { type Cell, durationMetric } from './figures';
import { sketchBin } from './latency-sketch';
import { ConversationStateSchema, conversationStep, type Fact, isServicerMeasure, METRIC_EVENT_TYPES, newConversationState } from './metric-facts';
import type { ConversationEventRow } from './metrics';

/**
 * The hourly roll-up of one conversation's exported events: the facts of metric-facts.ts as
 * additive cells keyed by the hour, kf account, channel, variant and config version. Pure; the
 * caller keeps the returned state beside the cells, in the same D1 transaction.
 *
 * Idempotence: the state carries a high-water mark, the (at, id) of the last event folded. Rows
 * at or before it are skipped, so an export replayed after a failure (the Conversation object
 * sends the same rows again when it did not hear D1's answer) adds nothing, and a batch that
 * overlaps one already folded adds only its new rows. This is why the mark lives in D1, not in
 * the object: it commits with the counts or not at all.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** What a roll-up row is keyed by besides the cell (`hour`: the hour's start, UTC ms). config_version 0: the writer did not say. */
export interface RollupKey {
  hour: number;
  open_kfid: string;
  channel: string;
  variant: string;
  config_version: number;
}
export type RollupCell = RollupKey & Cell;

const MarkSchema = z.object({ at: z.number(), id: z.string() });
export const RollupStateSchema = ConversationStateSchema.extend({
  /** The last event folded: rows at or before it were counted already. */
  mark: MarkSchema.nullable(),
  /** The UTC day (ms / DAY_MS) the conversation was last counted, and last counted as reaching a human. */
  day: z.number().nullable(),
  humanDay: z.number().nullable(),
  /** The channel of the last enter_session (its scene), '' before any. */
  channel: z.string(),
});
export type RollupState = z.infer<typeof RollupStateSchema>;

export const newRollupState = (): RollupState => ({ ...newConversationState(), mark: null, day: null, humanDay: null, channel: '' });

/** An exported row (./metrics.ts analyticsRows), whoever's conversation it is. */
export type RollupRow = Omit<ConversationEventRow, 'external_userid'>;

const METRIC_TYPES: ReadonlySet<string> = new Set(METRIC_EVENT_TYPES);
const after = (r: { at: number; id: string }, mark: { at: number; id: string } | null) => mark === null || r.at > mark.at || (r.at === mark.at && r.id > mark.id);
const byTime = (a: RollupRow, b: RollupRow) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Folds one conversation's rows (any order) from `state`; answers the new state and the cells to add. */
export function foldRollup(state: RollupState, rows: readonly RollupRow[]): { state: RollupState; cells: RollupCell[] } {
  const s: RollupState = structuredClone(state);
  const cells = new CellSum();
  const add = (key: RollupKey, metric: string, servicer: string, label: string, n: number) => cells.add({ ...key, metric, servicer, label, n });
  for (const row of [...rows].sort(byTime)) {
    if (!after(row, s.mark)) continue;
    s.mark = { at: row.at, id: row.id };
    // The shadow candidate's rows were never sent: figures of the release comparison only.
    if (row.variant === 'shadow') continue;
    if (row.type === 'enter_session' && typeof row.data?.['scene'] === 'string') s.channel = row.data['scene'];
    if (!METRIC_TYPES.has(row.type)) continue;
    const key: RollupKey = {
      hour: Math.floor(row.at / HOUR_MS) * HOUR_MS,
      open_kfid: row.open_kfid,
      channel: s.channel,
      variant: row.variant ?? 'stable',
      config_version: row.config_version ?? 0,
    };
    const day = Math.floor(row.at / DAY_MS);
    if (s.day !== day) {
      s.day = day;
      add(key, 'conversations', '', '', 1);
    }
    conversationStep(s, row, (f) => {
      if (f.kind === 'human') {
        if (s.humanDay !== day) add(key, 'reached_human', '', '', 1);
        s.humanDay = day;
      } else for (const c of factCells(f)) add(key, c.metric, c.servicer, c.label, c.n);
    });
  }
  return { state: s, cells: cells.list() };
}

/** Cells added up by their key. */
class CellSum {
  private readonly cells = new Map<string, RollupCell>();
  add(c: RollupCell): void {
    const id = JSON.stringify([c.hour, c.open_kfid, c.channel, c.variant, c.config_version, c.metric, c.servicer, c.label]);
    const cell = this.cells.get(id);
    if (cell) cell.n += c.n;
    else this.cells.set(id, { ...c });
  }
  list(): RollupCell[] {
    return [...this.cells.values()];
  }
}

/** Hourly cells as the cells of buckets of `sizeMs` (a day), keyed by the bucket's start and added up. */
export function rebucket(cells: readonly RollupCell[], sizeMs: number): RollupCell[] {
  const sum = new CellSum();
  for (const c of cells) sum.add({ ...c, hour: floorTo(c.hour, sizeMs) });
  return sum.list();
}

/**
 * A fact as the cells Tally.addCell reads back. A rating or duration of a servicer is written
 * twice, once for everyone ('') and once for the servicer, so either reads one row set.
 */
export function factCells(f: Exclude<Fact, { kind: 'human' }>): Cell[] {
  const one = (metric: string, servicer = '', label = '', n = 1): Cell => ({ metric, servicer, label, n });
  switch (f.kind) {
    case 'count':
      return [one(f.counter)];
    case 'intent':
      return [one('intent', '', f.intent)];
    case 'handoff_reason':
      return [one('handoff_reason', '', f.reason)];
    case 'handled':
      return [one('handled', f.servicer)];
    case 'rating': {
      const label = String(f.score);
      return f.servicer ? [one('rating', '', label), one('rating', f.servicer, label)] : [one('rating', '', label)];
    }
    case 'duration': {
      const bin = String(sketchBin(f.ms));
      const of = (servicer: string) => [one(durationMetric(f.measure, 'bin'), servicer, bin), one(durationMetric(f.measure, 'sum'), servicer, '', f.ms)];
      return f.servicer && isServicerMeasure(f.measure) ? [...of(''), ...of(f.servicer)] : of('');
    }
  }
}

/** Where each part of a range [from, to) is read from. */
export interface RangePlan {
  /** Partial hours at the edges: folded from the raw events. */
  raw: Array<[number, number]>;
  /** Whole hours outside whole days: metrics_hourly. */
  hours: Array<[number, number]>;
  /** Whole UTC days: metrics_daily. */
  days: [number, number] | null;
}

export const ceilTo = (t: number, size: number) => Math.ceil(t / size) * size;
export const floorTo = (t: number, size: number) => Math.floor(t / size) * size;
const nonEmpty = (parts: Array<[number, number]>) => parts.filter(([a, b]) => a < b);

export function planRange(from: number, to: number): RangePlan {
  const [hourFrom, hourTo] = [ceilTo(from, HOUR_MS), floorTo(to, HOUR_MS)];
  if (hourFrom >= hourTo) return { raw: [[from, to]], hours: [], days: null };
  const raw = nonEmpty([
    [from, hourFrom],
    [hourTo, to],
  ]);
  const [dayFrom, dayTo] = [ceilTo(hourFrom, DAY_MS), floorTo(hourTo, DAY_MS)];
  if (dayFrom >= dayTo) return { raw, hours: [[hourFrom, hourTo]], days: null };
  return {
    raw,
    hours: nonEmpty([
      [hourFrom, dayFrom],
      [dayTo, hourTo],
    ]),
    days: [dayFrom, dayTo],
  };
}
