import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relaxedSimdSupported } from '@mot/cnn';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

// The `mot` command turns on relaxed SIMD on Node 20 (examples/cli/bin/mot.js),
// and newer Node has it by default: the kernels then run their fused
// multiply-add build. In-process tests here run on whatever this process has
// (Node 20 without the flag: plain SIMD), so this test runs the numeric tests
// of the kernels and of the whole network again in a child with the flag:
// the conv paths against the TypeScript conv2d and against plain SIMD, the
// sigmoid, and NanoDet's six outputs within 1e-4 of onnxruntime-node's scale.
const test = suite('relaxed SIMD (FMA) kernels');
const root = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = ['packages/cnn/src/prepared-conv2d.test.ts', 'packages/cnn/src/sigmoid-wasm.test.ts', 'packages/detector/src/cnn-engine.test.ts'];

test('the conv, sigmoid and NanoDet parity tests pass on the relaxed-SIMD build', () => {
  if (relaxedSimdSupported()) {
    console.log('  this process has relaxed SIMD already: the other test files ran on it');
    return;
  }
  const uvu = join(root, 'node_modules', 'uvu', 'bin.js'); // as scripts/run-tests.mjs runs it
  const pattern = `^(${FILES.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
  const r = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', uvu, '.', pattern, '--no-color'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 600_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.is(r.status, 0, out.slice(-3000));
  assert.match(r.stdout, /relaxed SIMD: plain and FMA builds compared/, 'the relaxed build really ran');
  const passed = Number(/Passed:\s+(\d+)/.exec(r.stdout)?.[1]);
  assert.ok(passed >= 10, `${passed} tests passed in the child`);
  console.log(`  ${passed} tests passed with --experimental-wasm-relaxed-simd`);
});

test.run();
