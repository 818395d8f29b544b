import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UNRELEASED_VERSIONS } from '../../src/storage/config-store';
import example from '../fixtures/config.example.json';
import { fuzzParameters } from '../support/fuzz';
import { api, migrate, resetStorage } from './support/admin';

/**
 * Property-based fuzzing of the admin API's JSON inputs through the real Worker: whatever the
 * body (any JSON, a valid body with one value swapped, not JSON at all), the answer is a success
 * or a 4xx in the one error shape, never a 5xx, and a refused write stores nothing.
 */

beforeAll(migrate);
beforeEach(resetStorage);

const VALID: [string, string, Record<string, unknown>][] = [
  ['PUT', '/config', example as Record<string, unknown>],
  ['POST', '/config/validate', example as Record<string, unknown>],
  ['POST', '/users/wmFuzz/tags', { add: ['VIP'], remove: ['老客户'] }],
  ['POST', '/events', { id: 'e1', external_userid: 'wmFuzz', type: 'campaign_join', ref: 'summer', meta: { a: 1 } }],
  ['POST', '/links', { url: 'https://example.com/x', name: '活动' }],
  ['POST', '/release', { version: 1, stage: 'percent', percent: 10, internal: { ids: ['wmA'], tags: ['内部员工'] } }],
  ['POST', '/tokens', { name: 'fuzz', role: 'viewer' }],
  ['POST', '/knowledge/try', { text: '多少钱' }],
];

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('__proto__', '', ' ', 'V\u200bIP', '\u202e', '\ud800', 'x'.repeat(5000), -1, 1e308, 0.5, null, [], {}),
);
/** A valid body with one top-level value swapped, a key added, or something else entirely. */
const bodyFor = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(valid)), odd).map(([key, value]) => JSON.stringify({ ...valid, [key]: value })),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra'), odd).map(([key, value]) => `${JSON.stringify(valid).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 30 }),
  );

describe('fuzz: admin API JSON inputs', () => {
  it('a refused config document stores nothing: versions are exactly the accepted ones', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodyFor(example as Record<string, unknown>), async (raw) => {
        if ((await api('PUT', '/config', { raw })).status === 200) accepted++;
      }),
      fuzzParameters(25, env as unknown as Record<string, unknown>),
    );
    // The first accepted is stable; of the others the newest MAX_UNRELEASED_VERSIONS are kept.
    expect((await api('GET', '/config/versions')).body.items).toHaveLength(Math.min(accepted, MAX_UNRELEASED_VERSIONS + 1));
  });

  it.each(VALID)('%s %s answers every body with success or a 4xx in the one shape', async (method, path, valid) => {
    await fc.assert(
      fc.asyncProperty(bodyFor(valid), async (raw) => {
        const r = await api(method, path, { raw });
        expect(r.status, `${method} ${path} ${raw.slice(0, 200)}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.body).toEqual({ error: { code: expect.any(String), message: expect.any(String), issues: expect.any(Array) } });
      }),
      fuzzParameters(25, env as unknown as Record<string, unknown>),
    );
  });
});
