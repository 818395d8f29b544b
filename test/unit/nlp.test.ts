import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_WINDOW } from '../../src/engine/budget';
import { EMPTY_CONTEXT } from '../../src/engine/context';
import { compileEngines, decide, missed, type DecideInput } from '../../src/engine/decide';
import { classifyWithin, NlpTimeoutError, parseClassification, workersAiNlp, type NlpAdapter, type TextGeneration } from '../../src/engine/nlp';
import { ConfigSchema } from '../../src/rules/config';

const INTENTS = ['refund', 'invoice'];
const adapter = (answer: () => Promise<{ intent: string | null; confidence: number }>): NlpAdapter => ({ classify: answer });

afterEach(() => {
  vi.useRealTimers();
});

describe('classifyWithin', () => {
  it('answers the intent offered, clamps the confidence, and reads an intent not offered as none', async () => {
    expect(await classifyWithin(adapter(async () => ({ intent: 'refund', confidence: 1.7 })), '钱能退吗', INTENTS, 1000)).toEqual({ intent: 'refund', confidence: 1 });
    expect(await classifyWithin(adapter(async () => ({ intent: 'weather', confidence: 0.99 })), '今天天气', INTENTS, 1000)).toEqual({ intent: null, confidence: 0 });
  });

  it('gives up after the timeout and aborts the call', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const hanging: NlpAdapter = { classify: (_t, _i, s) => ((signal = s), new Promise(() => {})) };
    const result = classifyWithin(hanging, '钱能退吗', INTENTS, 1500);
    const rejected = expect(result).rejects.toBeInstanceOf(NlpTimeoutError);
    await vi.advanceTimersByTimeAsync(1500);
    await rejected;
    expect(signal?.aborted).toBe(true);
  });

  it("passes the adapter's own failure on", async () => {
    await expect(classifyWithin(adapter(async () => Promise.reject(new Error('AI down'))), 'x', INTENTS, 1000)).rejects.toThrow('AI down');
  });
});

describe('the Workers AI adapter', () => {
  it('asks the model with the intents and reads the JSON in its answer, prose or fence around it', async () => {
    const calls: Array<{ model: string; inputs: Parameters<TextGeneration['run']>[1] }> = [];
    const ai: TextGeneration = {
      run: async (model, inputs) => {
        calls.push({ model, inputs });
        return { response: 'Sure! ```json\n{"intent": "invoice", "confidence": 0.8}\n```' };
      },
    };
    expect(await workersAiNlp(ai, '@cf/some/model').classify('开发票', INTENTS)).toEqual({ intent: 'invoice', confidence: 0.8 });
    expect(calls[0]!.model).toBe('@cf/some/model');
    expect(calls[0]!.inputs.messages[0]!.content).toContain('["refund","invoice"]');
    expect(calls[0]!.inputs.messages[1]).toEqual({ role: 'user', content: '开发票' });
  });

  it('a model answer without the object is a failure (it counts for the breaker), not a silent "none"', () => {
    expect(parseClassification({ intent: null, confidence: 0.2 })).toEqual({ intent: null, confidence: 0.2 });
    expect(parseClassification('{"intent": "none", "confidence": 0.9}')).toEqual({ intent: null, confidence: 0.9 });
    expect(() => parseClassification('I think it is about refunds.')).toThrow(/no \{intent, confidence\}/);
    expect(() => parseClassification('{"intent": "refund"')).toThrow();
  });
});

describe('decide with the adapter’s reading', () => {
  const config = ConfigSchema.parse({
    intents: [
      { name: 'refund', patterns: ['退(货|款)'], answer: '七天无理由退货。' },
      { name: 'invoice', keywords: ['发票'] },
    ],
    fallback: { reply: '抱歉没听懂。' },
    handoff: { after_misses: 2 },
  });
  const input: DecideInput = {
    snapshot: { state: 'bot', context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW },
    config,
    engines: compileEngines(config),
    messages: [{ msgid: 'm1', text: '钱能拿回来吗', sentAt: 1_800_000_000_000 }],
    now: 1_800_000_001_000,
    hours: { isOpen: true },
  };

  it('a first decision that found nothing is a miss; the reading then answers from the intent', () => {
    const first = decide(input);
    expect(missed(first)).toBe(true);
    const second = decide({ ...input, nlp: { intent: 'refund', confidence: 0.9 } });
    expect(missed(second)).toBe(false);
    expect(second.replies).toEqual([{ text: '七天无理由退货。' }]);
    expect(second.events).toContainEqual({ type: 'answer', answers: [{ source: 'nlp', id: 'refund', confidence: 0.9 }] });
    expect(second.events).toContainEqual({ type: 'intent', intent: 'refund', matched: 'nlp' });
  });

  it('an intent without an answer names the turn but the fallback stands', () => {
    const d = decide({ ...input, nlp: { intent: 'invoice', confidence: 0.9 } });
    expect(d.intent).toBe('invoice');
    expect(d.replies).toEqual([{ text: '抱歉没听懂。' }]);
  });

  it('a miss that reaches after_misses is a miss too (the adapter may still answer it)', () => {
    expect(missed(decide({ ...input, snapshot: { ...input.snapshot, misses: 1 } }))).toBe(true);
  });

  it.each(['breaker', 'bot_error'] as const)('forceHandoff %s hands over with the notice and understands nothing', (reason) => {
    const d = decide({ ...input, messages: [{ msgid: 'm2', text: '我要退货', sentAt: 1_800_000_000_000 }], forceHandoff: reason });
    expect(d.handoff).toEqual({ reason, intent: undefined });
    expect(d.events.some((e) => e.type === 'answer' || e.type === 'intent')).toBe(false);
    expect(d.replies).toHaveLength(1);
  });
});

describe('the config document', () => {
  it("the bot section's default object is what parsing an empty bot section gives", () => {
    expect(ConfigSchema.parse({}).bot).toEqual(ConfigSchema.parse({ bot: {} }).bot);
    expect(ConfigSchema.parse({}).bot).toMatchObject({ max_delivery_age_seconds: 48 * 3600, nlp: { enabled: false } });
  });

  it('refuses a delivery age beyond the platform’s 48-hour window', () => {
    expect(ConfigSchema.safeParse({ bot: { max_delivery_age_seconds: 48 * 3600 + 1 } }).success).toBe(false);
  });
});
