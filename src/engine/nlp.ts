import { z } from 'zod';
import { withinDeadline } from './deadline';

/**
 * The optional NLP adapter ("集成NLP服务实现复杂语义理解"): asked to name the intent of
 * a message only when the intents' patterns and keywords and the knowledge base found nothing,
 * just before the bot would give the fallback reply. Off by default (`bot.nlp.enabled`).
 *
 * The adapter is the outside world: it may be slow or down. The caller bounds it with
 * `classifyWithin` (bot.nlp.timeout_ms), counts its failures for the circuit breaker, and sends
 * the fallback reply when it fails: an NLP outage never costs the customer their answer.
 */

export interface NlpResult {
  /** One of the intents offered, or null when none fits. */
  intent: string | null;
  /** 0..1 */
  confidence: number;
}

export interface NlpAdapter {
  classify(text: string, intents: readonly string[], signal?: AbortSignal): Promise<NlpResult>;
}

/** An adapter that did not answer in time: counts as a failure, like an exception. */
export class NlpTimeoutError extends Error {
  constructor(ms: number) {
    super(`the NLP adapter did not answer within ${ms} ms`);
    this.name = 'NlpTimeoutError';
  }
}

/** The adapter's answer within `timeoutMs`, else NlpTimeoutError; an intent not offered reads as none. */
export async function classifyWithin(adapter: NlpAdapter, text: string, intents: readonly string[], timeoutMs: number): Promise<NlpResult> {
  const r = await withinDeadline((signal) => adapter.classify(text, intents, signal), timeoutMs, () => new NlpTimeoutError(timeoutMs));
  const confidence = Number.isFinite(r.confidence) ? Math.min(1, Math.max(0, r.confidence)) : 0;
  return r.intent !== null && intents.includes(r.intent) ? { intent: r.intent, confidence } : { intent: null, confidence: 0 };
}

// ── Workers AI ─────────────────────────────────────────────────────────────────

/**
 * The slice of the Workers AI binding this adapter uses: text generation with chat messages.
 * The binding's own type only accepts model names it knows at compile time; the model here
 * comes from the config document.
 */
export interface TextGeneration {
  run(model: string, inputs: { messages: Array<{ role: 'system' | 'user'; content: string }>; max_tokens?: number; temperature?: number }, options?: { signal?: AbortSignal }): Promise<unknown>;
}

const AnswerSchema = z.object({ intent: z.string().nullable(), confidence: z.number() });
const GenerationSchema = z.object({ response: z.unknown() });

/** The JSON object in a model's answer (models like to wrap it in prose or a code fence). */
export function parseClassification(response: unknown): NlpResult {
  const value = typeof response === 'string' ? extractJson(response) : response;
  const parsed = AnswerSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the NLP model answered no {intent, confidence} object: ${JSON.stringify(response).slice(0, 200)}`);
  return { intent: parsed.data.intent === 'none' ? null : parsed.data.intent, confidence: parsed.data.confidence };
}

function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1)) as unknown;
  } catch {
    return undefined;
  }
}

/** Zero-shot intent classification with a Workers AI chat model (env.AI; see README "NLP adapter"). */
export function workersAiNlp(ai: TextGeneration, model: string): NlpAdapter {
  return {
    async classify(text, intents, signal) {
      const answer = await ai.run(
        model,
        {
          messages: [
            {
              role: 'system',
              content:
                'You classify customer-service messages (often Chinese) into intents. ' +
                `Intents: ${JSON.stringify(intents)}. ` +
                'Answer with JSON only: {"intent": <one of the intents, or null when none fits>, "confidence": <0..1>}.',
            },
            { role: 'user', content: text },
          ],
          max_tokens: 64,
          temperature: 0,
        },
        signal ? { signal } : undefined,
      );
      const generation = GenerationSchema.safeParse(answer);
      return parseClassification(generation.success ? generation.data.response : answer);
    },
  };
}
