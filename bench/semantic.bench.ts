/**
 * The semantic path's in-memory recall (KV store): cosine over every Int8 question vector of a
 * version, the CPU a grey-zone message spends in the Worker beside its Workers AI calls. Random
 * unit vectors at bge-m3's 1,024 dimensions for 1,000 and 5,000 questions (`store: "auto"` keeps
 * up to 5,000 in KV), plus decoding a KV value once per isolate and version. No target is set
 * yet: the figures say whether KV_AUTO_QUESTIONS is a sensible bound.
 */
import { decodeVectors, encodeVectors, memoryRecall, quantise } from '../src/engine/understanding/semantic/vectors';
import { prng, summarise } from './synthetic';

const DIMS = 1024;
const QUERIES = 50;

function unitVectors(count: number, random: () => number): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: DIMS }, () => random() * 2 - 1));
}

export default async function run(): Promise<void> {
  const random = prng(11);
  for (const questions of [1000, 5000]) {
    const stored = quantise(unitVectors(questions, random), Array.from({ length: questions }, (_, i) => Math.floor(i / 2)));
    const buffer = encodeVectors(stored);
    const decodeStart = performance.now();
    const recall = memoryRecall(decodeVectors(buffer, questions, DIMS));
    const decodeMs = performance.now() - decodeStart;
    const samples: number[] = [];
    for (const query of unitVectors(QUERIES, random)) {
      const start = performance.now();
      await recall.recall(query, 24);
      samples.push(performance.now() - start);
    }
    const s = summarise(samples);
    console.log(`${questions} questions (${(buffer.byteLength / 1024 / 1024).toFixed(1)} MiB in KV): decode + norms ${decodeMs.toFixed(1)} ms once; recall median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`);
  }
}
