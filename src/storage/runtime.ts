import { compileConfig, EMPTY_CONFIG, type Compiled } from '../engine/compile';
import { isShadow, variantFor, versionFor, type ReleaseCustomer, type Variant } from '../rules/release';
import { getReleaseState, loadCompiled } from './config-store';
import type { TenantEnv } from './tenant';

/** The config that decides for one customer right now, compiled. */
export interface Runtime {
  compiled: Compiled;
  /** null before any document was stored. */
  version: number | null;
  variant: Variant;
  /** At the shadow stage: the candidate, which decides silently beside stable. */
  shadow?: { version: number; compiled: Compiled };
}

const EMPTY: Compiled = compileConfig(EMPTY_CONFIG);

/**
 * The customer's side of the release (a pure function of their id, tags and the release) and
 * that version's compiled config, cached per isolate. The release state is re-read at most once
 * a second, so a release decides the next message within a second.
 */
export async function runtimeFor(env: TenantEnv, customer: ReleaseCustomer): Promise<Runtime> {
  const release = await getReleaseState(env);
  if (!release) return { compiled: EMPTY, version: null, variant: 'stable' };
  const variant = variantFor(release, customer);
  const version = versionFor(release, customer);
  const compiled = await loadCompiled(env, version, compileConfig);
  if (!compiled) throw new Error(`config version ${version} is released but not stored`);
  const runtime: Runtime = { compiled, version, variant };
  if (isShadow(release) && release.candidate !== null) {
    const shadow = await loadCompiled(env, release.candidate, compileConfig);
    if (shadow) runtime.shadow = { version: release.candidate, compiled: shadow };
  }
  return runtime;
}

/**
 * What speaks to a customer whose own version cannot be loaded (the bot pipeline failed): the
 * stable version if it loads, else the built-in texts. Never throws: it only has to carry a
 * handoff notice and the routing to people.
 */
export async function fallbackRuntime(env: TenantEnv): Promise<Runtime> {
  try {
    return { ...(await stableRuntime(env)), variant: 'stable' };
  } catch (e) {
    console.warn('runtime: stable config unavailable too; using the built-in texts', String(e));
    return { compiled: EMPTY, version: null, variant: 'stable' };
  }
}

/** The stable version, compiled: what a new customer meets (the built-in texts before any document is stored). */
export async function stableRuntime(env: TenantEnv): Promise<Pick<Runtime, 'compiled' | 'version'>> {
  const release = await getReleaseState(env);
  const compiled = release ? await loadCompiled(env, release.stable, compileConfig) : null;
  return release && compiled ? { compiled, version: release.stable } : { compiled: EMPTY, version: null };
}
