import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isConstant } from '@mot/runtime';
import { loadOnnxModel } from '@mot/runtime';
import { findHeadInputs } from './find-head-inputs.js';

const test = suite('findHeadInputs');

test('walks from outputs through plumbing and the conv tower to the map the tower reads', () => {
  // fpn = add(a, b) read by two nodes; head: conv -> leakyRelu -> conv -> split -> sigmoid / reshape -> outputs.
  const nodes = [
    { op: 'Add', inputs: ['a', 'b'], outputs: ['fpn'] },
    { op: 'Resize', inputs: ['fpn'], outputs: ['down'] },
    { op: 'Conv', inputs: ['fpn', 'w1', 'b1'], outputs: ['c1'] },
    { op: 'LeakyRelu', inputs: ['c1'], outputs: ['r1'] },
    { op: 'Conv', inputs: ['r1', 'w2'], outputs: ['c2'] },
    { op: 'Split', inputs: ['c2', 'sizes'], outputs: ['s0', 's1'] },
    { op: 'Sigmoid', inputs: ['s0'], outputs: ['scores'] },
    { op: 'Reshape', inputs: ['s1', 'shape'], outputs: ['dist'] },
  ];
  const consts = new Set(['w1', 'b1', 'w2', 'sizes', 'shape']);
  assert.equal(findHeadInputs(nodes, ['scores', 'dist', 'down'], (n) => consts.has(n)), ['fpn']);
});

test('NanoDet ONNX: the three PAN sums, finest first', async () => {
  const g = await loadOnnxModel(fileURLToPath(new URL('../models/nanodet/nanodet.onnx', import.meta.url)));
  const found = findHeadInputs(g.nodes, g.outputs, (n) => isConstant(g, n));
  // Outputs are listed 169, 169, 676, 2704, 676, 2704 cells; first discovery order follows them.
  // The names are the ONNX Add nodes feeding convolution_28/30/32 (the three head towers).
  assert.equal(found.sort(), ['PartitionedCall/onnx_tf_prefix_Add_107', 'PartitionedCall/onnx_tf_prefix_Add_128', 'PartitionedCall/onnx_tf_prefix_Add_149']);
});

test.run();
