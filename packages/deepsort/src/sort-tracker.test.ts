import { ConfigError, type Detection, InputError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SortTracker, getTracker } from './index.js';

const det = (x: number, y: number, w: number, h: number, score = 0.9): Detection => ({ box: [x, y, w, h], score, classId: 0 });

const sort = suite('SortTracker');

sort('a still object: reported while frame_count <= minHits, then after 3 hits; ids never reused', () => {
  const t = new SortTracker();
  const frames: Detection[][] = [[det(0, 0, 10, 10)], [det(0, 0, 10, 10)], [det(0, 0, 10, 10)], [det(0, 0, 10, 10)], [], [], [det(0, 0, 10, 10)]];
  const out = frames.map((d) => t.update(d));
  // frames 1-3: frame_count <= 3; frame 4: hit streak 3 (created at 1, matched at 2, 3, 4)
  assert.equal(
    out.slice(0, 4).map((o) => o.map((tr) => tr.id)),
    [[1], [1], [1], [1]],
  );
  // a stationary box stays exactly where it is (zero innovation, zero velocity)
  assert.equal(out[3][0].box, [0, 0, 10, 10]);
  assert.is(out[3][0].hits, 3);
  // frame 5: missed (not reported, kept: time_since_update 1 = maxAge);
  // frame 6: missed twice -> deleted; frame 7: a new track with a new id, not yet reported
  assert.equal(out[4], []);
  assert.equal(out[5], []);
  assert.equal(out[6], []);
  assert.is(t.trackCount, 1);
  const again = t.update([det(0, 0, 10, 10)]);
  assert.equal(again, []); // hit streak 1 < 3 and frame 8 > minHits
  t.update([det(0, 0, 10, 10)]);
  assert.equal(
    t.update([det(0, 0, 10, 10)]).map((tr) => tr.id),
    [2],
  );
});

sort('two objects moving apart keep their identities', () => {
  const t = new SortTracker({ minHits: 1 });
  let ids: number[][] = [];
  for (let f = 0; f < 10; f++) {
    const out = t.update([det(100 + 5 * f, 50, 20, 40), det(300 - 5 * f, 50, 20, 40)]);
    ids.push(out.map((tr) => tr.id).sort());
    // the track that started at x = 100 stays id 1
    const left = out.find((tr) => tr.box[0] < 200);
    if (left) assert.is(left.id, 1);
  }
  ids = ids.filter((x) => x.length > 0);
  assert.ok(ids.every((x) => x.join() === '1,2'));
});

sort('reset restarts identities at 1', () => {
  const t = new SortTracker();
  t.update([det(0, 0, 10, 10), det(50, 0, 10, 10)]);
  t.reset();
  assert.equal(
    t.update([det(0, 0, 10, 10)]).map((tr) => tr.id),
    [1],
  );
});

sort('each tracker instance counts its own ids', () => {
  const a = new SortTracker();
  const b = new SortTracker();
  a.update([det(0, 0, 10, 10), det(50, 0, 10, 10)]);
  assert.equal(
    b.update([det(0, 0, 10, 10)]).map((tr) => tr.id),
    [1],
  );
});

sort('rejects bad options and bad boxes with messages naming them', () => {
  assert.throws(() => new SortTracker({ maxAge: 1.5 }), (e: unknown) => e instanceof ConfigError && /maxAge must be an integer, got 1.5/.test((e as Error).message));
  assert.throws(() => new SortTracker({ iouThreshold: 2 }), (e: unknown) => e instanceof ConfigError && /iouThreshold must be <= 1, got 2/.test((e as Error).message));
  assert.throws(() => new SortTracker({ foo: 1 } as never), (e: unknown) => e instanceof ConfigError && /unknown option 'foo'/.test((e as Error).message));
  const t = new SortTracker();
  assert.throws(() => t.update([det(0, 0, -1, 10)]), (e: unknown) => e instanceof InputError && /detection 0 box width must be >= 0, got -1/.test((e as Error).message));
  assert.throws(() => t.update([det(0, Number.NaN, 1, 10)]), (e: unknown) => e instanceof InputError && /y must be a finite number, got NaN/.test((e as Error).message));
});

sort('registry: sort and deepsort by id; unknown ids listed', () => {
  assert.is(getTracker('sort').create().constructor, SortTracker);
  assert.equal(
    getTracker('sort').params.map((p) => [p.name, p.default]),
    [
      ['maxAge', 1],
      ['minHits', 3],
      ['iouThreshold', 0.3],
    ],
  );
  assert.throws(() => getTracker('bytetrack-x'), (e: unknown) => e instanceof ConfigError && /known: sort, deepsort/.test((e as Error).message));
});

sort.run();
