// A strict TypeScript user of the installed tarballs' declarations
// (checked with tsc --noEmit, skipLibCheck false).
import type { Detection, Frame, Track } from '@mot/core';
import { SortTracker, type Tracker } from '@mot/deepsort';
import { type MotRows, readMotFile, rowsByFrame } from '@mot/motchallenge';
import { readFrames } from '@mot/video';

export async function trackVideo(video: string, detFile: string): Promise<Map<number, readonly Track[]>> {
  const rows: MotRows = readMotFile(detFile, 'det');
  const byFrame: Map<number, number[]> = rowsByFrame(rows);
  const tracker: Tracker = new SortTracker();
  const out = new Map<number, readonly Track[]>();
  for await (const frame of readFrames(video)) {
    const f: Frame = frame;
    const detections: Detection[] = (byFrame.get(f.index + 1) ?? []).map((i) => ({
      box: [rows.x[i]!, rows.y[i]!, rows.w[i]!, rows.h[i]!],
      score: rows.score[i]!,
      classId: rows.classId[i]!,
    }));
    out.set(f.index + 1, tracker.update(detections));
  }
  return out;
}
