import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Detection, type Frame } from '@mot/core';
import { toDetector } from './detector.js';

const test = suite('toDetector');
// 2x1 frame: a red pixel, a blue pixel.
const frame: Frame = { index: 7, timeMs: 280, width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 0, 0, 255]) };

test('wraps sync and async functions; passes detector objects through', async () => {
  const one: Detection = { box: [0, 0, 1, 1], score: 0.9, classId: 0 };
  assert.equal(await toDetector((f) => [{ ...one, score: f.index / 10 }]).detect(frame), [{ ...one, score: 0.7 }]);
  assert.equal(await toDetector(async () => [one]).detect(frame), [one]);
  const obj = { detect: async () => [one] };
  assert.is(toDetector(obj), obj);
  assert.throws(() => toDetector(42 as never), (e: unknown) => e instanceof ConfigError && /toDetector: detector must be a function .* got number/.test((e as Error).message));
});

test.run();
