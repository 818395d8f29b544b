/**
 * fast-check settings shared by the property tests: a fixed seed and a short run in `npm test`
 * (CI), FUZZ_SCALE times as many runs with a fresh seed behind `npm run fuzz` (FUZZ_SEED replays
 * a failure, whose seed fast-check prints). Worker tests pass their env, where vitest.config.ts
 * forwards both.
 */
import type { Parameters } from 'fast-check';

type Source = Record<string, unknown>;
const processEnv: Source = (globalThis as { process?: { env: Source } }).process?.env ?? {};
const setting = (source: Source, name: string): number | undefined => {
  const value = source[name];
  return typeof value === 'string' && value !== '' ? Number(value) : undefined;
};

export function fuzzParameters<T>(ciRuns: number, source: Source = processEnv): Parameters<T> {
  const scale = setting(source, 'FUZZ_SCALE');
  const seed = setting(source, 'FUZZ_SEED');
  return { seed: seed ?? (scale !== undefined ? Date.now() : 20260601), numRuns: Math.round(ciRuns * Math.max(1, scale ?? 1)) };
}
