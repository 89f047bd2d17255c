/**
 * Float32 buffers recycled between the nodes of one session's runs.
 *
 * A fresh `new Float32Array(n)` per conv output costs more than it looks on
 * NanoDet: the zeroed pages are faulted in on first write (the copy out of
 * WebAssembly memory ran at under 1 GB/s into new arrays) and the garbage
 * collector later walks megabytes of dead feature maps. The executor lends a
 * buffer to a kernel, counts the run-time values whose data lies in it (views
 * such as reshapes share it), and gives it back once the last of them is
 * released. Buffers still referenced when the run ends (graph outputs) are the
 * caller's: the pool forgets them.
 */
export class BufferPool {
  /** Free buffers by length. */
  private readonly free = new Map<number, Float32Array[]>();
  /** Buffers lent during the current run, by their ArrayBuffer, with the values referencing them. */
  private readonly lent = new Map<ArrayBufferLike, { array: Float32Array; values: number }>();

  /**
   * A buffer of exactly `length` floats, contents unspecified (the kernel must
   * write every element).
   */
  take(length: number): Float32Array {
    const array = this.free.get(length)?.pop() ?? new Float32Array(length);
    this.lent.set(array.buffer, { array, values: 0 });
    return array;
  }

  /** Records that a run-time value now references `data` (no-op for buffers the pool did not lend). */
  retain(data: Float32Array | ArrayLike<number>): void {
    const e = this.entry(data);
    if (e !== undefined) e.values++;
  }

  /** A value referencing `data` was released; the buffer returns to the pool when it was the last. */
  release(data: Float32Array | ArrayLike<number>): void {
    const e = this.entry(data);
    if (e === undefined) return;
    e.values--;
    if (e.values > 0) return;
    this.lent.delete(e.array.buffer);
    const list = this.free.get(e.array.length);
    if (list === undefined) this.free.set(e.array.length, [e.array]);
    else list.push(e.array);
  }

  /**
   * Ends a run: buffers still lent (the graph outputs, or any taken and never
   * referenced) leave the pool for good, so the caller may keep them.
   */
  endRun(): void {
    this.lent.clear();
  }

  /** Floats held in free buffers (for tests and memory accounting). */
  freeFloats(): number {
    let n = 0;
    for (const list of this.free.values()) for (const a of list) n += a.length;
    return n;
  }

  private entry(data: Float32Array | ArrayLike<number>): { array: Float32Array; values: number } | undefined {
    if (!(data instanceof Float32Array)) return undefined;
    return this.lent.get(data.buffer);
  }
}
