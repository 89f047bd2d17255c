import { ConfigError, ShapeError } from '@mot/core';
import { defaultWasmKernels, tensor, wasmSimdSupported } from '@mot/cnn';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeExecutionError, UnsupportedOpError } from './errors.js';
import { createSession } from './execute.js';
import { loadOnnxModel } from './load-onnx-model.js';
import { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
import { convAttrs, irGraph, n } from './testing/ir-builder.js';
import { maxAbsDiff, randomTensor } from './testing/oracles.js';

const test = suite('createSession');

test('releases each tensor after its last reader: a 10-node chain peaks at two live tensors', () => {
  const nodes = Array.from({ length: 10 }, (_, i) => n('relu', `r${i}`, [i === 0 ? 'x' : `v${i - 1}`], [`v${i}`], {}));
  const g = irGraph({ x: [1, 4, 64, 64] }, {}, nodes, ['v9']);
  const x = randomTensor(1, [1, 4, 64, 64]);
  const { outputs, profile } = createSession(g).run({ x }, { profile: true });
  // 4 * 64 * 64 floats = 65,536 bytes each: the reader's input and its output.
  assert.is(profile.peakLiveBytes, 2 * 65536);
  assert.equal([...outputs.v9.data], [...x.data].map((v) => Math.max(0, v)));
  assert.is(profile.nodes.length, 10);
  assert.equal(profile.byOp.map((r) => [r.op, r.calls]), [['relu', 10]]);
  assert.is(profile.byOp[0].share, 1);
});

test('profile: calls per op type add up to the nodes run, shares to 1', () => {
  const g = irGraph(
    { x: [1, 2, 6, 6] },
    { w: [[3, 2, 3, 3], randomTensor(2, [3, 2, 3, 3]).data] },
    [n('conv2d', 'c', ['x', 'w'], ['c1'], convAttrs({ pads: [1, 1, 1, 1] })), n('sigmoid', 's', ['c1'], ['s1'], {}), n('add', 'a', ['s1', 'c1'], ['y'], {})],
    ['y'],
  );
  const { profile } = createSession(g).run({ x: randomTensor(3, [1, 2, 6, 6]) }, { profile: true });
  assert.equal(profile.byOp.map((r) => r.op).sort(), ['add', 'conv2d', 'sigmoid']);
  assert.ok(Math.abs(profile.byOp.reduce((s, r) => s + r.share, 0) - 1) < 1e-9);
  assert.ok(Math.abs(profile.byOp.reduce((s, r) => s + r.ms, 0) - profile.totalMs) < 1e-9);
});

test('recycled conv buffers: a second run leaves the first run\'s outputs intact and gives the same values', () => {
  // conv -> relu -> conv -> reshape (a view of the second conv's buffer) and
  // the first conv as a second output: intermediates go back to the pool,
  // outputs must not.
  const g = irGraph(
    { x: [1, 2, 6, 6] },
    { w1: [[4, 2, 3, 3], randomTensor(11, [4, 2, 3, 3]).data], w2: [[4, 4, 1, 1], randomTensor(12, [4, 4, 1, 1]).data], shape: [[2], Float32Array.of(4, 36)] },
    [
      n('conv2d', 'c1', ['x', 'w1'], ['a'], convAttrs({ pads: [1, 1, 1, 1] })),
      n('relu', 'r', ['a'], ['b'], {}),
      n('conv2d', 'c2', ['b', 'w2'], ['c'], convAttrs({})),
      n('conv2d', 'c3', ['c', 'w2'], ['d'], convAttrs({})),
      n('reshape', 'v', ['d', 'shape'], ['y'], { copyZero: false }),
    ],
    ['y', 'a'],
  );
  const s = createSession(g, { optimize: false });
  const first = s.run({ x: randomTensor(13, [1, 2, 6, 6]) });
  const kept = { y: Float32Array.from(first.y.data), a: Float32Array.from(first.a.data) };
  const second = s.run({ x: randomTensor(14, [1, 2, 6, 6]) });
  assert.equal(first.y.data, kept.y);
  assert.equal(first.a.data, kept.a);
  assert.ok(second.y.data.buffer !== first.y.data.buffer && second.a.data.buffer !== first.a.data.buffer);
  assert.ok(maxAbsDiff(second.y.data, kept.y) > 1e-3, 'different inputs give different outputs');
  // a fresh session on the second input agrees (recycled buffers hold no stale values)
  const fresh = createSession(g, { optimize: false }).run({ x: randomTensor(14, [1, 2, 6, 6]) });
  assert.equal(second.y.data, fresh.y.data);
  assert.equal(second.a.data, fresh.a.data);
});

test('returns constant and pass-through outputs', () => {
  const g = irGraph(
    { x: [2] },
    { a: [[2], Float32Array.of(1, 2)], b: [[2], Float32Array.of(3, 4)] },
    [n('add', 'k', ['a', 'b'], ['k1'], {}), n('identity', 'i', ['x'], ['xi'], {})],
    ['k1', 'xi'],
  );
  const x = tensor([2], [5, 6]);
  const out = createSession(g).run({ x });
  assert.equal([...out.k1.data], [4, 6]);
  assert.is(out.xi, x);
});

test('bad inputs: missing, unknown, wrong shape, not float32', () => {
  const g = irGraph({ x: [1, 3, -1, -1] }, {}, [n('relu', 'r', ['x'], ['y'], {})], ['y']);
  const s = createSession(g);
  const fails = (f: () => unknown, E: typeof ConfigError | typeof ShapeError, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof E && re.test((e as Error).message));
  fails(() => s.run({}), ConfigError, /run: inputs\.x must be a float32 Tensor, got nothing/);
  fails(() => s.run({ x: tensor([1, 3, 2, 2]), y: tensor([1]) }), ConfigError, /run: inputs must be among \[x\], got 'y'/);
  fails(() => s.run({ x: tensor([1, 4, 2, 2]) }), ShapeError, /run: inputs\.x must have shape \[1, 3, -1, -1\] .*got \[1, 4, 2, 2\]/);
  fails(() => s.run({ x: { shape: [1, 3, 1, 1], data: [1, 2, 3] as unknown as Float32Array } }), ConfigError, /inputs\.x must be a float32 Tensor/);
  // Unknown dimensions accept any size.
  assert.equal(s.run({ x: tensor([1, 3, 5, 7]) }).y.shape, [1, 3, 5, 7]);
});

test('a kernel failure names the node; graphs that cannot run fail at createSession', () => {
  const g = irGraph({ a: [1, 2, 3, 3], b: [1, 2, 4, 4] }, {}, [n('concat', 'join', ['a', 'b'], ['y'], { axis: 1 })], ['y']);
  assert.throws(
    () => createSession(g).run({ a: tensor([1, 2, 3, 3]), b: tensor([1, 2, 4, 4]) }),
    (e: unknown) => e instanceof NodeExecutionError && e.nodeName === 'join' && /run: node 'join' \(concat\) failed: concat:/.test((e as Error).message),
  );
  // A reshape target read from data (not from tensor shapes) cannot be trusted to be a shape: refused at createSession.
  const dataShape = irGraph({ x: [4], s: [2] }, {}, [n('reshape', 'rs', ['x', 's'], ['y'], { copyZero: false })], ['y']);
  assert.throws(() => createSession(dataShape), (e: unknown) => e instanceof UnsupportedOpError && /reshape at node 'rs': the target shape must be a constant or computed from tensor shapes/.test((e as Error).message));
  // One computed from a Shape node is read per run; a bad one names the node.
  const viaShape = createSession(irGraph({ x: [-1, 4], z: [-1, 4] }, {}, [n('shape', 'sh', ['z'], ['s'], { start: 0 }), n('reshape', 'rs', ['x', 's'], ['y'], { copyZero: false })], ['y']));
  assert.equal(viaShape.run({ x: tensor([2, 4]), z: tensor([2, 4]) }).y.shape, [2, 4]);
  assert.throws(() => viaShape.run({ x: tensor([2, 4]), z: tensor([3, 4]) }), (e: unknown) => e instanceof NodeExecutionError && /node 'rs' \(reshape\) failed: reshape:/.test((e as Error).message));
  const sparse = irGraph({ x: [1] }, {}, [n('sparseToDense', 'sd', ['x', 'x', 'x', 'x'], ['y'], {})], ['y']);
  assert.throws(() => createSession(sparse), (e: unknown) => e instanceof UnsupportedOpError && /sparseToDense at node 'sd'/.test((e as Error).message));
  const cyclic = irGraph({}, {}, [n('relu', 'p', ['q1'], ['p1'], {}), n('relu', 'q', ['p1'], ['q1'], {})], ['p1']);
  assert.throws(() => createSession(cyclic, { optimize: false }), (e: unknown) => e instanceof ConfigError && /graph must be acyclic, got a cycle through p, q/.test((e as Error).message));
});

test('feature maps live in the kernels\' memory; outputs are copied out, and later runs allocate nothing there', () => {
  // conv (GEMM, 1x1) -> conv (Winograd, 3x3) -> maxPool -> sigmoid, on the wasm kernels.
  const g = irGraph(
    { x: [1, 8, 20, 20] },
    { w1: [[8, 8, 1, 1], randomTensor(21, [8, 8, 1, 1]).data], w2: [[8, 8, 3, 3], randomTensor(22, [8, 8, 3, 3]).data] },
    [
      n('conv2d', 'c1', ['x', 'w1'], ['a'], convAttrs({})),
      n('conv2d', 'c2', ['a', 'w2'], ['b'], convAttrs({ pads: [1, 1, 1, 1] })),
      n('maxPool2d', 'p', ['b'], ['c'], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], autoPad: 'explicit', ceilMode: false }),
      n('sigmoid', 's', ['c'], ['y'], {}),
    ],
    ['y', 'a'],
  );
  if (!wasmSimdSupported()) return;
  const kernels = defaultWasmKernels();
  const s = createSession(g, { optimize: false });
  const x = randomTensor(23, [1, 8, 20, 20]);
  const first = s.run({ x });
  const bytes = kernels.byteLength;
  for (let r = 0; r < 5; r++) s.run({ x });
  assert.is(kernels.byteLength, bytes, 'no growth after the first run');
  const again = s.run({ x });
  assert.ok(!kernels.owns(again.y.data) && !kernels.owns(again.a.data), 'outputs are the caller\'s arrays');
  assert.equal(again.y.data, first.y.data);
  // The same graph on the TypeScript kernels (plain arrays, copies) agrees.
  const js = createSession(g, { optimize: false, convPath: 'js' }).run({ x });
  assert.ok(maxAbsDiff(js.a.data, first.a.data) < 1e-5 && maxAbsDiff(js.y.data, first.y.data) < 1e-5);
  assert.ok(first.y.data.some((v) => v > 0.1 && v < 0.9) && first.y.data.every((v) => v >= 0 && v <= 1), 'a real sigmoid map, not zeros');
});

test.run();
