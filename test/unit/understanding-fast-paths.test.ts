/**
 * The matcher's shortcuts (README "Performance") must never change a result: each is checked
 * against the full computation it skips, on the knowledge bases' questions and answers, the dev
 * split, the lexicons and texts built to hit every edge.
 */
import { describe, expect, it } from 'vitest';
import { BORROWED_WORDS, borrowedAt, collapsedPunctuation, fold, foldedByUnit, foldFully } from '../../src/engine/understanding/fold';
import { maySpeak, SPOKEN, SPOKEN_FORMS } from '../../src/engine/understanding/spoken-forms';
import { simplify, simplifyUnit } from '../../src/rules/simplify';
import { withoutPunctuation } from '../../src/engine/understanding/knowledge-index';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { FILLERS } from '../../src/engine/understanding/lexicon/fillers';
import { MARKERS, questionWords } from '../../src/engine/understanding/question-type';
import { boundaries, latinWordsAndHanRuns, repair, segmentAhead } from '../../src/engine/understanding/segments';
import { signMask } from '../../src/engine/understanding/signs';
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

/** A text's maximal runs of Han characters. */
const hanRunsOf = (text: string): string[] => {
  const runs: string[] = [];
  latinWordsAndHanRuns(text, [], runs);
  return runs;
};

// Each check walks the whole corpus or all of Unicode: on a loaded machine one can take more than the default 5 s.
describe('shortcuts that must not change a result', { timeout: 90_000 }, () => {
  it('fold skips its steps only when none of them would change the text', () => {
    for (const text of corpus) expect(fold(text), text).toBe(foldFully(text));
  });

  it('fold takes NFKC and lower case unit by unit only where the units give what the whole text gives', () => {
    const allowed = (unit: number) => foldedByUnit(String.fromCharCode(unit)) !== undefined;
    // Each allowed unit alone: NFKC and lower case give one unit, as foldedByUnit says; it decomposes to at most one unit.
    const differing: number[] = [];
    const allowedUnits: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (!allowed(unit)) continue;
      allowedUnits.push(unit);
      const c = String.fromCharCode(unit);
      if (foldedByUnit(c) !== c.normalize('NFKC').toLowerCase() || c.normalize('NFKD').length !== 1 || !allowed(c.normalize('NFKD').charCodeAt(0))) differing.push(unit);
    }
    expect(differing).toEqual([]);
    // None is a later part of any character's canonical decomposition (the only ones that compose with what stands before them), so none composes.
    const composing: number[] = [];
    for (let point = 0; point < 0x110000; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const parts = String.fromCodePoint(point).normalize('NFD');
      for (let i = 1; i < parts.length; i++) if (allowed(parts.charCodeAt(i))) composing.push(point);
    }
    expect(composing).toEqual([]);
    // None has a combining class: a combining mark beside one stays where it is.
    const reordered = allowedUnits.filter((unit) => [`${String.fromCharCode(unit)}\u0316\u0301`, `\u0301${String.fromCharCode(unit)}\u0316`].some((t) => t.normalize('NFD') !== t));
    expect(reordered).toEqual([]);
    const texts = [...corpus, ...corpus.slice(0, 3000).map((t) => `${t}，（Ｂ）！：、。【】`)];
    for (const text of texts) {
      const byUnit = foldedByUnit(text);
      if (byUnit !== undefined) expect(byUnit, text).toBe(text.normalize('NFKC').toLowerCase());
    }
    expect(texts.filter((text) => foldedByUnit(text) !== undefined).length).toBeGreaterThan(texts.length / 2);
    expect(foldedByUnit('ＶＩＰ会员，好吗？')).toBe('vip会员,好吗?');
    expect(foldedByUnit('vip会员')).toBe('vip会员');
    expect(foldedByUnit('㍿')).toBeUndefined();
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

  it('simplify returns a text with no traditional character as it is, and maps the others unit by unit', () => {
    for (const text of corpus) expect(simplify(text), text).toBe(text.split('').map((unit) => String.fromCharCode(simplifyUnit(unit.charCodeAt(0)))).join(''));
  });

  it('fold looks for spoken forms in every text where their regex finds one', () => {
    const forms = new RegExp(SPOKEN_FORMS.source, 'u');
    const spoken = [...Object.keys(SPOKEN), '可唔可以', '[嘛]玩意儿', '啥会儿', '哪地儿'].flatMap((form) => [form, `我${form}`, `退货${form}吗`, `${form}，`, form.slice(0, 1), form.slice(1)]);
    const found = [...corpus, ...spoken].filter((text) => forms.test(text));
    for (const text of found) expect(maySpeak(text), text).toBe(true);
    expect(found.length).toBeGreaterThan(Object.keys(SPOKEN).length * 3);
  });

  it('a borrowed word is found by its first word as the alternation of them all finds it', () => {
    const alternation = new RegExp(`(?:${BORROWED_WORDS.join('|')})(?![a-z0-9])`, 'y');
    const phrases = ['price drop退款', '退款price match吗', 'order no123', 'order nob', '退款status', 'size偏大', 'sizes', 'sizex', 'top up充值', 'top', 'wx', 'wxpay', 'kd到哪', 'kd1'];
    let found = 0;
    // Every alternative starts with a Latin letter or digit: a text with none has no match anywhere (the phrases check that too).
    const latin = corpus.map(fold).filter((text) => /[a-z0-9]/.test(text));
    for (const text of [...latin, ...phrases, '退款吗', ' 退款', ...BORROWED_WORDS.flatMap((w) => [w, `${w}了`, `${w}s`, ` ${w} 吗`])]) {
      for (let at = 0; at <= text.length; at++) {
        alternation.lastIndex = at;
        const expected = alternation.exec(text)?.[0];
        expect(borrowedAt(text, at), `${text} @${at}`).toBe(expected);
        if (expected !== undefined) found += 1;
      }
    }
    expect(found).toBeGreaterThan(BORROWED_WORDS.length * 3);
  });

  it('withoutPunctuation, which strips by a table of code units, strips what the regex strips', () => {
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

  it('Latin words and Han runs are found in one pass as their regexes find them', () => {
    for (const text of corpus.flatMap((t) => [t, fold(t), `${t}ab12`, `x${t}`])) {
      const starts: number[] = [];
      const runs: string[] = [];
      const words = latinWordsAndHanRuns(text, starts, runs);
      const latin = [...text.matchAll(/[a-z0-9]+/g)];
      expect(words, text).toEqual(latin.map((m) => m[0]));
      expect(starts, text).toEqual(latin.map((m) => m.index));
      expect(runs, text).toEqual(text.match(/\p{Script=Han}+/gu) ?? []);
    }
  });

  it('signMask sets the bit of every pattern that matches a text', () => {
    const patterns = [...MARKERS.map(([, marker]) => marker), /[饭餐]|外卖/u, /[寄发送运邮递](?:到|去|往)[^]*?(?:几天|多久)/u, /\d[元块]?的?(?:套餐)?[换改降]/u, /(?<=[没找])\p{Script=Han}{1,3}的地方/u, /a[bc]?d/u];
    const mayMatch = signMask(patterns);
    const texts = [...corpus.map(fold), '寄到北京要几天', '订的外卖没到', '99的换59的', '找不到开票的地方', 'ad', 'acd'];
    let matched = 0;
    for (const text of texts)
      patterns.forEach((pattern, p) => {
        if (!pattern.test(text)) return;
        matched += 1;
        expect(mayMatch(text) & (1 << p), `${pattern.source} ${text}`).not.toBe(0);
      });
    expect(matched).toBeGreaterThan(1000);
    // Signs say what a text lacks: most texts are spared most patterns.
    expect(mayMatch('羽绒服有货吗') & (1 << (MARKERS.length + 1))).toBe(0);
  });

  it('segmenting many runs in one call splits each run as segmenting it alone does', () => {
    const runs = [...new Set(corpus.flatMap((text) => hanRunsOf(fold(text))))];
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
