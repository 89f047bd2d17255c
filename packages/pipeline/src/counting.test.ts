import { ConfigError, type Track } from '@mot/core';
import { lastValueFrom, of, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countLines } from './count-lines.js';
import { LineCounter } from './line-counter.js';
import { pointInPolygon } from './point-in-polygon.js';
import { passesThroughSegment, sideOf } from './segment-crossing.js';
import { blackFrame, result, track } from './test-support.js';
import type { CountLine, FrameResult, Point, Zone } from './types.js';
import { ZoneCounter } from './zone-counter.js';
import { zoneOccupancy } from './zone-occupancy.js';

/** A 10x20 box whose bottom-centre (the reference point) is (x, y). */
const at = (id: number, x: number, y: number, classId = 0): Track => track(id, [x - 5, y - 20, 10, 20], classId);

const L: CountLine = { name: 'L', a: [0, 100], b: [200, 100] };

// Reference points per frame (hand-made; see the expected crossings below).
//   id 1 (person): y 80, 90, 110, 120 at x 50           -> 'in' on frame 2
//   id 2 (person): y 130, 105, 95 at x 60               -> 'out' on frame 2
//   id 3 (car, 2): y 90, 110, 95, 105, 98 at x 70       -> jitter: 'in' f1, 'out' f2, nothing after
//   id 4 (person): (250, 90) -> (250, 110)              -> beside the segment: nothing
//   id 5 (person): y 90, 100, 100, 110 at x 80          -> stops on the line, goes on: 'in' on frame 3
//   id 6 (person): y 90, 100, 90 at x 90                -> touches the line and goes back: nothing
//   id 7 (person): (190, 90) -> (210, 110)              -> passes exactly through the end b: 'in' on f1
const FRAMES: Track[][] = [
  [at(1, 50, 80), at(2, 60, 130), at(3, 70, 90, 2), at(4, 250, 90), at(5, 80, 90), at(6, 90, 90), at(7, 190, 90)],
  [at(1, 50, 90), at(2, 60, 105), at(3, 70, 110, 2), at(4, 250, 110), at(5, 80, 100), at(6, 90, 100), at(7, 210, 110)],
  [at(1, 50, 110), at(2, 60, 95), at(3, 70, 95, 2), at(5, 80, 100), at(6, 90, 90)],
  [at(1, 50, 120), at(3, 70, 105, 2), at(5, 80, 110)],
  [at(3, 70, 98, 2)],
];
const results = (frames: Track[][]): FrameResult[] => frames.map((tracks, i) => result(blackFrame(4, 4, i), tracks));

const geometry = suite('sideOf / passesThroughSegment / pointInPolygon');

geometry("'in' side is the walker's right on screen (image y down): below a left-to-right line", () => {
  assert.is(sideOf([0, 100], [200, 100], [50, 120]), 1);
  assert.is(sideOf([0, 100], [200, 100], [50, 80]), -1);
  assert.is(sideOf([0, 100], [200, 100], [300, 100]), 0);
  assert.ok(passesThroughSegment([50, 90], [50, 110], [0, 100], [200, 100]));
  assert.not.ok(passesThroughSegment([250, 90], [250, 110], [0, 100], [200, 100]));
  assert.ok(passesThroughSegment([190, 90], [210, 110], [0, 100], [200, 100])); // through the endpoint
});

geometry('points in a square and an L-shaped polygon; edges follow the half-open rule (left/top in, right/bottom out)', () => {
  const sq: Point[] = [[100, 100], [200, 100], [200, 200], [100, 200]];
  assert.ok(pointInPolygon([150, 150], sq));
  assert.not.ok(pointInPolygon([50, 150], sq));
  assert.ok(pointInPolygon([100, 150], sq)); // left edge
  assert.not.ok(pointInPolygon([200, 150], sq)); // right edge
  assert.ok(pointInPolygon([150, 100], sq)); // top edge
  assert.not.ok(pointInPolygon([150, 200], sq)); // bottom edge
  const ell: Point[] = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]];
  assert.ok(pointInPolygon([2, 8], ell));
  assert.ok(pointInPolygon([8, 2], ell));
  assert.not.ok(pointInPolygon([8, 8], ell)); // the notch
});

const lines = suite('countLines');

lines('hand-computed crossings: both ways, jitter counted once per direction, on-line stops, beside the segment, two classes', async () => {
  const out = await lastValueFrom(of(...results(FRAMES)).pipe(countLines([L]), toArray()));
  assert.equal(
    out.map((r) => r.lines![0].crossed),
    [
      [],
      [{ id: 3, classId: 2, direction: 'in' }, { id: 7, classId: 0, direction: 'in' }],
      [{ id: 1, classId: 0, direction: 'in' }, { id: 2, classId: 0, direction: 'out' }, { id: 3, classId: 2, direction: 'out' }],
      [{ id: 5, classId: 0, direction: 'in' }],
      [],
    ],
  );
  assert.equal(out[1].lines![0], { name: 'L', in: { 0: 1, 2: 1 }, out: {}, crossed: out[1].lines![0].crossed });
  const last = out[4].lines![0];
  assert.equal(last.in, { 0: 3, 2: 1 }); // ids 1, 5, 7 and the car 3
  assert.equal(last.out, { 0: 1, 2: 1 }); // id 2 and the car 3
  // Each frame carries its own snapshot of the totals.
  assert.equal(out[0].lines![0].in, {});
});

lines('the same line drawn the other way round swaps in and out; several lines are counted independently', async () => {
  const reversed: CountLine = { name: 'R', a: [200, 100], b: [0, 100] };
  const vertical: CountLine = { name: 'V', a: [65, 0], b: [65, 300] }; // every id keeps its x, none crosses x = 65
  const out = await lastValueFrom(of(...results(FRAMES)).pipe(countLines([L, reversed, vertical]), toArray()));
  const [l, r, v] = out[4].lines!;
  assert.equal([l.name, r.name, v.name], ['L', 'R', 'V']);
  assert.equal(r.in, l.out);
  assert.equal(r.out, l.in);
  assert.equal([v.in, v.out], [{}, {}]);
});

lines('each subscription counts from zero; the frame object is passed through', async () => {
  const op = countLines([L]);
  const input = results(FRAMES);
  const a = await lastValueFrom(of(...input).pipe(op, toArray()));
  const b = await lastValueFrom(of(...input).pipe(op, toArray()));
  assert.equal(a[4].lines, b[4].lines);
  assert.is(a[2].frame, input[2].frame);
});

lines('a gap between observations: the movement is measured from the last one; ids unseen for forgetAfterFrames are dropped', () => {
  const c = new LineCounter([L], 2);
  c.update([at(1, 50, 90)], 0);
  c.update([], 1);
  const r2 = c.update([at(1, 50, 110)], 2); // absent on frame 1: still counted from frame 0's point
  assert.equal(r2[0].crossed, [{ id: 1, classId: 0, direction: 'in' }]);
  assert.is(c.remembered, 1);
  c.update([], 3);
  c.update([], 4);
  assert.is(c.remembered, 1); // 4 - 2 = 2 frames unseen: kept
  c.update([], 5);
  assert.is(c.remembered, 0); // 3 > 2: forgotten
  // Memory stays flat over many ids that each appear once.
  const big = new LineCounter([L], 10);
  for (let f = 0; f < 1000; f++) big.update([at(f + 1, 50, 90)], f);
  assert.is(big.remembered, 11);
});

lines('bad lines or options: ConfigError at once, naming the line', () => {
  assert.throws(() => countLines([L, L]), (e: unknown) => e instanceof ConfigError && (e as Error).message === 'countLines: line names must be unique, got "L" twice');
  assert.throws(() => countLines([{ name: 'p', a: [1, 1], b: [1, 1] }]), /countLines: lines\[0\] \("p"\) must have a != b, got both \[1,1\]/);
  assert.throws(() => countLines([{ name: 'n', a: [0, NaN], b: [1, 1] }]), /a and b must be \[x, y\] in finite px/);
  assert.throws(() => countLines([L], { forgetAfterFrames: 0 }), /options.forgetAfterFrames must be an integer >= 1, got 0/);
});

const zones = suite('zoneOccupancy');

const Z: Zone = { name: 'Z', polygon: [[100, 100], [200, 100], [200, 200], [100, 200]] };

zones('counts per class and dwell per visit: leaving ends a visit, re-entering starts from 0, absence does not end it', async () => {
  // 40 ms per frame. id 1 (person): out, in, in, absent, in, out, in. id 2 (car): in on frames 1 and 2.
  const frames: Track[][] = [
    [at(1, 50, 150)],
    [at(1, 120, 150), at(2, 180, 180, 2)],
    [at(1, 150, 150), at(2, 180, 180, 2)],
    [],
    [at(1, 160, 150)],
    [at(1, 250, 150)],
    [at(1, 150, 150)],
  ];
  const out = await lastValueFrom(of(...results(frames)).pipe(zoneOccupancy([Z]), toArray()));
  const z = out.map((r) => r.zones![0]);
  assert.equal(z.map((c) => c.count), [{}, { 0: 1, 2: 1 }, { 0: 1, 2: 1 }, {}, { 0: 1 }, {}, { 0: 1 }]);
  assert.equal(z[1].inside, [{ id: 1, classId: 0, frames: 1, ms: 0 }, { id: 2, classId: 2, frames: 1, ms: 0 }]);
  assert.equal(z[2].inside, [{ id: 1, classId: 0, frames: 2, ms: 40 }, { id: 2, classId: 2, frames: 2, ms: 40 }]);
  assert.equal(z[4].inside, [{ id: 1, classId: 0, frames: 3, ms: 120 }]); // entered at 40 ms, now 160 ms
  assert.equal(z[6].inside, [{ id: 1, classId: 0, frames: 1, ms: 0 }]); // a new visit
  assert.is(z[0].name, 'Z');
});

zones('memory: only ids inside are remembered, and absent ones are forgotten after forgetAfterFrames', () => {
  const c = new ZoneCounter([Z], 3);
  for (let f = 0; f < 500; f++) c.update([at(f + 1, 150, 150), at(10_000 + f, 50, 50)], f, f * 40);
  // Each inside id is seen once; it is kept until 3 frames have passed without it.
  assert.is(c.remembered, 4);
});

zones('bad zones: ConfigError at once', () => {
  assert.throws(() => zoneOccupancy([{ name: 't', polygon: [[0, 0], [1, 1]] }]), (e: unknown) => e instanceof ConfigError && /zones\[0\] \("t"\) polygon must be at least 3 \[x, y\] points/.test((e as Error).message));
  assert.throws(() => zoneOccupancy([Z, Z]), /zone names must be unique, got "Z" twice/);
});

geometry.run();
lines.run();
zones.run();
