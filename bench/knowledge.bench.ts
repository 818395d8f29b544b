/**
 * Why src/engine/knowledge.ts has its own BM25 index rather than MiniSearch: both rank the same
 * tokens (our tokenizer plugged into MiniSearch), measured here on ranking accuracy (the labelled
 * FAQ set, and 5,000 synthetic entries) and on time per search and per build.
 */
import MiniSearch from 'minisearch';
import { compileKnowledge, searchKnowledge, tokenize } from '../src/engine/knowledge';
import type { KnowledgeEntry } from '../src/rules/config';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../test/fixtures/faq-eval';
import { summarise, syntheticKnowledge } from './synthetic';

type Ranker = (text: string, topics: ReadonlySet<string>) => string | undefined;

function ours(entries: KnowledgeEntry[]): Ranker {
  const index = compileKnowledge(entries);
  return (text, topics) => searchKnowledge(index, text, { topics, limit: 1 })[0]?.entry.id;
}

function minisearch(entries: KnowledgeEntry[]): Ranker {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false },
  });
  ms.addAll(entries.map((e, id) => ({ id, text: e.questions.join('\n') })));
  return (text, topics) => {
    const [best] = ms.search(text, {
      filter: (r) => {
        const topic = entries[r.id as number]!.requires_context;
        return topic === undefined || topics.has(topic);
      },
    });
    return best ? entries[best.id as number]!.id : undefined;
  };
}

function rankAccuracy(rank: Ranker, cases: { text: string; expected: string; context?: string[] }[]): number {
  const inScope = cases.filter((c) => c.expected !== 'none');
  return inScope.filter((c) => rank(c.text, new Set(c.context ?? [])) === c.expected).length / inScope.length;
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

export default async function (): Promise<void> {
  const big = syntheticKnowledge(5000);
  const none = new Set<string>();
  const queries = [...big.messages.filter((_, i) => i % 10 === 0).map((m) => m.text), ...FAQ_HELDOUT.map((h) => h.text)];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: Record<string, string>[] = [];
  for (const [name, build] of [['own BM25', ours], ['MiniSearch', minisearch]] as const) {
    const faq = rankAccuracy(build(FAQ_KNOWLEDGE), FAQ_HELDOUT);
    const [rank, buildMs] = time(() => build(big.entries));
    const synthetic = rankAccuracy(rank, big.messages.filter((_, i) => i % 10 === 0));
    for (const q of queries.slice(0, 50)) rank(q, none); // warm up the JIT
    const samples = queries.map((q) => time(() => rank(q, none))[1]);
    const s = summarise(samples);
    rows.push({
      ranker: name,
      'FAQ ranked first': pct(faq),
      '5k synthetic ranked first': pct(synthetic),
      'build 5k (ms)': buildMs.toFixed(0),
      'search median (ms)': s.median.toFixed(3),
      'search p95 (ms)': s.p95.toFixed(3),
    });
  }
  console.log('knowledge retrieval: own BM25 index vs MiniSearch with the same tokenizer');
  console.table(rows);
  const [own, mini] = rows.map((r) => Number(r['search median (ms)']));
  console.log(`MiniSearch / own median search time: ${(mini! / own!).toFixed(1)}×`);
}
