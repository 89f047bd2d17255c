#!/usr/bin/env node
// The `mot` command. Which code it runs:
//   - in this repository (src/main.ts is beside bin/): the TypeScript sources,
//     compiled on load by tsx, so `pnpm mot` / `node examples/cli/bin/mot.js`
//     always run what is checked out, with no build step and no stale dist/
//     (in the workspace the @mot/* packages resolve to their src/ too);
//   - in an installed package (the tarball ships bin/ and dist/, no src/):
//     the built dist/main.js on plain Node, no tsx.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Relaxed SIMD lets @mot/cnn's kernels use fused multiply-add (its GEMM
// micro-kernel ran 46 against 34 GFLOP/s in cache here). V8 ships it on by
// default from 11.4 (Node 22); Node 20's V8 has it behind a flag. `mot` is an
// application, so it turns the flag on for its own process (worker threads
// included) before any WebAssembly is compiled; the library never does.
// MOT_RELAXED_SIMD=0 keeps plain SIMD, whose results are the same on every
// x86 (relaxed multiply-add rounds once where the CPU has FMA, twice where not).
const RELAXED_PROBE = Buffer.from('AGFzbQEAAAABCAFgA3t7ewF7AwIBAAoNAQsAIAAgASAC/YUCCw==', 'base64');
if (process.env.MOT_RELAXED_SIMD !== '0' && !WebAssembly.validate(RELAXED_PROBE)) {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
}

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/main.js');
}
