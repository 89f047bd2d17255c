import { matrixFromRows } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { matchingCascade, minCostMatchingSubset } from './index.js';

const table = [
  // detections 0..2
  [0.1, 0.9, 0.5], // track 0
  [0.15, 0.3, 0.9], // track 1
  [0.05, 0.9, 0.9], // track 2
];
const cost = (tracks: readonly number[], dets: readonly number[]) => matrixFromRows(tracks.map((t) => dets.map((d) => table[t][d])));

const subset = suite('minCostMatchingSubset');

subset('gated pairs are undone and listed after the unassigned ones', () => {
  // tracks {0, 1} x dets {0, 1, 2}, gate 0.4: optimum 0-0 (0.1) + 1-1 (0.3);
  // det 2 unassigned
  assert.equal(minCostMatchingSubset(cost, 0.4, [0, 1], [0, 1, 2]), {
    matches: [
      [0, 0],
      [1, 1],
    ],
    unmatchedTracks: [],
    unmatchedDetections: [2],
  });
  // gate 0.2: 1-1 (0.3) is clamped to 0.20001; the solver still pairs it, then it is undone
  assert.equal(minCostMatchingSubset(cost, 0.2, [0, 1], [0, 1, 2]), {
    matches: [[0, 0]],
    unmatchedTracks: [1],
    unmatchedDetections: [2, 1],
  });
});

subset('empty sides return everything unmatched', () => {
  assert.equal(minCostMatchingSubset(cost, 0.4, [], [0, 1]), { matches: [], unmatchedTracks: [], unmatchedDetections: [0, 1] });
});

subset.run();

const cascade = suite('matchingCascade');

cascade('recently updated tracks choose first', () => {
  const tsu = [1, 3, 2];
  const r = matchingCascade(cost, 0.6, 5, (t) => tsu[t], [0, 1, 2], [0, 1, 2]);
  // level 0 (missed 1 frame): track 0 takes det 0 (0.1), although track 2 would fit it better (0.05);
  // level 1 (missed 2): track 2 sees only dets 1, 2 at 0.9 > 0.6: gated;
  // level 2 (missed 3): track 1 takes det 1 (0.3).
  assert.equal(r.matches, [
    [0, 0],
    [1, 1],
  ]);
  assert.equal(r.unmatchedTracks, [2]);
  assert.equal(r.unmatchedDetections, [2]);
});

cascade.run();
