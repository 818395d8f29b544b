import { createExecutionContext, env, reset, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/objects/conversation';
import worker from '../../src/index';
import { forgetCachedConfigs } from '../../src/storage/config-store';
import { forgetLoadedVectors, loadVersionVectors, prepareVersionVectors, vectorsKey, type VectorIndex } from '../../src/storage/semantic-vectors';
import { ConfigSchema } from '../../src/rules/config';
import { CLEAR, GREY, KNOWLEDGE } from '../fixtures/semantic/knowledge';
import { RECORDING, standInAi, type StandIn, type StandInOptions } from '../fixtures/semantic/stand-in';
import { deliverAndSettle, resetSim, sim } from './support';
import { ADMIN, api, migrate } from './support/admin';
import { OWN_TENANT } from '../../src/wecom/corp';

/**
 * The semantic path end to end in workerd: vectors embedded when a version is stored or released
 * (KV, or a Vectorize stand-in), and a Conversation asking the path in the grey zone only. Workers
 * AI is remote-only, so the AI binding is the deterministic stand-in of test/fixtures/semantic.
 */

const KF = 'wkSemanticShop001';
const FALLBACK = '抱歉，我没有理解您的问题。';
const CONFIG = {
  links: [{ open_kfid: KF, name: '售后客服', max_concurrent_per_servicer: 50 }],
  knowledge: KNOWLEDGE,
  fallback: { reply: FALLBACK, escalate_after_seconds: 300 },
  understanding: { semantic: { enabled: true, timeout_ms: 1000 } },
  bot: { merge_window_ms: 1000 },
};
const REFUND_ANSWER = KNOWLEDGE[1]!.answer;

/** An admin request through the Worker with the stand-in as its AI binding, waiting for its waitUntil work. */
async function adminWithAi(ai: StandIn, method: string, path: string, body: unknown): Promise<number> {
  const ctx = createExecutionContext();
  const request = new Request(`http://edge.test/admin/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const response = await worker.fetch(request, { ...env, AI: ai as unknown as Ai }, ctx);
  await waitOnExecutionContext(ctx);
  return response.status;
}

const conversation = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`));
const say = async (user: string, text: string) => (await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, text }))).map((m) => m.content);
const events = async (user: string, type: string) => (await conversation(user).view()).events.filter((e) => e.type === type);
/** The customer's conversation asks this stand-in instead of Workers AI. */
async function useAi(user: string, options: StandInOptions = {}): Promise<StandIn> {
  const ai = standInAi(options);
  await runInDurableObject(conversation(user), (instance: Conversation) => {
    instance.semanticBindings = () => ({ tenant: OWN_TENANT, AI: ai, KV: env.KV });
  });
  return ai;
}
const embeddingCalls = (ai: StandIn) => ai.calls.filter((c) => c.model === RECORDING.embedding_model).length;

beforeEach(async () => {
  await reset();
  forgetCachedConfigs();
  forgetLoadedVectors();
  await migrate();
  await resetSim({ accounts: [{ open_kfid: KF }] });
});

describe('vectors per version', () => {
  it('are embedded in batches after PUT /config, kept in KV (Int8, shape in the metadata), and reused when the version is released', async () => {
    const ai = standInAi();
    expect(await adminWithAi(ai, 'PUT', '/config', CONFIG)).toBe(200);
    const { value, metadata } = await env.KV.getWithMetadata(vectorsKey(1), 'arrayBuffer');
    expect(metadata).toEqual({ store: 'kv', model: '@cf/baai/bge-m3', dims: RECORDING.dims, count: 10 });
    expect(value!.byteLength).toBe(10 * (4 + RECORDING.dims));
    expect(embeddingCalls(ai)).toBe(1);
    expect(await adminWithAi(ai, 'POST', '/release', { version: 1, stage: 'full' })).toBe(200);
    expect(embeddingCalls(ai)).toBe(1);
  });

  it('a failing embedding never blocks storing or releasing; the release tries again', async () => {
    expect(await adminWithAi(standInAi({ fail: 'embed' }), 'PUT', '/config', CONFIG)).toBe(200);
    expect(await env.KV.get(vectorsKey(1))).toBeNull();
    expect(await adminWithAi(standInAi({ fail: 'embed' }), 'POST', '/release', { version: 1, stage: 'full' })).toBe(200);
    expect(await env.KV.get(vectorsKey(1))).toBeNull();
    expect(await adminWithAi(standInAi(), 'POST', '/release', { version: 1, stage: 'full' })).toBe(200);
    expect((await env.KV.getWithMetadata(vectorsKey(1))).metadata).toMatchObject({ store: 'kv', count: 10 });
  });

  it('nothing is embedded without the AI binding or with the path off', async () => {
    expect((await api('PUT', '/config', { body: CONFIG })).status).toBe(200);
    const ai = standInAi();
    expect(await adminWithAi(ai, 'PUT', '/config', { ...CONFIG, understanding: {} })).toBe(200);
    expect(ai.calls).toEqual([]);
    expect((await env.KV.list({ prefix: 'semantic:' })).keys).toEqual([]);
  });

  it('go to Vectorize by namespace per version, and are recalled from there', async () => {
    const upserted: Array<{ id: string; values: number[]; namespace: string }> = [];
    const index: VectorIndex = {
      upsert: async (vectors) => void upserted.push(...vectors),
      query: async (vector, { topK, namespace }) => {
        const cos = (v: number[]) => v.reduce((s, x, i) => s + x * vector[i]!, 0) / (Math.hypot(...v) * Math.hypot(...vector));
        const matches = upserted.filter((u) => u.namespace === namespace).map((u) => ({ id: u.id, score: cos(u.values) }));
        return { matches: matches.sort((a, b) => b.score - a.score).slice(0, topK) };
      },
    };
    const config = ConfigSchema.parse({ ...CONFIG, understanding: { semantic: { enabled: true, store: 'vectorize' } } });
    const bindings = { tenant: OWN_TENANT, AI: standInAi(), KV: env.KV, VECTORIZE: index };
    expect(await prepareVersionVectors(bindings, 7, config)).toEqual({ done: 'stored', store: 'vectorize', count: 10 });
    expect(upserted.map((u) => u.id).slice(0, 3)).toEqual(['v7:0:0', 'v7:0:1', 'v7:1:0']);
    expect(new Set(upserted.map((u) => u.namespace))).toEqual(new Set(['v7']));
    const store = await loadVersionVectors(bindings, 7, '@cf/baai/bge-m3');
    expect((await store!.recall(RECORDING.vectors['退款多久到账']!, 2))[0]).toEqual({ entry: 1, score: expect.closeTo(1, 5) });
    // Without the binding the marker alone finds nothing to search: the path is skipped.
    forgetLoadedVectors();
    expect(await loadVersionVectors({ tenant: OWN_TENANT, KV: env.KV }, 7, '@cf/baai/bge-m3')).toBeNull();
    await expect(prepareVersionVectors({ tenant: OWN_TENANT, AI: standInAi(), KV: env.KV }, 8, config)).rejects.toThrow(/needs the VECTORIZE binding/);
  });
});

describe('a conversation', () => {
  beforeEach(async () => {
    expect(await adminWithAi(standInAi(), 'PUT', '/config', CONFIG)).toBe(200);
  });

  it('answers a grey-zone message from the semantic path', async () => {
    await useAi('wmSemOk');
    expect(await say('wmSemOk', GREY.clear.text)).toEqual([REFUND_ANSWER]);
    expect(await events('wmSemOk', 'answer')).toEqual([expect.objectContaining({ answers: [{ source: 'semantic', id: 'refund-time', confidence: 0.92 }] })]);
  });

  it('never asks for a message the embedded matcher is sure of', async () => {
    const ai = await useAi('wmSemClear');
    expect(await say('wmSemClear', CLEAR.exact)).toEqual([REFUND_ANSWER]);
    expect(await say('wmSemClear', CLEAR.smalltalk)).toHaveLength(1);
    expect(ai.calls).toEqual([]);
  });

  it('keeps the embedded decision when the reranker is not convinced', async () => {
    await useAi('wmSemClose');
    expect(await say('wmSemClose', GREY.close.text)).toEqual([FALLBACK]);
    expect(await events('wmSemClose', 'bot_failure')).toEqual([]);
  });

  it('keeps the embedded decision on a timeout or a failure, and counts it for the breaker', async () => {
    await useAi('wmSemSlow', { delayMs: 3000 });
    expect(await say('wmSemSlow', GREY.clear.text)).toEqual([FALLBACK]);
    expect(await events('wmSemSlow', 'bot_failure')).toEqual([expect.objectContaining({ stage: 'semantic', cause: expect.stringContaining('within 1000 ms') })]);
    await useAi('wmSemDown', { fail: 'rerank' });
    expect(await say('wmSemDown', GREY.clear.text)).toEqual([FALLBACK]);
    expect(await events('wmSemDown', 'bot_failure')).toEqual([expect.objectContaining({ stage: 'semantic', cause: expect.stringContaining('reranker down') })]);
  });

  it('skips a version without stored vectors (no call, no failure)', async () => {
    await env.KV.delete(vectorsKey(1));
    forgetLoadedVectors();
    const ai = await useAi('wmSemNoVectors');
    expect(await say('wmSemNoVectors', GREY.clear.text)).toEqual([FALLBACK]);
    expect(ai.calls).toEqual([]);
    expect(await events('wmSemNoVectors', 'bot_failure')).toEqual([]);
  });
});
