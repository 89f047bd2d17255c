import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelLoadError, UnsupportedOpError } from './errors.js';
import { createSession } from './execute.js';
import { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
import { NANODET_JSON, NANODET_OUTPUTS, maxAbsDiff, randomTensor, rng, runTfjs, writeTfjsModel } from './testing/oracles.js';

const test = suite('loadTfjsGraphModel');

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
const F = { type: 'DT_FLOAT' };
const I = { type: 'DT_INT32' };
const konst = (name: string, dtype = F) => ({ name, op: 'Const', attr: { dtype, value: { tensor: { dtype: dtype.type } } } });
const node = (name: string, op: string, input: string[], attr: Record<string, unknown> = {}) => ({ name, op, input, attr: { T: F, ...attr } });

/**
 * A small NHWC graph exercising every TF op the loader maps besides
 * NanoDet's, with uint8-, uint16- and float16-quantized weights.
 */
function tinyModel(): { json: Record<string, unknown>; bin: Uint8Array; codes: { conv: Uint8Array } } {
  const r = rng(7);
  const convCodes = Uint8Array.from({ length: 3 * 3 * 2 * 3 }, () => Math.floor(r() * 256));
  // Pin two codes so the dequantization can be checked by hand.
  convCodes[0] = 0;
  convCodes[1] = 255;
  const dwCodes = Uint16Array.from({ length: 3 * 3 * 3 * 2 }, () => Math.floor(r() * 65536));
  const bias = Uint16Array.of(0x3800, 0xb400, 0x3c00); // float16: 0.5, -0.25, 1
  const sub = Float32Array.of(0.25);
  const mul = Float32Array.of(1, -1, 0.5, 2, -0.5, 1.5);
  const parts = [
    convCodes,
    new Uint8Array(dwCodes.buffer),
    new Uint8Array(bias.buffer),
    new Uint8Array(sub.buffer),
    new Uint8Array(mul.buffer),
    new Uint8Array(Int32Array.of(6, 6).buffer),
    new Uint8Array(Int32Array.of(2, 4).buffer),
    new Uint8Array(Int32Array.of(3).buffer),
    new Uint8Array(Int32Array.of(3).buffer),
    new Uint8Array(Int32Array.of(5, 4).buffer),
    new Uint8Array(Int32Array.of(0, 3, 1, 2).buffer),
    new Uint8Array(Int32Array.of(1, -1).buffer),
  ];
  const bin = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    bin.set(p, o);
    o += p.length;
  }
  const weights = [
    { name: 'conv_w', shape: [3, 3, 2, 3], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 2 / 255 } },
    { name: 'dw_w', shape: [3, 3, 3, 2], dtype: 'float32', quantization: { dtype: 'uint16', min: -0.5, scale: 1 / 65535 } },
    { name: 'bias', shape: [3], dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } },
    { name: 'sub_c', shape: [], dtype: 'float32' },
    { name: 'mul_c', shape: [6], dtype: 'float32' },
    { name: 'size6', shape: [2], dtype: 'int32' },
    { name: 'splits', shape: [2], dtype: 'int32' },
    { name: 'split_dim', shape: [], dtype: 'int32' },
    { name: 'axis3', shape: [], dtype: 'int32' },
    { name: 'size54', shape: [2], dtype: 'int32' },
    { name: 'perm', shape: [4], dtype: 'int32' },
    { name: 'flat', shape: [2], dtype: 'int32' },
  ];
  const nodes = [
    { name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: { dim: [{ size: '1' }, { size: '9' }, { size: '9' }, { size: '2' }] } } } },
    ...weights.map((w) => konst(w.name, w.dtype === 'int32' ? I : F)),
    node('conv', 'Conv2D', ['x', 'conv_w'], { strides: ints(1, 2, 2, 1), padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') }, dilations: ints(1, 1, 1, 1) }),
    node('biased', 'BiasAdd', ['conv', 'bias'], { data_format: { s: b64('NHWC') } }),
    node('r6', 'Relu6', ['biased']),
    node('dw', 'DepthwiseConv2dNative', ['r6', 'dw_w'], { strides: ints(1, 1, 1, 1), padding: { s: b64('VALID') }, data_format: { s: b64('NHWC') }, dilations: ints(1, 1, 1, 1) }),
    node('pool', 'MaxPool', ['dw'], { ksize: ints(1, 2, 2, 1), strides: ints(1, 1, 1, 1), padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') } }),
    node('up', 'ResizeNearestNeighbor', ['pool', 'size6'], { align_corners: { b: false }, half_pixel_centers: { b: false } }),
    node('shifted', 'Sub', ['up', 'sub_c']),
    node('scaled', 'Mul', ['shifted', 'mul_c']),
    node('t', 'Tanh', ['scaled']),
    node('parts', 'SplitV', ['t', 'splits', 'split_dim'], { num_split: { i: '2' }, Tlen: I }),
    node('sig', 'Sigmoid', ['parts:1']),
    node('joined', 'ConcatV2', ['parts', 'sig', 'axis3'], { N: { i: '2' }, Tidx: I }),
    node('out1', 'Identity', ['joined']),
    node('out2', 'ResizeBilinear', ['pool', 'size54'], { align_corners: { b: true }, half_pixel_centers: { b: false } }),
    node('nchw', 'Transpose', ['t', 'perm'], { Tperm: I }),
    node('out3', 'Reshape', ['nchw', 'flat'], { Tshape: I }),
  ];
  const json = {
    format: 'graph-model',
    generatedBy: 'hand',
    convertedBy: 'hand',
    modelTopology: { node: nodes, versions: { producer: 1 } },
    weightsManifest: [{ paths: ['model.bin'], weights }],
  };
  return { json, bin, codes: { conv: convCodes } };
}

test('NanoDet: the source op histogram the model README lists', async () => {
  const g = await loadTfjsGraphModel(NANODET_JSON);
  // packages/detector/models/nanodet/README.md "Graph": 489 nodes, of which these ops (+ 229 Const, 1 Placeholder).
  assert.is(g.source.nodeCount, 489);
  assert.equal(g.source.ops, {
    Const: 229, Placeholder: 1, Conv2D: 34, Add: 38, LeakyRelu: 28, Sigmoid: 3, MaxPool: 1, PadV2: 1, Pad: 28,
    Transpose: 83, SplitV: 3, ResizeBilinear: 4, ConcatV2: 12, Reshape: 6, SparseToDense: 6, AddV2: 6, Identity: 6,
  });
  assert.equal(g.inputs, ['input_1']);
  assert.equal(g.values.get('input_1')?.shape, [1, 3, 416, 416]);
  assert.equal([...g.outputs].sort(), [...NANODET_OUTPUTS].sort());
  // float16 widened: PadV2's constant is -inf (half 0xfc00).
  assert.is(g.values.get('PartitionedCall/PadV2/constant_values')?.data?.[0], -Infinity);
});

test('a hand-written model with uint8/uint16/float16 weights equals tfjs-converter on tfjs-backend-cpu', async () => {
  const { json, bin, codes } = tinyModel();
  const path = writeTfjsModel(json, bin);
  const g = await loadTfjsGraphModel(path);
  // uint8: min + q * scale -> q=0: -1; q=255: -1 + 255 * 2/255 = 1. HWIO stays until folding.
  const w = g.values.get('conv_w')?.data as Float32Array;
  assert.is(w[0], -1);
  assert.ok(Math.abs(w[1] - 1) < 1e-6);
  assert.ok(Math.abs(w[7] - (-1 + codes.conv[7] * (2 / 255))) < 1e-6);
  // float16 bias 0x3800, 0xb400, 0x3c00 -> 0.5, -0.25, 1.
  assert.equal([...(g.values.get('bias')?.data ?? [])], [0.5, -0.25, 1]);

  const x = randomTensor(11, [1, 9, 9, 2]);
  const want = await runTfjs(path, { x }, 'cpu');
  for (const optimize of [true, false]) {
    const got = createSession(g, { optimize }).run({ x });
    for (const name of ['out1', 'out2', 'out3']) {
      assert.equal(got[name].data.length, want[name].length, `${name} size`);
      const err = maxAbsDiff(got[name].data, want[name]);
      assert.ok(err <= 1e-5, `${name} (optimize ${optimize}): max abs error ${err}`);
    }
  }
});

test('an op the runtime lacks fails at load, naming op and node', async () => {
  const { json, bin } = tinyModel();
  const topo = json.modelTopology as { node: Array<Record<string, unknown>> };
  topo.node.push(node('odd', 'Conv3D', ['x', 'conv_w']));
  const path = writeTfjsModel(json, bin);
  try {
    await loadTfjsGraphModel(path);
    assert.unreachable('should throw');
  } catch (e) {
    assert.ok(e instanceof UnsupportedOpError, String(e));
    assert.is((e as UnsupportedOpError).opType, 'Conv3D');
    assert.is((e as UnsupportedOpError).nodeName, 'odd');
    assert.match((e as Error).message, /unsupported op Conv3D at node 'odd'/);
    assert.match((e as Error).message, /model\.json/);
  }
});

async function rejects(p: Promise<unknown>, ErrorType: new (...args: never[]) => Error, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ErrorType, `expected ${ErrorType.name}, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable('should throw');
}

test('a missing weights file is a ModelLoadError naming it', async () => {
  const { json } = tinyModel();
  const path = writeTfjsModel(json);
  await rejects(loadTfjsGraphModel(path), ModelLoadError, /model\.bin: .*cannot read weights file .*paths\[0\] \(ENOENT\)/);
});

test('a truncated .bin is a ModelLoadError with the bytes needed and held', async () => {
  const { json, bin } = tinyModel();
  const path = writeTfjsModel(json, bin.subarray(0, bin.length - 3));
  // 54 + 108 + 6 + 4 + 24 + 7 * 8 ... = bin.length bytes needed; 3 fewer held.
  await rejects(loadTfjsGraphModel(path), ModelLoadError, new RegExp(`model\\.bin: .*truncated: .*needs ${bin.length} bytes, the file\\(s\\) hold ${bin.length - 3}`));
});

test('malformed JSON and a missing model.json are ModelLoadErrors naming the file', async () => {
  const path = writeTfjsModel('{"format": "graph-model", "modelTopology": {');
  await rejects(loadTfjsGraphModel(path), ModelLoadError, /model\.json: loadTfjsGraphModel: malformed JSON/);
  await rejects(loadTfjsGraphModel(join(dirname(path), 'nope.json')), ModelLoadError, /nope\.json: .*cannot read model file \(ENOENT\)/);
});

test('structural problems are ModelLoadErrors', async () => {
  const { json, bin } = tinyModel();
  const layers = writeTfjsModel({ ...json, format: 'layers-model' }, bin);
  await rejects(loadTfjsGraphModel(layers), ModelLoadError, /format must be 'graph-model', got "layers-model"/);
  const noNodes = writeTfjsModel({ format: 'graph-model', modelTopology: {} });
  await rejects(loadTfjsGraphModel(noNodes), ModelLoadError, /modelTopology\.node must be an array/);
  const badNode = writeTfjsModel({ modelTopology: { node: [{ op: 'Relu' }] } });
  await rejects(loadTfjsGraphModel(badNode), ModelLoadError, /node\[0\] must have string name and op/);

  const t2 = tinyModel();
  (t2.json.modelTopology as { node: unknown[] }).node.push(konst('orphan'));
  await rejects(loadTfjsGraphModel(writeTfjsModel(t2.json, t2.bin)), ModelLoadError, /Const node 'orphan' has no entry in weightsManifest/);

  const t3 = tinyModel();
  (t3.json.modelTopology as { node: unknown[] }).node.push(node('dangling', 'Relu', ['ghost']));
  await rejects(loadTfjsGraphModel(writeTfjsModel(t3.json, t3.bin)), ModelLoadError, /node 'dangling' reads 'ghost'/);

  const t4 = tinyModel();
  const spec = (t4.json.weightsManifest as Array<{ weights: Array<Record<string, unknown>> }>)[0].weights[0];
  spec.quantization = { dtype: 'int4', min: 0, scale: 1 };
  await rejects(loadTfjsGraphModel(writeTfjsModel(t4.json, t4.bin)), ModelLoadError, /weights\[0\]\.quantization\.dtype must be float16, uint8 or uint16, got "int4"/);
});

test('a parameter that is not a constant, or an integer input, is an UnsupportedOpError', async () => {
  const t = tinyModel();
  (t.json.modelTopology as { node: unknown[] }).node.push(node('tp', 'Transpose', ['t', 't'], { Tperm: I }));
  await rejects(loadTfjsGraphModel(writeTfjsModel(t.json, t.bin)), UnsupportedOpError, /Transpose at node 'tp': perm must be a constant/);
  const t2 = tinyModel();
  const ph = (t2.json.modelTopology as { node: Array<{ attr: Record<string, unknown> }> }).node[0];
  ph.attr.dtype = I;
  await rejects(loadTfjsGraphModel(writeTfjsModel(t2.json, t2.bin)), UnsupportedOpError, /Placeholder at node 'x': dtype DT_INT32/);
});

test('NCHW Conv2D with EXPLICIT padding, NCHW BiasAdd, Split and RealDiv equal the NHWC model under tfjs', async () => {
  const r = rng(21);
  const filter = Float32Array.from({ length: 3 * 3 * 2 * 4 }, () => 2 * r() - 1);
  const bias = Float32Array.of(0.5, -0.5, 1, 0);
  const bin = new Uint8Array([...new Uint8Array(filter.buffer), ...new Uint8Array(bias.buffer), ...new Uint8Array(Int32Array.of(1).buffer)]);
  const weights = [
    { name: 'f', shape: [3, 3, 2, 4], dtype: 'float32' },
    { name: 'b', shape: [4], dtype: 'float32' },
    { name: 'dim', shape: [], dtype: 'int32' },
  ];
  const ph = (shape: number[]) => ({ name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: { dim: shape.map((d) => ({ size: String(d) })) } } } });
  // Ours: NCHW throughout; explicit_paddings are [before, after] per NCHW axis: H 1/2, W 0/1.
  const nchw = {
    modelTopology: {
      node: [
        ph([1, 2, 9, 9]), konst('f'), konst('b'), konst('dim', I),
        node('conv', 'Conv2D', ['x', 'f'], { strides: ints(1, 1, 2, 2), padding: { s: b64('EXPLICIT') }, explicit_paddings: ints(0, 0, 0, 0, 1, 2, 0, 1), data_format: { s: b64('NCHW') } }),
        node('biased', 'BiasAdd', ['conv', 'b'], { data_format: { s: b64('NCHW') } }),
        node('sig', 'Sigmoid', ['biased']),
        node('halves', 'Split', ['dim', 'sig'], { num_split: { i: '2' } }),
        node('outB', 'RealDiv', ['halves', 'halves:1']),
      ],
    },
    weightsManifest: [{ paths: ['model.bin'], weights }],
  };
  // Oracle: the same computation in NHWC with an explicit Pad and VALID conv, run by tfjs.
  const pads = new Uint8Array(Int32Array.of(0, 0, 1, 2, 0, 1, 0, 0).buffer);
  const perm = new Uint8Array(Int32Array.of(0, 3, 1, 2).buffer);
  const dim3 = new Uint8Array(Int32Array.of(3).buffer);
  const nhwc = {
    format: 'graph-model',
    modelTopology: {
      node: [
        ph([1, 9, 9, 2]), konst('f'), konst('b'), konst('pads', I), konst('perm', I), konst('dim3', I),
        node('padded', 'Pad', ['x', 'pads'], { Tpaddings: I }),
        node('conv', 'Conv2D', ['padded', 'f'], { strides: ints(1, 2, 2, 1), padding: { s: b64('VALID') }, data_format: { s: b64('NHWC') }, dilations: ints(1, 1, 1, 1) }),
        node('biased', 'BiasAdd', ['conv', 'b'], { data_format: { s: b64('NHWC') } }),
        node('sig', 'Sigmoid', ['biased']),
        node('halves', 'Split', ['dim3', 'sig'], { num_split: { i: '2' } }),
        node('q', 'RealDiv', ['halves', 'halves:1']),
        node('outA', 'Transpose', ['q', 'perm'], { Tperm: I }),
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: ['model.bin'], weights: [weights[0], weights[1], { name: 'pads', shape: [4, 2], dtype: 'int32' }, { name: 'perm', shape: [4], dtype: 'int32' }, { name: 'dim3', shape: [], dtype: 'int32' }] }],
  };
  const binA = new Uint8Array([...bin.subarray(0, filter.byteLength + bias.byteLength), ...pads, ...perm, ...dim3]);
  const xh = randomTensor(22, [1, 9, 9, 2]);
  const want = (await runTfjs(writeTfjsModel(nhwc, binA), { x: xh }, 'cpu')).outA;
  // x in NCHW: x[0, c, i, j] = xh[0, i, j, c].
  const xc = new Float32Array(xh.data.length);
  for (let c = 0; c < 2; c++) for (let p = 0; p < 81; p++) xc[c * 81 + p] = xh.data[p * 2 + c];
  const got = createSession(await loadTfjsGraphModel(writeTfjsModel(nchw, bin))).run({ x: { shape: [1, 2, 9, 9], data: xc } }).outB;
  // H: (9 + 1 + 2 - 3) / 2 + 1 = 5; W: (9 + 0 + 1 - 3) / 2 + 1 = 4 (floor).
  assert.equal(got.shape, [1, 2, 5, 4]);
  // Ratios of sigmoids reach ~100: compare relative to the value's size.
  let err = 0;
  for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got.data[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  assert.ok(err <= 1e-5, `max relative error ${err}`);
});

test('attribute values and parameters the runtime lacks are UnsupportedOpErrors', async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [node('q1', 'Conv2D', ['x', 'conv_w'], { data_format: { s: b64('NCDHW') } }), /Conv2D at node 'q1': data_format NCDHW/],
    [node('q2', 'Conv2D', ['x', 'conv_w'], { strides: ints(1, 2, 1) }), /strides must have 4 entries, got \[1,2,1\]/],
    [node('q3', 'Conv2D', ['x', 'conv_w'], { padding: { s: b64('EXPLICIT') }, explicit_paddings: ints(1, 1) }), /explicit_paddings must have 8 entries/],
    [node('q4', 'MaxPool', ['x'], { padding: { s: b64('CAUSAL') } }), /MaxPool at node 'q4': padding CAUSAL/],
    [node('q5', 'DepthwiseConv2dNative', ['x', 'r6']), /filter must be a constant \[kh, kw, C, multiplier\]/],
    [node('q6', 'ResizeBilinear', ['x', 'perm']), /size must be \[h, w\], got \[0,3,1,2\]/],
    [node('q7', 'BiasAdd', ['x', 'r6'], { data_format: { s: b64('NCHW') } }), /an NCHW bias must be a constant/],
    [node('q8', 'PadV2', ['x', 'perm', 'mul_c']), /constant_values must be a constant scalar/],
  ];
  for (const [extra, pattern] of cases) {
    const t = tinyModel();
    (t.json.modelTopology as { node: unknown[] }).node.push(extra);
    await rejects(loadTfjsGraphModel(writeTfjsModel(t.json, t.bin)), UnsupportedOpError, pattern);
  }
});

test('more malformed model.json: not an object, bad inputs, a signature naming nothing', async () => {
  await rejects(loadTfjsGraphModel(writeTfjsModel('null')), ModelLoadError, /model\.json must hold an object, got object/);
  await rejects(loadTfjsGraphModel(writeTfjsModel({ modelTopology: { node: [{ name: 'a', op: 'Relu', input: [3] }] } })), ModelLoadError, /node 'a': input must be strings/);
  const t = tinyModel();
  const path = writeTfjsModel({ ...t.json, signature: { outputs: { 'nothing:0': {} } } }, t.bin);
  await rejects(loadTfjsGraphModel(path), ModelLoadError, /signature output 'nothing:0' is not produced by any node/);
});

test('shards of one weight group are concatenated in order', async () => {
  const { json, bin } = tinyModel();
  const path = writeTfjsModel({ ...json, weightsManifest: [{ ...(json.weightsManifest as object[])[0], paths: ['a.bin', 'b.bin'] }] });
  writeFileSync(join(dirname(path), 'a.bin'), bin.subarray(0, 100));
  writeFileSync(join(dirname(path), 'b.bin'), bin.subarray(100));
  const whole = await loadTfjsGraphModel(writeTfjsModel(json, bin));
  const split = await loadTfjsGraphModel(path);
  for (const name of ['conv_w', 'dw_w', 'bias', 'mul_c', 'flat']) {
    assert.equal([...(split.values.get(name)?.data ?? [])], [...(whole.values.get(name)?.data ?? [])], name);
  }
});

test.run();
