/**
 * MOT text parsing speed: parseMotText (validating, columnar) against a naive
 * peer in the same process (`split('\n')`, `split(',')`, `map(Number)` into
 * arrays of arrays, no validation), on all 11 MOT15 det.txt files concatenated
 * three times (~120k lines). Also times formatResultRows on the same rows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatResultRows, parseMotText, type ResultRow } from '@mot/motchallenge';

const MOT15 = fileURLToPath(new URL('../fixtures/mot15/', import.meta.url));
const one = readdirSync(MOT15)
  .sort()
  .map((seq) => readFileSync(`${MOT15}${seq}/det.txt`, 'utf8'))
  .join('');
const text = one + one + one;
const lineCount = text.split('\n').length - 1;

function naive(t: string): number[][] {
  const out: number[][] = [];
  for (const line of t.split('\n')) if (line !== '') out.push(line.split(',').map(Number));
  return out;
}

function medianMs(fn: () => unknown, runs = 7): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}

const rows = parseMotText(text, 'det', 'bench');
if (rows.length !== lineCount || naive(text).length !== lineCount) throw new Error('row count mismatch');
const results: ResultRow[] = [];
for (let i = 0; i < rows.length; i++) results.push({ frame: rows.frame[i], id: 1, box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]] });

const tParse = medianMs(() => parseMotText(text, 'det', 'bench'));
const tNaive = medianMs(() => naive(text));
const tFormat = medianMs(() => formatResultRows(results));
console.log(`lines: ${lineCount}`);
console.log(`parseMotText:        ${tParse.toFixed(1)} ms  (${((lineCount / tParse) * 1000).toFixed(0)} lines/s)`);
console.log(`naive split+Number:  ${tNaive.toFixed(1)} ms`);
console.log(`ratio parseMotText / naive: ${(tParse / tNaive).toFixed(2)}x`);
console.log(`formatResultRows:    ${tFormat.toFixed(1)} ms  (${((lineCount / tFormat) * 1000).toFixed(0)} rows/s)`);
