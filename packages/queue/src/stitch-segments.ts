/**
 * Joins the tracks of overlapping segments of one video into one result with
 * identities that carry across segment boundaries.
 *
 * Each segment was tracked on its own, so its ids start at 1 and mean nothing
 * outside it. Consecutive segments k and k + 1 share the overlap frames
 * `first(k+1) .. last(k)`. A track of k and a track of k + 1 are the same
 * object when their boxes coincide over the overlap: the pair's score is the
 * sum of IoU over the overlap frames where both have a box, and the pairs are
 * chosen by optimal assignment (minimum total cost 1 - mean IoU, gated by
 * `minIou` on the mean IoU and `minFrames` frames seen together). The result
 * takes segment k's rows before the middle of the overlap and segment k + 1's
 * from there on, so each frame's boxes come from one tracker run only and no
 * id is written twice in a frame.
 */
import { ConfigError, createMatrix, iouTlwh } from '@mot/core';
import { minCostMatching } from '@mot/hungarian';
import type { ResultRow } from '@mot/motchallenge';
import type { Segment } from './plan-segments.js';

/** One segment's tracker output: rows carry the video's own (global) frame numbers. */
export interface SegmentResult {
  readonly segment: Segment;
  readonly rows: readonly ResultRow[];
}

/** Options of {@link stitchSegments}. */
export interface StitchOptions {
  /** Smallest mean IoU over the frames two tracks share for them to be joined. Default 0.5. */
  minIou?: number;
  /** Fewest shared overlap frames for two tracks to be joined. Default 3 (or the overlap length, when shorter). */
  minFrames?: number;
}

/** What happened at one boundary between segment `index - 1` and `index`. */
export interface BoundaryReport {
  /** Index of the later segment. */
  readonly index: number;
  /** First frame taken from the later segment. */
  readonly cutFrame: number;
  /** Tracks of the earlier segment with a box on the frame before the cut. */
  readonly tracksAtCut: number;
  /** Tracks of the later segment given the id of an earlier one. */
  readonly joined: number;
  /**
   * Tracks with a box on the frame before the cut in the earlier segment that
   * no later track took over, although the later segment has a box within
   * `minIou` of it at the cut frame: an id that changes at the boundary.
   */
  readonly idChanges: number;
}

/** The stitched rows (frame, then id order) and a report per boundary. */
export interface StitchResult {
  readonly rows: ResultRow[];
  readonly boundaries: BoundaryReport[];
}

type Boxes = Map<number, Map<number, readonly [number, number, number, number]>>; // id -> frame -> box

function boxesById(rows: readonly ResultRow[], from: number, to: number): Boxes {
  const out: Boxes = new Map();
  for (const r of rows) {
    if (r.frame < from || r.frame > to) continue;
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = new Map()));
    m.set(r.frame, r.box);
  }
  return out;
}

function checkSegments(results: readonly SegmentResult[]): void {
  for (let k = 0; k < results.length; k++) {
    const s = results[k].segment;
    if (s.index !== k) throw new ConfigError(`stitchSegments: segment ${k} has index ${s.index}; pass the segments in order`);
    if (k > 0 && s.first > results[k - 1].segment.last) {
      throw new ConfigError(`stitchSegments: segments ${k - 1} and ${k} do not overlap (${results[k - 1].segment.last} < ${s.first})`);
    }
    for (const r of results[k].rows) {
      if (r.frame < s.first || r.frame > s.last) {
        throw new ConfigError(`stitchSegments: segment ${k} (frames ${s.first}-${s.last}) has a row in frame ${r.frame}`);
      }
    }
  }
}

/**
 * Stitches segment results; see the module comment.
 * @throws ConfigError when segments are out of order, do not overlap, or hold rows outside their frames
 */
export function stitchSegments(results: readonly SegmentResult[], options: StitchOptions = {}): StitchResult {
  const minIou = options.minIou ?? 0.5;
  checkSegments(results);
  if (results.length === 0) return { rows: [], boundaries: [] };

  const rows: ResultRow[] = [];
  const boundaries: BoundaryReport[] = [];
  let nextId = 1;
  // Global id of each id of the previous segment.
  let previousIds = new Map<number, number>();
  let takeFrom = results[0].segment.first;

  for (let k = 0; k < results.length; k++) {
    const { segment, rows: segRows } = results[k];
    const ids = new Map<number, number>();
    if (k > 0) {
      const prev = results[k - 1];
      const o1 = segment.first;
      const o2 = prev.segment.last;
      const cut = Math.floor((o1 + o2 + 1) / 2); // first frame taken from segment k
      const minFrames = Math.min(options.minFrames ?? 3, o2 - o1 + 1);
      const a = boxesById(prev.rows, o1, o2);
      const b = boxesById(segRows, o1, o2);
      const aIds = [...a.keys()].sort((x, y) => x - y);
      const bIds = [...b.keys()].sort((x, y) => x - y);
      const cost = createMatrix(aIds.length, bIds.length, Infinity);
      for (let i = 0; i < aIds.length; i++) {
        const ai = a.get(aIds[i])!;
        for (let j = 0; j < bIds.length; j++) {
          const bj = b.get(bIds[j])!;
          let sum = 0;
          let shared = 0;
          for (const [f, bb] of bj) {
            const ab = ai.get(f);
            if (!ab) continue;
            shared++;
            sum += iouTlwh(ab[0], ab[1], ab[2], ab[3], bb[0], bb[1], bb[2], bb[3]);
          }
          if (shared >= minFrames && sum / shared >= minIou) cost.data[i * bIds.length + j] = 1 - sum / shared;
        }
      }
      const { matches } = minCostMatching(cost, 1 - minIou);
      for (const [i, j] of matches) {
        const g = previousIds.get(aIds[i]);
        if (g !== undefined) ids.set(bIds[j], g);
      }
      // Report: tracks alive just before the cut in k-1, and whether their object continues under another id.
      const joinedFrom = new Set(matches.map(([i]) => aIds[i]));
      let tracksAtCut = 0;
      let idChanges = 0;
      for (const [id, boxes] of a) {
        const before = boxes.get(cut - 1);
        if (!before) continue;
        tracksAtCut++;
        if (joinedFrom.has(id)) continue;
        for (const other of b.values()) {
          const at = other.get(cut);
          if (at && iouTlwh(before[0], before[1], before[2], before[3], at[0], at[1], at[2], at[3]) >= minIou) {
            idChanges++;
            break;
          }
        }
      }
      boundaries.push({ index: k, cutFrame: cut, tracksAtCut, joined: matches.length, idChanges });
      // Rows of k-1 up to the frame before the cut.
      emit(prev.rows, takeFrom, cut - 1, previousIds);
      takeFrom = cut;
    }
    // Ids of this segment not joined to an earlier track get new global ids, in order of first appearance.
    const order = [...segRows].filter((r) => r.frame >= (k > 0 ? takeFrom : segment.first)).sort((x, y) => x.frame - y.frame || x.id - y.id);
    for (const r of order) if (!ids.has(r.id)) ids.set(r.id, nextId++);
    previousIds = ids;
  }
  const last = results[results.length - 1];
  emit(last.rows, takeFrom, last.segment.last, previousIds);
  rows.sort((x, y) => x.frame - y.frame || x.id - y.id);
  return { rows, boundaries };

  function emit(segRows: readonly ResultRow[], from: number, to: number, ids: Map<number, number>): void {
    for (const r of segRows) {
      if (r.frame < from || r.frame > to) continue;
      const id = ids.get(r.id);
      if (id === undefined) continue; // a track of k-1 seen only after the cut is never written
      rows.push({ ...r, id });
    }
  }
}
