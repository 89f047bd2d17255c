import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from './index.js';

const random = suite('seededRandom');

random('the same seed gives the same sequence, another seed another one', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const c = seededRandom(43);
  const xs = Array.from({ length: 5 }, () => a());
  assert.equal(
    Array.from({ length: 5 }, () => b()),
    xs,
  );
  assert.not.equal(
    Array.from({ length: 5 }, () => c()),
    xs,
  );
});

random('uniform on [0, 1): mean 1/2 and variance 1/12 over 200,000 draws', () => {
  const r = seededRandom(7);
  let sum = 0;
  let sq = 0;
  let min = 1;
  let max = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const x = r();
    sum += x;
    sq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / n;
  // standard error of the mean: sqrt(1/12 / n) = 6.5e-4; allow 5 of them
  assert.ok(Math.abs(mean - 0.5) < 3.3e-3, `mean ${mean}`);
  assert.ok(Math.abs(sq / n - mean * mean - 1 / 12) < 2e-3);
  assert.ok(min >= 0 && max < 1);
});

random.run();
