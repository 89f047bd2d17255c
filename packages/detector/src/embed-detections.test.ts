import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, InputError } from '@mot/core';
import { parseMotText } from '@mot/motchallenge';
import { readFrames } from '@mot/video';
import { embedDetections } from './embed-detections.js';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';

const test = suite('embedDetections');

const VIDEO = fileURLToPath(new URL('../../../fixtures/video/TUD-Campus.mp4', import.meta.url));
// Rows out of frame order, one low score; boxes from TUD-Campus gt.txt frames 1-3.
const DET = '2,-1,282,201,92,184,0.9,-1,-1,-1\n1,-1,399,182,121,229,0.8,-1,-1,-1\n1,-1,63,153,82,288,0.2,-1,-1,-1\n3,-1,282,201,92,184,0.7,-1,-1,-1\n';

test('rows come back by ascending frame (file order within a frame), each with the embedding of its own frame', async () => {
  const rows = parseMotText(DET, 'det', 'det.txt');
  const hsv = new HsvHistogramExtractor();
  const dets = await embedDetections(readFrames(VIDEO, { maxFrames: 10 }), rows, hsv);
  assert.equal([...dets.rows.frame], [1, 1, 2, 3]);
  assert.equal([...dets.rows.line], [2, 3, 1, 4]);
  assert.is(dets.featureDim, 128);
  // Row 0 (frame 1, 399,182,121,229) equals HSV on frame 1 (index 0) directly.
  for await (const frame of readFrames(VIDEO, { maxFrames: 1 })) {
    const [want] = await hsv.extract(frame, [[399, 182, 121, 229]]);
    assert.equal([...dets.features.subarray(0, 128)], [...want]);
  }
  // minScore drops the 0.2 row before embedding.
  const kept = await embedDetections(readFrames(VIDEO, { maxFrames: 10 }), rows, hsv, { minScore: 0.5 });
  assert.equal([...kept.rows.line], [2, 1, 4]);
  assert.is(kept.features.length, 3 * 128);
});

test('a det frame the video does not have is an InputError naming the det file and line', async () => {
  const rows = parseMotText(`${DET}5,-1,10,10,20,40,0.9,-1,-1,-1\n`, 'det', 'det.txt');
  try {
    await embedDetections(readFrames(VIDEO, { maxFrames: 3 }), rows, new HsvHistogramExtractor());
    assert.unreachable('should throw');
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    assert.match((e as Error).message, /^det\.txt:5: embedDetections: frame 5 of the detections is beyond the video's 3 frames/);
  }
  try {
    await embedDetections(readFrames(VIDEO, { maxFrames: 1 }), rows, new HsvHistogramExtractor(), { minScore: Number.NaN });
    assert.unreachable('should throw');
  } catch (e) {
    assert.ok(e instanceof ConfigError && /minScore must be a number, got NaN/.test((e as Error).message), String(e));
  }
});

test.run();
