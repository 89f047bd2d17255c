import { join, dirname } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelLoadError, UnsupportedOpError } from './errors.js';
import { createSession } from './execute.js';
import { loadOnnxModel } from './load-onnx-model.js';
import { attr, encodeModel, floatTensor, int64Tensor, onnxNode, writeTemp } from './testing/onnx-builder.js';
import { NANODET_ONNX, NANODET_OUTPUTS, maxAbsDiff, randomTensor, rng, runOrt } from './testing/oracles.js';

const test = suite('loadOnnxModel');

/**
 * A small NCHW model over the ONNX ops the loader maps that NanoDet does not
 * use (grouped SAME_UPPER conv, Pad with a value, ceil-mode MaxPool, nearest
 * and linear Resize, Constant, broadcasting Mul/Sub/Div, equal Split,
 * Reshape with 0 and -1...).
 */
function tinyModel(extra: Parameters<typeof onnxNode>[] = []): Uint8Array {
  const r = rng(3);
  const rand = (n: number) => Array.from({ length: n }, () => 2 * r() - 1);
  const nodes = [
    onnxNode('Conv', 'conv', ['x', 'W', 'B'], ['c'], [attr('group', 2), attr('auto_pad', 'SAME_UPPER'), attr('strides', [2, 2]), attr('kernel_shape', [3, 3])]),
    onnxNode('Relu', 'relu', ['c'], ['r']),
    onnxNode('Pad', 'pad', ['r', 'pads', 'padv'], ['p']),
    onnxNode('MaxPool', 'pool', ['p'], ['m'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2]), attr('ceil_mode', 1)]),
    onnxNode('Resize', 'up', ['m', '', 'scales'], ['u'], [attr('mode', 'nearest'), attr('coordinate_transformation_mode', 'asymmetric'), attr('nearest_mode', 'floor')]),
    onnxNode('Constant', 'k', [], ['kc'], [attr('value', floatTensor('kv', [1, 6, 1, 1], [1, -2, 0.5, 3, -1, 0.25]))]),
    onnxNode('Mul', 'mul', ['u', 'kc'], ['mu']),
    onnxNode('Sub', 'sub', ['mu', 'shift'], ['su']),
    onnxNode('Div', 'div', ['su', 'den'], ['di']),
    onnxNode('Tanh', 'tanh', ['di'], ['tt']),
    onnxNode('Split', 'split', ['tt'], ['s0', 's1'], [attr('axis', 1)]),
    onnxNode('Concat', 'cat', ['s0', 's1'], ['cc'], [attr('axis', 2)]),
    onnxNode('Transpose', 'tr', ['cc'], ['tp'], [attr('perm', [0, 2, 3, 1])]),
    onnxNode('Reshape', 'rs', ['tp', 'shape'], ['out1']),
    onnxNode('Resize', 'lin', ['tt', '', '', 'sizes'], ['out2'], [attr('mode', 'linear'), attr('coordinate_transformation_mode', 'align_corners')]),
    onnxNode('LeakyRelu', 'lr', ['c'], ['l'], [attr('alpha', 0.2, true)]),
    onnxNode('Sigmoid', 'sig', ['l'], ['out3']),
    onnxNode('Identity', 'id', ['x'], ['out4']),
    // Asymmetric explicit pads ([h_begin, w_begin, h_end, w_end]) and dilation.
    onnxNode('Conv', 'conv2', ['x', 'W2'], ['c2'], [attr('pads', [1, 2, 0, 0]), attr('dilations', [2, 1])]),
    onnxNode('MaxPool', 'pool2', ['c2'], ['out5'], [attr('kernel_shape', [2, 3]), attr('pads', [1, 2, 0, 0]), attr('strides', [1, 2])]),
    ...extra.map((a) => onnxNode(...a)),
  ];
  const inits = [
    floatTensor('W', [6, 2, 3, 3], rand(108)),
    floatTensor('W2', [3, 4, 2, 2], rand(48)),
    floatTensor('B', [6], rand(6), true),
    int64Tensor('pads', [8], [0, 0, 1, 0, 0, 0, 0, 2]),
    floatTensor('padv', [], [0.5]),
    floatTensor('scales', [4], [1, 1, 2, 2]),
    floatTensor('shift', [], [0.125]),
    floatTensor('den', [6], [1, 2, -4, 0.5, 8, 1.5]),
    int64Tensor('shape', [3], [0, -1, 3]),
    int64Tensor('sizes', [4], [1, 6, 5, 4]),
  ];
  return encodeModel(nodes, inits, [['x', [1, 4, 7, 6]]], ['out1', 'out2', 'out3', 'out4', 'out5']);
}

test('NanoDet: op histogram of the ONNX graph and its IR', async () => {
  const g = await loadOnnxModel(NANODET_ONNX);
  assert.is(g.source.nodeCount, 107);
  // Same layers as the tfjs graph's README list, without the layout/constant leftovers.
  assert.equal(g.source.ops, { Conv: 34, LeakyRelu: 28, MaxPool: 1, Concat: 12, Resize: 4, Add: 4, Split: 3, Sigmoid: 3, Reshape: 6, Transpose: 6, Identity: 6 });
  const ir: Record<string, number> = {};
  for (const n of g.nodes) ir[n.op] = (ir[n.op] ?? 0) + 1;
  assert.equal(ir, { conv2d: 34, leakyRelu: 28, maxPool2d: 1, concat: 12, resizeBilinear: 4, add: 4, split: 3, sigmoid: 3, reshape: 6, transpose: 6, identity: 6 });
  assert.equal(g.inputs, ['input_1']);
  assert.equal(g.values.get('input_1')?.shape, [1, 3, 416, 416]);
  assert.equal([...g.outputs].sort(), [...NANODET_OUTPUTS].sort());
  // 81 initializers; the int64 reshape targets arrive as int32.
  assert.is([...g.values.values()].filter((v) => v.data !== undefined).length, 81);
  const targets = g.nodes.filter((n) => n.op === 'reshape').map((n) => [...(g.values.get(n.inputs[1])?.data ?? [])].join());
  assert.equal([...new Set(targets)].sort(), ['1,44,-1', '1,80,-1']);
});

test('a hand-built model over the other ONNX ops equals onnxruntime-node', async () => {
  const path = writeTemp(tinyModel());
  const g = await loadOnnxModel(path);
  const x = randomTensor(5, [1, 4, 7, 6]);
  const want = await runOrt(path, { x });
  for (const optimize of [true, false]) {
    const got = createSession(g, { optimize }).run({ x });
    for (const name of ['out1', 'out2', 'out3', 'out4', 'out5']) {
      const err = maxAbsDiff(got[name].data, want[name]);
      assert.ok(err <= 1e-5, `${name} (optimize ${optimize}): max abs error ${err}`);
    }
  }
});

test('opset 10 forms (Pad attributes, Resize with scales, Split attribute) and Constant value_float/value_ints equal onnxruntime-node', async () => {
  const nodes = [
    onnxNode('Pad', 'pad', ['x'], ['p'], [attr('pads', [0, 0, 1, 2, 0, 0, 2, 0]), attr('value', 0.75, true)]),
    onnxNode('Resize', 'up', ['p', 'scales'], ['u'], [attr('mode', 'nearest')]),
    onnxNode('Resize', 'lin', ['p', 'scales2'], ['out3'], [attr('mode', 'linear')]),
    onnxNode('Split', 'sp', ['u'], ['a', 'b'], [attr('axis', 1), attr('split', [1, 3])]),
    onnxNode('Constant', 'k', [], ['kc'], [attr('value_float', 2.5, true)]),
    onnxNode('Mul', 'm', ['b', 'kc'], ['out1']),
    onnxNode('Constant', 'sh', [], ['shc'], [attr('value_ints', [1, -1])]),
    onnxNode('Reshape', 'r', ['a', 'shc'], ['out2']),
  ];
  const inits = [floatTensor('scales', [4], [1, 1, 2, 3]), floatTensor('scales2', [4], [1, 1, 1.5, 2])];
  const path = writeTemp(encodeModel(nodes, inits, [['x', [1, 4, 3, 5]]], ['out1', 'out2', 'out3'], 10));
  const x = randomTensor(9, [1, 4, 3, 5]);
  const want = await runOrt(path, { x });
  const got = createSession(await loadOnnxModel(path)).run({ x });
  // Pad [1, 2] x [2, 0] -> 6 x 7; nearest x2, x3 -> 12 x 21; linear x1.5, x2 -> floor(9) x 14.
  assert.equal(got.out1.shape, [1, 3, 12, 21]);
  assert.equal(got.out3.shape, [1, 4, 9, 14]);
  for (const name of ['out1', 'out2', 'out3']) {
    const err = maxAbsDiff(got[name].data, want[name]);
    assert.ok(err <= 1e-5, `${name}: max abs error ${err}`);
  }
});

async function rejects(p: Promise<unknown>, ErrorType: new (...args: never[]) => Error, pattern: RegExp): Promise<Error> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ErrorType, `expected ${ErrorType.name}, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return e as Error;
  }
  assert.unreachable('should throw');
  throw new Error('unreachable');
}

test('an op the runtime lacks fails at load, naming op and node', async () => {
  const path = writeTemp(tinyModel([['Softmax', 'soft', ['tt'], ['sm']]]));
  const e = (await rejects(loadOnnxModel(path), UnsupportedOpError, /model\.onnx: unsupported op Softmax at node 'soft'/)) as UnsupportedOpError;
  assert.is(e.opType, 'Softmax');
  assert.is(e.nodeName, 'soft');
  const custom = writeTemp(tinyModel([['Relu', 'mine', ['tt'], ['q'], [], 'com.example']]));
  await rejects(loadOnnxModel(custom), UnsupportedOpError, /unsupported op Relu at node 'mine': domain com\.example/);
});

test('an attribute value the runtime lacks fails at load', async () => {
  const cubic = writeTemp(tinyModel([['Resize', 'cub', ['tt', '', 'scales'], ['q'], [attr('mode', 'cubic')]]]));
  await rejects(loadOnnxModel(cubic), UnsupportedOpError, /Resize at node 'cub': mode cubic/);
  const lower = writeTemp(tinyModel([['Conv', 'sl', ['x', 'W'], ['q'], [attr('group', 2), attr('auto_pad', 'SAME_LOWER')]]]));
  await rejects(loadOnnxModel(lower), UnsupportedOpError, /Conv at node 'sl': auto_pad SAME_LOWER/);
  const reflect = writeTemp(tinyModel([['Pad', 'rp', ['x', 'pads'], ['q'], [attr('mode', 'reflect')]]]));
  await rejects(loadOnnxModel(reflect), UnsupportedOpError, /Pad at node 'rp': mode reflect/);
  const cases: Array<[Parameters<typeof onnxNode>, RegExp]> = [
    [['Resize', 'q1', ['tt', '', 'scales'], ['q'], [attr('mode', 'linear'), attr('coordinate_transformation_mode', 'tf_crop_and_resize')]], /coordinate_transformation_mode tf_crop_and_resize/],
    [['Resize', 'q2', ['tt', '', 'scales'], ['q'], [attr('coordinate_transformation_mode', 'half_pixel')]], /nearest resize with half_pixel\/round_prefer_floor \(only asymmetric\/floor\)/],
    [['Resize', 'q3', ['tt'], ['q'], [attr('mode', 'linear')]], /neither sizes nor scales given/],
    [['Resize', 'q4', ['tt', '', 'padv'], ['q'], [attr('mode', 'linear')]], /scales must be a constant \[1, 1, sh, sw\]/],
    [['Resize', 'q5', ['tt', '', '', 'shape'], ['q'], [attr('mode', 'linear')]], /sizes must be \[N, C, H, W\], got \[0,-1,3\]/],
    [['Transpose', 'q6', ['tt'], ['q']], /Transpose at node 'q6': a missing perm/],
    [['MaxPool', 'q7', ['x'], ['q', 'idx'], [attr('kernel_shape', [2, 2])]], /MaxPool at node 'q7': the Indices output/],
    [['MaxPool', 'q8', ['x'], ['q'], [attr('kernel_shape', [2, 2]), attr('dilations', [2, 2])]], /dilations \[2,2\]/],
    [['MaxPool', 'q9', ['x'], ['q'], [attr('kernel_shape', [2, 2, 2])]], /kernel_shape must have 2 entries \(2-D only\)/],
    [['Conv', 'q10', ['x', 'W'], ['q'], [attr('pads', [1, 1])]], /pads must have 4 entries \(2-D only\)/],
    [['Conv', 'q11', ['x', 'B'], ['q']], /only 2-D convolution, got a weight of shape \[6\]/],
    [['Pad', 'q12', ['x', 'pads', 'padv', 'shape'], ['q']], /Pad at node 'q12': the axes input/],
    [['Constant', 'q13', [], ['q'], [attr('value_string', 'hi')]], /a value kind other than value, value_float\(s\), value_int\(s\)/],
  ];
  for (const [node, pattern] of cases) {
    await rejects(loadOnnxModel(writeTemp(tinyModel([node]))), UnsupportedOpError, pattern);
  }
});

test('malformed bytes and a missing file are ModelLoadErrors naming the file', async () => {
  // 0xff... is not a valid protobuf tag sequence.
  const garbage = writeTemp(new Uint8Array(64).fill(0xff), 'garbage.onnx');
  await rejects(loadOnnxModel(garbage), ModelLoadError, /garbage\.onnx: loadOnnxModel: not a valid ONNX protobuf/);
  // A JSON text decodes as protobuf fields or fails: either way it is not a model.
  const text = writeTemp('{"not": "onnx"}', 'text.onnx');
  await rejects(loadOnnxModel(text), ModelLoadError, /text\.onnx: loadOnnxModel: not (a valid ONNX protobuf|an ONNX model)/);
  const empty = writeTemp(new Uint8Array(0), 'empty.onnx');
  await rejects(loadOnnxModel(empty), ModelLoadError, /empty\.onnx: loadOnnxModel: not an ONNX model \(no graph with nodes\)/);
  await rejects(loadOnnxModel(join(dirname(garbage), 'absent.onnx')), ModelLoadError, /absent\.onnx: .*cannot read model file \(ENOENT\)/);
});

test('a dangling input and a non-float input are ModelLoadErrors', async () => {
  const dangling = writeTemp(tinyModel([['Relu', 'd', ['ghost'], ['q']]]));
  await rejects(loadOnnxModel(dangling), ModelLoadError, /node 'd' reads 'ghost'/);
  const intInput = encodeModel([onnxNode('Identity', 'i', ['n'], ['o'])], [], [], ['o']).slice();
  // Re-encode with an int64 input by hand: elemType 7.
  const m = (await import('onnx-proto')).default.onnx.ModelProto;
  const decoded = m.decode(intInput);
  decoded.graph!.input = [{ name: 'n', type: { tensorType: { elemType: 7 } } }];
  const path = writeTemp(m.encode(decoded).finish());
  await rejects(loadOnnxModel(path), ModelLoadError, /input 'n' has element type 7; only float32 inputs/);
});

test.run();
