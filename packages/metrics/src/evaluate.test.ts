import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { SUMMARY_KEYS, combineSequences, evaluateSequence } from './index.js';
import { close, sequence, throwsWith } from './test-helpers.js';

const test = suite('evaluateSequence');
const BOX = [0, 0, 10, 10];

// gt A frames 1-4; track 1 frames 1-3, track 2 frame 4 (all IoU 1): one switch.
const data = sequence(
  [1, 2, 3, 4].map((f) => [f, 1, ...BOX]),
  [[1, 1, ...BOX], [2, 1, ...BOX], [3, 1, ...BOX], [4, 2, ...BOX]],
  4,
);

test('summary gathers the three metrics under TrackEval names', () => {
  const m = evaluateSequence(data);
  assert.equal(Object.keys(m.summary), [...SUMMARY_KEYS]);
  // CLEAR: TP 4, IDSW 1 -> MOTA (4 - 0 - 1) / 4 = 0.75. Identity: IDTP 3 -> IDF1 0.75.
  assert.equal([m.summary.IDSW, m.summary.FP, m.summary.FN, m.summary.GT, m.summary.MT], [1, 0, 0, 1, 1]);
  close(m.summary.MOTA, 0.75, 1e-15);
  close(m.summary.IDF1, 0.75, 1e-15);
  assert.is(m.summary.HOTA, m.hota.hota);
  assert.is(m.summary.MOTP, m.clear.motp);
  assert.is(m.summary.Recall, 1);
});

test('threshold and CLEAR rules reach the metrics', () => {
  const low = sequence([[1, 1, ...BOX]], [[1, 1, 0, 0, 10, 4]], 1); // IoU 0.4
  assert.is(evaluateSequence(low).summary.FN, 1);
  assert.is(evaluateSequence(low, { threshold: 0.3 }).summary.FN, 0);
  assert.is(evaluateSequence(low, { threshold: 0.3 }).summary.IDF1, 1);
  throwsWith(() => evaluateSequence(low, { clearRules: 'x' as never }), ConfigError, "rules must be 'trackeval' or 'motmetrics'");
});

test.run();

const comb = suite('combineSequences');

comb('names the result COMBINED and sums the counts', () => {
  const a = evaluateSequence(data);
  const c = combineSequences([a, a]);
  assert.is(c.name, 'COMBINED');
  assert.equal([c.summary.IDSW, c.summary.GT], [2, 2]);
  close(c.summary.MOTA, 0.75, 1e-15);
  close(c.summary.HOTA, a.summary.HOTA, 1e-15);
});

comb.run();
