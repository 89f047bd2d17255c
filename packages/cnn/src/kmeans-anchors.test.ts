import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kmeansAnchors } from './index.js';
import { assertClose, assertThrows, seededRandom } from './testing/c3-oracle.js';

const s = suite('kmeansAnchors');

// Three hand-made clusters of box sizes, 40 boxes each, jittered by up to +-8 %:
// small squares (10, 10), wide boxes (60, 20), tall boxes (20, 90).
const CENTRES = [
  [10, 10],
  [60, 20],
  [20, 90],
];
function clusters(seed: number): Float32Array {
  const rnd = seededRandom(seed);
  const wh = new Float32Array(2 * 120);
  for (let i = 0; i < 120; i++) {
    const [w, h] = CENTRES[i % 3];
    wh[2 * i] = w * (0.92 + 0.16 * rnd());
    wh[2 * i + 1] = h * (0.92 + 0.16 * rnd());
  }
  return wh;
}

s('recovers hand-made clusters, sorted by area', () => {
  const r = kmeansAnchors(clusters(1), 3, { seed: 3 });
  // areas 100 < 1200 < 1800: small, wide, tall; centres within 4 % of the true ones
  const expected = [10, 10, 60, 20, 20, 90];
  for (let i = 0; i < 6; i++) assertClose(r.anchors[i], expected[i], 0.04 * expected[i], `anchor coordinate ${i}`);
  // every box goes to its own cluster: box i is cluster i % 3 -> sorted index [0, 1, 2][i % 3]
  assert.equal(Array.from(r.assignments), Array.from({ length: 120 }, (_, i) => i % 3));
  assert.ok(r.meanIou > 0.85, `mean IoU ${r.meanIou}`);
});

s('is deterministic for a seed', () => {
  const a = kmeansAnchors(clusters(2), 4, { seed: 7 });
  const b = kmeansAnchors(clusters(2), 4, { seed: 7 });
  assert.equal(Array.from(a.anchors), Array.from(b.anchors));
  assert.equal(Array.from(a.assignments), Array.from(b.assignments));
});

s('k = 1: the mean size, mean IoU by hand', () => {
  // (2, 2) and (4, 4) -> centre (3, 3); IoU (2,2)-(3,3) = 4/9, (4,4)-(3,3) = 9/16
  const r = kmeansAnchors([2, 2, 4, 4], 1);
  assertClose(r.anchors, [3, 3]);
  assertClose(r.meanIou, (4 / 9 + 9 / 16) / 2, 1e-12);
});

s('k = N puts one anchor on each distinct box', () => {
  const r = kmeansAnchors([5, 5, 1, 3, 8, 2], 3);
  // areas 25, 3, 16 -> sorted (1, 3), (8, 2), (5, 5)
  assertClose(r.anchors, [1, 3, 8, 2, 5, 5]);
  assert.is(r.meanIou, 1);
});

s('throws on bad input', () => {
  assertThrows(() => kmeansAnchors([1, 2, 3], 1), ShapeError, /^kmeansAnchors: boxesWh must be a flat \[N,2\] array of \(w, h\), got length 3$/);
  assertThrows(() => kmeansAnchors([1, 0], 1), ConfigError, /^kmeansAnchors: boxesWh must hold finite sizes > 0, got 0 at row 0$/);
  assertThrows(() => kmeansAnchors([1, 1], 2), ConfigError, /^kmeansAnchors: k must be <= the number of boxes \(1\), got 2$/);
  assertThrows(() => kmeansAnchors([1, 1], 0), ConfigError, /k must be a positive integer/);
  assertThrows(() => kmeansAnchors([1, 1], 1, { iterations: 0 }), ConfigError, /iterations/);
});

s.run();
