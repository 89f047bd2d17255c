/**
 * What deep_sort's `tools/generate_detections.py` does, for any
 * {@link AppearanceExtractor}: walk the frames of a sequence once, embed each
 * frame's detection boxes, and return the rows with their features, ready for
 * `writeDeepSortDetections` and DeepSORT.
 */
import { ConfigError, type Frame, InputError, type Tlwh } from '@mot/core';
import { type DeepSortDetections, type MotRows, rowsByFrame, selectRows } from '@mot/motchallenge';
import type { AppearanceExtractor } from './appearance-extractor.js';

const FN = 'embedDetections';

/** Options of {@link embedDetections}. */
export interface EmbedDetectionsOptions {
  /** Drop rows whose score (column 7) is below this before embedding. Default: keep every row (as generate_detections.py). */
  minScore?: number;
  /** Called after each frame: 1-based frame number and the rows embedded so far. */
  onFrame?: (frame: number, rowsDone: number) => void;
}

/**
 * Embeds every detection row with `extractor` on the frame it belongs to.
 * Frame k of `frames` (0-based `index`) is det frame k + 1. Frames are
 * consumed one at a time and never kept; only the features are accumulated.
 * The result lists rows by ascending frame (file order within a frame).
 *
 * @param frames the sequence's frames in order (`readFrames(video)` or an image folder)
 * @param rows det rows (1-based frames, tlwh px)
 * @param extractor embeds the boxes of one frame
 * @returns rows (filtered and frame-ordered), features `[N, D]` row-major, D
 * @throws InputError naming the det file and line of the first row whose frame the video does not have
 * @throws ConfigError for a bad minScore or an extractor whose embeddings change length
 * @example
 * const dets = await embedDetections(readFrames('fixtures/video/TUD-Campus.mp4'), readMotFile('fixtures/mot15/TUD-Campus/det.txt', 'det'), await OsnetExtractor.create());
 * writeDeepSortDetections('TUD-Campus.npy', dets); // [N, 10 + 512]
 */
export async function embedDetections(
  frames: AsyncIterable<Frame>,
  rows: MotRows,
  extractor: AppearanceExtractor,
  options: EmbedDetectionsOptions = {},
): Promise<DeepSortDetections> {
  const minScore = options.minScore ?? -Infinity;
  if (typeof minScore !== 'number' || Number.isNaN(minScore)) throw new ConfigError(`${FN}: minScore must be a number, got ${String(options.minScore)}`);
  const byFrame = rowsByFrame(rows);
  for (const [f, list] of byFrame) {
    const kept = list.filter((i) => rows.score[i] >= minScore);
    if (kept.length === 0) byFrame.delete(f);
    else byFrame.set(f, kept);
  }
  const lastFrame = Math.max(0, ...byFrame.keys());
  const features = new Map<number, Float32Array[]>();
  let dim = -1;
  let done = 0;
  let seen = 0;
  for await (const frame of frames) {
    const f = frame.index + 1;
    seen = f;
    const list = byFrame.get(f);
    if (list !== undefined) {
      const boxes = list.map((i): Tlwh => [rows.x[i], rows.y[i], rows.w[i], rows.h[i]]);
      const emb = await extractor.extract(frame, boxes);
      for (const e of emb) {
        if (dim < 0) dim = e.length;
        else if (e.length !== dim) throw new ConfigError(`${FN}: extractor must return embeddings of one length, got ${dim} and then ${e.length} (frame ${f})`);
      }
      features.set(f, emb);
      done += list.length;
    }
    options.onFrame?.(f, done);
    // Frames after the last detection hold nothing to embed.
    if (f >= lastFrame) break;
  }
  if (seen < lastFrame) {
    const first = [...byFrame.keys()].filter((f) => f > seen).sort((a, b) => a - b)[0];
    const row = (byFrame.get(first) as number[])[0];
    throw new InputError(`${FN}: frame ${first} of the detections is beyond the video's ${seen} frames`, { source: rows.source, line: rows.line[row] });
  }
  const order = [...byFrame.keys()].sort((a, b) => a - b);
  const indices = order.flatMap((f) => byFrame.get(f) as number[]);
  const d = Math.max(dim, 0);
  const packed = new Float32Array(indices.length * d);
  let k = 0;
  for (const f of order) {
    for (const e of features.get(f) as Float32Array[]) {
      packed.set(e, k * d);
      k++;
    }
  }
  return { rows: selectRows(rows, indices), features: packed, featureDim: d };
}
