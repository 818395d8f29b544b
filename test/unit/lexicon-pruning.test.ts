import { describe, expect, it } from 'vitest';
import { pruneLexicon } from '../../scripts/lexicon-pruning';
import { rewrite } from '../../scripts/prune-lexicon';

const reasonsOf = (classes: { id: string; terms: string[] }[]) => pruneLexicon(classes).pruned.map((p) => `${p.concept} ${p.term} ${p.reason}`);

describe('pruning the concept lexicon', () => {
  it('drops a term read as its class without it, and keeps one that leaves a word unexplained', () => {
    // 怎么发货 is a question and 发货; 寄出快 would leave 快 to explain.
    expect(reasonsOf([{ id: 'delivery.ship', terms: ['发货', '寄出', '怎么发货', '寄出快'] }])).toEqual(['delivery.ship 怎么发货 redundant']);
  });

  it('drops a term cutting a question word, which yields to the term inside it', () => {
    // 运费多少钱 reads 运费 and the question word 多少钱 with 运费多少 or without it.
    expect(reasonsOf([{ id: 'delivery.fee', terms: ['运费', '运费多少'] }])).toEqual(['delivery.fee 运费多少 redundant']);
    // 发货了吗 differed only typed (fahuoliaoma), which the pinyin channel now reads as 发货 了 吗 without it.
    expect(reasonsOf([{ id: 'delivery.ship', terms: ['发货', '发货了吗'] }])).toEqual(['delivery.ship 发货了吗 redundant']);
  });

  it('drops duplicates in a class and terms an earlier class owns, never a class its first term', () => {
    const classes = [
      { id: 'delivery.ship', terms: ['发货', '出库', '出库'] },
      { id: 'delivery.slow', terms: ['发货', '物流慢', '出库'] },
    ];
    expect(reasonsOf(classes)).toEqual(['delivery.ship 出库 duplicate', 'delivery.slow 出库 taken']);
  });

  it('keeps a term whose removal would let a term overlapping its end take the text', () => {
    const place = { id: 'orders.place', terms: ['下单', '怎么下单'] };
    expect(reasonsOf([place])).toEqual(['orders.place 怎么下单 redundant']);
    // 怎么下单子: with the term, 怎么下单 + 子; without it, 下单子 would be read as an order.
    expect(reasonsOf([place, { id: 'orders.order', terms: ['订单', '下单子'] }])).toEqual([]);
  });

  it('keeps a term that is another class without it', () => {
    expect(reasonsOf([{ id: 'delivery.parcel', terms: ['快递'] }, { id: 'delivery.tracking', terms: ['物流信息', '快递到哪'] }])).toEqual([]);
  });
});

describe('rewriting a concept file', () => {
  it('takes the pruned terms out of their class line and leaves every other line as it was', () => {
    const file = ["export const X = [", "  // ── ship ──", "  { id: 'delivery.ship', terms: ['发货', '发货了吗', '寄出'] },", "  { id: 'delivery.slow', terms: ['物流慢' ] },", '];'].join('\n');
    const { text, removed } = rewrite(file, new Map([['delivery.ship', new Set(['发货了吗'])]]));
    expect(removed).toBe(1);
    expect(text).toBe(file.replace("'发货了吗', ", ''));
  });
});
