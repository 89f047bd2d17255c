import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readMotFile } from '@mot/motchallenge';
import { HOTA_ALPHAS, combineHota, computeHota, preprocessSequence } from './index.js';
import { close, fixture, sequence } from './test-helpers.js';

const test = suite('computeHota');
const BOX = [0, 0, 10, 10];

test('alphas are 0.05, 0.10, ..., 0.95', () => {
  assert.is(HOTA_ALPHAS.length, 19);
  close(HOTA_ALPHAS[0], 0.05, 1e-15);
  close(HOTA_ALPHAS[9], 0.5, 1e-15);
  close(HOTA_ALPHAS[18], 0.95, 1e-15);
});

test('one match at IoU 0.72: perfect for the 14 alphas <= 0.70, nothing for the 5 above', () => {
  // IoU of [0,0,10,7.2] with [0,0,10,10] = 72/100. For alpha <= 0.70: TP 1,
  // DetA = AssA = HOTA = 1, LocA 0.72. For alpha >= 0.75: TP 0, FN 1, FP 1,
  // DetA = HOTA = 0, LocA = max(1e-10, 0) / max(1e-10, 0) = 1 (TrackEval's guard).
  const h = computeHota(sequence([[1, 1, ...BOX]], [[1, 1, 0, 0, 10, 7.2]], 1));
  close(h.hota, 14 / 19, 1e-15, 'HOTA');
  close(h.detA, 14 / 19, 1e-15, 'DetA');
  close(h.assA, 14 / 19, 1e-15, 'AssA');
  close(h.locA, (14 * 0.72 + 5 * 1) / 19, 1e-15, 'LocA');
  assert.equal(Array.from(h.perAlpha.tp), [...Array(14).fill(1), ...Array(5).fill(0)]);
  assert.equal(Array.from(h.perAlpha.fp), [...Array(14).fill(0), ...Array(5).fill(1)]);
});

test('an identity switch halves association: DetA 1, AssA 0.5, HOTA sqrt(0.5)', () => {
  // gt A in frames 1-2; track 1 covers it in frame 1, track 2 in frame 2 (IoU 1).
  // TP = 2 at every alpha. Each TP's association Jaccard: matches 1 /
  // (gt A's 2 frames + the track's 1 frame - 1) = 0.5, so AssA = 0.5,
  // AssRe = 1/2 per TP = 0.5, AssPr = 1/1 per TP = 1.
  const h = computeHota(sequence([[1, 1, ...BOX], [2, 1, ...BOX]], [[1, 1, ...BOX], [2, 2, ...BOX]], 2));
  close(h.detA, 1, 1e-15, 'DetA');
  close(h.assA, 0.5, 1e-15, 'AssA');
  close(h.assRe, 0.5, 1e-15, 'AssRe');
  close(h.assPr, 1, 1e-15, 'AssPr');
  close(h.hota, Math.SQRT1_2, 1e-15, 'HOTA');
  close(h.locA, 1, 1e-15, 'LocA');
});

test('matching prefers the pair that is aligned over the sequence, even at lower IoU', () => {
  // Frames 1-3: A covered by track 1 at IoU 1. Frame 4: track 1 at IoU 0.6,
  // track 2 at IoU 0.9. Soft co-occurrence: (A,1) = 3 x 1 + 0.6 / (0.6 + 1.5 - 0.6)
  // = 3.4, (A,2) = 0.9 / (0.9 + 1.5 - 0.9) = 0.6. Alignment (A,1) = 3.4 / (4 + 4 - 3.4)
  // = 0.739, (A,2) = 0.6 / (4 + 1 - 0.6) = 0.136. Scores 0.739 x 0.6 = 0.443 >
  // 0.136 x 0.9 = 0.123, so A-1 is matched in frame 4 although IoU prefers track 2.
  const gt = [1, 2, 3, 4].map((f) => [f, 1, ...BOX]);
  const res = [[1, 1, ...BOX], [2, 1, ...BOX], [3, 1, ...BOX], [4, 1, 0, 0, 10, 6], [4, 2, 0, 0, 10, 9]];
  const h = computeHota(sequence(gt, res, 4));
  for (const a of [0, 10]) {
    // alpha 0.05 and 0.55: TP 4, FP 1 (track 2); AssA = 4 x (4 / (4 + 4 - 4)) / 4 = 1.
    // (Had track 2 been matched: (3 x 3/5 + 1 x 1/4) / 4 = 0.5125.)
    assert.is(h.perAlpha.tp[a], 4);
    assert.is(h.perAlpha.fp[a], 1);
    close(h.perAlpha.assA[a], 1, 1e-15, `AssA at alpha index ${a}`);
  }
});

test('no tracker box: FN at every alpha, HOTA 0, LocA 1', () => {
  const h = computeHota(sequence([[1, 1, ...BOX], [2, 1, ...BOX]], [], 2));
  assert.equal(Array.from(h.perAlpha.fn), Array(19).fill(2));
  assert.is(h.hota, 0);
  assert.is(h.locA, 1);
});

test.run();

const fx = suite('computeHota: TUD-Campus fixture');

fx('reproduces TrackEval on py-motmetrics test.txt within 1e-9', () => {
  // Figures from cheind/py-motmetrics motmetrics/tests/test_metrics.py:543-546,
  // taken from TrackEval (test.txt against gt.txt, all gt rows kept).
  const gt = readMotFile(fixture('motmetrics/TUD-Campus/gt.txt'), 'gt');
  const res = readMotFile(fixture('motmetrics/TUD-Campus/test.txt'), 'result');
  const h = computeHota(preprocessSequence(gt, res, { numFrames: 71, benchmark: 'none' }));
  close(h.hota, 0.3913974378451139, 1e-9, 'HOTA');
  close(h.detA, 0.418047030142763, 1e-9, 'DetA');
  close(h.assA, 0.36912068120832836, 1e-9, 'AssA');
});

fx.run();

const comb = suite('combineHota');

comb('one sequence combines to itself', () => {
  const h = computeHota(sequence([[1, 1, ...BOX], [2, 1, ...BOX]], [[1, 1, ...BOX], [2, 2, ...BOX]], 2));
  const c = combineHota([h]);
  for (const k of ['hota', 'detA', 'assA', 'locA', 'assRe', 'assPr'] as const) close(c[k], h[k], 1e-15, k);
});

comb('counts add up and AssA is weighted by TP', () => {
  // Sequence a: 2 TPs with AssA 0.5 (the switch above). Sequence b: 1 TP with AssA 1.
  // Combined at every alpha: TP 3, AssA = (0.5 x 2 + 1 x 1) / 3 = 2/3, DetA 1.
  const a = computeHota(sequence([[1, 1, ...BOX], [2, 1, ...BOX]], [[1, 1, ...BOX], [2, 2, ...BOX]], 2));
  const b = computeHota(sequence([[1, 1, ...BOX]], [[1, 1, ...BOX]], 1));
  const c = combineHota([a, b]);
  assert.equal(Array.from(c.perAlpha.tp), Array(19).fill(3));
  close(c.assA, 2 / 3, 1e-15, 'AssA');
  close(c.detA, 1, 1e-15, 'DetA');
  close(c.hota, Math.sqrt(2 / 3), 1e-15, 'HOTA');
});

comb.run();
