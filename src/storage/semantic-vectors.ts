/**
 * Each config version's knowledge questions as vectors, for the semantic path
 * (engine/understanding/semantic; README "Semantic path (Workers AI)").
 *
 * Embedded once per version after it is stored or released (`prepareVersionVectors`, run with
 * waitUntil: a failure is logged and never blocks a release; the message path then keeps the
 * embedded decision). Versions are immutable, so the vectors are too: computed once, reused by
 * every later release of the version and cached per isolate.
 *
 * Where: one KV value per version (`semantic:v<N>`, the Int8 encoding of ./vectors, its shape in
 * the key's metadata), or, for large bases, the VECTORIZE index: namespace `v<N>` (`corp:<id>:v<N>`
 * for another corp than the own), ids `<namespace>:<entry>:<question>`, with a KV marker naming the store. `store: "auto"` uses KV up to
 * KV_AUTO_QUESTIONS questions or when there is no VECTORIZE binding.
 */
import { tenantScoped, type Tenant } from '../wecom/corp';
import type { TenantEnv } from './tenant';
import { embedTexts, type SemanticAi } from '../engine/understanding/semantic/ai';
import { bestFirst, decodeVectors, encodedSize, encodeVectors, memoryRecall, quantise, questionRows, type VectorRecall } from '../engine/understanding/semantic/vectors';
import type { Config } from '../rules/config';

export const vectorsKey = (version: number): string => `semantic:v${version}`;
/** A version's Vectorize namespace, also the prefix of its ids (ids are unique across an index's namespaces). */
export const vectorNamespace = (tenant: Tenant, version: number): string => tenantScoped(tenant, `v${version}`);
/** KV's limit for one value (https://developers.cloudflare.com/kv/platform/limits/). */
export const KV_VALUE_LIMIT = 25 * 1024 * 1024;
/** Up to this many questions `auto` keeps a version in KV: ~5 MiB with bge-m3, searched in memory in a few ms. */
export const KV_AUTO_QUESTIONS = 5000;
/** Vectorize takes at most 1,000 vectors per upsert from a Worker, and 100 results per query without metadata. */
const UPSERT_BATCH = 1000;
const QUERY_LIMIT = 100;

/** The slice of a Vectorize index used here (the binding's class satisfies it). */
export interface VectorIndex {
  upsert(vectors: Array<{ id: string; values: number[]; namespace: string }>): Promise<unknown>;
  query(vector: number[], options: { topK: number; namespace: string }): Promise<{ matches: Array<{ id: string; score: number }> }>;
}

export interface SemanticBindings {
  /** Whose vectors: KV is that tenant's already; Vectorize namespaces and this isolate's cache are named by it. */
  tenant: Tenant;
  AI?: SemanticAi | undefined;
  KV: KVNamespace;
  VECTORIZE?: VectorIndex | undefined;
}

interface StoredShape {
  store: 'kv' | 'vectorize';
  model: string;
  dims: number;
  count: number;
}

/** The Worker's bindings seen as the semantic path's (the AI binding's own type only knows model names it was built with). */
export function semanticBindings(env: TenantEnv): SemanticBindings {
  return { tenant: env.TENANT, AI: env.AI as unknown as SemanticAi | undefined, KV: env.KV, VECTORIZE: env.VECTORIZE };
}

export type PrepareOutcome =
  | { done: 'stored'; store: 'kv' | 'vectorize'; count: number }
  | { done: 'skipped'; reason: 'disabled' | 'no_ai_binding' | 'no_questions' | 'already_stored' };

/** Embeds and stores a version's questions unless the semantic path is off or they are stored already. Throws on failure. */
export async function prepareVersionVectors(env: SemanticBindings, version: number, config: Config): Promise<PrepareOutcome> {
  const settings = config.understanding.semantic;
  if (!settings.enabled) return { done: 'skipped', reason: 'disabled' };
  if (!env.AI) return { done: 'skipped', reason: 'no_ai_binding' };
  const { texts, rows } = questionRows(config.knowledge);
  if (texts.length === 0) return { done: 'skipped', reason: 'no_questions' };
  const existing = await env.KV.getWithMetadata<StoredShape>(vectorsKey(version), 'stream');
  await existing.value?.cancel();
  if (existing.metadata?.model === settings.embedding_model) return { done: 'skipped', reason: 'already_stored' };
  const vectors = await embedTexts(env.AI, settings.embedding_model, texts);
  const dims = vectors[0]!.length;
  const store = settings.store === 'auto' ? (texts.length <= KV_AUTO_QUESTIONS || !env.VECTORIZE ? 'kv' : 'vectorize') : settings.store;
  const shape: StoredShape = { store, model: settings.embedding_model, dims, count: texts.length };
  if (store === 'kv') {
    const size = encodedSize(texts.length, dims);
    if (size > KV_VALUE_LIMIT) throw new Error(`${texts.length} questions × ${dims} dimensions need ${size} bytes, over KV's 25 MiB: bind VECTORIZE and use store "vectorize" or "auto"`);
    await env.KV.put(vectorsKey(version), encodeVectors(quantise(vectors, rows)), { metadata: shape });
    return { done: 'stored', store, count: texts.length };
  }
  if (!env.VECTORIZE) throw new Error('understanding.semantic.store "vectorize" needs the VECTORIZE binding (README "Semantic path (Workers AI)")');
  const namespace = vectorNamespace(env.tenant, version);
  const perEntry = new Map<number, number>();
  const items = vectors.map((values, i) => {
    const n = perEntry.get(rows[i]!) ?? 0;
    perEntry.set(rows[i]!, n + 1);
    return { id: `${namespace}:${rows[i]}:${n}`, values, namespace };
  });
  for (let i = 0; i < items.length; i += UPSERT_BATCH) await env.VECTORIZE.upsert(items.slice(i, i + UPSERT_BATCH));
  // The marker last: a version is searched only once all its vectors were handed to Vectorize.
  await env.KV.put(vectorsKey(version), '', { metadata: shape });
  return { done: 'stored', store, count: texts.length };
}

/** For waitUntil: the outcome logged, a failure too (it never reaches the admin's answer). */
export function prepareInBackground(env: SemanticBindings, version: number, config: Config | null): Promise<void> {
  if (!config?.understanding.semantic.enabled) return Promise.resolve();
  return prepareVersionVectors(env, version, config).then(
    (outcome) => console.log(`semantic vectors of version ${version}:`, JSON.stringify(outcome)),
    (e: unknown) => console.warn(`semantic vectors of version ${version} failed; its grey zone keeps the embedded decision:`, String(e)),
  );
}

/** Loaded stores by version and model, this isolate's; a version not stored yet is looked up again next time. */
const loaded = new Map<string, Promise<VectorRecall | null>>();
const LOADED_SIZE = 8;

/** The version's vectors for the message path, or null when none are stored for this model. */
export function loadVersionVectors(env: SemanticBindings, version: number, model: string): Promise<VectorRecall | null> {
  const key = `${env.tenant}\n${version}:${model}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const loading = loadUncached(env, version, model);
  loaded.set(key, loading);
  while (loaded.size > LOADED_SIZE) loaded.delete(loaded.keys().next().value!);
  loading.then(
    (store) => store === null && loaded.delete(key),
    () => loaded.delete(key),
  );
  return loading;
}

async function loadUncached(env: SemanticBindings, version: number, model: string): Promise<VectorRecall | null> {
  const { value, metadata } = await env.KV.getWithMetadata<StoredShape>(vectorsKey(version), 'arrayBuffer');
  if (!metadata || metadata.model !== model || value === null) return null;
  if (metadata.store === 'kv') return memoryRecall(decodeVectors(value, metadata.count, metadata.dims));
  return env.VECTORIZE ? vectorizeRecall(env.VECTORIZE, vectorNamespace(env.tenant, version)) : null;
}

/** Cosine recall through Vectorize (an index created with `--metric=cosine`), each entry once. */
export function vectorizeRecall(index: VectorIndex, namespace: string): VectorRecall {
  return {
    async recall(vector, k) {
      const { matches } = await index.query([...vector], { topK: Math.min(QUERY_LIMIT, k * 4), namespace });
      const best = new Map<number, number>();
      for (const m of matches) {
        // Ids end with `:<entry>:<question>` (the namespace before them may hold colons).
        const entry = Number(m.id.split(':').at(-2));
        if (Number.isInteger(entry) && m.score > (best.get(entry) ?? Number.NEGATIVE_INFINITY)) best.set(entry, m.score);
      }
      return bestFirst(best, k);
    },
  };
}

/** Tests that wipe KV reuse version numbers: they forget this isolate's loaded vectors. */
export function forgetLoadedVectors(): void {
  loaded.clear();
}
