/**
 * The matcher's shortcuts (README "Performance") must never change a result: each is checked
 * against the full computation it skips, on the knowledge bases' questions and answers, the dev
 * split, the lexicons and texts built to hit every edge.
 */
import { describe, expect, it } from 'vitest';
import { fold, foldFully } from '../../src/engine/understanding/fold';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { FILLERS } from '../../src/engine/understanding/lexicon/fillers';
import { MARKERS, questionTypes } from '../../src/engine/understanding/question-type';
import { boundaries, hanRuns, segmentAhead } from '../../src/engine/understanding/segments';
import { BUSINESSES, knowledgeBase, split } from '../../eval/dataset';
import { syntheticKnowledge } from '../../bench/synthetic';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../fixtures/faq-eval';

const EDGES = [
  '', ' ', '  ', ' 退货', '退货 ', '退  货', '退\t货', '退\n货', '退货?', '退货??', '退货?!', '退货? ?', '退货，。', '退货。', '——',
  '七天无理由', '两个', '一下', '统一', '十五分钟', '退貨運費', 'ＶＩＰ１２３', 'VIP', 'Σ', 'İ', '㍿', '🙏退货', '退货❤️', '~退货~', '退货～～',
  'ABC退货', '退\u302a货', 'ｔ恤', '…', 'e\u0301', '\u1100\u1161', '가\u11a8', '𠀋退', '\ud800', '退\udc00', '·•°…※★☆♪♫', '\u200d', '\u3000退货', '退货\u00a0',
];
const corpus = [
  ...EDGES,
  ...BUSINESSES.flatMap((b) => knowledgeBase(b).flatMap((e) => [...e.questions, e.answer])),
  ...split('dev').map((i) => i.text),
  ...FAQ_KNOWLEDGE.flatMap((e) => [...e.questions, e.answer]),
  ...FAQ_HELDOUT.map((h) => h.text),
  ...CONCEPTS.flatMap((c) => c.terms),
  ...FILLERS,
  ...syntheticKnowledge(2000).entries.flatMap((e) => e.questions),
];

describe('shortcuts that must not change a result', () => {
  it('fold skips its steps only when none of them would change the text', () => {
    for (const text of corpus) expect(fold(text), text).toBe(foldFully(text));
  });

  it('questionTypes tries only the markers a text can match, and finds what trying them all finds', () => {
    for (const text of corpus.map(fold)) expect(questionTypes(text), text).toEqual(MARKERS.filter(([, marker]) => marker.test(text)).map(([type]) => type));
  });

  it('segmenting many runs in one call splits each run as segmenting it alone does', () => {
    const runs = [...new Set(corpus.flatMap((text) => hanRuns(fold(text))))];
    segmentAhead(runs);
    const alone = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const run of runs) {
      let at = 0;
      const cuts = new Set([0, run.length]);
      for (const { segment } of alone.segment(run)) cuts.add((at += segment.length));
      expect(boundaries(run).cuts, run).toEqual(cuts);
    }
  });
});
