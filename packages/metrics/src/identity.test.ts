import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, iou, type Tlwh, seededRandom } from '@mot/core';
import { readMotFile } from '@mot/motchallenge';
import { combineIdentity, computeIdentity, preprocessSequence } from './index.js';
import { close, fixture, sequence, throwsWith } from './test-helpers.js';

const test = suite('computeIdentity');
const BOX = [0, 0, 10, 10];

test('one gt trajectory split over two tracks: the longer piece is its partner', () => {
  // A in frames 1-4; track 1 covers frames 1-3, track 2 frame 4 (IoU 1).
  // Best pairing A-1: IDTP 3, IDFN 4 - 3 = 1, IDFP 4 - 3 = 1.
  // IDF1 = 3 / (3 + 0.5 + 0.5) = 0.75, IDP = IDR = 3/4.
  const d = sequence(
    [1, 2, 3, 4].map((f) => [f, 1, ...BOX]),
    [[1, 1, ...BOX], [2, 1, ...BOX], [3, 1, ...BOX], [4, 2, ...BOX]],
    4,
  );
  const r = computeIdentity(d);
  assert.equal([r.idtp, r.idfn, r.idfp], [3, 1, 1]);
  close(r.idf1, 0.75, 1e-15);
  close(r.idp, 0.75, 1e-15);
  close(r.idr, 0.75, 1e-15);
  assert.equal(r.pairs, [[1, 1]]);
});

test('overlaps below the threshold do not count', () => {
  // IoU 40/100 = 0.4 < 0.5: IDTP 0; with threshold 0.3 IDTP 1.
  const d = sequence([[1, 1, ...BOX]], [[1, 9, 0, 0, 10, 4]], 1);
  assert.is(computeIdentity(d).idtp, 0);
  assert.is(computeIdentity(d, { threshold: 0.3 }).idtp, 1);
  assert.equal(computeIdentity(d, { threshold: 0.3 }).pairs, [[1, 9]]);
});

/** Best IDTP by trying every injective partial map gt -> tracker (the definition). */
function bruteForceIdtp(counts: number[][], g = 0, used = new Set<number>()): number {
  if (g === counts.length) return 0;
  let best = bruteForceIdtp(counts, g + 1, used);
  for (let t = 0; t < counts[g].length; t++) {
    if (used.has(t) || counts[g][t] === 0) continue;
    used.add(t);
    best = Math.max(best, counts[g][t] + bruteForceIdtp(counts, g + 1, used));
    used.delete(t);
  }
  return best;
}

test('IDTP equals the brute-force optimum over all trajectory pairings (200 random sequences)', () => {
  const rand = seededRandom(7);
  for (let trial = 0; trial < 200; trial++) {
    const G = 1 + Math.floor(rand() * 4);
    const T = 1 + Math.floor(rand() * 5);
    const frames = 2 + Math.floor(rand() * 6);
    const gt: number[][] = [];
    const res: number[][] = [];
    const counts = Array.from({ length: G }, () => new Array<number>(T).fill(0));
    for (let f = 1; f <= frames; f++) {
      // Boxes on a 3-slot line; overlapping slots give IoU 1, neighbours 0.
      const gtBoxes: (Tlwh | null)[] = [];
      for (let g = 0; g < G; g++) {
        const box: Tlwh | null = rand() < 0.8 ? [Math.floor(rand() * 3) * 20 + rand() * 4, 0, 10, 10] : null;
        gtBoxes.push(box);
        if (box) gt.push([f, g + 1, ...box]);
      }
      for (let t = 0; t < T; t++) {
        if (rand() < 0.3) continue;
        const box: Tlwh = [Math.floor(rand() * 3) * 20 + rand() * 4, 0, 10, 10];
        res.push([f, t + 1, ...box]);
        gtBoxes.forEach((b, g) => {
          if (b && iou(b, box) >= 0.5) counts[g][t]++;
        });
      }
    }
    const r = computeIdentity(sequence(gt, res, frames));
    const used = new Set(gt.map((row) => row[1] - 1));
    const usedT = new Set(res.map((row) => row[1] - 1));
    const dense = counts.filter((_, g) => used.has(g)).map((row) => row.filter((_, t) => usedT.has(t)));
    assert.is(r.idtp, bruteForceIdtp(dense), `trial ${trial}`);
    assert.is(r.idfn, gt.length - r.idtp);
    assert.is(r.idfp, res.length - r.idtp);
  }
});

test('throws on a threshold outside (0, 1]', () => {
  const d = sequence([[1, 1, ...BOX]], [[1, 1, ...BOX]], 1);
  throwsWith(() => computeIdentity(d, { threshold: -0.5 }), ConfigError, 'computeIdentity: threshold must be an IoU in (0, 1], got -0.5');
});

test('no tracker box: IDFN = every gt box, ratios 0', () => {
  const r = computeIdentity(sequence([[1, 1, ...BOX], [2, 1, ...BOX]], [], 2));
  assert.equal([r.idtp, r.idfn, r.idfp, r.idf1], [0, 2, 0, 0]);
});

test.run();

const fx = suite('computeIdentity: py-motmetrics TUD-Campus fixture');

fx('IDF1, IDP, IDR as py-motmetrics v1.4.0 test_metrics.py:457-473', () => {
  const gt = readMotFile(fixture('motmetrics/TUD-Campus/gt.txt'), 'gt');
  const res = readMotFile(fixture('motmetrics/TUD-Campus/test.txt'), 'result');
  const r = computeIdentity(preprocessSequence(gt, res, { numFrames: 71, benchmark: 'none' }));
  close(r.idf1, 0.557659, 5e-7, 'IDF1');
  close(r.idp, 0.72973, 5e-7, 'IDP');
  close(r.idr, 0.451253, 5e-7, 'IDR');
});

fx.run();

const comb = suite('combineIdentity');

comb('sums counts, then IDF1 = 2 IDTP / (2 IDTP + IDFP + IDFN)', () => {
  // (3, 1, 1) + (0, 2, 0): IDTP 3, IDFN 3, IDFP 1 -> IDF1 = 3 / (3 + 0.5 + 1.5) = 0.6.
  const c = combineIdentity([
    { idtp: 3, idfn: 1, idfp: 1 },
    { idtp: 0, idfn: 2, idfp: 0 },
  ]);
  assert.equal([c.idtp, c.idfn, c.idfp], [3, 3, 1]);
  close(c.idf1, 0.6, 1e-15);
  close(c.idp, 0.75, 1e-15);
  close(c.idr, 0.5, 1e-15);
});

comb.run();
