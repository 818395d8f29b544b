/** The decision-makers `npm run eval` compares: a naive baseline, the engine as it was, the engine, and one ablation per component. */
import { compileUnderstanding, understandMessage, type UnderstandingOptions } from '../src/engine/understanding';
import { DEFAULT_CHANNELS } from '../src/engine/understanding/analyze';
import { compileKnowledge, searchKnowledge } from './baselines/legacy-bm25';
import type { Outcome, System } from './score';

/** Character-bigram overlap with the closest question, answered above a fixed threshold: what a weekend project does. */
export const naive: System = (entries) => {
  const grams = (t: string) => {
    const s = t.replace(/[\p{P}\p{S}\s]/gu, '');
    const out = new Set<string>();
    for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
    return out;
  };
  const questions = entries.flatMap((e) => e.questions.map((q) => ({ id: e.id, grams: grams(q) })));
  return (text) => {
    const m = grams(text);
    let best: { id: string; sim: number } | undefined;
    for (const q of questions) {
      let shared = 0;
      for (const g of m) if (q.grams.has(g)) shared++;
      const sim = shared / Math.max(1, m.size + q.grams.size - shared);
      if (!best || sim > best.sim) best = { id: q.id, sim };
    }
    return best && best.sim >= 0.2 ? { zone: 'answer', id: best.id } : { zone: 'fallback' };
  };
};

/** The knowledge engine before this work, at its default threshold (0.35). */
export const legacy: System = (entries) => {
  const index = compileKnowledge(entries);
  return (text, topics) => {
    const [hit] = searchKnowledge(index, text, { topics, limit: 1 });
    return hit && hit.confidence >= 0.35 ? { zone: 'answer', id: hit.entry.id } : { zone: 'fallback' };
  };
};

export function engine(options: UnderstandingOptions = {}): System {
  return (entries) => {
    const u = compileUnderstanding(entries, options);
    return (text, topics): Outcome => {
      const d = understandMessage(u, text, topics);
      if (d.zone === 'answer') return { zone: 'answer', id: d.entry.id };
      if (d.zone === 'clarify') return { zone: 'clarify', ids: d.choices.map((c) => c.id) };
      return { zone: d.zone };
    };
  };
}

/** One component off at a time. */
export const ABLATIONS: Record<string, UnderstandingOptions> = {
  'no concept lexicon': { builtins: { concepts: false } },
  'no English lexicon': { builtins: { english: false } },
  'no pinyin channel': { analyze: { pinyin: false } },
  'no near-miss veto': { policy: { coverage: 0 } },
  'no question types': { policy: { types: false } },
  'no small talk': { policy: { smallTalk: false } },
  'no clarify zone': { policy: { clarify: false } },
  'no bigrams/characters': { analyze: { channels: { ...DEFAULT_CHANNELS, bigram: 0, char: 0 } } },
  'no topics': { analyze: { channels: { ...DEFAULT_CHANNELS, topic: 0 } } },
};
