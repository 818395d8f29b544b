/**
 * GET /admin/api/knowledge/suggestions at its bound: clustering the newest 5,000 kept questions
 * (SUGGESTION_ROWS_READ) on a 1,000-entry knowledge base, and the nearest entry of one page of 50
 * clusters. Measured in Node (pure, synchronous code: wall time is CPU time).
 */
import { SUGGESTION_ROWS_READ } from '../src/admin/suggestions';
import { compileUnderstanding } from '../src/engine/understanding';
import { clusterQuestions, nearestEntry, type KeptQuestion } from '../src/engine/understanding/suggestions';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../test/fixtures/faq-eval';
import { prng, summarise, syntheticKnowledge } from './synthetic';

const RUNS = 5;
const PAGE = 50;

/** Customer questions as they repeat: each drawn from a pool of distinct phrasings, the popular ones more often. */
function keptQuestions(pool: readonly string[], count: number): KeptQuestion[] {
  const random = prng(7);
  return Array.from({ length: count }, (_, i) => ({
    id: `q${i}`,
    at: 1_800_000_000_000 + i * 1000,
    text: pool[Math.floor(random() ** 2 * pool.length)]!,
    zone: i % 3 === 0 ? 'clarify' : 'fallback',
    clicked_entry: null,
  }));
}

export default async function (): Promise<void> {
  const kb = syntheticKnowledge(1000 - FAQ_KNOWLEDGE.length);
  const { index } = compileUnderstanding([...FAQ_KNOWLEDGE, ...kb.entries]);
  const pool = [...new Set([...kb.messages.map((m) => m.text), ...kb.entries.flatMap((e) => e.questions.slice(1)), ...FAQ_HELDOUT.map((h) => h.text)])];
  const rows = keptQuestions(pool, SUGGESTION_ROWS_READ);
  const times: number[] = [];
  let clusters = clusterQuestions(index, rows);
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    clusters = clusterQuestions(index, rows);
    times.push(performance.now() - t);
  }
  const t = performance.now();
  for (const c of clusters.slice(0, PAGE)) nearestEntry(index, c);
  const nearestMs = performance.now() - t;
  const s = summarise(times);
  console.log(`suggestions: ${rows.length} kept questions, ${new Set(rows.map((r) => r.text)).size} distinct phrasings, ${clusters.length} clusters (largest ${clusters[0]?.count ?? 0})`);
  console.table([{ 'cluster 5,000 (ms, median)': s.median.toFixed(0), 'p95 (ms)': s.p95.toFixed(0), [`nearest entry, ${PAGE} clusters (ms)`]: nearestMs.toFixed(0) }]);
}
