/**
 * Where a {@link BufferPool} gets new buffers: plain Float32Arrays, or views
 * of a WebAssembly kernel instance's memory (`WasmKernels.alloc` / `owns` of
 * @mot/cnn), which its kernels then read and write in place.
 */
export interface BufferAllocator {
  /** A new buffer of `floats` elements. */
  alloc(floats: number): Float32Array;
  /**
   * True when `data` may be a view of a buffer this allocator made (a view
   * into a shared memory has that memory's buffer object, not the block's, so
   * the pool then matches blocks by byte range).
   */
  owns(data: ArrayLike<number>): boolean;
}

/** Plain arrays on the JavaScript heap. */
const HEAP_ALLOCATOR: BufferAllocator = {
  alloc: (floats) => new Float32Array(floats),
  owns: () => false,
};

interface Block {
  array: Float32Array;
  /** Run-time values referencing it. */
  values: number;
}

/**
 * Float32 buffers recycled between the nodes of one session's runs.
 *
 * A fresh `new Float32Array(n)` per conv output costs more than it looks on
 * NanoDet: the zeroed pages are faulted in on first write and the garbage
 * collector later walks megabytes of dead feature maps. With the WebAssembly
 * kernels' allocator the buffers also live in their memory, so a conv's
 * output is the next conv's input without a copy in or out.
 *
 * The executor lends a buffer to a kernel, counts the run-time values whose
 * data lies in it (views such as reshapes share it), and takes it back once
 * the last of them is released; at the end of a run it takes back every
 * buffer (the executor copies the graph outputs out first), so nothing the
 * pool made ever leaves it.
 *
 * A request takes a free buffer of exactly its length when there is one,
 * else the smallest longer one (a view of its start), else a new buffer. So a
 * graph run again on the same shapes allocates nothing, and one run on
 * varying shapes (OSNet on batches of 1 to 16 crops) reuses the buffers of
 * the largest instead of keeping a set per shape.
 */
export class BufferPool {
  private readonly allocator: BufferAllocator;
  /** Free blocks, shortest first. */
  private free: Float32Array[] = [];
  /** Blocks lent during the current run. */
  private readonly lent: Block[] = [];
  private allocatedFloats = 0;

  constructor(allocator: BufferAllocator = HEAP_ALLOCATOR) {
    this.allocator = allocator;
  }

  /**
   * A buffer of exactly `length` floats, contents unspecified (the kernel must
   * write every element).
   */
  take(length: number): Float32Array {
    const at = this.firstAtLeast(length);
    let block: Float32Array;
    if (at < this.free.length) {
      block = this.free[at];
      this.free.splice(at, 1);
    } else {
      block = this.allocator.alloc(length);
      this.allocatedFloats += length;
    }
    this.lent.push({ array: block, values: 0 });
    return block.length === length ? block : block.subarray(0, length);
  }

  /** Records that a run-time value now references `data` (no-op for buffers the pool did not lend). */
  retain(data: Float32Array | ArrayLike<number>): void {
    const i = this.lentIndex(data);
    if (i >= 0) this.lent[i].values++;
  }

  /** A value referencing `data` was released; the buffer returns to the pool when it was the last. */
  release(data: Float32Array | ArrayLike<number>): void {
    const i = this.lentIndex(data);
    if (i < 0) return;
    const e = this.lent[i];
    e.values--;
    if (e.values > 0) return;
    this.lent.splice(i, 1);
    this.giveBack(e.array);
  }

  /** True when `data` lies in a buffer lent in this run (the executor copies such graph outputs out). */
  isLent(data: Float32Array | ArrayLike<number>): boolean {
    return this.lentIndex(data) >= 0;
  }

  /**
   * Ends a run: every buffer still lent (graph outputs, which the caller has
   * copied, or buffers of a run that failed) returns to the pool.
   */
  endRun(): void {
    for (const e of this.lent) this.giveBack(e.array);
    this.lent.length = 0;
  }

  /** Floats held in free buffers (for tests and memory accounting). */
  freeFloats(): number {
    let n = 0;
    for (const a of this.free) n += a.length;
    return n;
  }

  /** Floats allocated since the pool was made (free or lent): what it holds. */
  heldFloats(): number {
    return this.allocatedFloats;
  }

  private giveBack(array: Float32Array): void {
    this.free.splice(this.firstAtLeast(array.length), 0, array);
  }

  /** Index of the first free block of at least `length` floats (free.length when none). */
  private firstAtLeast(length: number): number {
    let lo = 0;
    let hi = this.free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.free[mid].length < length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lentIndex(data: Float32Array | ArrayLike<number>): number {
    if (!(data instanceof Float32Array)) return -1;
    if (this.allocator.owns(data)) {
      // All blocks are views of one memory: match by byte range.
      const start = data.byteOffset;
      for (let i = 0; i < this.lent.length; i++) {
        const a = this.lent[i].array;
        if (start >= a.byteOffset && start < a.byteOffset + a.byteLength) return i;
      }
      return -1;
    }
    for (let i = 0; i < this.lent.length; i++) if (this.lent[i].array.buffer === data.buffer) return i;
    return -1;
  }
}
