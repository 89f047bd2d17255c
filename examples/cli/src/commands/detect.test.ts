// `mot detect` end to end: spawns the real CLI on real images and the
// TUD-Campus video, and checks rows, exit codes and that an error leaves no
// output file behind.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { iou } from '@mot/core';
import { formatDetections } from './detect.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mot-detect-'));
const MODEL = join(root, 'packages/detector/models/nanodet/nanodet.json');

function mot(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'examples/cli/bin/mot.js'), 'detect', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const test = suite('mot detect');

test('formatDetections: MOT row frame,-1,x,y,w,h,score,classId,-1,-1 and JSON lines', () => {
  const d = [{ box: [1.234, 5, 6.005, 7] as [number, number, number, number], score: 0.71234, classId: 5 }];
  assert.is(formatDetections(3, d, false), '3,-1,1.23,5.00,6.00,7.00,0.7123,5,-1,-1\n');
  assert.equal(JSON.parse(formatDetections(3, d, true)), { frame: 3, box: [1.23, 5, 6, 7], score: 0.7123, classId: 5, class: 'bus' });
});

test('image, our core, all classes: the README bus (0.71 at 142,54,290,218) and car rows on stdout', () => {
  const r = mot('fixtures/detector/000252.jpg', '--classes', 'all');
  assert.is(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split(',').map(Number));
  assert.ok(rows.every((c) => c.length === 10 && c[0] === 1 && c[1] === -1 && c[8] === -1 && c[9] === -1));
  const bus = rows.find((c) => c[7] === 5) as number[];
  assert.ok(Math.abs(bus[6] - 0.71) <= 0.04, `bus score ${bus[6]}`);
  const xyxy = [bus[2], bus[3], bus[2] + bus[4], bus[3] + bus[5]];
  assert.ok(xyxy.every((v, i) => Math.abs(v - [142, 54, 290, 218][i]) <= 4), `bus box ${xyxy}`);
  assert.ok(rows.some((c) => c[7] === 2), 'car');
});

test('--json, --classes dog, --backend ort: one JSON line, the dog at 197,123,402,328', () => {
  const r = mot('fixtures/detector/000258.jpg', '--classes', 'dog', '--json', '--backend', 'ort');
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 1);
  assert.is(lines[0].class, 'dog');
  const [x, y, w, h] = lines[0].box;
  assert.ok([x, y, x + w, y + h].every((v, i) => Math.abs(v - [197, 123, 402, 328][i]) <= 4), JSON.stringify(lines[0]));
});

test('video -o det.txt: rows for the 71 TUD-Campus frames; confident frame-1 people are ground-truth people', () => {
  const out = join(tmp, 'sub', 'det.txt');
  const r = mot('fixtures/video/TUD-Campus.mp4', '--backend', 'ort', '-o', out, '--no-progress');
  assert.is(r.code, 0, r.stderr);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
  const frames = new Set(rows.map((c) => c[0]));
  assert.ok(Math.min(...frames) >= 1 && Math.max(...frames) === 71, `frames ${Math.min(...frames)}..${Math.max(...frames)}`);
  assert.ok(rows.every((c) => c[7] === 0 && c[6] >= 0.3));
  // fixtures/mot15/TUD-Campus/gt.txt frame 1 (MOTChallenge annotation, independent of NanoDet).
  const gt = readFileSync(join(root, 'fixtures/mot15/TUD-Campus/gt.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',').map(Number))
    .filter((c) => c[0] === 1)
    .map((c) => [c[2], c[3], c[4], c[5]] as [number, number, number, number]);
  const confident = rows.filter((c) => c[0] === 1 && c[6] >= 0.5);
  assert.ok(confident.length >= 2);
  for (const c of confident) {
    const best = Math.max(...gt.map((g) => iou([c[2], c[3], c[4], c[5]], g)));
    assert.ok(best >= 0.5, `frame-1 detection ${c.slice(2, 7)} best IoU with gt ${best}`);
  }
});

test('video: our core gives the detections of --backend ort to 2 decimals; the differences are one unit in the last place, listed', () => {
  const run = (backend: string) => {
    const out = join(tmp, `det-${backend}.txt`);
    const r = mot('fixtures/video/TUD-Campus.mp4', '--backend', backend, '-o', out, '--no-progress');
    assert.is(r.code, 0, r.stderr);
    return readFileSync(out, 'utf8').trim().split('\n');
  };
  const ours = run('cnn');
  const ort = run('ort');
  // Measured: 605 rows each, 10 of them differ, each by 0.01 px in one
  // coordinate or 0.0001 in the score (a value on a rounding boundary).
  assert.is(ours.length, ort.length);
  assert.ok(ours.length > 500, `${ours.length} rows`);
  const differing: string[] = [];
  for (let k = 0; k < ours.length; k++) {
    if (ours[k] === ort[k]) continue;
    differing.push(`ours ${ours[k]} / ort ${ort[k]}`);
    const a = ours[k].split(',').map(Number);
    const b = ort[k].split(',').map(Number);
    assert.equal([a[0], a[7]], [b[0], b[7]], `row ${k + 1}: frame or class differs`);
    for (let c = 2; c < 6; c++) assert.ok(Math.abs(a[c] - b[c]) <= 0.01 + 1e-9, `row ${k + 1}: ${ours[k]} vs ${ort[k]}`);
    assert.ok(Math.abs(a[6] - b[6]) <= 0.0001 + 1e-9, `row ${k + 1}: ${ours[k]} vs ${ort[k]}`);
  }
  assert.ok(differing.length <= ours.length / 20, differing.join('\n'));
  console.log(`  ${ours.length} rows, ${differing.length} differ in the last digit:\n    ${differing.join('\n    ')}`);
});

test('not an image, bad flags: one line on stderr, exit 1, and an existing output file left as it was', () => {
  const out = join(tmp, 'keep.txt');
  writeFileSync(out, 'previous\n');
  const notImage = join(tmp, 'not-an-image.jpg');
  writeFileSync(notImage, 'hello, I am text');
  for (const [args, re] of [
    [[notImage], /^mot detect: input must be an image or a video that ffmpeg decodes, got: .*not-an-image\.jpg: probeVideo: /],
    [['fixtures/detector/000252.jpg', '--classes', 'buss'], /^mot detect: parseClassFilter: class must be a COCO class name or an index 0..79 .*got 'buss'/],
    [['fixtures/detector/000252.jpg', '--score', '1.5'], /^mot detect: --score must be a number in \[0, 1\], got '1.5'/],
  ] as const) {
    const r = mot(...args, '-o', out);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.is(readFileSync(out, 'utf8'), 'previous\n');
  }
});

test('--model: missing weights file, truncated .bin, unsupported op, json with --backend ort', () => {
  const json = JSON.parse(readFileSync(MODEL, 'utf8'));
  const missing = join(mkdtempSync(join(tmpdir(), 'mot-detect-')), 'model.json');
  writeFileSync(missing, JSON.stringify(json));
  const truncDir = mkdtempSync(join(tmpdir(), 'mot-detect-'));
  writeFileSync(join(truncDir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(truncDir, 'nanodet.bin'), readFileSync(MODEL.replace(/json$/, 'bin')).subarray(0, 4096));
  const opDir = mkdtempSync(join(tmpdir(), 'mot-detect-'));
  copyFileSync(MODEL.replace(/json$/, 'bin'), join(opDir, 'nanodet.bin'));
  const leaky = json.modelTopology.node.find((n: { op: string }) => n.op === 'LeakyRelu');
  leaky.op = 'Gelu';
  writeFileSync(join(opDir, 'model.json'), JSON.stringify(json));
  const out = join(tmp, 'never.txt');
  for (const [args, re] of [
    [['--model', missing], /^mot detect: .*nanodet\.bin: loadTfjsGraphModel: cannot read weights file .* \(ENOENT\)/],
    [['--model', join(truncDir, 'model.json')], /^mot detect: .*nanodet\.bin: loadTfjsGraphModel: weights of weightsManifest\[0\] are truncated: .* needs 7574558 bytes, the file\(s\) hold 4096/],
    [['--model', join(opDir, 'model.json')], new RegExp(`^mot detect: .*model\\.json: unsupported op Gelu at node '${leaky.name}'`)],
    [['--model', MODEL, '--backend', 'ort'], /^mot detect: createOrtEngine: model must be an \.onnx file for backend 'ort'/],
  ] as const) {
    const r = mot('fixtures/detector/000258.jpg', ...args, '-o', out);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.not.ok(existsSync(out));
  }
});

test.run();
