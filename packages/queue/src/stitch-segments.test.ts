import { ConfigError } from '@mot/core';
import { getTracker } from '@mot/deepsort';
import { evaluateMotChallenge } from '@mot/metrics';
import { type ResultRow, readMotFile, readSeqInfo, rowsByFrame, writeMotResults } from '@mot/motchallenge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planSegmentsBySeconds } from './plan-segments.js';
import { stitchSegments } from './stitch-segments.js';

const test = suite('stitchSegments');
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const box = (x: number): [number, number, number, number] => [x, 10, 20, 40];
const row = (frame: number, id: number, x: number): ResultRow => ({ frame, id, box: box(x) });

test('two segments: a track crossing the boundary keeps its id, a new one gets the next id, the cut is mid-overlap', () => {
  // Segment 0: frames 1-6; segment 1: frames 5-10 (overlap 5-6, cut at 6).
  // Object A moves right by 5 px a frame through both; object B appears in segment 1 only.
  const s0 = [1, 2, 3, 4, 5, 6].map((f) => row(f, 7, 5 * f));
  const s1 = [
    ...[5, 6, 7, 8, 9, 10].map((f) => row(f, 3, 5 * f)),
    ...[8, 9, 10].map((f) => row(f, 1, 300)),
  ];
  const r = stitchSegments(
    [
      { segment: { index: 0, first: 1, last: 6 }, rows: s0 },
      { segment: { index: 1, first: 5, last: 10 }, rows: s1 },
    ],
    { minFrames: 2 },
  );
  // A is id 1 everywhere (segment 0's id 7 renumbered), B is 2.
  assert.equal(r.rows.map((x) => [x.frame, x.id]), [[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [8, 2], [9, 1], [9, 2], [10, 1], [10, 2]]);
  // Frames before the cut come from segment 0, from the cut on from segment 1 (same boxes here).
  assert.equal(r.boundaries, [{ index: 1, cutFrame: 6, tracksAtCut: 1, joined: 1, idChanges: 0 }]);
});

test('a pair whose boxes do not coincide over the overlap is not joined, and the change is counted', () => {
  const s0 = [1, 2, 3, 4].map((f) => row(f, 1, 0));
  // In segment 1 the object is 30 px away (IoU 0 with 20 px wide boxes... 20 - 30 < 0): not the same.
  const s1 = [3, 4, 5].map((f) => row(f, 1, 30));
  const r = stitchSegments([
    { segment: { index: 0, first: 1, last: 4 }, rows: s0 },
    { segment: { index: 1, first: 3, last: 5 }, rows: s1 },
  ]);
  assert.equal(r.rows.map((x) => [x.frame, x.id]), [[1, 1], [2, 1], [3, 1], [4, 2], [5, 2]]);
  assert.is(r.boundaries[0].joined, 0);
  assert.is(r.boundaries[0].idChanges, 0); // nothing of segment 1 lies where the old track was
});

test('rejects segments out of order, without overlap, or with rows outside their frames', () => {
  const ok = { segment: { index: 0, first: 1, last: 4 }, rows: [row(1, 1, 0)] };
  assert.throws(() => stitchSegments([{ ...ok, segment: { index: 1, first: 1, last: 4 } }]), (e: unknown) => e instanceof ConfigError && /pass the segments in order/.test((e as Error).message));
  assert.throws(() => stitchSegments([ok, { segment: { index: 1, first: 6, last: 9 }, rows: [] }]), (e: unknown) => e instanceof ConfigError && /do not overlap \(4 < 6\)/.test((e as Error).message));
  assert.throws(() => stitchSegments([{ ...ok, rows: [row(5, 1, 0)] }]), (e: unknown) => e instanceof ConfigError && /has a row in frame 5/.test((e as Error).message));
});

test('PETS09-S2L1, SORT on the public detections, 4 segments with 2 s overlap at the video\'s 10 fps: HOTA and IDF1 within 0.01 of the unsplit run', () => {
  const dir = join(ROOT, 'fixtures/mot15/PETS09-S2L1');
  const info = readSeqInfo(join(dir, 'seqinfo.ini'));
  const det = readMotFile(join(dir, 'det.txt'), 'det');
  const byFrame = new Map<number, { box: [number, number, number, number]; score: number; classId: number }[]>();
  for (const [f, idx] of rowsByFrame(det)) byFrame.set(f, idx.map((i) => ({ box: [det.x[i], det.y[i], det.w[i], det.h[i]], score: det.score[i], classId: -1 })));
  const run = (first: number, last: number): ResultRow[] => {
    const t = getTracker('sort').create();
    const out: ResultRow[] = [];
    for (let f = first; f <= last; f++) for (const x of t.update(byFrame.get(f) ?? [])) out.push({ frame: f, id: x.id, box: x.box });
    return out;
  };
  // fixtures/video/PETS09-S2L1.avi runs at 10 fps (seqinfo.ini says 7): 2 s = 20 frames.
  const fps = 10;
  const segments = planSegmentsBySeconds(info.seqLength, fps, Math.ceil(info.seqLength / 4) / fps, 2);
  assert.is(segments.length, 4);
  const stitched = stitchSegments(segments.map((segment) => ({ segment, rows: run(segment.first, segment.last) })));
  const tmp = mkdtempSync(join(tmpdir(), 'mot-stitch-'));
  try {
    writeMotResults(join(tmp, 'full.txt'), run(1, info.seqLength));
    writeMotResults(join(tmp, 'split.txt'), stitched.rows);
    const score = (f: string) => evaluateMotChallenge({ gt: join(dir, 'gt.txt'), results: join(tmp, f) }).combined.summary;
    const full = score('full.txt');
    const split = score('split.txt');
    // Measured: HOTA 0.3058 / 0.3059, IDF1 0.3510 / 0.3506.
    assert.ok(Math.abs(full.HOTA - split.HOTA) < 0.01 && Math.abs(full.IDF1 - split.IDF1) < 0.01, `full ${full.HOTA} ${full.IDF1}, split ${split.HOTA} ${split.IDF1}`);
    assert.ok(full.HOTA > 0.3 && full.HOTA < 0.31, `unsplit HOTA ${full.HOTA}`);
    assert.equal(stitched.boundaries.map((b) => b.idChanges), [0, 0, 0]);
    assert.equal(stitched.boundaries.map((b) => b.cutFrame), [210, 409, 608]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
