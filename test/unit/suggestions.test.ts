import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { clusterQuestions, hashId, nearestEntry, newQuestions, type KeptQuestion } from '../../src/engine/understanding/suggestions';
import { KnowledgeSchema } from '../../src/rules/config';

const entries = [
  { id: 'shipping-fee', questions: ['运费多少', '包邮吗'], answer: '满 99 包邮' },
  { id: 'tracking', questions: ['如何查询物流信息', '快递单号在哪里查看'], answer: '在我的订单里查看物流' },
  { id: 'invoice', questions: ['怎么开发票'], answer: '在订单详情里申请电子发票' },
  { id: 'points', questions: ['积分如何使用'], answer: '100 积分抵 1 元' },
].map((e) => KnowledgeSchema.parse(e));
const { index } = compileUnderstanding(entries);

let n = 0;
const kept = (text: string, extra: Partial<KeptQuestion> = {}): KeptQuestion => ({ id: `q${++n}`, at: 1000 + n, text, zone: 'fallback', clicked_entry: null, ...extra });

describe('clusterQuestions', () => {
  const rows = [
    kept('发票怎么开'),
    kept('积分怎么用'),
    kept('发票怎么开？'),
    kept('积分怎么使用啊'),
    kept('发票怎么开呀', { zone: 'answer' }),
    kept('积分能抵钱吗', { zone: 'clarify' }),
    kept('你们老板是谁'),
    kept('积分怎么用'),
  ];
  const clusters = clusterQuestions(index, rows);
  const holding = (text: string) => clusters.find((c) => c.phrasings.some((p) => p.text === text))!;

  it('groups the same question in other words, the biggest cluster first', () => {
    expect(clusters.map((c) => c.phrasings.map((p) => p.text))).toEqual([['积分怎么用', '积分怎么使用啊', '积分能抵钱吗'], ['发票怎么开', '发票怎么开呀'], ['你们老板是谁']]);
    expect(clusters.map((c) => c.count)).toEqual([4, 3, 1]);
  });

  it('counts every question, lists distinct phrasings (punctuation aside) most frequent first, and says when and in which zones', () => {
    const invoice = holding('发票怎么开');
    expect(invoice.phrasings).toEqual([
      { text: '发票怎么开', count: 2 },
      { text: '发票怎么开呀', count: 1 },
    ]);
    expect(invoice.question_ids.sort()).toEqual([rows[0]!.id, rows[2]!.id, rows[4]!.id].sort());
    expect([invoice.first_seen, invoice.last_seen]).toEqual([rows[0]!.at, rows[4]!.at]);
    expect(invoice.zones).toEqual(['answer', 'fallback']);
    expect(holding('积分怎么用').zones).toEqual(['clarify', 'fallback']);
  });

  it('is deterministic, and a cluster keeps its id (a hash of its leader) while newer questions join it', () => {
    expect(clusterQuestions(index, [...rows].reverse())).toEqual(clusters);
    expect(holding('发票怎么开').id).toBe(hashId('发票怎么开'));
    const grown = clusterQuestions(index, [...rows, kept('发票怎么开啊'), kept('发票怎么开呢')]);
    expect(grown[0]).toMatchObject({ id: hashId('发票怎么开'), count: 5 });
  });

  it('keeps apart what shares little: one word in common is not the same question', () => {
    const texts = ['发票怎么开', '发票抬头写错了', '积分怎么用', '积分兑换的礼品坏了', '快递到哪了', '快递员态度很差'];
    expect(clusterQuestions(index, texts.map((t) => kept(t))).map((c) => c.count)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('puts texts without content (symbols only) in one cluster, and handles no rows', () => {
    expect(clusterQuestions(index, [kept('？？？'), kept('。。。')]).map((c) => c.count)).toEqual([2]);
    expect(clusterQuestions(index, [])).toEqual([]);
  });
});

describe('nearestEntry', () => {
  it('is the matcher’s best entry for the cluster’s phrasings, with its first question', () => {
    const [invoice] = clusterQuestions(index, [kept('发票怎么开'), kept('能开发票吗')]);
    expect(nearestEntry(index, invoice!)).toMatchObject({ id: 'invoice', question: '怎么开发票', source: 'search', clicks: 0 });
    expect(nearestEntry(index, invoice!)!.score).toBeGreaterThan(0.3);
  });

  it('prefers the entry customers clicked in a clarification menu', () => {
    const [c] = clusterQuestions(index, [kept('快递费怎么算', { zone: 'clarify', clicked_entry: 'tracking' }), kept('快递费怎么算', { zone: 'clarify', clicked_entry: 'tracking' })]);
    expect(nearestEntry(index, c!)).toMatchObject({ id: 'tracking', source: 'click', clicks: 2 });
  });

  it('ignores a clicked entry that no longer exists, and answers null when nothing resembles the cluster', () => {
    const [gone] = clusterQuestions(index, [kept('发票怎么开', { clicked_entry: 'deleted-entry' })]);
    expect(nearestEntry(index, gone!)).toMatchObject({ id: 'invoice', source: 'search' });
    const [alien] = clusterQuestions(index, [kept('你们老板是谁')]);
    expect(nearestEntry(index, alien!)).toBeNull();
  });
});

describe('newQuestions', () => {
  const kb = [
    { id: 'invoice', questions: ['怎么开发票'] },
    { id: 'points', questions: ['积分如何使用'] },
  ];

  it('adds new phrasings and skips those the entry or another entry already asks (punctuation and width aside)', () => {
    expect(newQuestions(kb, 'invoice', ['发票怎么开', '怎么开发票？', '积分如何使用', '发票怎么开!', '？？？'])).toEqual({
      added: ['发票怎么开'],
      skipped: [
        { question: '怎么开发票？', reason: 'present', entry_id: 'invoice' },
        { question: '积分如何使用', reason: 'other_entry', entry_id: 'points' },
        { question: '发票怎么开!', reason: 'present', entry_id: 'invoice' },
        // Only punctuation would match every punctuation-only message.
        { question: '？？？', reason: 'no_content', entry_id: 'invoice' },
      ],
    });
  });
});
