// `mot model-info` end to end: spawns the real CLI and checks exit codes,
// stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mot-model-info-'));

function mot(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'examples/cli/bin/mot.js'), 'model-info', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const test = suite('mot model-info');

test('NanoDet model.json: 104 layer rows and the README totals', () => {
  const r = mot('packages/detector/models/nanodet/nanodet.json');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const lines = r.stdout.split('\n');
  assert.is(lines[0], 'input 3x416x416');
  assert.match(lines[1], /^layer +type +output +params +MACs +RF size\/jump\/start$/);
  // header, rule, 104 rows, blank, totals
  assert.match(r.stdout, /\n104 layers; params 3,786,068 \(3\.79 M\); MACs 2,090,083,840 \(2\.09 G, about 4\.18 GFLOP\)\n/);
  const head = lines.find((l) => l.startsWith('convolution_28 '))!;
  assert.equal(head.split(/ {2,}/), ['convolution_28', 'conv', '128x52x52', '147,584', '398,721,024', '847/8/-11.5']);
});

test('NanoDet .onnx: the same 104 rows and totals as the model.json, under ONNX node names', () => {
  const r = mot('packages/detector/models/nanodet/nanodet.onnx');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  // Same weights, same graph after the runtime's optimisation: params 3,786,068 both ways (the tfjs weights hold
  // one float more, PadV2's -inf, which is max-pool padding and not a parameter; ONNX has it as MaxPool's pads).
  assert.match(r.stdout, /\n104 layers; params 3,786,068 \(3\.79 M\); MACs 2,090,083,840 \(2\.09 G, about 4\.18 GFLOP\)\n/);
  const rows = r.stdout.split('\n');
  assert.equal(rows[3].split(/ {2,}/), ['Conv_0', 'conv', '32x208x208', '896', '37,380,096', '3/2/0.5']);
  // the stride-8 head conv (tfjs convolution_28): 52 * 52 * 128 * 1152 = 398,721,024
  const head = rows.find((l) => l.startsWith('Conv_71 '))!;
  assert.equal(head.split(/ {2,}/), ['Conv_71', 'conv', '128x52x52', '147,584', '398,721,024', '847/8/-11.5']);
});

test('built-in vgg16: conv5_3 sees 196 px; 138,357,544 parameters', () => {
  const r = mot('vgg16');
  assert.is(r.code, 0, r.stderr);
  const row = r.stdout.split('\n').find((l) => l.startsWith('conv5_3 '))!;
  assert.equal(row.split(/ {2,}/), ['conv5_3', 'conv', '512x14x14', '2,359,808', '462,422,016', '196/16/8']);
  assert.match(r.stdout, /params 138,357,544 /);
});

test('--json prints the analysis; --input resizes a built-in', () => {
  const r = mot('resnet-conv1', '--json', '--input', '3x227x227');
  assert.is(r.code, 0, r.stderr);
  const a = JSON.parse(r.stdout);
  // (227 + 6 - 7)/2 + 1 = 114: MACs 114 * 114 * 64 * 147 = 122,266,368
  assert.equal(a.layers[0].outputShape, [64, 114, 114]);
  assert.equal(a.totals, { params: 9_472, macs: 122_266_368 });
});

test('a missing or unparseable file, or an unknown name: one line on stderr, exit 1, nothing on stdout', () => {
  const missing = mot('no/such/model.json');
  assert.is(missing.code, 1);
  assert.is(missing.stdout, '');
  assert.match(missing.stderr, /^mot model-info: no\/such\/model\.json: loadTfjsGraphModel: cannot read model file \(ENOENT\) \(built-in models: vgg16, alexnet, resnet50, resnet-conv1\)\n$/);
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, 'not json');
  const unparseable = mot(bad);
  assert.is(unparseable.code, 1);
  assert.is(unparseable.stdout, '');
  assert.match(unparseable.stderr, /^mot model-info: .*bad\.json: loadTfjsGraphModel: malformed JSON/);
  const typo = mot('vgg61');
  assert.is(typo.code, 1);
  assert.match(typo.stderr, /^mot model-info: analyzeModelFile: path must end in \.json \(TensorFlow\.js graph model\) or \.onnx, got vgg61 \(built-in models: vgg16, /);
});

test('usage errors: bad --input, --input with a model file', () => {
  const badInput = mot('vgg16', '--input', '224x224');
  assert.is(badInput.code, 1);
  assert.match(badInput.stderr, /^mot model-info: --input must be CxHxW with positive integers \(e\.g\. 3x224x224\), got 224x224\n$/);
  const jsonInput = mot('packages/detector/models/nanodet/nanodet.json', '--input', '3x320x320');
  assert.is(jsonInput.code, 1);
  assert.match(jsonInput.stderr, /--input applies to built-in models only/);
});

test.run();
