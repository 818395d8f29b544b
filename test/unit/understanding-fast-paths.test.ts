/**
 * The matcher's shortcuts (README "Performance") must never change a result: each is checked
 * against the full computation it skips, on the knowledge bases' questions and answers, the dev
 * split, the lexicons and texts built to hit every edge.
 */
import { describe, expect, it } from 'vitest';
import { collapsedPunctuation, fold, foldFully, foldInert } from '../../src/engine/understanding/fold';
import { simplify, simplifyUnit } from '../../src/rules/simplify';
import { withoutPunctuation } from '../../src/engine/understanding/knowledge-index';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { FILLERS } from '../../src/engine/understanding/lexicon/fillers';
import { MARKERS, questionWords } from '../../src/engine/understanding/question-type';
import { boundaries, hanRuns, repair, segmentAhead } from '../../src/engine/understanding/segments';
import { BUSINESSES, knowledgeBase, split } from '../../eval/dataset';
import { syntheticKnowledge } from '../../bench/synthetic';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../fixtures/faq-eval';

const EDGES = [
  '', ' ', '  ', ' 退货', '退货 ', '退  货', '退\t货', '退\n货', '退货?', '退货??', '退货?!', '退货? ?', '退货，。', '退货。', '——',
  '七天无理由', '两个', '一下', '统一', '十五分钟', '退貨運費', 'ＶＩＰ１２３', 'VIP', 'Σ', 'İ', '㍿', '🙏退货', '退货❤️', '~退货~', '退货～～',
  'ABC退货', '退\u302a货', 'ｔ恤', '…', 'e\u0301', '\u1100\u1161', '가\u11a8', '𠀋退', '\ud800', '退\udc00', '·•°…※★☆♪♫', '\u200d', '\u3000退货', '退货\u00a0',
  // One step needed and not the others, or steps that could make work for each other.
  // WeChat's emoji by name and by code, a bracketed text that is none, and codes holding marks a later step would change.
  '[捂脸]退货[抱拳]', '[流淚]退貨', '/::)退货', '/::~退货', '/:!!!退货', "/::'(", '[订单号]', '[ 捂脸 ]', 'a/b', '[[捂脸]]', '[捂脸]  两个',
  // Question words a marker needs a character of, wherever it stands (好不好, 几块钱, 么 at the end).
  '好不好', '退不退', '不好', '几块', '几块钱', '好几块钱', '十几天', '还是', '但还是', '什么么', '么', '多钱', 'ok吗',
  '兩個', '退貨!!', '退货!!  两个', '!·!', '退货·!', '退货 …', '… 退货', '七天!!', '退货\u00a0 退', 'a  b', '个!!', '退货，，两天', '十两个!', '退 ❤ 货', '。。七',
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

  it('fold skips NFKC only for texts it leaves as they are', () => {
    const inert = (unit: number) => foldInert(String.fromCharCode(unit)) !== 0;
    // No inert unit decomposes, and none is a later part of any character's canonical decomposition (the only ones that compose again), so none composes.
    const decomposing: number[] = [];
    const composing: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) if (inert(unit) && String.fromCharCode(unit).normalize('NFKD') !== String.fromCharCode(unit)) decomposing.push(unit);
    for (let point = 0; point < 0x110000; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const parts = String.fromCodePoint(point).normalize('NFD');
      for (let i = 1; i < parts.length; i++) if (inert(parts.charCodeAt(i))) composing.push(point);
    }
    expect(decomposing).toEqual([]);
    expect(composing).toEqual([]);
    for (const text of corpus) if (foldInert(text) !== 0) expect(text.normalize('NFKC'), text).toBe(text);
  });

  it('collapses repeated punctuation as the regex does', () => {
    const regex = (text: string) => text.replace(/([\p{P}])\p{P}+/gu, '$1');
    for (const text of [...corpus, ...corpus.slice(0, 3000).map((t) => `${t}）。！`)]) expect(collapsedPunctuation(text), text).toBe(regex(text));
    const differing: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      for (const text of [`退${c}${c}货${c}`, `${c}。!${c}a`, `a${c}`]) if (collapsedPunctuation(text) !== regex(text)) differing.push(unit);
    }
    expect(differing).toEqual([]);
    expect(collapsedPunctuation('退货？？！。好')).toBe('退货？好');
  });

  it('fold skips lower case only for texts it leaves as they are', () => {
    const changed: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const text = String.fromCharCode(unit);
      if (foldInert(text) === 2 && text.toLowerCase() !== text) changed.push(unit);
    }
    expect(changed).toEqual([]);
    expect(foldInert('VIP会员')).toBe(1);
    expect(foldInert('vip会员')).toBe(2);
  });

  it('simplify returns a text with no traditional character as it is, and maps the others unit by unit', () => {
    for (const text of corpus) expect(simplify(text), text).toBe(text.split('').map((unit) => String.fromCharCode(simplifyUnit(unit.charCodeAt(0)))).join(''));
  });

  it('withoutPunctuation, which skips its regex where no code unit could match, strips what the regex strips', () => {
    for (const text of corpus.flatMap((t) => [t, fold(t)])) expect(withoutPunctuation(text), text).toBe(text.replace(/[\p{P}\p{S}\s]/gu, ''));
  });

  it('questionWords (and questionTypes, its types) tries only the markers a text can match, and find what trying them all finds', () => {
    const everywhere = MARKERS.map(([, marker]) => new RegExp(marker.source, 'gu'));
    for (const text of corpus.map(fold)) {
      // Every marker tried, in order: a type counts where one of its matches lies outside the earlier types' matches.
      const seen: [number, number][] = [];
      const all = MARKERS.filter(([, marker], i) => {
        if (!marker.test(text)) return false;
        const matches = [...text.matchAll(everywhere[i]!)].map((m): [number, number] => [m.index, m.index + m[0].length]);
        const own = matches.some(([a, b]) => !seen.some(([x, y]) => x <= a && b <= y));
        seen.push(...matches);
        return own;
      }).map(([type]) => type);
      expect(questionWords(text).types, text).toEqual(all);
    }
  });

  it('segmenting many runs in one call splits each run as segmenting it alone does', () => {
    const runs = [...new Set(corpus.flatMap((text) => hanRuns(fold(text))))];
    segmentAhead(runs);
    const alone = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const run of runs) {
      let at = 0;
      const cuts = new Set([0, run.length]);
      for (const segment of repair(run, [...alone.segment(run)].map((s) => s.segment))) cuts.add((at += segment.length));
      expect(boundaries(run).cuts, run).toEqual(cuts);
    }
  });
});
