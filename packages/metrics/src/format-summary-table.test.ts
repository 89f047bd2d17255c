import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SUMMARY_KEYS, formatSummaryTable, type MetricsSummary } from './index.js';

const test = suite('formatSummaryTable');

test('ratios in percent with 3 decimals, counts as integers, columns aligned', () => {
  const s: MetricsSummary = {
    HOTA: 0.37864, DetA: 0.41565, AssA: 0.35374, LocA: 0.76514, MOTA: 0.46601, MOTP: 0.7215, IDF1: 0.47436,
    IDP: 0.53305, IDR: 0.42731, Recall: 0.64228, Precision: 0.80121, IDSW: 271, FP: 2553, FN: 5731, Frag: 476,
    MT: 72, PT: 122, ML: 70, GT: 264,
  };
  const out = formatSummaryTable([{ name: 'TUD-Campus', summary: s }, { name: 'COMBINED', summary: s }]);
  const lines = out.trimEnd().split('\n');
  assert.is(lines.length, 3);
  assert.equal(lines[0].split(/\s+/), ['Sequence', 'HOTA', 'DetA', 'AssA', 'LocA', 'MOTA', 'MOTP', 'IDF1', 'IDP', 'IDR', 'Rcll', 'Prcn', 'IDSW', 'FP', 'FN', 'Frag', 'MT', 'PT', 'ML', 'GT']);
  assert.equal(lines[2].split(/\s+/), ['COMBINED', '37.864', '41.565', '35.374', '76.514', '46.601', '72.150', '47.436', '53.305', '42.731', '64.228', '80.121', '271', '2553', '5731', '476', '72', '122', '70', '264']);
  // Right-aligned numbers: every line has the same length.
  assert.is(new Set(lines.map((l) => l.length)).size, 1);
  assert.is(SUMMARY_KEYS.length, 19);
});

test.run();
