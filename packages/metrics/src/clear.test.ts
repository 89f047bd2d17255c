import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { readMotFile } from '@mot/motchallenge';
import { combineClear, computeClear, preprocessSequence } from './index.js';
import { close, fixture, sequence, throwsWith } from './test-helpers.js';

const test = suite('computeClear');

// Boxes used below (tlwh): BOX = [0,0,10,10]; [0,0,10,h] overlaps it with IoU h/10.
const BOX = [0, 0, 10, 10];

test('a continuing match beats a better-overlapping newcomer (TrackEval bonus); both rule sets agree', () => {
  // frame 2: track 1 overlaps A with IoU 80/100 = 0.8, track 2 with IoU 1.
  // Continuing A-1 scores 1000.8 against 1 for A-2, so no switch; track 2 is an FP.
  const d = sequence(
    [[1, 1, ...BOX], [2, 1, ...BOX]],
    [[1, 1, ...BOX], [2, 1, 0, 0, 10, 8], [2, 2, ...BOX]],
    2,
  );
  for (const rules of ['trackeval', 'motmetrics'] as const) {
    const c = computeClear(d, { rules });
    assert.equal([c.tp, c.fn, c.fp, c.idsw, c.mt, c.pt, c.ml, c.frag], [2, 0, 1, 0, 1, 0, 0, 0], rules);
    close(c.mota, (2 - 1 - 0) / 2, 1e-15, 'MOTA');
    close(c.motp, (1 + 0.8) / 2, 1e-15, 'MOTP');
    close(c.motpDistance, (0 + 0.2) / 2, 1e-15, 'MOTP distance');
    close(c.recall, 2 / 2, 1e-15);
    close(c.precision, 2 / 3, 1e-15);
  }
});

test('a match lost for a frame: TrackEval re-matches by IoU (switch), py-motmetrics keeps the old track', () => {
  // f1 A-1 (IoU 1); f2 only a far track 2 (A missed, 2 FP); f3 track 1 at IoU 0.6, track 3 at IoU 0.9.
  const d = sequence(
    [[1, 1, ...BOX], [2, 1, ...BOX], [3, 1, ...BOX]],
    [[1, 1, ...BOX], [2, 2, 100, 100, 10, 10], [3, 1, 0, 0, 10, 6], [3, 3, 0, 0, 10, 9]],
    3,
  );
  const te = computeClear(d);
  // TrackEval: f3 has no previous-frame match to keep, so A takes 3 (0.9 > 0.6): a switch from 1.
  assert.equal([te.tp, te.fn, te.fp, te.idsw, te.frag, te.mt, te.pt, te.ml], [2, 1, 2, 1, 1, 0, 1, 0]);
  close(te.mota, (2 - 2 - 1) / 3, 1e-15, 'MOTA');
  close(te.motp, (1 + 0.9) / 2, 1e-15, 'MOTP');
  // py-motmetrics: A's last match (track 1, frame 1) is present with distance 0.4 <= 0.5, kept.
  const mm = computeClear(d, { rules: 'motmetrics' });
  assert.equal([mm.tp, mm.fn, mm.fp, mm.idsw, mm.frag, mm.mt, mm.pt, mm.ml], [2, 1, 2, 0, 1, 0, 1, 0]);
  close(mm.mota, (2 - 2 - 0) / 3, 1e-15, 'MOTA');
  close(mm.motpDistance, (0 + 0.4) / 2, 1e-15, 'MOTP distance');
});

test('Frag: a gt absent for a frame counts as a fragment in TrackEval only', () => {
  // A in f1 and f3 (tracked by 1), B only in f2 (tracked by 2). TrackEval's
  // "previous frame" forgets A in f2, so A starts being tracked twice: Frag 2 - 1 = 1.
  // py-motmetrics looks at A's own frames only: tracked, tracked -> 0.
  const d = sequence(
    [[1, 1, ...BOX], [2, 2, 50, 0, 10, 10], [3, 1, ...BOX]],
    [[1, 1, ...BOX], [2, 2, 50, 0, 10, 10], [3, 1, ...BOX]],
    3,
  );
  assert.is(computeClear(d).frag, 1);
  assert.is(computeClear(d, { rules: 'motmetrics' }).frag, 0);
  assert.is(computeClear(d).idsw, 0);
});

test('MT bound: tracked 4 of 5 frames (ratio 0.8) is PT for TrackEval (> 0.8), MT for py-motmetrics (>= 0.8)', () => {
  const gt = [1, 2, 3, 4, 5].flatMap((f) => [[f, 1, ...BOX], [f, 2, 50, 0, 10, 10]]);
  const res = [1, 2, 3, 4].map((f) => [f, 7, ...BOX]);
  const d = sequence(gt, res, 5);
  const te = computeClear(d);
  assert.equal([te.mt, te.pt, te.ml, te.numGtIds], [0, 1, 1, 2]);
  const mm = computeClear(d, { rules: 'motmetrics' });
  assert.equal([mm.mt, mm.pt, mm.ml, mm.numGtIds], [1, 0, 1, 2]);
});

test('threshold decides which overlaps count', () => {
  // IoU 40/100 = 0.4: a match at threshold 0.3, a miss + FP at 0.5.
  const d = sequence([[1, 1, ...BOX]], [[1, 1, 0, 0, 10, 4]], 1);
  assert.equal([computeClear(d).tp, computeClear(d).fp], [0, 1]);
  assert.equal([computeClear(d, { threshold: 0.3 }).tp, computeClear(d, { threshold: 0.3 }).fp], [1, 0]);
});

test('no tracker box: every gt box missed, every trajectory mostly lost, MOTA 0', () => {
  const d = sequence([[1, 1, ...BOX], [2, 1, ...BOX], [2, 2, 50, 0, 10, 10]], [], 2);
  const c = computeClear(d);
  assert.equal([c.tp, c.fn, c.fp, c.mt, c.pt, c.ml], [0, 3, 0, 0, 0, 2]);
  assert.is(c.mota, 0);
});

test('no gt box: every tracker box a false positive; MOTA 0 as TrackEval reports it', () => {
  const d = sequence([], [[1, 1, ...BOX], [2, 1, ...BOX]], 2);
  const c = computeClear(d);
  assert.equal([c.tp, c.fn, c.fp, c.numGtIds], [0, 0, 2, 0]);
  assert.is(c.mota, 0);
});

test('throws on a threshold outside (0, 1] or unknown rules', () => {
  const d = sequence([[1, 1, ...BOX]], [[1, 1, ...BOX]], 1);
  throwsWith(() => computeClear(d, { threshold: 0 }), ConfigError, 'computeClear: threshold must be an IoU in (0, 1], got 0');
  throwsWith(() => computeClear(d, { threshold: 1.5 }), ConfigError, 'got 1.5');
  throwsWith(() => computeClear(d, { threshold: NaN }), ConfigError, 'got NaN');
  throwsWith(() => computeClear(d, { rules: 'devkit' as never }), ConfigError, "rules must be 'trackeval' or 'motmetrics', got devkit");
});

test.run();

const fx = suite('computeClear: py-motmetrics TUD-Campus fixture');

// cheind/py-motmetrics v1.4.0 motmetrics/tests/test_metrics.py:457-473 (test.txt
// against gt.txt, IoU 0.5, all gt rows kept), figures to 6 decimals.
const gt = readMotFile(fixture('motmetrics/TUD-Campus/gt.txt'), 'gt');
const res = readMotFile(fixture('motmetrics/TUD-Campus/test.txt'), 'result');
// No seqinfo.ini: the last frame of either file (71) is the sequence length.
const data = preprocessSequence(gt, res, { numFrames: 71, benchmark: 'none' });

for (const rules of ['trackeval', 'motmetrics'] as const) {
  fx(`${rules} rules reproduce every CLEAR figure`, () => {
    const c = computeClear(data, { rules });
    assert.equal(
      { GT: c.numGtIds, MT: c.mt, PT: c.pt, ML: c.ml, FP: c.fp, FN: c.fn, IDSW: c.idsw, FM: c.frag },
      { GT: 8, MT: 1, PT: 6, ML: 1, FP: 13, FN: 150, IDSW: 7, FM: 7 },
    );
    close(c.recall, 0.582173, 5e-7, 'recall');
    close(c.precision, 0.941441, 5e-7, 'precision');
    close(c.mota, 0.526462, 5e-7, 'MOTA');
    close(c.motpDistance, 0.277201, 5e-7, 'MOTP (mean 1 - IoU)');
    // TrackEval's MOTP is the mean IoU of the same matches.
    close(c.motp, 1 - 0.277201, 5e-7, 'MOTP (mean IoU)');
  });
}

fx.run();

const comb = suite('combineClear');

comb('sums counts and recomputes ratios from the sums', () => {
  const a = computeClear(sequence([[1, 1, ...BOX]], [[1, 1, ...BOX], [1, 2, 50, 0, 10, 10]], 1)); // TP 1, FP 1
  const b = computeClear(sequence([[1, 1, ...BOX], [1, 2, 50, 0, 10, 10]], [[1, 1, 0, 0, 10, 8]], 1)); // TP 1, FN 1, IoU 0.8
  const c = combineClear([a, b]);
  assert.equal([c.tp, c.fn, c.fp, c.numGtIds, c.numFrames], [2, 1, 1, 3, 2]);
  close(c.mota, (2 - 1 - 0) / 3, 1e-15, 'MOTA');
  close(c.motp, (1 + 0.8) / 2, 1e-15, 'MOTP');
});

comb('a sequence without gt counts its false positives in the combined MOTA', () => {
  const a = computeClear(sequence([[1, 1, ...BOX]], [[1, 1, ...BOX]], 1));
  const b = computeClear(sequence([], [[1, 5, ...BOX]], 1));
  assert.is(b.mota, 0);
  close(combineClear([a, b]).mota, (1 - 1 - 0) / 1, 1e-15);
});

comb.run();
