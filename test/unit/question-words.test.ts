import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { analyze, DEFAULT_CHANNELS } from '../../src/engine/understanding/analyze';
import { fold } from '../../src/engine/understanding/fold';
import { buildLexicon, compileLexicon } from '../../src/engine/understanding/lexicon';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { questionWords } from '../../src/engine/understanding/question-type';

const typesOf = (text: string) => questionWords(fold(text)).types;
const read = (text: string, lexicon = compileLexicon()) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false });

describe('question words', () => {
  it('reads selling for how much as a price, and counting what was sold as how many (a count, when a measure word counts it)', () => {
    for (const text of ['T恤现在卖多少', '一斤卖多少', '这个卖多少钱', '套餐咋个卖', '这款怎么卖的']) expect(typesOf(text), text).toContain('price');
    for (const text of ['今天卖了多少件', '这款卖出多少了', '库存还剩多少', '一天能卖多少件']) {
      expect(typesOf(text), text).not.toContain('price');
      expect(typesOf(text), text).toContain(/多少[件个]/.test(text) ? 'count' : 'quantity');
    }
  });

  it('answers 卖多少 with the price entry, not with a neighbour on the same goods', () => {
    const u = compileUnderstanding([
      { id: 'price', questions: ['卫衣多少钱', '卫衣怎么卖'], answer: '99 元。' },
      { id: 'wash', questions: ['卫衣怎么洗', '卫衣能机洗吗'], answer: '可以机洗。' },
    ]);
    const d = understandMessage(u, '卫衣现在卖多少');
    expect(d.zone === 'answer' && d.entry.id).toBe('price');
  });
});

describe('built-in terms and question words', () => {
  /** Each built-in term with a question word at its start or end (多久发货, 账单在哪), with its class. */
  const edged = CONCEPTS.flatMap((c) =>
    c.terms.flatMap((t) => {
      const f = fold(t);
      const { ranges } = questionWords(f);
      for (let r = 0; r < ranges.length; r += 2) if (ranges[r] === 0 || ranges[r + 1] === f.length) return [[c.id, f] as const];
      return [];
    }),
  );

  it('holds a question word at a term’s edge only where the word makes the class (走到哪了 is tracking, 到 alone is not)', () => {
    // Read by the lexicon without any such term: when the rest of the term still reads its class,
    // the question word adds nothing and only hides itself from the question type and focus of
    // the message (发票在哪申请 is asked about 申请): the term goes.
    const without = buildLexicon(
      CONCEPTS.map((c) => ({ concept: c.id, terms: c.terms.filter((t) => !edged.some(([id, f]) => id === c.id && f === fold(t))) })),
      { concepts: false },
    );
    // Kept: a leading question word whose rest begins a longer term of another topic, which would
    // take the next words without it (怎么预约|上门取衣 against 预约上门, a visit for repairs).
    const topic = (id: string) => id.slice(0, id.indexOf('.'));
    const starts = CONCEPTS.flatMap((c) => c.terms.map((t) => [topic(c.id), fold(t)] as const));
    const guards = (id: string, f: string) => {
      const { ranges } = questionWords(f);
      const rest = ranges[0] === 0 ? f.slice(ranges[1]) : '';
      return rest !== '' && starts.some(([t, term]) => t !== topic(id) && term.length > rest.length && term.startsWith(rest));
    };
    const redundant = edged.filter(([id, f]) => read(f, without).concepts.has(id) && !guards(id, f)).map(([id, f]) => `${id} ${f}`);
    expect(redundant).toEqual([]);
  });

  it('leaves the question word of 发票在哪申请 to the verb it asks about', () => {
    const analysis = read('发票在哪申请');
    expect(analysis.concepts).not.toContain('invoice.delivery');
    // 在哪 before a verb of doing a thing on a screen asks how to do it, not a place.
    expect(analysis.types).toContain('how');
    expect(analysis.units.map((u) => u.text)).toContain('申请');
  });
});

describe('waiting', () => {
  it('is a question of time about whatever is awaited; queueing, numbers and a wait at the door are the queue’s', () => {
    for (const text of ['外卖还要等多长时间', '快递要等几天', '退款需要等很久吗', '师傅上门还得等多久']) expect(read(text).concepts, text).not.toContain('booking.waiting_time');
    for (const text of ['排队要等多久', '到了还要等吗', '现场取号要多久', '门口等位的人多不多']) expect(read(text).concepts, text).toContain('booking.waiting_time');
  });

  it('answers how long a delivery takes with the delivery entry, not the queue entry', () => {
    const u = compileUnderstanding([
      { id: 'queue', questions: ['到店要排队吗', '排队要多久'], answer: '饭点一般排队 20 分钟，可线上取号。' },
      { id: 'delivery-time', questions: ['外卖多久能送到', '配送要多长时间'], answer: '一般 30-45 分钟送达。' },
    ]);
    for (const text of ['外卖还要等多长时间', '点完外卖要等很久吗']) {
      const d = understandMessage(u, text);
      expect(d.zone === 'answer' && d.entry.id, text).toBe('delivery-time');
    }
    const d = understandMessage(u, '到了还要等吗');
    expect(d.zone === 'answer' && d.entry.id).toBe('queue');
  });

  it('a wait still to come ending its clause asks how long, one told does not', () => {
    for (const text of ['是不是要等很久', '会不会要等好久，我挺急的', '这个得等很久', '师傅上门会很久', '到了还要在门口等很长时间']) expect(read(text).types, text).toContain('duration');
    for (const text of ['我都等了很久了', '已经等很久', '好久没来了', '觉得要很久才能好用', '等了很长时间了']) expect(read(text).types, text).not.toContain('duration');
  });

  it('a span after 了 is how long it was, told, not asked (晚还了几天会怎样, 用了几个月就坏了)', () => {
    for (const text of ['晚还了几天会怎么样', '用了几个月就坏了', '迟到了几分钟还能进吗']) expect(read(text).types, text).not.toContain('duration');
    for (const text of ['要几天', '几个月能回本', '还要等几分钟']) expect(read(text).types, text).toContain('duration');
  });

  it('what was found missing (打开一看汤没有, 发现里面没有) is told, not asked', () => {
    for (const text of ['骑手送来我打开一看汤没有', '拆开发现里面没有', '结果还是没有']) expect(read(text).types, text).not.toContain('yesno');
    for (const text of ['你看下发了没有', '到了没有', '能退不']) expect(read(text).types, text).toContain('yesno');
  });

  it('the few of us (我们几个, 他们几个) are told, not counted', () => {
    for (const text of ['我们几个同事中午在会议室加班', '他们几个都没收到']) expect(read(text).types, text).not.toContain('count');
    for (const text of ['一次能寄几个', '可以补几次']) expect(read(text).types, text).toContain('count');
  });
});
