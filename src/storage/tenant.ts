import type { Env } from '../env';
import { OWN_TENANT, tenantScoped, type Tenant } from '../wecom/corp';
import { createDb, type Db } from './db';

/**
 * What per-corp code takes instead of the Worker's env: the same bindings, its tenant named, and
 * KV seen through the tenant's key prefix (src/wecom/corp.ts tenantScoped), so every KV key a
 * corp's code writes is that corp's without each helper building prefixes. The own corp's KV is
 * the binding itself: its keys stay exactly what they were before many corps.
 */
export type TenantEnv = Env & { readonly TENANT: Tenant };

export function tenantEnv(env: Env, tenant: Tenant): TenantEnv {
  if ('TENANT' in env) throw new Error('tenantEnv takes the Worker env, not one already scoped');
  return { ...env, KV: tenantKv(env.KV, tenant), TENANT: tenant };
}

/** The tenant of an env: its own when scoped, else the deployment's own corp. */
export const tenantOfEnv = (env: Env): Tenant => ('TENANT' in env ? (env as TenantEnv).TENANT : OWN_TENANT);

/** A D1 handle bound to its tenant: every query in src/storage filters and writes `corp_id` by it. */
export type TenantDb = Db & { readonly tenant: Tenant };

/**
 * drizzle's handle is made once per D1 binding, for the isolate's life: making one reads the whole
 * schema into its relational config (~0.1 ms warm, more before the code is optimised), and a turn
 * asks for one twice. It keeps no state between queries; each tenant's view of it only adds
 * `tenant`.
 */
const handles = new WeakMap<D1Database, Db>();

export function tenantDb(env: TenantEnv): TenantDb {
  let db = handles.get(env.DB);
  if (!db) handles.set(env.DB, (db = createDb(env.DB)));
  return Object.assign(Object.create(db) as Db, { tenant: env.TENANT });
}

/** The KV namespace with every key under the tenant's prefix (list names answered without it). */
export function tenantKv(kv: KVNamespace, tenant: Tenant): KVNamespace {
  if (tenant === OWN_TENANT) return kv;
  const prefix = tenantScoped(tenant, '');
  const scoped = (key: unknown): string => {
    if (typeof key !== 'string') throw new Error('a tenant-scoped KV reads one key at a time');
    return prefix + key;
  };
  const view = {
    get: (key: unknown, options?: unknown) => kv.get(scoped(key), options as never),
    getWithMetadata: (key: unknown, options?: unknown) => kv.getWithMetadata(scoped(key), options as never),
    put: (key: string, value: never, options?: KVNamespacePutOptions) => kv.put(scoped(key), value, options),
    delete: (key: string) => kv.delete(scoped(key)),
    list: async (options: KVNamespaceListOptions = {}) => {
      const page = await kv.list({ ...options, prefix: prefix + (options.prefix ?? '') });
      return { ...page, keys: page.keys.map((k) => ({ ...k, name: k.name.slice(prefix.length) })) };
    },
  };
  return view as unknown as KVNamespace;
}
