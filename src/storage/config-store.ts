import { and, desc, eq } from 'drizzle-orm';
import { ConfigSchema, type Config } from '../rules/config';
import { validateConfig, type Issue } from '../rules/config-validate';
import { keepAtMost } from '../runtime/keep-at-most';
import { newId } from './db';
import { configVersions, releaseState, type ReleaseStage } from './schema';
import type { Tenant } from '../wecom/corp';
import { tenantDb, type TenantEnv } from './tenant';

/**
 * Versioned config documents and the release state, each corp's own (its tenant's rows and KV
 * keys): a corp starts from the default config and releases on its own.
 *
 * Versions are immutable rows in D1 (the truth). A message must never wait on D1 or on parsing a
 * large document, so `loadConfig` reads through two caches keyed by version: this isolate's
 * memory, then a KV snapshot (`config:v<N>`, the parsed document with defaults applied, written
 * when the version is stored). Immutability makes both caches safe forever: a version's content
 * never changes, only which version is live, and that (`getReleaseState`) is cached for at most
 * one second, so a release decides the next message within a second.
 */

export interface VersionMeta {
  version: number;
  created_at: number;
  /** The admin token id that stored it. */
  created_by: string;
  note: string | null;
}

export interface StoredVersion extends VersionMeta {
  /** The document exactly as submitted (defaults not applied). */
  document: unknown;
}

export interface ReleaseInternal {
  ids: string[];
  tags: string[];
}

export interface ReleaseState {
  stable: number;
  candidate: number | null;
  stage: ReleaseStage;
  /** Share of customers (0-100) on the candidate at the `percent` stage. */
  percent: number;
  /** Who is on the candidate at the `internal` stage (and stays on it at later stages). */
  internal: ReleaseInternal;
  /** Per-release salt of the bucket hash: constant while the candidate stays the same. */
  salt: string;
  updated_at: number;
}

export const snapshotKey = (version: number): string => `config:v${version}`;

/**
 * Stored versions kept besides the stable and the candidate: storing one more prunes the oldest
 * of the others (never a released one), so a stream of PUTs cannot fill D1 and KV.
 */
export const MAX_UNRELEASED_VERSIONS = 100;

export type PutVersionResult = { ok: true; version: number; config: Config; warnings: Issue[]; pruned: number[] } | { ok: false; issues: Issue[] };

/**
 * Validates and stores a new immutable version; the first version ever stored becomes stable.
 * The version number is allocated inside the INSERT itself, so two concurrent PUTs get two
 * versions instead of a lost update.
 */
export async function putVersion(env: TenantEnv, document: unknown, meta: { createdBy: string; note?: string | null; at?: number }): Promise<PutVersionResult> {
  const checked = validateConfig(document);
  if (!checked.ok) return checked;
  const at = meta.at ?? Date.now();
  const [inserted, , pruned] = await env.DB.batch<{ version: number }>([
    env.DB.prepare(
      `INSERT INTO config_versions (corp_id, version, document, created_at, created_by, note)
       SELECT ?5, coalesce(max(version), 0) + 1, ?1, ?2, ?3, ?4 FROM config_versions WHERE corp_id = ?5 RETURNING version`,
    ).bind(JSON.stringify(document), at, meta.createdBy, meta.note ?? null, env.TENANT),
    // `WHERE true` lets SQLite parse the upsert after a SELECT (https://sqlite.org/lang_upsert.html).
    env.DB.prepare(
      `INSERT INTO release_state (corp_id, id, stable, candidate, stage, percent, internal, salt, updated_at)
       SELECT ?3, 1, max(version), NULL, 'none', 0, '{"ids":[],"tags":[]}', ?1, ?2 FROM config_versions WHERE corp_id = ?3
       ON CONFLICT (corp_id, id) DO NOTHING`,
    ).bind(newId(), at, env.TENANT),
    env.DB.prepare(
      `DELETE FROM config_versions WHERE corp_id = ?2 AND version IN (
         SELECT version FROM config_versions
         WHERE corp_id = ?2
           AND version NOT IN (SELECT stable FROM release_state WHERE corp_id = ?2 UNION ALL SELECT candidate FROM release_state WHERE corp_id = ?2 AND candidate IS NOT NULL)
         ORDER BY version DESC LIMIT -1 OFFSET ?1)
       RETURNING version`,
    ).bind(MAX_UNRELEASED_VERSIONS, env.TENANT),
  ]);
  const version = inserted?.results[0]?.version;
  if (version === undefined) throw new Error('config_versions insert returned no version');
  const prunedVersions = (pruned?.results ?? []).map((r) => r.version).sort((a, b) => a - b);
  await Promise.all([env.KV.put(snapshotKey(version), JSON.stringify(checked.config)), ...prunedVersions.map((v) => env.KV.delete(snapshotKey(v)))]);
  for (const v of prunedVersions) {
    configCache.delete(cacheKey(env, v));
    compiledCache.delete(cacheKey(env, v));
  }
  remember(cacheKey(env, version), Promise.resolve(checked.config));
  // A number reused after the database was emptied (tests, a reset local setup) must not keep
  // the old document's compiled matchers.
  compiledCache.delete(cacheKey(env, version));
  releaseCache.delete(env.TENANT);
  return { ok: true, version, config: checked.config, warnings: checked.warnings, pruned: prunedVersions };
}

export async function getVersion(env: TenantEnv, version: number): Promise<StoredVersion | null> {
  const [row] = await tenantDb(env).select().from(configVersions).where(and(eq(configVersions.corpId, env.TENANT), eq(configVersions.version, version)));
  return row ? { ...toMeta(row), document: JSON.parse(row.document) as unknown } : null;
}

/** Newest first, without the documents. */
export async function listVersions(env: TenantEnv): Promise<VersionMeta[]> {
  const rows = await tenantDb(env)
    .select({ version: configVersions.version, createdAt: configVersions.createdAt, createdBy: configVersions.createdBy, note: configVersions.note })
    .from(configVersions)
    .where(eq(configVersions.corpId, env.TENANT))
    .orderBy(desc(configVersions.version));
  return rows.map(toMeta);
}

/** The stable version as stored, or null before any config was stored. Reads D1 directly (no cache). */
export async function getStable(env: TenantEnv): Promise<StoredVersion | null> {
  const state = await readReleaseState(env);
  return state ? getVersion(env, state.stable) : null;
}

function toMeta(row: { version: number; createdAt: number; createdBy: string; note: string | null }): VersionMeta {
  return { version: row.version, created_at: row.createdAt, created_by: row.createdBy, note: row.note };
}

// ---------------------------------------------------------------------------------------------
// Parsed configs: isolate → KV snapshot → D1.

/** A version's key in this isolate's caches: versions are numbered per tenant. */
type CacheKey = string;
const cacheKey = (env: TenantEnv, version: number): CacheKey => `${env.TENANT}\n${version}`;

/** Parsed configs of this isolate, most recently used last; a handful of versions is live at once. */
const configCache = new Map<CacheKey, Promise<Config | null>>();
const CONFIG_CACHE_SIZE = 8;

function remember(version: CacheKey, config: Promise<Config | null>): void {
  configCache.delete(version);
  configCache.set(version, config);
  while (configCache.size > CONFIG_CACHE_SIZE) {
    const oldest = configCache.keys().next().value;
    if (oldest === undefined) break;
    configCache.delete(oldest);
    compiledCache.delete(oldest);
  }
}

/** The stable version's parsed config (defaults applied), or null before any config was stored. */
export async function loadStableConfig(env: TenantEnv): Promise<Config | null> {
  const release = await getReleaseState(env);
  return release ? loadConfig(env, release.stable) : null;
}

/** The parsed config (defaults applied) of a stored version, or null if there is no such version. */
export function loadConfig(env: TenantEnv, version: number): Promise<Config | null> {
  const key = cacheKey(env, version);
  const cached = configCache.get(key);
  if (cached) {
    remember(key, cached);
    return cached;
  }
  // One load per version per isolate, however many messages ask at once; a failure is not cached.
  const loading = loadUncached(env, version).catch((e: unknown) => {
    configCache.delete(key);
    throw e;
  });
  remember(key, loading);
  return loading;
}

async function loadUncached(env: TenantEnv, version: number): Promise<Config | null> {
  const snapshot = await env.KV.get<Config>(snapshotKey(version), 'json');
  if (snapshot) return snapshot;
  const stored = await getVersion(env, version);
  if (!stored) return null;
  // Validated when stored; parsing again only applies the defaults.
  const config = ConfigSchema.parse(stored.document);
  await env.KV.put(snapshotKey(version), JSON.stringify(config));
  return config;
}

/**
 * Compiled matchers per version, built once per isolate by the rules engine's compile step
 * (src/engine/compile.ts), keyed by the compile function so different compiled forms never mix.
 * Dropped together with the parsed config when a version leaves the cache.
 */
const compiledCache = new Map<CacheKey, Map<(config: Config) => unknown, unknown>>();

export async function loadCompiled<T>(env: TenantEnv, version: number, compile: (config: Config) => T): Promise<T | null> {
  const key = cacheKey(env, version);
  const byFn = compiledCache.get(key);
  if (byFn?.has(compile)) return byFn.get(compile) as T;
  const config = await loadConfig(env, version);
  if (!config) return null;
  const built = compile(config);
  compiledCache.set(key, (compiledCache.get(key) ?? new Map()).set(compile, built));
  return built;
}

// ---------------------------------------------------------------------------------------------
// The release state.

/** How long an isolate trusts its copy of the release state (a release decides within a second). */
export const RELEASE_CACHE_MS = 1000;
const releaseCache = new Map<Tenant, { at: number; value: Promise<ReleaseState | null> }>();
/** Tenants whose release state an isolate keeps, at most. */
const RELEASE_CACHE_MAX = 1000;

/** The release state, at most RELEASE_CACHE_MS old; null before any config was stored. */
export function getReleaseState(env: TenantEnv, now: number = Date.now()): Promise<ReleaseState | null> {
  const cached = releaseCache.get(env.TENANT);
  if (cached && now - cached.at < RELEASE_CACHE_MS) return cached.value;
  const value = readReleaseState(env);
  const entry = { at: now, value };
  keepAtMost(releaseCache, env.TENANT, entry, RELEASE_CACHE_MAX);
  value.catch(() => {
    if (releaseCache.get(env.TENANT) === entry) releaseCache.delete(env.TENANT);
  });
  return value;
}

/** The release state straight from D1 (the admin API reads this; messages use getReleaseState). */
export async function readReleaseState(env: TenantEnv): Promise<ReleaseState | null> {
  const [row] = await tenantDb(env).select().from(releaseState).where(and(eq(releaseState.corpId, env.TENANT), eq(releaseState.id, 1)));
  if (!row) return null;
  return {
    stable: row.stable,
    candidate: row.candidate,
    stage: row.stage,
    percent: row.percent,
    internal: JSON.parse(row.internal) as ReleaseInternal,
    salt: row.salt,
    updated_at: row.updatedAt,
  };
}

export type ReleaseRequest =
  | { version: number; stage: 'full' }
  | { version: number; stage: 'shadow' | 'internal' | 'percent'; percent?: number; internal?: Partial<ReleaseInternal> };

export type ReleaseOutcome =
  | { ok: true; state: ReleaseState }
  | { ok: false; reason: 'no_config' | 'unknown_version' | 'already_stable' | 'concurrent_change' };

/**
 * Moves a version through the stages. `full` makes it stable at once (any stored version, also an
 * older one: that is how an operator goes back) and ends the candidate. The other stages make it
 * the candidate; the bucket salt changes only when the candidate does, so raising the percent
 * only moves customers onto the candidate. Internal ids and tags are kept unless given.
 */
export async function releaseVersion(env: TenantEnv, req: ReleaseRequest, at: number = Date.now()): Promise<ReleaseOutcome> {
  const current = await readReleaseState(env);
  if (!current) return { ok: false, reason: 'no_config' };
  if (!(await versionExists(env, req.version))) return { ok: false, reason: 'unknown_version' };
  let next: ReleaseState;
  if (req.stage === 'full') {
    next = { ...current, stable: req.version, candidate: null, stage: 'full', percent: 100, updated_at: at };
  } else {
    if (req.version === current.stable) return { ok: false, reason: 'already_stable' };
    next = {
      ...current,
      candidate: req.version,
      stage: req.stage,
      percent: req.stage === 'percent' ? (req.percent ?? current.percent) : 0,
      internal: { ids: req.internal?.ids ?? current.internal.ids, tags: req.internal?.tags ?? current.internal.tags },
      salt: req.version === current.candidate ? current.salt : newId(),
      updated_at: at,
    };
  }
  return writeReleaseState(env, current, next);
}

/** Cancels the candidate: everyone back on stable. Rolling back with no candidate changes nothing. */
export async function rollbackRelease(env: TenantEnv, at: number = Date.now()): Promise<ReleaseOutcome> {
  const current = await readReleaseState(env);
  if (!current) return { ok: false, reason: 'no_config' };
  if (current.candidate === null) return { ok: true, state: current };
  return writeReleaseState(env, current, { ...current, candidate: null, stage: 'none', percent: 0, updated_at: at });
}

/** Compare-and-set on updated_at, so two operators releasing at once cannot silently overwrite each other. */
async function writeReleaseState(env: TenantEnv, current: ReleaseState, next: ReleaseState): Promise<ReleaseOutcome> {
  // updated_at always moves forward, even within one millisecond, so it works as the version of the row.
  const stamped = { ...next, updated_at: Math.max(next.updated_at, current.updated_at + 1) };
  const result = await env.DB.prepare(
    `UPDATE release_state SET stable = ?1, candidate = ?2, stage = ?3, percent = ?4, internal = ?5, salt = ?6, updated_at = ?7
     WHERE corp_id = ?9 AND id = 1 AND updated_at = ?8`,
  )
    .bind(stamped.stable, stamped.candidate, stamped.stage, stamped.percent, JSON.stringify(stamped.internal), stamped.salt, stamped.updated_at, current.updated_at, env.TENANT)
    .run();
  releaseCache.delete(env.TENANT);
  if (result.meta.changes !== 1) return { ok: false, reason: 'concurrent_change' };
  return { ok: true, state: stamped };
}

async function versionExists(env: TenantEnv, version: number): Promise<boolean> {
  const [row] = await tenantDb(env).select({ version: configVersions.version }).from(configVersions).where(and(eq(configVersions.corpId, env.TENANT), eq(configVersions.version, version)));
  return row !== undefined;
}

/**
 * Forgets this isolate's cached configs and release state. Versions are immutable, so nothing in
 * production needs this; tests that wipe D1 and KV (and so reuse version numbers) call it.
 */
export function forgetCachedConfigs(): void {
  configCache.clear();
  compiledCache.clear();
  releaseCache.clear();
}
