// Acceptance: on 5 real frames (3 from the TUD-Campus video, the first frames
// of MOT17-09 and MOT17-05), preprocessed by our letterbox, all six raw
// outputs of our runtime equal TensorFlow.js (tfjs-converter loadGraphModel on
// tfjs-backend-wasm) and onnxruntime-node within 1e-3 absolute.
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Frame } from '@mot/core';
import { readFrames, readImage } from '@mot/video';
import { createCnnEngine } from './cnn-engine.js';
import { DEFAULT_NANODET_MODEL, DEFAULT_NANODET_ONNX } from './default-model.js';
import { letterbox } from './letterbox.js';
import { createOrtEngine } from './ort-engine.js';
import { maxAbsDiff, runTfjs } from '@mot/runtime/testing';

const test = suite('createCnnEngine');
const fixture = (p: string) => fileURLToPath(new URL(`../../../fixtures/${p}`, import.meta.url));

async function frames(): Promise<Array<{ name: string; frame: Frame }>> {
  const out: Array<{ name: string; frame: Frame }> = [];
  for await (const f of readFrames(fixture('video/TUD-Campus.mp4'))) {
    if (f.index === 0 || f.index === 35 || f.index === 70) out.push({ name: `TUD-Campus #${f.index}`, frame: f });
  }
  for (const seq of ['MOT17-09-FRCNN', 'MOT17-05-FRCNN']) out.push({ name: `${seq} #1`, frame: await readImage(fixture(`mot17-frames/${seq}/img1/000001.jpg`)) });
  return out;
}

/** max |x| over an output: its scale, to which the 1e-4 acceptance is relative. */
const scaleOf = (d: Float32Array): number => d.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

test('6 raw outputs on 5 real frames equal tfjs (wasm) and onnxruntime-node within 1e-3, and onnxruntime within 1e-4 of each output\'s scale', async () => {
  const ours = await createCnnEngine(DEFAULT_NANODET_MODEL);
  const ort = await createOrtEngine(DEFAULT_NANODET_ONNX);
  const worst = { tfjs: 0, ort: 0, ortRel: 0 };
  for (const { name, frame } of await frames()) {
    const { input } = letterbox(frame);
    const a = (await ours.run(input)).outputs;
    const b = (await ort.run(input)).outputs;
    const c = await runTfjs(DEFAULT_NANODET_MODEL, { input_1: input }, 'wasm');
    assert.equal(Object.keys(a).sort(), Object.keys(c).sort(), 'output names');
    for (const k of Object.keys(a)) {
      const dt = maxAbsDiff(a[k].data, c[k]);
      const dOrt = maxAbsDiff(a[k].data, b[k].data);
      worst.tfjs = Math.max(worst.tfjs, dt);
      worst.ort = Math.max(worst.ort, dOrt);
      assert.ok(dt <= 1e-3, `${name} ${k}: |ours - tfjs| = ${dt}`);
      assert.ok(dOrt <= 1e-3, `${name} ${k}: |ours - onnxruntime| = ${dOrt}`);
      // Our convs run Winograd F(2x2,3x3) and the wasm GEMM (float32): still within 1e-4 of the output's scale.
      const rel = dOrt / scaleOf(b[k].data);
      worst.ortRel = Math.max(worst.ortRel, rel);
      assert.ok(rel <= 1e-4, `${name} ${k}: |ours - onnxruntime| / max|onnxruntime| = ${rel}`);
    }
  }
  await ort.release();
  // Seen here: about 1e-5 against both (float32 summation order); relative to the output scale about 2e-6.
  console.log(`  cnn-engine parity: worst |ours - tfjs| ${worst.tfjs.toExponential(2)}, |ours - ort| ${worst.ort.toExponential(2)}, relative to scale ${worst.ortRel.toExponential(2)}`);
  assert.ok(worst.tfjs > 0 && worst.ort > 0, 'three independent engines never agree to the last bit');
});

test('with featureMaps: the three 128-channel maps the heads read, alongside the six outputs', async () => {
  const e = await createCnnEngine(DEFAULT_NANODET_ONNX, { featureMaps: true });
  assert.equal(e.featureNames, ['PartitionedCall/onnx_tf_prefix_Add_149', 'PartitionedCall/onnx_tf_prefix_Add_128', 'PartitionedCall/onnx_tf_prefix_Add_107']);
  assert.is(e.inputSize, 416);
});

test('a file that is neither .json nor .onnx is refused', async () => {
  try {
    await createCnnEngine('model.pb');
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError && /model must be a TensorFlow.js model.json or an .onnx file, got model.pb/.test((e as Error).message), String(e));
  }
});

test.run();
