import { createExecutionContext, env, SELF } from 'cloudflare:test';
import worker from '../../src/index';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex, tokenKey } from '../../src/admin/auth';
import { ADMIN, api, migrate, resetStorage, tokenFor } from './support/admin';

/** Bearer tokens, roles on every route, token lifecycle, the one error shape. */

beforeAll(migrate);
beforeEach(resetStorage);

const errorShape = (code: string) => ({ error: { code, message: expect.any(String), issues: expect.any(Array) } });

describe('authentication', () => {
  it('refuses a missing, malformed or unknown token with 401 in the one error shape', async () => {
    for (const token of [null, '', 'not-a-token', `${ADMIN}x`]) {
      const r = await api('GET', '/config/versions', { token });
      expect(r.status, `token ${token}`).toBe(401);
      expect(r.body).toEqual(errorShape('unauthorized'));
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
    }
    const basic = await SELF.fetch('http://edge.test/admin/api/config/versions', { headers: { authorization: `Basic ${btoa(`x:${ADMIN}`)}` } });
    expect(basic.status).toBe(401);
  });

  it('accepts ADMIN_TOKEN as the bootstrap admin', async () => {
    expect((await api('GET', '/tokens')).status).toBe(200);
  });

  it('every admin answer, errors included, is no-store and nosniff', async () => {
    for (const [method, path, token] of [['GET', '/config', ADMIN], ['GET', '/nope', ADMIN], ['GET', '/config', 'wrong'], ['PUT', '/config', ADMIN]] as const) {
      const r = await SELF.fetch(`http://edge.test/admin/api${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(method === 'PUT' ? { body: '{' } : {}) });
      expect([r.headers.get('cache-control'), r.headers.get('x-content-type-options')], `${method} ${path} → ${r.status}`).toEqual(['no-store', 'nosniff']);
    }
  });

  it('an ADMIN_TOKEN shorter than 32 characters turns the admin API off and says why (503), for every token', async () => {
    const { token } = await tokenFor('admin');
    for (const bearer of ['short-admin-token', token]) {
      const request = new Request('http://edge.test/admin/api/config', { headers: { authorization: `Bearer ${bearer}` } });
      const r = await worker.fetch(request, { ...env, ADMIN_TOKEN: 'short-admin-token' }, createExecutionContext());
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ error: { code: 'misconfigured', message: expect.stringContaining('at least 32'), issues: [] } });
    }
  });

  it('answers unknown admin routes with 404 in the one shape, after authentication', async () => {
    expect((await api('GET', '/nothing-here')).body).toEqual(errorShape('not_found'));
    expect((await api('GET', '/nothing-here', { token: null })).status).toBe(401);
  });
});

describe('tokens', () => {
  it('a token is answered once, listed without its secret, stored hashed, works, and stops working when revoked', async () => {
    const created = await api('POST', '/tokens', { body: { name: 'ops laptop', role: 'operator' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'ops laptop', role: 'operator', token: expect.stringMatching(/^wkt_[A-Za-z0-9_-]{43}$/), created_at: expect.any(Number), corp_id: env.WECOM_CORP_ID });
    const { id, token } = created.body as { id: string; token: string };

    const list = await api('GET', '/tokens');
    expect(list.body.items).toEqual([{ id, name: 'ops laptop', role: 'operator', created_at: expect.any(Number), created_by: 'bootstrap', revoked_at: null, corp_id: env.WECOM_CORP_ID }]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    // Only the hash is a key; the secret itself is stored nowhere.
    expect(await env.KV.get(tokenKey(await sha256Hex(token)), 'json')).toEqual({ id, name: 'ops laptop', role: 'operator', corp: '', created_at: created.body.created_at });
    const stored = await env.KV.list();
    for (const k of stored.keys) expect(`${k.name}=${await env.KV.get(k.name)}`).not.toContain(token);

    expect((await api('GET', '/config/versions', { token })).status).toBe(200);
    expect((await api('POST', '/config/validate', { token, body: {} })).status).toBe(200);

    const revoked = await api('DELETE', `/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, revoked_at: expect.any(Number) });
    expect((await api('GET', '/config/versions', { token })).status).toBe(401);
    expect((await api('POST', '/config/validate', { token, body: {} })).status).toBe(401);
    expect((await api('GET', '/tokens')).body.items[0].revoked_at).toBe(revoked.body.revoked_at);
  });

  it('a revoked token whose KV entry is still cached somewhere can read for that while, but never write', async () => {
    const { id, token } = await tokenFor('operator');
    expect((await api('DELETE', `/tokens/${id}`)).status).toBe(200);
    // What another location may still see for up to KV's cache time.
    await env.KV.put(tokenKey(await sha256Hex(token)), JSON.stringify({ id, name: 'operator-test', role: 'operator' }));
    expect((await api('GET', '/config/versions', { token })).status).toBe(200);
    const write = await api('POST', '/users/wmX/tags', { token, body: { add: ['VIP'] } });
    expect(write.status).toBe(401);
    expect(write.body.error.message).toContain('revoked');
  });

  it('revoking an unknown token is 404', async () => {
    expect((await api('DELETE', '/tokens/nope')).body).toEqual(errorShape('not_found'));
  });

  it('refuses a bad token request with zod issues at exact paths', async () => {
    const r = await api('POST', '/tokens', { body: { name: ' ', role: 'root', extra: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toEqual(expect.arrayContaining([['name'], ['role'], []]));
  });
});

describe('input errors', () => {
  it('malformed JSON is 400 invalid_json with no issues', async () => {
    for (const [method, path] of [['PUT', '/config'], ['POST', '/tokens'], ['POST', '/users/wmX/tags'], ['POST', '/release']]) {
      const r = await api(method!, path!, { raw: '{"name": "x",' });
      expect(r.status, path).toBe(400);
      expect(r.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String), issues: [] } });
    }
  });
});
