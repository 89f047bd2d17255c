/**
 * Hands out track identities 1, 2, 3, ... Every tracker owns one unless it is
 * given one: several trackers that share a counter (one per object class, see
 * {@link PerClassTracker}) can never report the same id.
 */
export class TrackIdCounter {
  private last = 0;

  /** The next unused identity. */
  next(): number {
    this.last += 1;
    return this.last;
  }

  /** The next call to `next()` returns 1 again. */
  reset(): void {
    this.last = 0;
  }
}
