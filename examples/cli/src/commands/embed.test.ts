// `mot embed` end to end: spawns the real CLI on the TUD-Campus video and a
// MOT17 image folder, checks the deep_sort .npy it writes, that `mot track
// --tracker deepsort` takes it, and that bad input fails with one line and no file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OsnetExtractor } from '@mot/detector';
import { readDeepSortDetections, readMotFile } from '@mot/motchallenge';
import { readImage } from '@mot/video';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mot-embed-'));
const VIDEO = 'fixtures/video/TUD-Campus.mp4';
const DET = 'fixtures/mot15/TUD-Campus/det.txt';

function mot(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'examples/cli/bin/mot.js'), ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
const test = suite('mot embed');

// The first 15 frames of TUD-Campus' det.txt (72 rows), to keep the test short on a shared machine.
const FIRST_FRAMES = join(tmp, 'det-first15.txt');
writeFileSync(FIRST_FRAMES, `${readFileSync(join(root, DET), 'utf8').split('\n').filter((l) => l !== '' && Number(l.split(',')[0]) <= 15).join('\n')}\n`);

test('TUD-Campus video + det.txt -> [N, 522] .npy: det columns as in det.txt, unit OSNet features; mot track --tracker deepsort reads it', () => {
  const out = join(tmp, 'tud', 'dets.npy');
  const r = mot('embed', VIDEO, '--detections', FIRST_FRAMES, '-o', out, '--backend', 'ort', '--no-progress');
  assert.is(r.code, 0, r.stderr);
  const dets = readDeepSortDetections(out);
  const det = readMotFile(FIRST_FRAMES, 'det');
  assert.is(dets.rows.length, 72);
  assert.is(dets.featureDim, 512);
  for (let i = 0; i < det.length; i++) {
    assert.is(dets.rows.frame[i], det.frame[i]);
    assert.ok(Math.abs(dets.rows.x[i] - det.x[i]) < 1e-3 && Math.abs(dets.rows.h[i] - det.h[i]) < 1e-3 && Math.abs(dets.rows.score[i] - det.score[i]) < 1e-6);
    const f = dets.features.subarray(i * 512, (i + 1) * 512);
    assert.ok(Math.abs(cosine(f, f) - 1) < 1e-4, `row ${i} feature not unit length`);
  }
  const tracked = join(tmp, 'tud', 'deepsort.txt');
  const t = mot('track', '--detections', out, '--tracker', 'deepsort', '-o', tracked, '--no-progress');
  assert.is(t.code, 0, t.stderr);
  const rows = readFileSync(tracked, 'utf8').trim().split('\n');
  assert.ok(rows.length > 40, `${rows.length} tracked rows`);
  // Our runtime (default backend) on frame 1's rows gives the same features within 1e-4 cosine.
  const frame1 = join(tmp, 'tud', 'det-frame1.txt');
  writeFileSync(frame1, readFileSync(join(root, DET), 'utf8').split('\n').filter((l) => l.startsWith('1,')).join('\n'));
  const cnnOut = join(tmp, 'tud', 'cnn.npy');
  const c = mot('embed', VIDEO, '-d', frame1, '-o', cnnOut, '--no-progress');
  assert.is(c.code, 0, c.stderr);
  const cnn = readDeepSortDetections(cnnOut);
  assert.ok(cnn.rows.length >= 3);
  for (let i = 0; i < cnn.rows.length; i++) {
    const d = 1 - cosine(cnn.features.subarray(i * 512, (i + 1) * 512), dets.features.subarray(i * 512, (i + 1) * 512));
    assert.ok(d <= 1e-4, `row ${i}: cosine distance cnn vs ort ${d}`);
  }
});

test('an image folder: image k (name order) is frame k; --model hsv gives 128 values; --min-score drops rows', async () => {
  const dir = 'fixtures/mot17-frames/MOT17-05-FRCNN/img1';
  // Ground-truth rows of frames 1-3 used as detections (9 columns: a det file may have 7, 9 or 10).
  const gt = join(tmp, 'mot17-05-first3.txt');
  writeFileSync(gt, `${readFileSync(join(root, 'fixtures/mot17-frames/MOT17-05-FRCNN/gt_firstframes.txt'), 'utf8').split('\n').filter((l) => l !== '' && Number(l.split(',')[0]) <= 3).join('\n')}\n`);
  const out = join(tmp, 'folder.npy');
  const r = mot('embed', dir, '-d', gt, '-o', out, '--backend', 'ort', '--no-progress');
  assert.is(r.code, 0, r.stderr);
  const dets = readDeepSortDetections(out);
  assert.is(dets.rows.length, readMotFile(gt, 'det').length);
  // The first row of frame 3 embedded directly from 000003.jpg.
  const i = [...dets.rows.frame].indexOf(3);
  const osnet = await OsnetExtractor.create({ backend: 'ort', threads: 1 });
  const [want] = await osnet.extract(await readImage(join(root, dir, '000003.jpg')), [[dets.rows.x[i], dets.rows.y[i], dets.rows.w[i], dets.rows.h[i]]]);
  await osnet.release();
  assert.ok(1 - cosine(want, dets.features.subarray(i * 512, (i + 1) * 512)) < 1e-5);
  const hsv = join(tmp, 'hsv.npy');
  const h = mot('embed', VIDEO, '-d', DET, '-o', hsv, '--model', 'hsv', '--min-score', '0.9', '--no-progress');
  assert.is(h.code, 0, h.stderr);
  const hd = readDeepSortDetections(hsv);
  assert.is(hd.featureDim, 128);
  const kept = readMotFile(join(root, DET), 'det').score.filter((s) => s >= 0.9).length;
  assert.is(hd.rows.length, kept);
  assert.ok(kept < 321 && hd.rows.score.every((s) => s >= 0.9));
});

test('bad input: one line naming the problem (file:line for a det frame beyond the video), exit 1, no output file', () => {
  const beyond = join(tmp, 'beyond.txt');
  writeFileSync(beyond, `${readFileSync(join(root, DET), 'utf8').trim()}\n72,-1,10,10,20,40,0.9,-1,-1,-1\n`);
  const cases: Array<[string[], RegExp]> = [
    [['embed', VIDEO, '-d', beyond, '-o', join(tmp, 'bad1.npy')], /^mot embed: .*beyond\.txt:322: frame 72 of the detections is beyond the input's 71 frames/],
    [['embed', VIDEO, '-d', DET, '-o', join(tmp, 'bad2.npy'), '--model', 'resnet50'], /^mot embed: --model must be one of x0_25, x0_5, hsv, roi-align or an \.onnx file, got 'resnet50'/],
    [['embed', VIDEO, '-d', DET, '-o', join(tmp, 'bad3.txt')], /^mot embed: --output must be a \.npy file, got /],
    [['embed', 'fixtures/video/none.mp4', '-d', DET, '-o', join(tmp, 'bad4.npy')], /^mot embed: fixtures\/video\/none\.mp4: input must be a video file or a folder of frame images/],
    [['embed', VIDEO, '-d', 'fixtures/mot15/none.txt', '-o', join(tmp, 'bad5.npy')], /^mot embed: .*none\.txt/],
    [['embed', VIDEO, '-d', DET, '-o', join(tmp, 'bad6.npy'), '--min-score', 'high'], /^mot embed: --min-score must be a number, got 'high'/],
  ];
  for (const [args, pattern] of cases) {
    const r = mot(...args, '--no-progress');
    assert.is(r.code, 1, `${args.join(' ')}: exit ${r.code}`);
    assert.match(r.stderr, pattern);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.not.ok(existsSync(args[args.indexOf('-o') + 1]));
  }
  const missing = mot('embed', VIDEO, '-o', join(tmp, 'bad7.npy'));
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /required option '-d, --detections <file>' not specified/);
});

test.run();
