import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_WINDOW } from '../../src/engine/budget';
import { EMPTY_CONTEXT } from '../../src/engine/context';
import { compileEngines, decide, type DecideInput } from '../../src/engine/decide';
import { askSemanticForTurn, semanticMayHelp } from '../../src/engine/semantic-turn';
import { compileUnderstanding, understandMessage, type KnowledgeDecision } from '../../src/engine/understanding';
import { EMBED_BATCH, embedTexts, pickWithLlm, rerank } from '../../src/engine/understanding/semantic/ai';
import { reciprocalRankFusion } from '../../src/engine/understanding/semantic/fuse';
import { askSemantic, chooseByScore, inGreyZone, RERANK_AT_MOST, SemanticTimeoutError, type SemanticInput } from '../../src/engine/understanding/semantic/path';
import { decodeVectors, encodedSize, encodeVectors, memoryRecall, quantise, questionRows } from '../../src/engine/understanding/semantic/vectors';
import { ConfigSchema, type SemanticSettings } from '../../src/rules/config';
import { validateConfig } from '../../src/rules/config-validate';
import { CLEAR, GREY, KNOWLEDGE } from '../fixtures/semantic/knowledge';
import { RECORDING, standInAi, type StandIn } from '../fixtures/semantic/stand-in';

const SETTINGS: SemanticSettings = ConfigSchema.parse({ understanding: { semantic: { enabled: true } } }).understanding.semantic;
const understanding = compileUnderstanding(KNOWLEDGE);
const { texts, rows } = questionRows(KNOWLEDGE);
const stored = quantise(texts.map((t) => RECORDING.vectors[t]!), rows);

function inputFor(text: string, settings: Partial<SemanticSettings> = {}): SemanticInput {
  const topics = new Set<string>();
  return { understanding, entries: KNOWLEDGE, text, topics, decision: understandMessage(understanding, text, topics), settings: { ...SETTINGS, ...settings } };
}
const ask = (ai: StandIn, text: string, settings: Partial<SemanticSettings> = {}) => askSemantic({ ai, vectors: async () => memoryRecall(stored) }, inputFor(text, settings));
const reasons = { scores: [], matched: [], unexplained: [], types: [], corrections: [], coverage: 0 };
const entry = KNOWLEDGE[0]!;

afterEach(() => {
  vi.useRealTimers();
});

describe('the grey zone', () => {
  it('is a clarification or a fallback held by doubt; never an answer, small talk or the question-type veto', () => {
    const fallback = (held: KnowledgeDecision['reasons']['held']): KnowledgeDecision => ({ zone: 'fallback', confidence: 0.2, reasons: { ...reasons, held } });
    expect(inGreyZone({ zone: 'clarify', choices: [entry], confidence: 0.4, reasons: { ...reasons, held: 'low_confidence' } })).toBe(true);
    expect(inGreyZone(fallback('low_confidence'))).toBe(true);
    expect(inGreyZone(fallback('no_candidate'))).toBe(true);
    expect(inGreyZone(fallback('near_miss'))).toBe(true);
    expect(inGreyZone(fallback('close_second'))).toBe(true);
    expect(inGreyZone(fallback('question_type'))).toBe(false);
    expect(inGreyZone({ zone: 'answer', entry, confidence: 1, reasons })).toBe(false);
    expect(inGreyZone({ zone: 'smalltalk', kind: 'greeting', confidence: 1, reasons })).toBe(false);
  });

  it('asks the models for a message the embedded matcher doubts', async () => {
    const ai = standInAi();
    expect(inGreyZone(inputFor(GREY.clear.text).decision)).toBe(true);
    expect(await ask(ai, GREY.clear.text)).toEqual({ kind: 'answer', entry: KNOWLEDGE[1], score: 0.92, via: 'reranker' });
    expect(ai.calls.map((c) => c.model)).toEqual([SETTINGS.embedding_model, SETTINGS.reranker_model]);
  });

  it('never asks for an exact question or small talk', async () => {
    const ai = standInAi();
    for (const text of Object.values(CLEAR)) {
      expect(inputFor(text).decision.zone).not.toBe('clarify');
      expect(await ask(ai, text)).toEqual({ kind: 'keep', reason: 'clear_zone' });
    }
    expect(ai.calls).toEqual([]);
  });

  it('skips a version without stored vectors, before any call that costs', async () => {
    const ai = standInAi();
    expect(await askSemantic({ ai, vectors: async () => null }, inputFor(GREY.clear.text))).toEqual({ kind: 'keep', reason: 'no_vectors' });
    expect(ai.calls).toEqual([]);
  });

  it('never offers an entry whose required topic is not active', async () => {
    const knowledge = KNOWLEDGE.map((e) => (e.id === 'refund-time' ? { ...e, requires_context: 'order' } : e));
    const ai = standInAi();
    const input = { ...inputFor(GREY.clear.text), understanding: compileUnderstanding(knowledge), entries: knowledge };
    expect(await askSemantic({ ai, vectors: async () => memoryRecall(stored) }, input)).toEqual({ kind: 'keep', reason: 'below_threshold' });
    const contexts = ai.calls[1]!.inputs['contexts'] as Array<{ text: string }>;
    expect(contexts.some((c) => c.text.startsWith('退款多久到账'))).toBe(false);
    expect(await askSemantic({ ai, vectors: async () => memoryRecall(stored) }, { ...input, topics: new Set(['order']) })).toMatchObject({ kind: 'answer', entry: { id: 'refund-time' } });
  });
});

describe('reciprocal rank fusion (k = 60)', () => {
  it('sums 1 / (60 + rank) over the rankings', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'd'],
    ]);
    expect(fused.map((f) => f.item)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
    expect(fused[3]!.score).toBeCloseTo(1 / 63, 12);
  });

  it('agreement lower down outweighs one first place', () => {
    const rankings = [
      ['x', 'a', 'b', 'y'],
      ['z', 'c', 'd', 'y'],
    ];
    expect(reciprocalRankFusion(rankings).map((f) => f.item)[0]).toBe('y');
    // A small k lets one first place win instead: that is what k = 60 is for.
    expect(reciprocalRankFusion(rankings, 1).map((f) => f.item)[0]).toBe('x');
  });

  it('reranks at most eight fused entries', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, questions: [`退款问题${i}`], answer: `答${i}` }));
    const ai = standInAi();
    const input = { ...inputFor(GREY.clear.text), understanding: compileUnderstanding(many), entries: many };
    const vectors = quantise(many.map((_, i) => RECORDING.vectors[texts[i % texts.length]!]!), many.map((_, i) => i));
    await askSemantic({ ai, vectors: async () => memoryRecall(vectors) }, input);
    expect((ai.calls[1]!.inputs['contexts'] as unknown[]).length).toBe(RERANK_AT_MOST);
  });
});

describe('the reranker decides with answer_at and margin', () => {
  const r = (id: string, score: number) => ({ entry: { ...entry, id }, score });
  it('answers the best entry only when it clears the threshold and leads by the margin', () => {
    const settings = { answer_at: 0.7, margin: 0.15 };
    expect(chooseByScore([r('a', 0.9), r('b', 0.5)], settings)).toMatchObject({ kind: 'answer', entry: { id: 'a' }, score: 0.9 });
    expect(chooseByScore([r('a', 0.9)], settings)).toMatchObject({ kind: 'answer' });
    expect(chooseByScore([r('a', 0.69), r('b', 0.1)], settings)).toEqual({ kind: 'keep', reason: 'below_threshold' });
    expect(chooseByScore([r('a', 0.9), r('b', 0.8)], settings)).toEqual({ kind: 'keep', reason: 'close_second' });
    expect(chooseByScore([], settings)).toEqual({ kind: 'keep', reason: 'below_threshold' });
  });

  it('keeps the embedded decision for a close second or a weak best', async () => {
    expect(await ask(standInAi(), GREY.close.text)).toEqual({ kind: 'keep', reason: 'close_second' });
    expect(await ask(standInAi(), GREY.weak.text)).toEqual({ kind: 'keep', reason: 'below_threshold' });
    expect(await ask(standInAi(), GREY.weak.text, { answer_at: 0.35 })).toMatchObject({ kind: 'answer', entry: { id: 'refund-time' } });
  });
});

describe('the optional LLM', () => {
  const llm_model = '@cf/meta/llama-3.1-8b-instruct-fp8-fast';
  it('settles a close second among the entries that cleared answer_at, and only those are offered', async () => {
    let offered: string[] = [];
    const ai = standInAi({ llm: (ids) => ((offered = ids), { choice: 'shipping-fee' }) });
    expect(await ask(ai, GREY.close.text, { llm_model })).toEqual({ kind: 'answer', entry: KNOWLEDGE[0], score: 0.81, via: 'llm' });
    expect(offered).toEqual(['shipping-fee', 'refund-time']);
    const request = ai.calls[2]!.inputs;
    expect(request['response_format']).toMatchObject({ type: 'json_schema', json_schema: { required: ['choice'] } });
  });

  it('may only pick an id offered or none: anything else keeps the embedded decision', async () => {
    for (const choice of ['invoice', 'none', 'REFUND-TIME']) {
      expect(await ask(standInAi({ llm: () => ({ choice }) }), GREY.close.text, { llm_model })).toEqual({ kind: 'keep', reason: 'llm_none' });
    }
    // A veto of a clear first is the LLM's right too.
    expect(await ask(standInAi({ llm: () => JSON.stringify({ choice: 'none' }) }), GREY.clear.text, { llm_model })).toEqual({ kind: 'keep', reason: 'llm_none' });
    expect(await ask(standInAi({ llm: () => '{"choice": "refund-time"}' }), GREY.clear.text, { llm_model })).toMatchObject({ kind: 'answer', via: 'llm' });
  });

  it('an answer without the {choice} object is a failure, not a silent none', async () => {
    await expect(ask(standInAi({ llm: () => 'refund-time, I think' }), GREY.close.text, { llm_model })).rejects.toThrow(/no \{choice\}/);
  });

  it('is not asked when nothing cleared answer_at', async () => {
    const ai = standInAi({ llm: () => ({ choice: 'refund-time' }) });
    expect(await ask(ai, GREY.weak.text, { llm_model })).toEqual({ kind: 'keep', reason: 'below_threshold' });
    expect(ai.calls).toHaveLength(2);
  });

  it('pickWithLlm reads an id outside those offered as none', async () => {
    const ai = standInAi({ llm: () => ({ choice: 'elsewhere' }) });
    expect(await pickWithLlm(ai, llm_model, '?', [{ id: 'a', question: 'q', answer: 'x' }])).toBeNull();
  });
});

describe('time and failures', () => {
  it('a path slower than timeout_ms gives up, aborts the call and throws (the caller keeps the embedded decision)', async () => {
    vi.useFakeTimers();
    const ai = standInAi({ delayMs: 5000 });
    const result = ask(ai, GREY.clear.text, { timeout_ms: 1500 });
    const rejected = expect(result).rejects.toBeInstanceOf(SemanticTimeoutError);
    await vi.advanceTimersByTimeAsync(1500);
    await rejected;
  });

  it('a model that fails or answers another shape throws', async () => {
    await expect(ask(standInAi({ fail: 'embed' }), GREY.clear.text)).rejects.toThrow('embedding model down');
    await expect(ask(standInAi({ fail: 'rerank' }), GREY.clear.text)).rejects.toThrow('reranker down');
    await expect(rerank({ run: async () => ({ result: [] }) }, 'm', 'q', ['a'])).rejects.toThrow(/no \{response/);
    await expect(embedTexts({ run: async () => ({ data: [[1, 2]] }) }, 'm', ['a', 'b'])).rejects.toThrow(/2 vectors/);
  });

  it('a reranker id outside the contexts is ignored, a context left out scores nothing', async () => {
    const scores = await rerank({ run: async () => ({ response: [{ id: 7, score: 0.99 }, { id: 1, score: 0.5 }] }) }, 'm', 'q', ['a', 'b']);
    expect(scores).toEqual([Number.NEGATIVE_INFINITY, 0.5]);
  });

  it('embeds large bases in batches', async () => {
    const sizes: number[] = [];
    const ai = { run: async (_m: string, inputs: Record<string, unknown>) => ((sizes.push((inputs['text'] as string[]).length), { data: (inputs['text'] as string[]).map(() => [1, 0]) })) };
    expect(await embedTexts(ai, 'm', Array.from({ length: 2 * EMBED_BATCH + 5 }, (_, i) => `q${i}`))).toHaveLength(2 * EMBED_BATCH + 5);
    expect(sizes).toEqual([EMBED_BATCH, EMBED_BATCH, 5]);
  });
});

describe('stored vectors', () => {
  it('round-trip through the compact encoding (Int32 rows, Int8 vectors) and keep the cosine order', async () => {
    const buffer = encodeVectors(stored);
    expect(buffer.byteLength).toBe(encodedSize(texts.length, RECORDING.dims));
    const decoded = decodeVectors(buffer, texts.length, RECORDING.dims);
    expect([...decoded.rows]).toEqual(rows);
    const recalled = await memoryRecall(decoded).recall(RECORDING.vectors['退款多久到账']!, 3);
    expect(recalled[0]).toEqual({ entry: 1, score: expect.closeTo(1, 2) });
    expect(new Set(recalled.map((r) => r.entry)).size).toBe(3);
    expect(() => decodeVectors(buffer, texts.length + 1, RECORDING.dims)).toThrow(RangeError);
  });

  it('bge-m3 vectors of a 5,000-question base fit a KV value (25 MiB)', () => {
    expect(encodedSize(5000, 1024)).toBeLessThan(25 * 1024 * 1024);
  });
});

describe('a turn', () => {
  const config = ConfigSchema.parse({ knowledge: KNOWLEDGE, fallback: { reply: '抱歉没听懂。' }, understanding: { semantic: { enabled: true } } });
  const input = (text: string): DecideInput => ({
    snapshot: { state: 'bot', context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW },
    config,
    engines: compileEngines(config),
    messages: [{ msgid: 'm1', text, sentAt: 1_800_000_000_000 }],
    now: 1_800_000_001_000,
    hours: { isOpen: true },
  });

  it('asks after a doubtful decision and decides again with the hint: answered from the semantic source', async () => {
    const first = decide(input(GREY.clear.text));
    expect(semanticMayHelp(first)).toBe(true);
    const outcome = await askSemanticForTurn({ ai: standInAi(), vectors: async () => memoryRecall(stored) }, input(GREY.clear.text));
    expect(outcome).toMatchObject({ kind: 'answer', entry: { id: 'refund-time' } });
    const second = decide({ ...input(GREY.clear.text), semantic: { entryId: 'refund-time', confidence: 0.92 } });
    expect(second.answered).toBe(true);
    expect(second.replies).toEqual([{ text: KNOWLEDGE[1]!.answer }]);
    expect(second.events).toContainEqual({ type: 'answer', answers: [{ source: 'semantic', id: 'refund-time', confidence: 0.92 }] });
  });

  it('is not asked after an answer or small talk; a hint naming no entry changes nothing', () => {
    expect(semanticMayHelp(decide(input(CLEAR.exact)))).toBe(false);
    expect(semanticMayHelp(decide(input(CLEAR.smalltalk)))).toBe(false);
    const ignored = decide({ ...input(GREY.clear.text), semantic: { entryId: 'no-such-entry', confidence: 0.99 } });
    expect(ignored.answered).toBe(false);
  });
});

describe('config understanding.semantic', () => {
  it('is off by default, with the models, thresholds and store filled in', () => {
    const semantic = ConfigSchema.parse({}).understanding.semantic;
    expect(semantic).toMatchObject({ enabled: false, embedding_model: '@cf/baai/bge-m3', reranker_model: '@cf/baai/bge-reranker-base', store: 'auto' });
    expect([semantic.answer_at, semantic.margin, semantic.timeout_ms, semantic.llm_model]).toEqual([0.7, 0.15, 1500, undefined]);
  });

  it('refuses bad values, each at its path', () => {
    const issues = (semantic: Record<string, unknown>) => {
      const r = validateConfig({ understanding: { semantic } });
      return r.ok ? [] : r.issues.map((i) => [i.path.join('.'), i.message]);
    };
    expect(issues({ answer_at: 1.5 })).toEqual([['understanding.semantic.answer_at', expect.stringMatching(/<=\s*1/)]]);
    expect(issues({ margin: -0.1 })).toEqual([['understanding.semantic.margin', expect.stringMatching(/>=\s*0/)]]);
    expect(issues({ timeout_ms: 20 })).toEqual([['understanding.semantic.timeout_ms', expect.stringMatching(/>=\s*100/)]]);
    expect(issues({ timeout_ms: 1500.5 })).toEqual([['understanding.semantic.timeout_ms', expect.any(String)]]);
    expect(issues({ store: 'redis' })).toEqual([['understanding.semantic.store', expect.stringContaining('kv')]]);
    expect(issues({ llm_model: ' ' })).toEqual([['understanding.semantic.llm_model', expect.any(String)]]);
    expect(issues({ enabled: 'yes' })).toEqual([['understanding.semantic.enabled', expect.any(String)]]);
    expect(issues({ reranker: 'x' }).map(([path]) => path)).toEqual(['understanding.semantic']);
  });
});
