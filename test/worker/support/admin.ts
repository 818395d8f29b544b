import { applyD1Migrations, env, SELF } from 'cloudflare:test';
import type { D1Migration } from 'cloudflare:test';
import { forgetCachedConfigs } from '../../../src/storage/config-store';

/**
 * Helpers for tests of the admin API and storage: the D1 schema from migrations/ (the same SQL
 * wrangler applies), and a small client that speaks to the real Worker through SELF.
 */

export async function migrate(): Promise<void> {
  await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
}

/**
 * Empties every table and KV key. The test Worker's D1 and KV are shared by the tests of a file,
 * so each test that counts rows or versions starts from here.
 */
export async function resetStorage(): Promise<void> {
  forgetCachedConfigs();
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  ).all<{ name: string }>();
  await env.DB.batch(tables.results.map((t) => env.DB.prepare(`DELETE FROM "${t.name}"`)));
  let cursor: string | undefined;
  do {
    const page = await env.KV.list(cursor ? { cursor } : {});
    await Promise.all(page.keys.map((k) => env.KV.delete(k.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}

export const ADMIN = env.ADMIN_TOKEN;

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A JSON request to /admin/api; `raw` sends a string body as is (for malformed JSON), `form` a
 * multipart/form-data body (fetch sets its boundary).
 */
export async function api<T = any>(method: string, path: string, opts: { token?: string | null; body?: unknown; raw?: string; form?: FormData } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = opts.form ? {} : { 'content-type': 'application/json' };
  const token = opts.token === undefined ? ADMIN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const body = opts.form ?? opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const r = await SELF.fetch(`http://edge.test/admin/api${path}`, { method, headers, body, redirect: 'manual' });
  const text = await r.text();
  let parsed: unknown = text;
  if ((r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: r.status, body: parsed as T, headers: r.headers };
}

/** Creates a token with `role` through the API (as the bootstrap admin) and answers its secret. */
export async function tokenFor(role: 'admin' | 'operator' | 'viewer', name = `${role}-test`): Promise<{ id: string; token: string }> {
  const r = await api('POST', '/tokens', { body: { name, role } });
  if (r.status !== 201) throw new Error(`token creation answered ${r.status}: ${JSON.stringify(r.body)}`);
  return { id: r.body.id, token: r.body.token };
}
