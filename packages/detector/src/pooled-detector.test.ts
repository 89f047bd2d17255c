// PooledDetector: worker threads give exactly the detections of a NanoDet
// detector in the main thread (same frames, same bytes, 1 or 2 threads), and
// every failure comes back as one typed error with no worker left running.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Detection, ShapeError } from '@mot/core';
import { ModelLoadError } from '@mot/runtime';
import { readImage } from '@mot/video';
import { NanoDetDetector } from './nanodet-detector.js';
import { PooledDetector } from './pooled-detector.js';

const test = suite('PooledDetector');
const fixture = (f: string) => fileURLToPath(new URL(`../../../fixtures/detector/${f}`, import.meta.url));

/** Every number of every detection, as the bytes of float64s, so equality is bit for bit. */
const bytesOf = (dets: Detection[]) => Buffer.from(new Float64Array(dets.flatMap((d) => [...d.box, d.score, d.classId])).buffer).toString('hex');

test('threads must be a positive integer', async () => {
  for (const threads of [0, -1, 1.5, Number.NaN]) {
    try {
      await PooledDetector.create({ threads });
      assert.unreachable(`threads ${threads} accepted`);
    } catch (e) {
      assert.instance(e, ConfigError);
      assert.match((e as Error).message, /PooledDetector\.create: threads must be a positive integer/);
    }
  }
});

test('a missing model file is the workers\' ModelLoadError, rebuilt with its class and file', async () => {
  const missing = join(tmpdir(), 'no-such-nanodet', 'model.json');
  try {
    await PooledDetector.create({ threads: 2, detector: { model: missing } });
    assert.unreachable('missing model accepted');
  } catch (e) {
    assert.instance(e, ModelLoadError);
    assert.ok((e as Error).message.includes(missing), (e as Error).message);
  }
});

test('2 threads, 2 frames in flight: the same bytes as 1 thread and as the main thread, each frame its own result', async () => {
  const frames = [await readImage(fixture('000252.jpg')), await readImage(fixture('000258.jpg'))];
  const local = await NanoDetDetector.create({ classes: 'all' });
  const expected = [bytesOf(await local.detect(frames[0])), bytesOf(await local.detect(frames[1]))];
  // The frames differ (a bus scene and a dog scene), so a swap would show.
  assert.is.not(expected[0], expected[1]);

  const two = await PooledDetector.create({ threads: 2, detector: { classes: 'all' } });
  assert.is(two.concurrency, 2);
  const both = await Promise.all(frames.map((f) => two.detect(f)));
  await two.close();
  assert.equal(both.map(bytesOf), expected);

  const one = await PooledDetector.create({ threads: 1, detector: { classes: 'all' } });
  assert.is(one.concurrency, 1);
  assert.is(bytesOf(await one.detect(frames[1])), expected[1]);

  // Bad frames are refused in the caller's thread, naming the frame.
  try {
    await one.detect({ ...frames[0], width: 3 });
    assert.unreachable('bad frame accepted');
  } catch (e) {
    assert.instance(e, ShapeError);
    assert.match((e as Error).message, /PooledDetector\.detect: frame 0 data must be 3x333x3 = 2997 RGB24 bytes, got 499500/);
  }
  await one.close();
  try {
    await one.detect(frames[0]);
    assert.unreachable('detect after close accepted');
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.match((e as Error).message, /the detector is closed/);
  }
});

test.run();
