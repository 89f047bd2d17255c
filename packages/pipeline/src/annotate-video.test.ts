// End to end through real ffmpeg: synthetic tracks -> countLines -> annotate
// -> writeVideo -> decode, checking the frame count, the counts and colours
// that survive encoding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from '@mot/core';
import { readFrames, writeVideo } from '@mot/video';
import { lastValueFrom, map, of, tap, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { annotate } from './annotate.js';
import { countLines } from './count-lines.js';
import { LINE_COLOUR } from './draw/draw-annotations.js';
import { idColour } from './draw/id-colour.js';
import { blackFrame, pixel, result, track } from './test-support.js';
import type { LineCount } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'mot-pipeline-annotate-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

const e2e = suite('annotate + writeVideo');

e2e('a person walking down across a line: 20 frames written, counted in once, box and line colours in the decoded video', async () => {
  const line = { name: 'L', a: [0, 60] as const, b: [160, 60] as const };
  // Box 20x30, top y = 10 + 3f: the bottom-centre goes 40 -> 97 and passes y = 60 between frames 6 (58) and 7 (61).
  const input = Array.from({ length: 20 }, (_, f) => result(blackFrame(160, 120, f), [track(4, [60, 10 + 3 * f, 20, 30])]));
  const out = join(dir, 'walk.mp4');
  const counted: (readonly LineCount[] | undefined)[] = [];
  const frames = await lastValueFrom(
    of(...input).pipe(
      countLines([line]),
      tap((r) => counted.push(r.lines)),
      annotate({ lines: [line] }),
      map((r) => r.frame),
      writeVideo(out, { codec: 'h264', crf: 10 }),
      toArray(),
    ),
  );
  assert.is(frames.length, 20);
  assert.equal(counted[6]![0].crossed, []);
  assert.equal(counted[7]![0].crossed, [{ id: 4, classId: 0, direction: 'in' }]);
  assert.equal([counted[19]![0].in, counted[19]![0].out], [{ 0: 1 }, {}]);
  const decoded: Frame[] = [];
  for await (const f of readFrames(out)) decoded.push(f);
  assert.is(decoded.length, 20);
  // yuv420p keeps luma at full resolution (chroma is halved), so compare luma.
  const luma = (c: readonly number[]): number => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
  const c = idColour(4);
  const f0 = decoded[0];
  assert.ok(Math.abs(luma(pixel(f0, 60, 30)) - luma(c)) <= 12, `left box edge ${pixel(f0, 60, 30)} vs ${c}`);
  assert.ok(Math.abs(luma(pixel(f0, 79, 30)) - luma(c)) <= 12, `right box edge ${pixel(f0, 79, 30)} vs ${c}`);
  assert.ok(luma(pixel(f0, 70, 30)) <= 12, 'inside the box stays black');
  assert.ok(Math.abs(luma(pixel(f0, 150, 60)) - luma(LINE_COLOUR)) <= 12, `line ${pixel(f0, 150, 60)}`);
  assert.ok(luma(pixel(f0, 150, 100)) <= 12, 'background stays black');
  // The trail on the last frame: bottom-centres (70, 40 + 3f) joined, a vertical 2 px line at x 70-71 above the box.
  assert.ok(Math.abs(luma(pixel(decoded[19], 70, 50)) - luma(c)) <= 12, `trail ${pixel(decoded[19], 70, 50)}`);
});

e2e.run();
