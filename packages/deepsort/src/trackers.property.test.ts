/**
 * Property-based test (fast-check) of every tracker in TRACKERS (so trackers
 * registered later are covered too): random detection streams (boxes from
 * sub-pixel to huge, crowded and empty frames, random scores, classes and
 * unit features) with random options from each tracker's `params`. Every run
 * ends in valid tracks for every frame (positive integer ids, unique per
 * frame, finite boxes) or a typed @mot error, never an untyped exception;
 * the number of live tracks stays bounded by the detections seen.
 * Cases per tracker: 2,000 in CI, MOT_FUZZ_RUNS with `pnpm fuzz`.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Detection, MotError } from '@mot/core';
import { fuzzRuns, fuzzSeed } from '../../core/src/testing-fuzz.js';
import { TRACKERS } from './index.js';

const RUNS = fuzzRuns();
const SEED = fuzzSeed();
const FEATURE_DIM = 4;

const coordinate = fc.oneof(fc.double({ min: -200, max: 2000, noNaN: true }), fc.constantFrom(0, -1e6, 1e6));
const size = fc.oneof(fc.double({ min: 1, max: 400, noNaN: true }), fc.constantFrom(1e-6, 0.5, 1e5));
const detection = fc.record({
  box: fc.tuple(coordinate, coordinate, size, size),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  classId: fc.integer({ min: 0, max: 2 }),
  feature: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: FEATURE_DIM, maxLength: FEATURE_DIM }).map((v) => {
    const f = Float32Array.from(v);
    if (f.every((x) => x === 0)) f[0] = 1; // the parsers reject zero features; the trackers may assume none
    return f;
  }),
});
/** A stream: up to 40 frames, each empty, sparse or crowded (up to 12), with the same boxes repeated now and then. */
const stream = fc.array(fc.oneof(fc.constant([]), fc.array(detection, { maxLength: 12 })), { maxLength: 40 }).map((frames) =>
  frames.map((dets) => dets.map((d) => ({ ...d, box: [...d.box] as [number, number, number, number] }) as Detection)),
);

const trackers = suite(`trackers: ${RUNS} fast-check streams each`);

for (const def of Object.values(TRACKERS)) {
  trackers(`${def.id}: random streams give valid tracks every frame, or a typed error`, () => {
    const option = fc.record(
      Object.fromEntries(
        def.params.map((p) => [
          p.name,
          // Mostly the default, so that trackers with many options still run many
          // streams; otherwise any value of the option's type, valid or not.
          fc.oneof(
            { arbitrary: fc.constant(p.default), weight: 4 },
            {
              arbitrary:
                p.type === 'boolean'
                  ? fc.boolean()
                  : p.type === 'integer'
                    ? fc.integer({ min: -1, max: 50 })
                    : fc.double({ min: -0.5, max: 2, noNaN: true }),
              weight: 1,
            },
          ),
        ]),
      ),
      { requiredKeys: [] },
    );
    let completed = 0;
    fc.assert(
      fc.property(option, stream, (options, frames) => {
        let tracker;
        try {
          tracker = def.create(options as never);
        } catch (err) {
          assert.instance(err, MotError, `options ${JSON.stringify(options)}: ${String(err)}`);
          return;
        }
        let seen = 0;
        try {
          for (const dets of frames) {
            seen += dets.length;
            const tracks = tracker.update(dets);
            const ids = new Set<number>();
            for (const t of tracks) {
              assert.ok(Number.isInteger(t.id) && t.id > 0, `id ${t.id}`);
              assert.not.ok(ids.has(t.id), `id ${t.id} twice in one frame`);
              ids.add(t.id);
              assert.ok(t.box.every(Number.isFinite), `box ${t.box}`);
            }
            // Every track comes from a detection: never more ids in a frame than detections so far.
            assert.ok(tracks.length <= seen, `${tracks.length} tracks after ${seen} detections`);
          }
          completed++;
        } catch (err) {
          if (err instanceof assert.Assertion) throw err;
          if (!(err instanceof MotError)) {
            console.error(`${def.id}: untyped error: ${String(err)}`);
            throw err;
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(completed > RUNS / 4, `only ${completed} of ${RUNS} streams completed`);
  });
}

trackers.run();
