/**
 * Compares two MOTChallenge result files the way tracker parity is judged:
 * frame for frame the same boxes (each coordinate within `tolerance` px) and
 * the same identities up to a one-to-one relabelling over the whole sequence.
 * Used by the parity tests against the reference SORT and deep_sort outputs.
 */
import type { MotRows } from '@mot/motchallenge';
import { rowsByFrame } from '@mot/motchallenge';

export interface ParityReport {
  /** Rows compared (reference side). */
  rows: number;
  /** Largest coordinate difference over matched boxes, px. */
  maxBoxError: number;
  /** Human-readable differences; empty when the files agree. */
  problems: string[];
}

export function compareResults(ours: MotRows, reference: MotRows, tolerance = 0.01): ParityReport {
  const problems: string[] = [];
  const a = rowsByFrame(ours);
  const b = rowsByFrame(reference);
  const idMap = new Map<number, number>(); // ours -> reference
  const idMapBack = new Map<number, number>();
  let maxBoxError = 0;
  const frames = new Set([...a.keys(), ...b.keys()]);
  for (const f of [...frames].sort((x, y) => x - y)) {
    const ra = a.get(f) ?? [];
    const rb = b.get(f) ?? [];
    if (ra.length !== rb.length) {
      problems.push(`frame ${f}: ${ra.length} boxes, reference ${rb.length}`);
      continue;
    }
    const used = new Uint8Array(ra.length);
    for (const j of rb) {
      let best = -1;
      let bestErr = Infinity;
      for (let k = 0; k < ra.length; k++) {
        if (used[k]) continue;
        const i = ra[k];
        const err = Math.max(
          Math.abs(ours.x[i] - reference.x[j]),
          Math.abs(ours.y[i] - reference.y[j]),
          Math.abs(ours.w[i] - reference.w[j]),
          Math.abs(ours.h[i] - reference.h[j]),
        );
        if (err < bestErr) {
          bestErr = err;
          best = k;
        }
      }
      // The reference prints 2 decimals, so a box may differ by the rounding.
      if (best < 0 || bestErr > tolerance + 1e-9) {
        problems.push(`frame ${f}: reference box of id ${reference.id[j]} has no box within ${tolerance} px (closest ${bestErr.toFixed(4)})`);
        continue;
      }
      used[best] = 1;
      maxBoxError = Math.max(maxBoxError, bestErr);
      const ourId = ours.id[ra[best]];
      const refId = reference.id[j];
      if ((idMap.has(ourId) && idMap.get(ourId) !== refId) || (idMapBack.has(refId) && idMapBack.get(refId) !== ourId)) {
        problems.push(`frame ${f}: our id ${ourId} maps to reference ${refId}, but earlier to ${idMap.get(ourId) ?? '-'} (reference ${refId} earlier to ${idMapBack.get(refId) ?? '-'})`);
      }
      idMap.set(ourId, refId);
      idMapBack.set(refId, ourId);
    }
  }
  return { rows: reference.length, maxBoxError, problems };
}
