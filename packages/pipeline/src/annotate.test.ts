import { ConfigError, ShapeError } from '@mot/core';
import { lastValueFrom, of, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { annotate } from './annotate.js';
import { LINE_COLOUR, ZONE_COLOUR } from './draw/draw-annotations.js';
import { idColour } from './draw/id-colour.js';
import { blackFrame, pixel, result, track } from './test-support.js';
import type { FrameResult, LineCount } from './types.js';

const run = (results: FrameResult[], options?: Parameters<typeof annotate>[0]): Promise<FrameResult[]> =>
  lastValueFrom(of(...results).pipe(annotate(options), toArray()));

const ann = suite('annotate');

ann('box edge pixels take the id colour; inside the box and outside stay black; the label sits above', async () => {
  const frame = blackFrame(96, 64);
  const [out] = await run([result(frame, [track(3, [10, 30, 20, 15])])]);
  const c = idColour(3); // [242, 36, 217]
  assert.equal(pixel(out.frame, 10, 30), [...c]); // top-left corner
  assert.equal(pixel(out.frame, 29, 44), [...c]); // bottom-right corner (x 10..29, y 30..44)
  assert.equal(pixel(out.frame, 11, 31), [...c]); // second px of the 2 px edge
  assert.equal(pixel(out.frame, 12, 32), [0, 0, 0]); // interior
  assert.equal(pixel(out.frame, 30, 44), [0, 0, 0]); // right of the box
  assert.equal(pixel(out.frame, 5, 50), [0, 0, 0]);
  // Label "3 person": 8 chars -> 47 px + 4 padding = 51 wide, 11 high, at y 30 - 11 = 19.
  assert.equal(pixel(out.frame, 10, 19), [...c]); // label background, top-left
  assert.equal(pixel(out.frame, 60, 29), [...c]); // its bottom-right (10 + 51 - 1, 19 + 11 - 1)
  assert.equal(pixel(out.frame, 61, 29), [0, 0, 0]);
  // '3' row 0 = 11111 in white (text on a dark-ish magenta): font px (0..4, 0) at x 12..16, y 21.
  assert.equal(pixel(out.frame, 12, 21), [255, 255, 255]);
  assert.equal(pixel(out.frame, 16, 21), [255, 255, 255]);
  assert.equal(pixel(out.frame, 17, 21), [...c]); // spacing column
});

ann('draws in place by default (same frame and buffer), into a copy with copy: true', async () => {
  const frame = blackFrame(64, 48);
  const [out] = await run([result(frame, [track(1, [10, 20, 10, 10])])]);
  assert.is(out.frame, frame);
  assert.equal(pixel(frame, 10, 20), [...idColour(1)]);
  const frame2 = blackFrame(64, 48);
  const [copied] = await run([result(frame2, [track(1, [10, 20, 10, 10])])], { copy: true });
  assert.is.not(copied.frame.data, frame2.data);
  assert.equal(pixel(frame2, 10, 20), [0, 0, 0]);
  assert.equal(pixel(copied.frame, 10, 20), [...idColour(1)]);
});

ann('the trail joins the bottom-centre points of the last frames of a live id, in its colour', async () => {
  // Bottom-centre moves (15,30) -> (25,30) -> (35,30); the box is 10x10 with its top at y=20.
  const frames = [0, 1, 2].map((i) => result(blackFrame(64, 48, i), [track(2, [10 + 10 * i, 20, 10, 10])]));
  const out = await run(frames, { trailLength: 30 });
  const last = out[2].frame;
  const c = [...idColour(2)];
  // Trail pixels at y = 30 (and 31, 2 px brush offset 0) between x = 15 and 35, below the current box (rows 20..29).
  for (const x of [15, 20, 24, 34]) assert.equal(pixel(last, x, 30), c, `x=${x}`);
  assert.equal(pixel(last, 14, 30), [0, 0, 0]);
  // trailLength 2 keeps only (25,30)-(35,30) on the third frame.
  const short = await run([0, 1, 2].map((i) => result(blackFrame(64, 48, i), [track(2, [10 + 10 * i, 20, 10, 10])])), { trailLength: 2 });
  assert.equal(pixel(short[2].frame, 20, 30), [0, 0, 0]);
  assert.equal(pixel(short[2].frame, 28, 30), c);
});

ann('count lines and zones in their colours, with their running counts in the label', async () => {
  const frame = blackFrame(160, 120);
  const lines = [{ name: 'L', a: [20, 100] as const, b: [140, 100] as const }];
  const zones = [{ name: 'Z', polygon: [[100, 40], [150, 40], [150, 80], [100, 80]] as const }];
  const count: LineCount = { name: 'L', in: { 0: 2, 2: 1 }, out: { 0: 1 }, crossed: [] };
  const r: FrameResult = { ...result(frame, []), lines: [count], zones: [{ name: 'Z', count: { 0: 4 }, inside: [] }] };
  const [out] = await lastValueFrom(of(r).pipe(annotate({ lines, zones }), toArray()));
  assert.equal(pixel(out.frame, 60, 100), [...LINE_COLOUR]); // on the line
  assert.equal(pixel(out.frame, 80, 112), [...LINE_COLOUR]); // the arrow: from (80,100) 14 px towards +y, the 'in' side
  assert.equal(pixel(out.frame, 80, 98), [0, 0, 0]); // no arrow on the 'out' side (the label ends at row 97)
  assert.equal(pixel(out.frame, 150, 60), [...ZONE_COLOUR]); // right edge of the zone
  assert.equal(pixel(out.frame, 125, 60), [0, 0, 0]); // inside the zone: not filled
  // Label "L in 3 out 1" (12 chars, 71 + 4 = 75 px) at x 20, y 100 - 7 - 6 = 87, on the line colour.
  assert.equal(pixel(out.frame, 20, 87), [...LINE_COLOUR]);
  assert.equal(pixel(out.frame, 94, 87), [...LINE_COLOUR]);
  assert.equal(pixel(out.frame, 95, 87), [0, 0, 0]);
  // '3' is the 6th char: cell x = 22 + 5*6 = 52, row 0 = 11111 in black at y 89.
  assert.equal(pixel(out.frame, 52, 89), [0, 0, 0]);
  assert.equal(pixel(out.frame, 51, 89), [...LINE_COLOUR]);
  // Zone label "Z 4" at its first vertex (100, 40).
  assert.equal(pixel(out.frame, 100, 40), [...ZONE_COLOUR]);
});

ann('a frame whose pixels were let go: ShapeError naming the frame; bad options: ConfigError at once', async () => {
  const gone = { ...blackFrame(8, 8, 5), data: new Uint8Array(0) };
  try {
    await run([result(gone, [])]);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ShapeError);
    assert.is((e as Error).message, 'frame 5: annotate: frame.data must be 8*8*3 = 192 bytes (RGB24), got 0');
  }
  assert.throws(() => annotate({ trailLength: -1 }), (e: unknown) => e instanceof ConfigError && /trailLength must be an integer >= 0, got -1/.test((e as Error).message));
  assert.throws(() => annotate({ fontScale: 1.5 }), /fontScale must be an integer >= 1, got 1.5/);
});

ann.run();
