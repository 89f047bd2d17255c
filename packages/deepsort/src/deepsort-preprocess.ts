/**
 * The detection filtering that nwojke/deep_sort's `deep_sort_app.py` applies
 * before its tracker: drop low-confidence and too-small detections, then its
 * non-maximum suppression (`application_util/preprocessing.py`), which visits
 * detections by descending score and drops any whose overlap with a kept one,
 * measured as intersection over the dropped box's own area with the +1 pixel
 * convention, exceeds `nmsMaxOverlap`. That overlap never exceeds 1, so the
 * reference setting 1.0 suppresses nothing but still orders by score.
 */
import type { Detection } from '@mot/core';

export function deepSortDetectionOrder(
  detections: readonly Detection[],
  options: { minConfidence: number; minDetectionHeight: number; nmsMaxOverlap: number },
): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < detections.length; i++) {
    const d = detections[i];
    if (d.box[3] < options.minDetectionHeight) continue;
    if (d.score < options.minConfidence) continue;
    candidates.push(i);
  }
  // The reference takes the last of an ascending argsort, so among equal scores
  // the later detection comes first.
  const byScore = [...candidates].sort((a, b) => detections[b].score - detections[a].score || b - a);
  if (options.nmsMaxOverlap >= 1) return byScore;
  const kept: number[] = [];
  let remaining = byScore;
  while (remaining.length > 0) {
    const i = remaining[0];
    kept.push(i);
    const [x1, y1, w1, h1] = detections[i].box;
    remaining = remaining.slice(1).filter((j) => {
      const [x2, y2, w2, h2] = detections[j].box;
      const iw = Math.max(0, Math.min(x1 + w1, x2 + w2) - Math.max(x1, x2) + 1);
      const ih = Math.max(0, Math.min(y1 + h1, y2 + h2) - Math.max(y1, y2) + 1);
      return (iw * ih) / ((w2 + 1) * (h2 + 1)) <= options.nmsMaxOverlap;
    });
  }
  return kept;
}
