import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { focusOf } from '../../src/engine/understanding/focus';
import { asideAt } from '../../src/engine/understanding/narrative';
import { search } from '../../src/engine/understanding/retrieve';
import { KnowledgeSchema } from '../../src/rules/config';

// A dry cleaner's entries, written for these tests (no eval split uses them).
const entries = [
  { id: 'pickup', questions: ['可以上门取衣服吗', '上门收衣服吗'], answer: '市区免费上门取送' },
  { id: 'hours', questions: ['营业时间是几点到几点', '几点开门'], answer: '每天 9 点到 21 点' },
  { id: 'turnaround', questions: ['洗衣服要几天', '多久能洗好'], answer: '一般 3 天' },
  { id: 'stain', questions: ['污渍能洗掉吗', '油渍洗得掉吗'], answer: '大部分可以洗掉' },
  { id: 'points', questions: ['会员积分怎么用', '积分能抵钱吗'], answer: '100 积分抵 1 元' },
  { id: 'pay', questions: ['支持哪些支付方式'], answer: '微信、支付宝、银行卡' },
].map((e) => KnowledgeSchema.parse(e));
const u = compileUnderstanding(entries);
const focus = (text: string) => [...focusOf(search(u.index, text, 1).analysis)].map((x) => x.text);
const zoneOf = (text: string) => {
  const d = understandMessage(u, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('the focus of a question', () => {
  it('is what the question word attaches to: the word before a final one, the verb after a modal, what follows a leading one', () => {
    expect(focus('支付宝的客服电话是多少')).toContain('客服电话');
    expect(focus('会员卡丢了能补吗')).toContain('补');
    expect(focus('积分能转给别人吗')).toContain('转给别人');
    // What the predicate is said of is asked too: the parking's hours are not the shop's.
    expect(focus('停车场几点开门')).toContain('停车场');
    expect(focus('取件的小哥是男的还是女的')).toEqual(expect.arrayContaining(['男', '女']));
  });

  it('leaves out the object and the place of what is asked, and a statement asks nothing', () => {
    const asked = focus('能上门到学校宿舍取衣服吗');
    expect(asked).toContain('上门');
    expect(asked).not.toContain('学校');
    expect(asked).not.toContain('宿舍');
    expect(focus('汤洒了一袋子')).toEqual([]);
  });

  it('reads a thing something is in or on as where it happened (袋子里, 校服上), not a verb’s complement (带上)', () => {
    expect(asideAt('袋子', '袋子里缺了一样', 0)).toBe(true);
    expect(asideAt('校服', '校服上的油渍', 0)).toBe(true);
    expect(asideAt('带', '带上飞机', 0)).toBe(false);
  });
});

describe('the near-miss veto reads the focus', () => {
  it('answers an entry that explains what is asked, whatever the place or object around it', () => {
    expect(zoneOf('能上门到学校宿舍取衣服吗')).toBe('pickup');
    expect(zoneOf('孩子校服上的油渍能洗掉吗')).toBe('stain');
  });

  it('falls back when the entry leaves what is asked unexplained, however much else it shares', () => {
    for (const text of ['停车场几点开门', '洗衣机几点开门', '取衣服的师傅电话是多少', '会员卡丢了能补吗', '支付宝的客服电话是多少', '积分能转给别人吗', '积分能抵运费吗']) {
      expect(zoneOf(text), text).toBe('fallback');
    }
  });
});

