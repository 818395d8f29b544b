import { env, SELF } from 'cloudflare:test';
import { MAX_UNRELEASED_VERSIONS } from '../../src/storage/config-store';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import example from '../fixtures/config.example.json';
import { ADMIN, api, migrate, resetStorage } from './support/admin';

/** The config document's versions, validation and the gray release, through the admin API. */

beforeAll(migrate);
beforeEach(resetStorage);

/** The seed's rule (section 2.1) as operators paste it. */
const seedDoc = JSON.parse(`{"tag_rules": [{
  "rule_name": "退货咨询用户",
  "trigger_type": "message_keyword",
  "keywords": ["退货","退款","换货"],
  "action": "add_tag",
  "tag_name": "售后咨询"
}]}`);

const put = async (doc: unknown) => {
  const r = await api('PUT', '/config', { body: doc });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.version as number;
};

describe('config versions', () => {
  it('has no stable document before the first PUT', async () => {
    expect((await api('GET', '/config')).status).toBe(404);
  });

  it('the first version becomes stable; a later one is stored but not live until released', async () => {
    expect(await api('PUT', '/config', { body: seedDoc })).toMatchObject({ status: 200, body: { version: 1 } });
    const stable = await api('GET', '/config');
    expect(stable.body).toEqual(seedDoc);
    expect(stable.headers.get('x-config-version')).toBe('1');

    expect(await put(example)).toBe(2);
    expect((await api('GET', '/config')).body).toEqual(seedDoc);
    expect((await api('GET', '/config/versions')).body.items).toEqual([
      { version: 2, created_at: expect.any(Number), created_by: 'bootstrap', note: null, stable: false, candidate: false },
      { version: 1, created_at: expect.any(Number), created_by: 'bootstrap', note: null, stable: true, candidate: false },
    ]);
    expect((await api('GET', '/config/versions/2')).body).toMatchObject({ version: 2, document: example });
  });

  it('versions are immutable: the same document again is a new version, the old ones unchanged, no route edits one', async () => {
    await put(seedDoc);
    await put(example);
    expect(await put(seedDoc)).toBe(3);
    expect((await api('GET', '/config/versions/1')).body.document).toEqual(seedDoc);
    for (const method of ['PUT', 'DELETE', 'PATCH']) expect((await api(method, '/config/versions/1', { body: example })).status).toBe(404);
    expect((await api('GET', '/config/versions/1')).body.document).toEqual(seedDoc);
  });

  it('keeps a note with a version', async () => {
    await api('PUT', '/config?note=summer%20rules', { body: seedDoc });
    expect((await api('GET', '/config/versions')).body.items[0].note).toBe('summer rules');
  });

  it('refuses an invalid document with issues at exact paths and stores nothing', async () => {
    const bad = structuredClone(example) as Record<string, any>;
    bad.links[0].timezone = 'China/Beijing';
    bad.tag_rules[1].pattern = '订单(?=\\d)';
    const r = await api('PUT', '/config', { body: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toEqual([['tag_rules', 1, 'pattern'], ['links', 0, 'timezone']]);
    expect((await api('GET', '/config/versions')).body.items).toEqual([]);

    const shape = await api('PUT', '/config', { body: { tag_rules: [{ ...seedDoc.tag_rules[0], trigger_type: 'keyword' }] } });
    expect(shape.body.error.issues).toEqual([expect.objectContaining({ path: ['tag_rules', 0, 'trigger_type'] })]);
  });

  it('validate is a dry run', async () => {
    expect((await api('POST', '/config/validate', { body: example })).body).toEqual({ valid: true, issues: [], warnings: [] });
    const bad = await api('POST', '/config/validate', { body: { knowledge: [{ id: 'a', questions: ['q'], answer: 'x', requires_context: 'price' }] } });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ valid: false, issues: [expect.objectContaining({ code: 'unknown_reference', path: ['knowledge', 0, 'requires_context'] })], warnings: [] });
    expect((await api('GET', '/config/versions')).body.items).toEqual([]);
  });

  it('a document over 256 KiB is 413, whether or not Content-Length says so', async () => {
    const huge = JSON.stringify({ sensitive_words: { words: Array.from({ length: 40_000 }, (_, i) => `词${i}`) } });
    expect(new TextEncoder().encode(huge).length).toBeGreaterThan(256 * 1024);
    for (const path of ['/config', '/config/validate']) {
      const r = await api(path === '/config' ? 'PUT' : 'POST', path, { raw: huge });
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('payload_too_large');
    }
    // Streamed without a Content-Length: the bytes that arrive are counted.
    const stream = new Blob([huge]).stream();
    const r = await SELF.fetch('http://edge.test/admin/api/config', { method: 'PUT', headers: { authorization: `Bearer ${ADMIN}` }, body: stream });
    expect(r.status).toBe(413);
    expect((await api('GET', '/config/versions')).body.items).toEqual([]);
  });

  it('keeps at most MAX_UNRELEASED_VERSIONS besides stable and candidate: the oldest others are pruned, and the answer says which', async () => {
    expect(await put(seedDoc)).toBe(1);
    expect(await put(seedDoc)).toBe(2);
    expect((await api('POST', '/release', { body: { version: 2, stage: 'internal', internal: { ids: ['wmStaff'] } } })).status).toBe(200);
    const last = MAX_UNRELEASED_VERSIONS + 5;
    let answer: Record<string, unknown> = {};
    for (let v = 3; v <= last; v++) answer = (await api('PUT', '/config', { body: seedDoc })).body;
    // Versions 3, 4 and 5 were the oldest beyond the quota; 1 (stable) and 2 (candidate) stay.
    expect(answer).toEqual({ version: last, pruned: [5] });
    const kept = ((await api('GET', '/config/versions')).body.items as { version: number }[]).map((i) => i.version);
    expect(kept).toHaveLength(MAX_UNRELEASED_VERSIONS + 2);
    expect(kept.slice(-3)).toEqual([6, 2, 1]);
    for (const v of [3, 4, 5]) expect((await api('GET', `/config/versions/${v}`)).status).toBe(404);
    expect(await env.KV.get('config:v3')).toBeNull();
    expect((await api('GET', '/config')).body).toEqual(seedDoc);
    expect((await api('GET', '/release')).body).toMatchObject({ stable: 1, candidate: 2 });
  });

  it('a version number that is not one is 400; an unknown one 404', async () => {
    expect((await api('GET', '/config/versions/abc')).status).toBe(400);
    expect((await api('GET', '/config/versions/9')).body.error.code).toBe('not_found');
  });
});

describe('release', () => {
  it('before any config: nothing stable, and nothing to release', async () => {
    expect((await api('GET', '/release')).body).toEqual({ stable: null, candidate: null, stage: 'none', percent: 0, internal: { ids: [], tags: [] }, updated_at: null });
    expect((await api('POST', '/release', { body: { version: 1, stage: 'full' } })).status).toBe(409);
  });

  it('internal → percent → full promotes the candidate; GET /config follows the stable version', async () => {
    await put(seedDoc);
    await put(example);
    const internal = await api('POST', '/release', { body: { version: 2, stage: 'internal', internal: { tags: ['内部员工'], ids: ['wmStaff1'] } } });
    expect(internal.body).toMatchObject({ stable: 1, candidate: 2, stage: 'internal', percent: 0, internal: { tags: ['内部员工'], ids: ['wmStaff1'] } });
    expect((await api('POST', '/release', { body: { version: 2, stage: 'percent', percent: 10 } })).body).toMatchObject({ stable: 1, candidate: 2, stage: 'percent', percent: 10 });
    expect((await api('GET', '/release')).body).toMatchObject({ stable: 1, candidate: 2, stage: 'percent', percent: 10, internal: { tags: ['内部员工'] } });
    expect((await api('GET', '/config/versions')).body.items.map((v: { candidate: boolean }) => v.candidate)).toEqual([true, false]);
    expect((await api('POST', '/release', { body: { version: 2, stage: 'full' } })).body).toMatchObject({ stable: 2, candidate: null, stage: 'full' });
    expect((await api('GET', '/config')).body).toEqual(example);
  });

  it('full with an older version goes back to it at once', async () => {
    await put(seedDoc);
    await put(example);
    await api('POST', '/release', { body: { version: 2, stage: 'full' } });
    expect((await api('POST', '/release', { body: { version: 1, stage: 'full' } })).body).toMatchObject({ stable: 1, candidate: null });
    expect((await api('GET', '/config')).body).toEqual(seedDoc);
  });

  it('rollback cancels the candidate and leaves stable alone', async () => {
    await put(seedDoc);
    await put(example);
    await api('POST', '/release', { body: { version: 2, stage: 'percent', percent: 50 } });
    expect((await api('POST', '/release/rollback')).body).toMatchObject({ stable: 1, candidate: null, stage: 'none', percent: 0 });
    expect((await api('POST', '/release/rollback')).status).toBe(200);
  });

  it('refuses unknown versions, the stable one as candidate, and a percent stage without a percent', async () => {
    await put(seedDoc);
    expect((await api('POST', '/release', { body: { version: 7, stage: 'full' } })).status).toBe(404);
    expect((await api('POST', '/release', { body: { version: 1, stage: 'percent', percent: 5 } })).body.error.code).toBe('already_stable');
    const noPercent = await api('POST', '/release', { body: { version: 1, stage: 'percent' } });
    expect(noPercent.status).toBe(400);
    expect(noPercent.body.error.issues).toEqual([expect.objectContaining({ path: ['percent'] })]);
    expect((await api('POST', '/release', { body: { version: 1, stage: 'percent', percent: 101 } })).body.error.issues).toEqual([expect.objectContaining({ path: ['percent'] })]);
    expect((await api('POST', '/release', { body: { version: 1, stage: 'everyone' } })).body.error.issues).toEqual([expect.objectContaining({ path: ['stage'] })]);
  });
});
