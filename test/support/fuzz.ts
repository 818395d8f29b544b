/**
 * fast-check settings shared by the property tests: a fixed seed and a short run in `npm test`
 * (CI), a longer run with a fresh seed behind `npm run fuzz` (FUZZ_RUNS, FUZZ_SEED to replay one).
 */
import type { Parameters } from 'fast-check';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const fuzzing = env.FUZZ_RUNS !== undefined;

export function fuzzParameters<T>(ciRuns: number): Parameters<T> {
  return {
    seed: env.FUZZ_SEED !== undefined ? Number(env.FUZZ_SEED) : fuzzing ? Date.now() : 20260601,
    numRuns: fuzzing ? Math.max(ciRuns, Number(env.FUZZ_RUNS)) : ciRuns,
  };
}
