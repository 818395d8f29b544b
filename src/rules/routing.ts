import type { Group, RoutingRule } from './config';

/**
 * Routing: which group takes a handed-off customer, and which servicer in it.
 * Pure: the caller holds loads, duty and the round-robin pointer in one strongly consistent
 * place per kf account and passes them in.
 */

export type Strategy = 'least_busy' | 'round_robin';

export interface RouteInput {
  tags: readonly string[];
  /** The intent of the message that triggered the handoff, else the conversation's last one. */
  intent?: string | null;
  /** The channel code the customer entered through. */
  channel?: string | null;
}

export interface Route {
  /** Absent: every servicer of every group. */
  group?: string;
  strategy: Strategy;
  /** Index of the rule that matched in `routing`, -1 when none did (no default rule). */
  index: number;
}

/**
 * The first rule whose every condition holds (tag AND intent AND channel, those it names).
 * Without a match and without a default rule: every servicer, least busy first.
 */
export function matchRoute(routing: readonly RoutingRule[], input: RouteInput): Route {
  for (const [index, rule] of routing.entries()) {
    if ('default' in rule) return { ...(rule.group === undefined ? {} : { group: rule.group }), strategy: rule.strategy, index };
    const w = rule.when;
    if (w.tag !== undefined && !input.tags.includes(w.tag)) continue;
    if (w.intent !== undefined && w.intent !== input.intent) continue;
    if (w.channel !== undefined && w.channel !== input.channel) continue;
    return { group: rule.group, strategy: rule.strategy ?? 'least_busy', index };
  }
  return { strategy: 'least_busy', index: -1 };
}

/** The servicers a route chooses among, in config order, each once. An unknown group has none. */
export function candidatesFor(groups: readonly Group[], group?: string): string[] {
  const chosen = group === undefined ? groups : groups.filter((g) => g.id === group);
  return [...new Set(chosen.flatMap((g) => g.servicers))];
}

export interface ChooseInput {
  candidates: readonly string[];
  /** Open conversations per servicer on this kf account (absent = 0). */
  loads: Readonly<Record<string, number>>;
  /** Who is on duty: a set of ids, or a map to true/false. */
  onDuty: ReadonlySet<string> | ReadonlyMap<string, boolean>;
  /** The link's max_concurrent_per_servicer. */
  maxConcurrent: number;
  strategy: Strategy;
  /** The servicer round robin gave the last customer (absent: start from the first). */
  rrPointer?: string | null;
  /** The customer's previous servicer: preferred while on duty and under capacity. */
  lastServicer?: string | null;
}

export interface Choice {
  servicer: string;
  /** Store this as the next rrPointer (unchanged unless round robin chose). */
  nextRrPointer: string | null;
  /** Why this servicer: the customer's previous one, or the strategy. */
  reason: 'affinity' | Strategy;
}

const dutyOf = (onDuty: ChooseInput['onDuty'], s: string): boolean =>
  onDuty instanceof Map ? onDuty.get(s) === true : onDuty.has(s);

/**
 * A servicer on duty and below maxConcurrent, or null when everyone is full or off (the caller
 * queues the customer). Affinity only applies within the route's candidates, so a VIP route to
 * the senior group is never bypassed by an earlier junior servicer.
 */
export function chooseServicer(input: ChooseInput): Choice | null {
  const { candidates, loads, maxConcurrent, strategy } = input;
  const pointer = input.rrPointer ?? null;
  const load = (s: string): number => loads[s] ?? 0;
  const available = (s: string): boolean => dutyOf(input.onDuty, s) && load(s) < maxConcurrent;

  const last = input.lastServicer;
  if (last && candidates.includes(last) && available(last)) return { servicer: last, nextRrPointer: pointer, reason: 'affinity' };

  if (strategy === 'round_robin') {
    const from = pointer === null ? 0 : candidates.indexOf(pointer) + 1; // unknown pointer: indexOf -1 → start at 0
    for (let k = 0; k < candidates.length; k++) {
      const s = candidates[(from + k) % candidates.length]!;
      if (available(s)) return { servicer: s, nextRrPointer: s, reason: 'round_robin' };
    }
    return null;
  }

  let best: string | null = null;
  for (const s of candidates) if (available(s) && (best === null || load(s) < load(best))) best = s; // ties: first in order
  return best === null ? null : { servicer: best, nextRrPointer: pointer, reason: 'least_busy' };
}

export interface WaitInput {
  /** Servicers on duty for the route. */
  servicersOnDuty: number;
  maxConcurrent: number;
  /** Average length of a human conversation; 8 minutes unless the caller measured better. */
  averageHandleMinutes?: number;
}

export const DEFAULT_HANDLE_MINUTES = 8;

/**
 * Minutes until the customer at `position` (1 = next) is likely served, for `{wait_minutes}`.
 * With S servicers on duty each holding C conversations lasting H minutes on average, a slot frees
 * every H / (S × C) minutes, so the wait is position × H / (S × C), rounded up, at least 1.
 * Null when nobody is on duty (no honest estimate: the caller says so instead of a number).
 */
export function estimateWaitMinutes(position: number, input: WaitInput): number | null {
  const slots = input.servicersOnDuty * input.maxConcurrent;
  if (slots <= 0) return null;
  const minutes = (Math.max(1, position) * (input.averageHandleMinutes ?? DEFAULT_HANDLE_MINUTES)) / slots;
  return Math.max(1, Math.ceil(minutes));
}
