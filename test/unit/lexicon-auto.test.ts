/**
 * A car dealer's customers (sales and after-sales): the trade's classes, and the trade-neutral
 * readings its messages showed — a closing 了没有, a term running into a question word, and the
 * least of an amount asked (最少, 最低 before 多少) — with the near misses they must still refuse.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { analyze } from '../../src/engine/understanding/analyze';
import { fold } from '../../src/engine/understanding/fold';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const dealer = compileUnderstanding(knowledgeBase('auto'));
const decide = (text: string) => answerOf(dealer, text);
const concepts = (text: string) => analyze(text, dealer.index.lexicon, dealer.index.options).units.map((u) => u.concept);

describe('trade-neutral readings', () => {
  it('a clause closing in 了没有 asks 了没: 修好了没有 is 修好了没, but 来了没有人接 keeps its 没有', () => {
    expect(fold('我的车修好了没有')).toBe('我的车修好了没');
    expect(fold('来了没有人接')).toBe('来了没有人接');
    expect(decide('我的车修好了没有')).toBe('au-repair-progress');
  });

  it('a term running into a question word yields to the longest term inside it', () => {
    expect(concepts('修好没有')).toContain('aftersales.repair');
  });

  it('最少 or 最低 before 多少 asks the amount itself; 最低价 stays a term', () => {
    expect(decide('首付最少交多少')).toBe('au-loan');
    expect(concepts('最低价多少')).toContain('promo.discount');
  });
});

describe('a car dealer', () => {
  it('reads its customers\' words for the car, the test drive, the plate, the recall and a courtesy car', () => {
    expect(decide('临牌怎么办')).toBe('au-plate');
    expect(decide('召回的车要去哪修')).toBe('au-recall');
    expect(decide('代步车怎么申请')).toBe('au-courtesy-car');
    expect(concepts('车半路趴窝了')).toContain('auto.rescue');
    expect(concepts('想试开一下')).toContain('auto.test_drive');
    expect(concepts('新车第一次保养')).toEqual(expect.arrayContaining(['auto.car', 'auto.maintenance']));
  });

  it("reads the trade's English: recall, trade in, test drive", () => {
    expect(decide('recall 怎么查')).toBe('au-recall');
    expect(decide('trade in旧车可以吗')).toBe('au-trade-in');
  });

  it('refuses a claim asked of the renewal entry, and renting a car asked of the price entry', () => {
    expect(decide('车险出险了理赔流程怎么走')).toBe('fallback');
    expect(decide('你们这能租车吗，一天多少钱')).toBe('fallback');
  });
});
