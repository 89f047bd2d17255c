import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { l2Normalise } from './l2-normalise.js';

const test = suite('l2Normalise');

test('scales in place to unit length; zero becomes the uniform unit vector', () => {
  const v = Float32Array.of(3, 4); // norm 5
  assert.is(l2Normalise(v), v);
  assert.equal(Array.from(v), [Math.fround(0.6), Math.fround(0.8)]);
  // 4 zeros -> 1 / sqrt(4) = 0.5 each
  assert.equal(Array.from(l2Normalise(new Float32Array(4))), [0.5, 0.5, 0.5, 0.5]);
});

test.run();
