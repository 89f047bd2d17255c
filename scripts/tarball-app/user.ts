// A strict TypeScript user of @mot/pipeline's declarations
// (tsc --noEmit, skipLibCheck false).
import type { Detection, Track } from '@mot/core';
import { type FrameResult, track } from '@mot/pipeline';
import type { Observable } from 'rxjs';

const results: Observable<FrameResult> = track('video.mp4', { detections: 'det.txt', tracker: 'sort' });
results.subscribe(({ frame, detections, tracks }: FrameResult) => {
  const d: readonly Detection[] = detections;
  const t: readonly Track[] = tracks;
  console.log(frame.index, d.length, t.map((x) => x.id));
});
