/**
 * Test-only: how many cases each property-based (fast-check) test runs.
 * CI runs 2,000 per parser and tracker (all of them within about two
 * minutes); `pnpm fuzz` sets MOT_FUZZ_RUNS=100000. Not exported from index.ts.
 */
export function fuzzRuns(ci = 2000): number {
  const env = process.env.MOT_FUZZ_RUNS;
  if (env === undefined || env === '') return ci;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MOT_FUZZ_RUNS must be a positive integer, got '${env}'`);
  return n;
}

/**
 * A seed from MOT_FUZZ_SEED (to replay a failure fast-check printed); else,
 * under CI=true, a fixed one, so that a CI run is reproducible and a landing
 * is not decided by which random cases came up; else fast-check's own random
 * seed (local runs and `pnpm fuzz` keep exploring new cases).
 */
export const CI_FUZZ_SEED = 20261202;

export function fuzzSeed(): number | undefined {
  const env = process.env.MOT_FUZZ_SEED;
  if (env !== undefined && env !== '') return Number(env);
  return process.env.CI === 'true' ? CI_FUZZ_SEED : undefined;
}
