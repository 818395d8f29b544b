import { describe, expect, it } from 'vitest';
import { readBreakerMirrorOf, writeBreakerMirror } from '../../src/storage/breaker-mirror';
import type { TenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';

/** KV as the mirror uses it, in memory, counting the reads that reach it. */
function memoryKv() {
  const values = new Map<string, unknown>();
  const kv = {
    reads: 0,
    async getWithMetadata(key: string) {
      kv.reads++;
      return { value: values.has(key) ? '' : null, metadata: values.get(key) ?? null };
    },
    async put(key: string, _value: string, options: { metadata: unknown }) {
      values.set(key, options.metadata);
    },
    async delete(key: string) {
      values.delete(key);
    },
  };
  return kv;
}

describe('the breaker mirror as a turn reads it', () => {
  it('reads KV at most once a second per account, and at once again after this isolate wrote', async () => {
    const kv = memoryKv();
    const env = { KV: kv, TENANT: OWN_TENANT } as unknown as TenantEnv;
    const kf = `wkMirror${Math.random().toString(36).slice(2)}`;
    expect(await readBreakerMirrorOf(env, kf, 10_000)).toEqual({ status: 'closed', retryAt: null });
    expect(await readBreakerMirrorOf(env, kf, 10_900)).toEqual({ status: 'closed', retryAt: null });
    expect(kv.reads).toBe(1);
    await writeBreakerMirror(env, kf, { status: 'open', retryAt: 70_000 } as Parameters<typeof writeBreakerMirror>[2]);
    expect(await readBreakerMirrorOf(env, kf, 10_950)).toEqual({ status: 'open', retryAt: 70_000 });
    expect(kv.reads).toBe(2);
    expect(await readBreakerMirrorOf(env, kf, 12_000)).toEqual({ status: 'open', retryAt: 70_000 });
    expect(kv.reads).toBe(3);
  });

  it('keeps each corp’s copy apart: the same open_kfid under two corps is two accounts', async () => {
    const own = memoryKv();
    const other = memoryKv();
    const kf = `wkMirror${Math.random().toString(36).slice(2)}`;
    const envOf = (kv: ReturnType<typeof memoryKv>, tenant: string) => ({ KV: kv, TENANT: tenant }) as unknown as TenantEnv;
    await writeBreakerMirror(envOf(other, 'wwcorpb'), kf, { status: 'open', retryAt: 70_000 } as Parameters<typeof writeBreakerMirror>[2]);
    expect(await readBreakerMirrorOf(envOf(own, OWN_TENANT), kf, 20_000)).toEqual({ status: 'closed', retryAt: null });
    expect(await readBreakerMirrorOf(envOf(other, 'wwcorpb'), kf, 20_100)).toEqual({ status: 'open', retryAt: 70_000 });
    expect([own.reads, other.reads]).toEqual([1, 1]);
  });
});
