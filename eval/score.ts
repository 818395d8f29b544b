/** Scores a decision-maker on labelled items: outcome shares with Wilson 95% intervals. */
import type { KnowledgeEntry } from '../src/rules/config';
import { knowledgeBase, type Item } from './dataset';

export type Outcome = { zone: 'answer'; id: string } | { zone: 'clarify'; ids: string[] } | { zone: 'fallback' } | { zone: 'smalltalk' };
/** Builds, for one knowledge base, the function that decides a message. */
export type System = (entries: readonly KnowledgeEntry[]) => (text: string, topics: ReadonlySet<string>) => Outcome;

export interface Share {
  k: number;
  n: number;
  rate: number;
  low: number;
  high: number;
}

/** Wilson score interval at 95% (z = 1.96): sound for small n and rates near 0 or 1. */
export function wilson(k: number, n: number): Share {
  if (n === 0) return { k, n, rate: 0, low: 0, high: 0 };
  const z = 1.96;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { k, n, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Report {
  /** In scope: answered with the right entry. */
  correct: Share;
  /** In scope: answered with another entry. */
  wrong: Share;
  clarifiedRight: Share;
  clarifiedWrong: Share;
  /** In scope: fallback or small talk. */
  fallback: Share;
  /** Out of scope: fallback or small talk (nothing answered, nothing offered). */
  oosFallback: Share;
  /** Out of scope: answered with some entry. */
  oosAnswered: Share;
  byClass: Record<string, { correct: number; n: number }>;
  failures: string[];
}

const describe = (o: Outcome) => (o.zone === 'answer' ? o.id : o.zone === 'clarify' ? `clarify[${o.ids.join(',')}]` : o.zone);

export function score(system: System, items: readonly Item[]): Report {
  const deciders = new Map<string, ReturnType<System>>();
  const decider = (kb: string) => deciders.get(kb) ?? deciders.set(kb, system(knowledgeBase(kb))).get(kb)!;
  const c = { correct: 0, wrong: 0, clarifiedRight: 0, clarifiedWrong: 0, fallback: 0, oosFallback: 0, oosAnswered: 0 };
  let inScope = 0;
  let outOfScope = 0;
  const byClass: Report['byClass'] = {};
  const failures: string[] = [];
  for (const item of items) {
    const o = decider(item.kb)(item.text, new Set(item.context ?? []));
    const cls = (byClass[item.class] ??= { correct: 0, n: 0 });
    cls.n++;
    let ok: boolean;
    if (item.expected === 'none') {
      outOfScope++;
      ok = o.zone === 'fallback' || o.zone === 'smalltalk';
      if (ok) c.oosFallback++;
      if (o.zone === 'answer') c.oosAnswered++;
    } else {
      inScope++;
      ok = o.zone === 'answer' && o.id === item.expected;
      if (ok) c.correct++;
      else if (o.zone === 'answer') c.wrong++;
      else if (o.zone === 'clarify') c[o.ids.includes(item.expected) ? 'clarifiedRight' : 'clarifiedWrong']++;
      else c.fallback++;
    }
    if (ok) cls.correct++;
    else failures.push(`[${item.kb}/${item.class}] ${item.text} → ${describe(o)} (expected ${item.expected})`);
  }
  return {
    correct: wilson(c.correct, inScope),
    wrong: wilson(c.wrong, inScope),
    clarifiedRight: wilson(c.clarifiedRight, inScope),
    clarifiedWrong: wilson(c.clarifiedWrong, inScope),
    fallback: wilson(c.fallback, inScope),
    oosFallback: wilson(c.oosFallback, outOfScope),
    oosAnswered: wilson(c.oosAnswered, outOfScope),
    byClass,
    failures,
  };
}
