import { expect, it } from 'vitest';
import { compileKnowledge, searchKnowledge } from '../../src/engine/knowledge';
import { ConfigSchema } from '../../src/rules/config';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE, scoreFaq, type FaqScore, type Retriever } from '../fixtures/faq-eval';

// The default threshold an operator gets: the figures below are what they would see.
const MIN_CONFIDENCE = ConfigSchema.parse({}).bot.min_confidence;

it('answers the held-out FAQ phrasings accurately and stays quiet out of scope', () => {
  const index = compileKnowledge(FAQ_KNOWLEDGE);
  const retrieve: Retriever = (text, topics) => {
    const hit = searchKnowledge(index, text, { topics, limit: 1 })[0];
    return hit ? { id: hit.entry.id, confidence: hit.confidence } : null;
  };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const report = (name: string, s: FaqScore) =>
    console.log(
      `FAQ ${name} (${FAQ_KNOWLEDGE.length} entries, ${s.inScope} in-scope + ${s.outOfScope} out-of-scope phrasings, min_confidence ${MIN_CONFIDENCE}): ` +
        `top-1 ${pct(s.top1)}, ranked first ${pct(s.rank1)}, wrong answers ${pct(s.wrong)}, false answers out of scope ${pct(s.falseAnswers)}`,
    );
  report('dev', scoreFaq(retrieve, MIN_CONFIDENCE, FAQ_HELDOUT.filter((h) => h.split !== 'test')));
  report('test', scoreFaq(retrieve, MIN_CONFIDENCE, FAQ_HELDOUT.filter((h) => h.split === 'test')));
  const s = scoreFaq(retrieve, MIN_CONFIDENCE);
  report('all', s);
  console.log(`misses:\n  ${s.failures.join('\n  ')}`);
  expect(FAQ_HELDOUT.length).toBeGreaterThanOrEqual(120);
  expect(s.top1).toBeGreaterThanOrEqual(0.82);
  expect(s.rank1).toBeGreaterThanOrEqual(0.85);
  expect(s.wrong).toBeLessThanOrEqual(0.1);
  expect(s.falseAnswers).toBeLessThanOrEqual(0.1);
});
