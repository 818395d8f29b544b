import { describe, expect, it } from 'vitest';
import { fold } from '../../src/engine/understanding/fold';
import { questionWords } from '../../src/engine/understanding/question-type';

const typesOf = (text: string) => questionWords(fold(text)).types;

describe('question words', () => {
  it('reads selling for how much as a price, and counting what was sold as how many', () => {
    for (const text of ['T恤现在卖多少', '一斤卖多少', '这个卖多少钱', '套餐咋个卖', '这款怎么卖的']) expect(typesOf(text), text).toContain('price');
    for (const text of ['今天卖了多少件', '这款卖出多少了', '库存还剩多少', '一天能卖多少件']) {
      expect(typesOf(text), text).not.toContain('price');
      expect(typesOf(text), text).toContain('quantity');
    }
  });
});
