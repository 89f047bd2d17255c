/**
 * track() end to end on frame fixtures: a lavfi-made video of coloured boxes
 * crossing and occluding, decoded by ffmpeg, detected by colour, tracked by
 * SORT and DeepSORT. Detections must equal the scene's geometry pixel for
 * pixel; tracks must equal the same tracker fed that geometry directly (no
 * video in between), and the ids must follow the boxes through the crossing.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Detection, type Frame, InputError, type Track } from '@mot/core';
import { DeepSortTracker, SortTracker, type Tracker } from '@mot/deepsort';
import { HsvHistogramExtractor } from '@mot/detector';
import { readFrames, VideoSourceError } from '@mot/video';
import { firstValueFrom, from, lastValueFrom, take, tap, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  colourDetector,
  CROSSING_SCENE as SCENE,
  expectedDetections,
  ffmpegChildren,
  HAS_PROC,
  renderFrame,
  tempDir,
  waitGone,
  writeSceneImages,
  writeSceneVideo,
} from './test-support.js';
import { track } from './track.js';
import type { FrameResult } from './types.js';

const dir = tempDir();
const VIDEO = writeSceneVideo(SCENE, join(dir, 'crossing.mkv'));
const IMAGES = writeSceneImages(SCENE, tempDir());
const detector = colourDetector(SCENE.boxes.map((b) => b.rgb));

/** Tracks `tracker` reports per frame when fed the scene's geometry directly. */
function referenceTracks(tracker: Tracker, withFeatures: boolean): Promise<Track[][]> {
  const hsv = new HsvHistogramExtractor();
  return (async () => {
    const out: Track[][] = [];
    for (let n = 0; n < SCENE.frames; n++) {
      let dets: Detection[] = expectedDetections(SCENE, n);
      if (withFeatures) {
        const features = await hsv.extract(renderFrame(SCENE, n), dets.map((d) => d.box));
        dets = dets.map((d, i) => ({ ...d, feature: features[i] }));
      }
      out.push(tracker.update(dets));
    }
    return out;
  })();
}

/** The id that follows box `k` (by class): the one id reported for that class on every frame it is reported. */
function idsByClass(results: readonly FrameResult[]): Map<number, Set<number>> {
  const ids = new Map<number, Set<number>>();
  for (const r of results) for (const t of r.tracks) ids.set(t.classId, (ids.get(t.classId) ?? new Set()).add(t.id));
  return ids;
}

const pipeline = suite('track: synthetic crossing (lavfi video, colour detector)');

pipeline('decoded frames are the scene drawn in JS, byte for byte (lossless video)', async () => {
  let n = 0;
  for await (const f of readFrames(VIDEO)) {
    assert.ok(Buffer.compare(f.data, renderFrame(SCENE, n).data) === 0, `frame ${n}`);
    n++;
  }
  assert.is(n, SCENE.frames);
});

pipeline('SORT: detections are the geometry, tracks equal SORT on the geometry, one id per box', async () => {
  const results = await lastValueFrom(track(VIDEO, { detector, tracker: 'sort' }).pipe(toArray()));
  assert.is(results.length, SCENE.frames);
  const expected = await referenceTracks(new SortTracker(), false);
  results.forEach((r, n) => {
    assert.is(r.frame.index, n);
    assert.is(r.frame.timeMs, n * 40);
    assert.equal(r.detections, expectedDetections(SCENE, n), `detections, frame ${n}`);
    assert.equal(r.tracks, expected[n], `tracks, frame ${n}`);
  });
  // Hand-checked: SORT (maxAge 1, minHits 3) reports every box on every frame
  // and keeps red = 1, green = 2, blue = 3 through the occlusion (frames 17-20,
  // where red's box shrinks to 16, 24, 12, 20 px wide).
  assert.equal([17, 18, 19, 20].map((n) => results[n].detections[0].box), [
    [76, 40, 16, 48],
    [80, 40, 24, 48],
    [96, 40, 12, 48],
    [92, 40, 20, 48],
  ]);
  assert.equal(idsByClass(results), new Map([[0, new Set([1])], [1, new Set([2])], [2, new Set([3])]]));
  for (const r of results) assert.is(r.tracks.length, 3, `frame ${r.frame.index}`);
  // Off the occlusion, SORT's estimate sits within 1 px of the box drawn.
  const red = results[30].tracks.find((t) => t.id === 1) as Track;
  [8 + 4 * 30, 40, 24, 48].forEach((v, i) => assert.ok(Math.abs(red.box[i] - v) < 1, `red box ${red.box} at frame 30`));
});

pipeline('DeepSORT with HSV appearance: tracks equal DeepSORT on the geometry; ids confirmed from frame 2 on', async () => {
  const results = await lastValueFrom(track(VIDEO, { detector, tracker: 'deepsort', appearance: 'hsv' }).pipe(toArray()));
  const expected = await referenceTracks(new DeepSortTracker(), true);
  results.forEach((r, n) => {
    assert.equal(r.tracks, expected[n], `tracks, frame ${n}`);
    assert.ok(r.detections.every((d) => d.feature?.length === 128));
  });
  // nInit 3: tentative on frames 0-1, reported from frame 2 on, one id per box.
  // All scores are 1, and deep_sort visits equal scores last-first
  // (deepSortDetectionOrder), so blue gets id 1, green 2, red 3.
  assert.equal(results.slice(0, 2).map((r) => r.tracks.length), [0, 0]);
  for (const r of results.slice(2)) assert.is(r.tracks.length, 3, `frame ${r.frame.index}`);
  assert.equal(idsByClass(results), new Map([[0, new Set([3])], [1, new Set([2])], [2, new Set([1])]]));
});

pipeline('an image folder gives the same results as the video, and a gap in its numbering is an InputError', async () => {
  const fromVideo = await lastValueFrom(track(VIDEO, { detector }).pipe(toArray()));
  const fromImages = await lastValueFrom(track(IMAGES, { detector }).pipe(toArray()));
  assert.equal(fromImages, fromVideo);
  rmSync(join(IMAGES, '000007.png'));
  try {
    track(IMAGES, { detector });
    assert.unreachable('a gap must throw');
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as Error).message, /image 7 is missing/);
  }
});

pipeline('frames arrive with pixels released unless keepPixels; the detector saw them', async () => {
  const [r] = await lastValueFrom(track(VIDEO, { detector, maxFrames: 1 }).pipe(toArray()));
  assert.is(r.frame.data.length, 0);
  assert.is(r.frame.width, SCENE.width);
  const [k] = await lastValueFrom(track(VIDEO, { detector, maxFrames: 1, keepPixels: true }).pipe(toArray()));
  assert.is(k.frame.data.length, SCENE.width * SCENE.height * 3);
});

pipeline('one frame in flight: the decoder is never more than one frame ahead of a slow detector', async () => {
  let pulled = 0;
  let maxAhead = 0;
  let detected = 0;
  async function* frames(): AsyncGenerator<Frame> {
    for (let n = 0; n < 12; n++) {
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - detected);
      yield renderFrame(SCENE, n);
    }
  }
  const slow = async (f: Frame): Promise<Detection[]> => {
    await new Promise((r) => setTimeout(r, 5));
    detected++;
    return detector(f);
  };
  const results = await lastValueFrom(track(frames(), { detector: slow }).pipe(toArray()));
  assert.is(results.length, 12);
  assert.is(maxAhead, 1);
});

pipeline('detector.concurrency frames in flight, results in frame order, never more', async () => {
  let inside = 0;
  let maxInside = 0;
  const pool = {
    concurrency: 3,
    async detect(f: Frame): Promise<Detection[]> {
      inside++;
      maxInside = Math.max(maxInside, inside);
      // Later frames finish first: order must come from the operator.
      await new Promise((r) => setTimeout(r, 12 - (f.index % 3) * 5));
      inside--;
      return detector(f);
    },
  };
  const results = await lastValueFrom(track(VIDEO, { detector: pool, maxFrames: 12 }).pipe(toArray()));
  assert.equal(results.map((r) => r.frame.index), [...Array(12).keys()]);
  assert.is(maxInside, 3);
  const serial = await lastValueFrom(track(VIDEO, { detector, maxFrames: 12 }).pipe(toArray()));
  assert.equal(results, serial);
});

pipeline('a pool gets one frame decoded ahead of its workers (for a worker that frees up to start at once), and no more', async () => {
  let pulled = 0;
  let emitted = 0;
  let maxAhead = 0;
  let inside = 0;
  let maxInside = 0;
  async function* frames(): AsyncGenerator<Frame> {
    for (let n = 0; n < 10; n++) {
      await new Promise((r) => setTimeout(r, 2));
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - emitted);
      yield renderFrame(SCENE, n);
    }
  }
  const pool = {
    concurrency: 2,
    async detect(f: Frame): Promise<Detection[]> {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 15));
      inside--;
      return detector(f);
    },
  };
  const results = await lastValueFrom(track(frames(), { detector: pool }).pipe(tap(() => emitted++), toArray()));
  assert.equal(results.map((r) => r.frame.index), [...Array(10).keys()]);
  assert.is(maxAhead, 3, 'concurrency + 1 frames between the decoder and the output');
  assert.is(maxInside, 2, 'the extra frame waits for a worker');
});

pipeline('signal: aborting stops reading; frames in flight finish and the stream completes', async () => {
  const stop = new AbortController();
  const results = await lastValueFrom(
    track(VIDEO, {
      detector: (f) => {
        if (f.index === 4) stop.abort();
        return detector(f);
      },
      signal: stop.signal,
    }).pipe(toArray()),
  );
  assert.equal(results.map((r) => r.frame.index), [0, 1, 2, 3, 4]);
});

pipeline('an Observable of frames works as a source', async () => {
  const frames = from([0, 1, 2].map((n) => renderFrame(SCENE, n)));
  const results = await lastValueFrom(track(frames, { detector }).pipe(toArray()));
  assert.equal(results.map((r) => r.detections), [0, 1, 2].map((n) => expectedDetections(SCENE, n)));
});

pipeline('unsubscribing mid-stream leaves no ffmpeg process', async () => {
  if (!HAS_PROC) return;
  const long = writeSceneVideo({ ...SCENE, frames: 2000 }, join(dir, 'long.mkv'));
  let seen: number[] = [];
  const first = await firstValueFrom(
    track(long, {
      detector: (f) => {
        if (f.index === 2) seen = ffmpegChildren();
        return detector(f);
      },
    }).pipe(take(3), toArray()),
  );
  assert.is(first.length, 3);
  assert.is(seen.length, 1, 'the decoder runs while frames flow');
  assert.equal(await waitGone(seen), []);
  assert.equal(ffmpegChildren(), []);
});

pipeline('bad options fail at once with one clear message', () => {
  const cases: Array<[() => unknown, RegExp, typeof ConfigError | typeof InputError]> = [
    [() => track(VIDEO, { detector, tracker: 'nope' }), /unknown tracker 'nope' \(known: sort, deepsort/, ConfigError],
    [() => track(VIDEO, { detector, appearance: 'nope' }), /unknown appearance extractor 'nope' \(known: osnet, osnet_x0_5, hsv, roi-align/, ConfigError],
    [() => track(VIDEO, { detector, appearance: 'roi-align' }), /appearance 'roi-align' reads NanoDet's feature maps/, ConfigError],
    [() => track(VIDEO, { detector, score: 2 }), /options.score must be a number in \[0, 1\], got 2/, ConfigError],
    [() => track(VIDEO, { detector, minHeight: -1 }), /minHeight must be a number >= 0/, ConfigError],
    [() => track(VIDEO, { detector, trackerOptions: { nInit: 2 } }), /tracker 'sort' has no option 'nInit'/, ConfigError],
    [() => track(join(dir, 'missing.mp4'), { detector }), /missing\.mp4: input must be an existing video file or image folder/, InputError],
  ];
  for (const [call, message, type] of cases) {
    try {
      call();
      assert.unreachable(String(message));
    } catch (e) {
      assert.instance(e, type);
      assert.match((e as Error).message, message);
    }
  }
});

pipeline('a file that is not a video errors the stream with a VideoSourceError', async () => {
  try {
    await lastValueFrom(track(join(dir, '..', 'x', 'crossing.mkv').replace('/x/', '/'), { detector }));
  } catch {
    /* path juggling above may or may not exist; the real check is below */
  }
  const text = join(dir, 'notes.txt');
  (await import('node:fs')).writeFileSync(text, 'not a video\n');
  try {
    await lastValueFrom(track(text, { detector }));
    assert.unreachable('must error');
  } catch (e) {
    assert.instance(e, VideoSourceError);
    assert.match((e as Error).message, /notes\.txt/);
  }
});

pipeline('threads: 2 NanoDet workers on our core give the same tracks as 1, on real frames, and firstFrame starts the walk there', async () => {
  const real = join(import.meta.dirname, '../../../fixtures/video/TUD-Campus.mp4');
  const rows = async (o: { threads: number; firstFrame?: number }) =>
    (await lastValueFrom(track(real, { ...o, maxFrames: 10 }).pipe(toArray()))).map((r) => [r.frame.index, r.detections.length, r.tracks.map((t) => [t.id, ...t.box.map((v) => v.toFixed(3))].join(' '))]);
  const one = await rows({ threads: 1 });
  const two = await rows({ threads: 2 });
  assert.equal(two, one);
  assert.is(one.length, 10);
  // Not vacuous: NanoDet finds the people of TUD-Campus in every frame.
  assert.ok(one.every((r) => (r[1] as number) >= 3), JSON.stringify(one.map((r) => r[1])));
  const late = await rows({ threads: 1, firstFrame: 6 });
  assert.equal(late.map((r) => r[0]), [5, 6, 7, 8, 9]);
  // The tracker starts at frame 6: SORT reports its first-frame tracks at once (frame count <= minHits).
  assert.ok((late[0][2] as string[]).length > 0);
  assert.throws(() => track(real, { threads: 0 }), (e: unknown) => e instanceof ConfigError && /options\.threads must be an integer >= 1, got 0/.test((e as Error).message));
});

pipeline.run();
