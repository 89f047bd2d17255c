/**
 * Runs a tracker over the detections of one MOTChallenge sequence, frame by
 * frame, and returns the rows to write. Frames run from 1 (SORT's and OC-SORT's
 * output rules count frames from 1, so leading empty frames matter) to the
 * sequence length when seqinfo.ini is known, as the ByteTrack and OC-SORT
 * reference drivers do, else to the last frame that has a detection, as the
 * SORT and deep_sort drivers do. (In every fixture sequence the last frame has
 * detections, so the two rules agree there.)
 *
 * Runs of empty frames are jumped over only where nothing can happen in them:
 * before the first detection and after every track has died, the tracker's
 * `skipEmptyFrames` (when it has one) advances its frame count in one step.
 * While any track lives (coasting, or tentative and about to be deleted), each
 * empty frame is stepped with `update([])` as the references do, since a
 * predicting tracker reports and deletes tracks in those frames. So the rows
 * are exactly the references', and a gap of a million frames costs about
 * `maxAge` updates, not a million.
 */
import { type Detection, InputError } from '@mot/core';
import type { Tracker } from '@mot/deepsort';
import { type MotRows, type ResultRow, type SeqInfo, rowsByFrame } from '@mot/motchallenge';

export interface SequenceDetections {
  rows: MotRows;
  /** Row-major [rows.length, featureDim] appearance features, when the source has them. */
  features?: Float32Array;
  featureDim?: number;
}

/** Per-frame detections (file order within a frame), keyed by 1-based frame. */
export function detectionsByFrame(input: SequenceDetections): Map<number, Detection[]> {
  const { rows, features, featureDim = 0 } = input;
  const out = new Map<number, Detection[]>();
  for (const [frame, indices] of rowsByFrame(rows)) {
    out.set(
      frame,
      indices.map((i) => ({
        box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]],
        score: rows.score[i],
        classId: rows.classId[i],
        feature: features ? features.subarray(i * featureDim, (i + 1) * featureDim) : undefined,
      })),
    );
  }
  return out;
}

/**
 * Tracks one sequence.
 * @param onFrame called after each frame with (frame, lastFrame), for progress
 * @throws InputError when a detection lies beyond `seqInfo.seqLength`
 */
export function trackMotSequence(
  tracker: Tracker,
  input: SequenceDetections,
  seqInfo?: SeqInfo,
  onFrame?: (frame: number, lastFrame: number) => void,
): ResultRow[] {
  const byFrame = detectionsByFrame(input);
  let last = 0;
  for (const f of byFrame.keys()) last = Math.max(last, f);
  if (seqInfo && last > seqInfo.seqLength) {
    const row = input.rows.frame.findIndex((f) => f > seqInfo.seqLength);
    throw new InputError(`detection in frame ${last} is beyond the sequence length ${seqInfo.seqLength} of seqinfo.ini`, {
      source: input.rows.source,
      line: input.rows.line[row],
    });
  }
  if (seqInfo) last = seqInfo.seqLength;
  const out: ResultRow[] = [];
  const step = (frame: number, detections: readonly Detection[]): void => {
    for (const t of tracker.update(detections)) out.push({ frame, id: t.id, box: t.box });
    onFrame?.(frame, last);
  };
  tracker.reset();
  let frame = 1;
  for (const next of [...byFrame.keys()].sort((a, b) => a - b)) {
    while (frame < next) {
      if (tracker.skipEmptyFrames?.(next - frame) === true) {
        frame = next;
        onFrame?.(next - 1, last);
        break;
      }
      step(frame++, []);
    }
    step(next, byFrame.get(next) as Detection[]);
    frame = next + 1;
  }
  // Empty frames after the last detection, up to seqLength when it is known.
  while (frame <= last) {
    if (tracker.skipEmptyFrames?.(last - frame + 1) === true) {
      onFrame?.(last, last);
      break;
    }
    step(frame++, []);
  }
  return out;
}
