import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Frame } from '@mot/core';
import { toDetector } from './detector.js';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
import { withAppearance } from './with-appearance.js';

const test = suite('withAppearance');
// 2x1 frame: a red pixel, a blue pixel.
const frame: Frame = { index: 7, timeMs: 280, width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 0, 0, 255]) };

test('fills feature from the extractor, box by box', async () => {
  const det = withAppearance(toDetector(() => [{ box: [0, 0, 1, 1], score: 1, classId: 0 }, { box: [1, 0, 1, 1], score: 1, classId: 0 }]), new HsvHistogramExtractor({ inset: 0 }));
  const [red, blue] = await det.detect(frame);
  // red -> bin 15, blue -> bin 95 (see hsv-histogram-extractor.test.ts); one pixel each -> 1.
  assert.is(red.feature?.[15], 1);
  assert.is(blue.feature?.[95], 1);
  assert.equal(await withAppearance(toDetector(() => []), new HsvHistogramExtractor()).detect(frame), []);
  assert.throws(() => withAppearance({} as never, new HsvHistogramExtractor()), (e: unknown) => e instanceof ConfigError && /detector must have a detect/.test((e as Error).message));
  assert.throws(() => withAppearance(toDetector(() => []), null as never), (e: unknown) => e instanceof ConfigError && /extractor must have an extract/.test((e as Error).message));
});

test.run();
