/**
 * The state machine behind countLines: crossings of count lines per
 * direction and class, each id counted at most once per line and direction.
 */
import type { Track } from '@mot/core';
import { referencePoint } from './reference-point.js';
import { passesThroughSegment, sideOf } from './segment-crossing.js';
import type { CountLine, LineCount, Point } from './types.js';

/** What is remembered of one id for one line. */
interface IdState {
  /** Side of the last observation strictly off the line (0 until there was one). */
  side: -1 | 0 | 1;
  /** The reference point of that observation. */
  point: Point;
  lastFrame: number;
  countedIn: boolean;
  countedOut: boolean;
}

interface LineState {
  readonly line: CountLine;
  readonly ids: Map<number, IdState>;
  readonly in: Record<number, number>;
  readonly out: Record<number, number>;
}

/**
 * Counts crossings frame by frame. A crossing of id i over line a-b happens
 * when i's reference point (box bottom-centre) was strictly on one side at
 * its last observation off the line and is strictly on the other side now, and
 * the movement between those two points passes through the segment a-b
 * (endpoints included). Observations exactly on the line are skipped: the
 * movement is measured from the last point off the line, so stopping on the
 * line and then going on counts once, and touching the line and going back
 * counts nothing. Direction: to the +1 side of {@link sideOf} is 'in'.
 * Each id counts at most once per line and direction (jitter across the line
 * gives at most one 'in' and one 'out').
 *
 * Ids not seen for more than `forgetAfterFrames` frames are forgotten (ids are
 * never reused by our trackers), so memory is bounded by the ids seen within
 * that window.
 */
export class LineCounter {
  private readonly states: LineState[];
  private readonly forgetAfterFrames: number;

  constructor(lines: readonly CountLine[], forgetAfterFrames: number) {
    this.states = lines.map((line) => ({ line, ids: new Map(), in: {}, out: {} }));
    this.forgetAfterFrames = forgetAfterFrames;
  }

  /** Feeds one frame's tracks; returns the running counts after it. */
  update(tracks: readonly Track[], frameIndex: number): LineCount[] {
    return this.states.map((s) => {
      const { a, b } = s.line;
      const crossed: { id: number; classId: number; direction: 'in' | 'out' }[] = [];
      for (const t of tracks) {
        const p = referencePoint(t.box);
        const side = sideOf(a, b, p);
        let st = s.ids.get(t.id);
        if (st === undefined) {
          st = { side: 0, point: p, lastFrame: frameIndex, countedIn: false, countedOut: false };
          s.ids.set(t.id, st);
        }
        st.lastFrame = frameIndex;
        if (side === 0) continue;
        if (st.side !== 0 && side !== st.side && passesThroughSegment(st.point, p, a, b)) {
          const direction = side > 0 ? 'in' : 'out';
          const already = direction === 'in' ? st.countedIn : st.countedOut;
          if (!already) {
            const totals = direction === 'in' ? s.in : s.out;
            totals[t.classId] = (totals[t.classId] ?? 0) + 1;
            if (direction === 'in') st.countedIn = true;
            else st.countedOut = true;
            crossed.push({ id: t.id, classId: t.classId, direction });
          }
        }
        st.side = side;
        st.point = p;
      }
      for (const [id, st] of s.ids) if (frameIndex - st.lastFrame > this.forgetAfterFrames) s.ids.delete(id);
      return { name: s.line.name, in: { ...s.in }, out: { ...s.out }, crossed };
    });
  }

  /** Ids remembered over all lines (for memory checks). */
  get remembered(): number {
    return this.states.reduce((n, s) => n + s.ids.size, 0);
  }
}
