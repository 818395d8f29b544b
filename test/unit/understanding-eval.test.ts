/**
 * The regression guard on understanding: the engine on the frozen test split must not fall below
 * the figures the README records as reached (its block between the `eval:reached` markers), and
 * no test-split question may leak into a knowledge entry or a lexicon.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { ENGLISH } from '../../src/engine/understanding/lexicon/english';
import { FILLERS } from '../../src/engine/understanding/lexicon/fillers';
import { SMALL_TALK } from '../../src/engine/understanding/lexicon/smalltalk';
import { fold } from '../../src/engine/understanding/fold';
import { BUSINESSES, knowledgeBase, split } from '../../eval/dataset';
import { score } from '../../eval/score';
import { engine } from '../../eval/systems';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const block = /<!-- eval:reached (\{.*?\}) -->/s.exec(readme);
const reached = JSON.parse(block?.[1] ?? '{}') as { correct?: number; wrong?: number; oos_fallback?: number };
const test = split('test');

describe('the labelled set', () => {
  it('the test split is as large as written and leaks into no entry or lexicon', () => {
    // The frozen test split holds at least these many questions.
    const inScope = test.filter((i) => i.expected !== 'none');
    expect(inScope.length).toBeGreaterThanOrEqual(260);
    expect(test.length - inScope.length).toBeGreaterThanOrEqual(130);
    const kbs = BUSINESSES.flatMap(knowledgeBase);
    expect(kbs.length).toBeGreaterThanOrEqual(60);
    const written = new Set([
      ...kbs.flatMap((e) => [...e.questions, e.answer]),
      ...CONCEPTS.flatMap((c) => c.terms),
      ...ENGLISH.flatMap((e) => e.terms),
      ...FILLERS,
      ...Object.values(SMALL_TALK).flat(),
    ].map(fold));
    const core = (t: string) => fold(t).replace(/[\p{P}\p{S}\s]/gu, '');
    // Small talk is a closed class of phrases (你好, 谢谢): those may match the lexicon by design.
    const leaked = test.filter((i) => i.class !== 'smalltalk' && written.has(fold(i.text)) && core(i.text).length > 2);
    expect(leaked.map((i) => i.text)).toEqual([]);
  });
});

describe('the engine on the frozen test split', () => {
  const r = score(engine(), test);
  it('reaches at least what the README records', () => {
    expect(block, 'README has no eval:reached block').not.toBeNull();
    expect(r.correct.rate).toBeGreaterThanOrEqual(reached.correct ?? 1);
    expect(r.wrong.rate).toBeLessThanOrEqual(reached.wrong ?? 0);
    expect(r.oosFallback.rate).toBeGreaterThanOrEqual(reached.oos_fallback ?? 1);
  });
});
