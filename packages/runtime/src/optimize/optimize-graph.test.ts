import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphSummary } from '../graph-summary.js';
import type { Graph, NodeOf } from '../graph.js';
import { loadOnnxModel } from '../load-onnx-model.js';
import { loadTfjsGraphModel } from '../load-tfjs-graph-model.js';
import { NANODET_JSON, NANODET_ONNX, NANODET_OUTPUTS } from '../testing/oracles.js';
import { optimizeGraph } from './optimize-graph.js';

const test = suite('optimizeGraph');

let tfjs: Graph;
let onnx: Graph;
test.before(async () => {
  tfjs = await loadTfjsGraphModel(NANODET_JSON);
  onnx = await loadOnnxModel(NANODET_ONNX);
});

// The optimised NanoDet, from either loader: 34 convs with bias and fused
// activation, the stem max pool, 4 FPN sums, 3 head sigmoids, 12 concats,
// 3 splits, 4 resizes, 6 reshapes and the 6 real output permutes (73 nodes).
const OPTIMISED = { conv2d: 34, maxPool2d: 1, add: 4, sigmoid: 3, transpose: 6, concat: 12, split: 3, resizeBilinear: 4, reshape: 6 };

function checkOptimised(g: Graph): void {
  const s = graphSummary(g);
  assert.equal(s.ops, OPTIMISED);
  assert.is(s.nodes, 73);
  // Constants left: 34 weights + 34 biases + 6 reshape targets; elements: the manifest's
  // 3,786,068 float16 parameters (all but PadV2's -inf) + 6 x 3 shape entries.
  assert.is(s.constants, 74);
  assert.is(s.constantElements, 3786068 + 18);
  assert.equal([...s.outputs].sort(), [...NANODET_OUTPUTS].sort());
  const convs = g.nodes.filter((n) => n.op === 'conv2d') as NodeOf<'conv2d'>[];
  // 28 LeakyRelu(0.1) fused; the 6 others are the FPN laterals and head outputs (linear).
  assert.is(convs.filter((c) => c.attrs.activation === 'leakyRelu' && Math.abs(c.attrs.alpha - 0.1) < 1e-7).length, 28);
  assert.is(convs.filter((c) => c.attrs.activation === 'linear').length, 6);
  assert.ok(convs.every((c) => c.inputs.length === 3), 'every conv has a bias');
  // README: 28 are 3x3 (4 of them stride 2), 6 are 1x1; padding folded as [1, 1, 1, 1] into the 3x3s.
  const k3 = convs.filter((c) => g.values.get(c.inputs[1])?.shape?.[2] === 3);
  assert.is(k3.length, 28);
  assert.is(k3.filter((c) => c.attrs.strides[0] === 2).length, 4);
  assert.ok(k3.every((c) => c.attrs.pads.join() === '1,1,1,1'));
  // The only transposes left are the [1, C, N] -> [1, N, C] output permutes.
  const ts = g.nodes.filter((n) => n.op === 'transpose') as NodeOf<'transpose'>[];
  assert.ok(ts.every((t) => t.attrs.perm.join() === '0,2,1' && g.outputs.includes(t.outputs[0])));
  const pool = g.nodes.find((n) => n.op === 'maxPool2d') as NodeOf<'maxPool2d'>;
  assert.equal(pool.attrs.pads, [1, 1, 1, 1]);
}

test('NanoDet from model.json: folds, cancels, fuses down to 73 nodes', () => {
  const { graph, report } = optimizeGraph(tfjs);
  checkOptimised(graph);
  // Lowered IR: 83 source transposes + 2 around each of 34 convs, 1 max pool and 4 resizes = 161;
  // folded: 34 HWIO -> OIHW filter transposes + 6 SparseToDense + 6 AddV2 = 46;
  // pads: 28 Pad + 1 PadV2; biases: 34 Add; activations: 28 LeakyRelu.
  assert.equal(report, {
    nodesBefore: 371, nodesAfter: 73, constantsFolded: 46, identitiesDropped: 6, transposesBefore: 161, transposesRemoved: 155,
    padsFolded: 29, biasesFused: 34, activationsFused: 28, deadNodesRemoved: 0,
  });
  // The input graph is untouched.
  assert.is(tfjs.nodes.length, 371);
});

test('NanoDet from .onnx: same optimised graph', () => {
  const { graph, report } = optimizeGraph(onnx);
  checkOptimised(graph);
  assert.equal(report, {
    nodesBefore: 107, nodesAfter: 73, constantsFolded: 0, identitiesDropped: 6, transposesBefore: 6, transposesRemoved: 0,
    padsFolded: 0, biasesFused: 0, activationsFused: 28, deadNodesRemoved: 0,
  });
});

test('both loaders end with identical conv weights and biases (the ONNX file holds the widened float16 weights)', () => {
  const a = optimizeGraph(tfjs).graph;
  const b = optimizeGraph(onnx).graph;
  const key = (g: Graph, c: NodeOf<'conv2d'>) => {
    const w = g.values.get(c.inputs[1])?.data as Float32Array;
    return `${w.length}:${w[0]}:${w[w.length - 1]}`;
  };
  const convsB = new Map((b.nodes.filter((n) => n.op === 'conv2d') as NodeOf<'conv2d'>[]).map((c) => [key(b, c), c]));
  let matched = 0;
  for (const c of a.nodes.filter((n) => n.op === 'conv2d') as NodeOf<'conv2d'>[]) {
    const d = convsB.get(key(a, c));
    assert.ok(d !== undefined, `no ONNX conv matches ${c.name}`);
    for (const slot of [1, 2]) {
      assert.equal(a.values.get(c.inputs[slot])?.data, b.values.get(d.inputs[slot])?.data, `${c.name} input ${slot}`);
    }
    assert.equal({ ...c.attrs, alpha: 0 }, { ...d.attrs, alpha: 0 });
    matched++;
  }
  assert.is(matched, 34);
});

test.run();
