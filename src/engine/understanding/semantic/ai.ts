/**
 * The three Workers AI calls of the semantic path, with their answers checked: a model that
 * answers something else is a failure (it counts for the breaker), never a silent "no match".
 *
 * - embeddings (`@cf/baai/bge-m3`): `{text: string[]}` → `{shape: [n, dims], data: number[][]}`;
 * - reranking (`@cf/baai/bge-reranker-base`): `{query, contexts: [{text}]}` →
 *   `{response: [{id, score}]}`, `id` the index into `contexts`;
 * - an optional LLM pick: chat messages with `response_format: {type: "json_schema", json_schema}`
 *   → `{response: {choice}}` (some models answer the object as a JSON string).
 */
import { z } from 'zod';

/**
 * The slice of the Workers AI binding the semantic path uses. The binding's own type only accepts
 * model names it knows at compile time; the models here come from the config document.
 */
export interface SemanticAi {
  run(model: string, inputs: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** Texts per embedding call: large knowledge bases are embedded in several calls. */
export const EMBED_BATCH = 100;

const EmbeddingSchema = z.object({ data: z.array(z.array(z.number())).min(1) });
const RerankSchema = z.object({ response: z.array(z.object({ id: z.number().int().min(0), score: z.number() })) });
const PickSchema = z.object({ choice: z.string() });

const options = (signal: AbortSignal | undefined) => (signal ? { signal } : undefined);

/** One vector per text, in order. */
export async function embedTexts(ai: SemanticAi, model: string, texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = texts.slice(i, i + EMBED_BATCH);
    const parsed = EmbeddingSchema.safeParse(await ai.run(model, { text: batch }, options(signal)));
    if (!parsed.success || parsed.data.data.length !== batch.length) throw new Error(`${model} answered no {data: number[][]} with ${batch.length} vectors`);
    const dims = parsed.data.data[0]!.length;
    if (dims === 0 || parsed.data.data.some((v) => v.length !== dims)) throw new Error(`${model} answered vectors of unequal or zero length`);
    out.push(...parsed.data.data);
  }
  if (out.length > 0 && out.some((v) => v.length !== out[0]!.length)) throw new Error(`${model} answered vectors of unequal length across batches`);
  return out;
}

/** The score of every context for the query, by context index; a context the model left out scores nothing. */
export async function rerank(ai: SemanticAi, model: string, query: string, contexts: readonly string[], signal?: AbortSignal): Promise<number[]> {
  const parsed = RerankSchema.safeParse(await ai.run(model, { query, contexts: contexts.map((text) => ({ text })) }, options(signal)));
  if (!parsed.success) throw new Error(`${model} answered no {response: [{id, score}]}`);
  const scores = contexts.map(() => Number.NEGATIVE_INFINITY);
  for (const r of parsed.data.response) if (r.id < contexts.length && Number.isFinite(r.score)) scores[r.id] = r.score;
  return scores;
}

export interface PickCandidate {
  id: string;
  question: string;
  answer: string;
}

export const NONE = 'none';

/**
 * An LLM picks the entry that answers the message among those offered, or none. The JSON schema
 * holds it to the ids offered; an answer outside them reads as none all the same (a model may
 * ignore the schema), so the LLM can only narrow the choice, never add to it.
 */
export async function pickWithLlm(ai: SemanticAi, model: string, message: string, candidates: readonly PickCandidate[], signal?: AbortSignal): Promise<string | null> {
  const ids = candidates.map((c) => c.id);
  const answer = await ai.run(
    model,
    {
      messages: [
        {
          role: 'system',
          content:
            'You match a customer-service message (often Chinese) to FAQ entries. Choose the id of the entry whose answer ' +
            `answers the message, or "${NONE}" when none does or you are unsure. Entries: ${JSON.stringify(candidates)}`,
        },
        { role: 'user', content: message },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { type: 'object', properties: { choice: { type: 'string', enum: [...ids, NONE] } }, required: ['choice'] },
      },
      max_tokens: 32,
      temperature: 0,
    },
    options(signal),
  );
  const response = z.object({ response: z.unknown() }).safeParse(answer);
  const body = response.success ? response.data.response : answer;
  const parsed = PickSchema.safeParse(typeof body === 'string' ? parseJson(body) : body);
  if (!parsed.success) throw new Error(`${model} answered no {choice} object`);
  return ids.includes(parsed.data.choice) ? parsed.data.choice : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
