import { InputError } from '@mot/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeModel, readTfjsGraphLayers } from './index.js';
import { assertThrows } from './testing/c3-oracle.js';

const NANODET = fileURLToPath(new URL('../../../models/nanodet/nanodet.json', import.meta.url));

const s = suite('readTfjsGraphLayers');

s('NanoDet-g: 2,090,083,840 MACs in 34 convs, as models/nanodet/README.md states', () => {
  const { layers, inputShape } = readTfjsGraphLayers(NANODET);
  assert.equal(inputShape, [3, 416, 416]);
  const a = analyzeModel(layers, inputShape);
  const convs = a.layers.filter((l) => l.type === 'conv');
  const spec = (name: string) => layers.find((l) => l.name === name)! as unknown as { kernel: [number, number]; stride: [number, number] };
  // README: 34 Conv2D, 28 of them 3x3 (4 with stride 2), 6 of them 1x1
  assert.is(convs.length, 34);
  assert.is(convs.filter((c) => spec(c.name).kernel[0] === 3).length, 28);
  assert.is(convs.filter((c) => spec(c.name).kernel[0] === 3 && spec(c.name).stride[0] === 2).length, 4);
  assert.is(convs.filter((c) => spec(c.name).kernel[0] === 1).length, 6);
  // README: 2,090,083,840 multiply-accumulates; all of them are conv MACs (nothing else counts)
  assert.is(a.totals.macs, 2_090_083_840);
  // the largest conv: the stride-8 head 3x3 128 -> 128 on 52x52: 52 * 52 * 128 * 1152 = 398,721,024
  const largest = convs.reduce((m, c) => (c.macs > m.macs ? c : m));
  assert.equal([largest.macs, largest.outputShape], [398_721_024, [128, 52, 52]]);
  // GEMM shapes after im2col: M = Cout 16..256, N = Ho*Wo 169..43264
  assert.equal([Math.min(...convs.map((c) => c.outputShape[0])), Math.max(...convs.map((c) => c.outputShape[0]))], [16, 256]);
  assert.equal([Math.min(...convs.map((c) => c.outputShape[1] * c.outputShape[2])), Math.max(...convs.map((c) => c.outputShape[1] * c.outputShape[2]))], [169, 43_264]);
});

s('NanoDet-g: 3,786,068 parameters (3.79 M); the weights file holds one more float, the -inf of PadV2', () => {
  const { layers, inputShape } = readTfjsGraphLayers(NANODET);
  const { params } = analyzeModel(layers, inputShape).totals;
  // conv weights + biases (BN folded); nanodet.bin holds 3,786,069 floats = these + PadV2/constant_values
  assert.is(params, 3_786_068);
  assert.is(Math.round(params / 1e4) / 100, 3.79);
});

s('NanoDet-g: head outputs have the shapes of the model signature', () => {
  const { layers, inputShape } = readTfjsGraphLayers(NANODET);
  const a = analyzeModel(layers, inputShape);
  const out = (name: string) => a.layers.find((l) => l.name === name)!.outputShape;
  // signature: Identity [1,2704,80], Identity_3 [1,2704,44], Identity_1 [1,676,80], Identity_4 [1,676,44], Identity_2 [1,169,80], Identity_5 [1,169,44]
  assert.equal(out('Transpose_157'), [2704, 80]);
  assert.equal(out('Transpose_160'), [2704, 44]);
  assert.equal(out('Transpose_168'), [676, 80]);
  assert.equal(out('Transpose_171'), [676, 44]);
  assert.equal(out('Transpose_179'), [169, 80]);
  assert.equal(out('Transpose_182'), [169, 44]);
  // first conv: 3x3 stride 2 with an explicit pad of 1 folded in: 208x208, RF 3, jump 2
  assert.equal(a.layers[0].outputShape, [32, 208, 208]);
  assert.equal(a.layers[0].receptiveField, { size: 3, jump: 2, start: 0.5 });
});

s('throws InputError naming the file when it is missing, not JSON, or lacks weights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mot-c3-'));
  assertThrows(() => readTfjsGraphLayers(join(dir, 'nope.json')), InputError, /nope\.json: readTfjsGraphLayers: cannot read the model file \(ENOENT\)$/);
  writeFileSync(join(dir, 'bad.json'), '{ "modelTopology": ');
  assertThrows(() => readTfjsGraphLayers(join(dir, 'bad.json')), InputError, /bad\.json: readTfjsGraphLayers: the file must be JSON, got a parse error/);
  writeFileSync(join(dir, 'noweights.json'), JSON.stringify({ modelTopology: { node: [] } }));
  assertThrows(() => readTfjsGraphLayers(join(dir, 'noweights.json')), InputError, /weightsManifest must be an array/);
  writeFileSync(join(dir, 'shard.json'), JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: ['missing.bin'], weights: [] }] }));
  assertThrows(() => readTfjsGraphLayers(join(dir, 'shard.json')), InputError, /cannot read the weights file missing\.bin \(ENOENT\)/);
});

s.run();
