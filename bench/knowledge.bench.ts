/**
 * The understanding engine at shop scale, beside the engine it replaced, in the same run:
 * compile time for 5,000 entries (targets: ≤ 300 ms) and CPU per message decision (≤ 1 ms).
 */
import { compileUnderstanding, understandMessage } from '../src/engine/understanding';
import { compileKnowledge, searchKnowledge } from '../eval/baselines/legacy-bm25';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../test/fixtures/faq-eval';
import { summarise, syntheticKnowledge } from './synthetic';

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

export default async function (): Promise<void> {
  const big = syntheticKnowledge(5000 - FAQ_KNOWLEDGE.length);
  const entries = [...FAQ_KNOWLEDGE, ...big.entries];
  const none = new Set<string>();
  const queries = [...big.messages.filter((_, i) => i % 10 === 0).map((m) => m.text), ...FAQ_HELDOUT.map((h) => h.text)];
  const rows: Record<string, string>[] = [];
  const engines: [string, () => (q: string) => unknown][] = [
    ['understanding engine', () => { const u = compileUnderstanding(entries); return (q: string) => understandMessage(u, q, none); }],
    ['engine before (BM25)', () => { const i = compileKnowledge(entries); return (q: string) => searchKnowledge(i, q, { topics: none }); }],
  ];
  for (const [name, build] of engines) {
    const [decideOne, compileMs] = time(build);
    for (const q of queries.slice(0, 50)) decideOne(q); // warm up the JIT
    const s = summarise(queries.map((q) => time(() => decideOne(q))[1]));
    rows.push({ engine: name, 'compile 5k (ms)': compileMs.toFixed(0), 'per message median (ms)': s.median.toFixed(3), 'p95 (ms)': s.p95.toFixed(3) });
  }
  console.log(`knowledge: ${entries.length} entries, ${queries.length} messages`);
  console.table(rows);
  console.log(`understanding / before, per message median: ${(Number(rows[0]!['per message median (ms)']) / Number(rows[1]!['per message median (ms)'])).toFixed(1)}×`);
}
