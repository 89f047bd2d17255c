/**
 * The shortest-augmenting-path core ({@link shortestAugmentingPath}) run in
 * WebAssembly (`wasm/sap.wat`): the same algorithm, order and tie-breaking,
 * so the same assignment, several times faster than the JavaScript loop on
 * V8 (bench/hungarian.bench.ts), which keeps it within reach of SciPy's C++.
 *
 * The cost matrix is written straight into the module's memory by the caller
 * ({@link sapCostBuffer}), then checked there in one vector pass
 * ({@link sapScanCost}) and solved ({@link sapSolve}): one copy, no separate
 * JavaScript passes to validate it or to look for +Infinity.
 *
 * Impl file: same contract as {@link shortestAugmentingPath}.
 */
import { SAP_WASM_BASE64 } from './sap-wasm-binary.js';

// The project's TypeScript lib has no DOM, so no WebAssembly declarations:
// the little used here is declared by hand.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface SapExports {
  readonly memory: WasmMemory;
  scan(at: number, n: number): number;
  sap(
    nr: number, nc: number, cost: number,
    u: number, col4row: number, scannedRows: number, minVals: number,
    v: number, shortest: number, row4col: number, path: number, scannedCols: number, stepOf: number,
    slots: number,
  ): number;
}

let instance: SapExports | undefined;
// Views of the module's memory, replaced only when it grows (growing detaches
// the old buffer); making them per call cost more than the n = 50 solve's
// JavaScript work.
let buffer: ArrayBuffer | undefined;
let f64: Float64Array = new Float64Array(0);
let i32: Int32Array = new Int32Array(0);

function sapModule(): SapExports {
  instance ??= new WASM.Instance(new WASM.Module(Buffer.from(SAP_WASM_BASE64, 'base64'))).exports as SapExports;
  return instance;
}

const PAGE = 65536;
// Every array starts 16-byte aligned, for the core's v128 loads.
const align16 = (x: number) => (x + 15) & ~15;

/** Byte offsets of the core's arrays for an nr x nc problem; cost is at 0. */
interface Layout {
  nr: number;
  nc: number;
  u: number;
  minVals: number;
  v: number;
  shortest: number;
  col4row: number;
  scannedRows: number;
  row4col: number;
  path: number;
  scannedCols: number;
  stepOf: number;
  slots: number;
  end: number;
}

let layout: Layout | undefined;

function layoutFor(nr: number, nc: number): Layout {
  if (layout !== undefined && layout.nr === nr && layout.nc === nc) return layout;
  let at = align16(8 * nr * nc);
  const take = (bytes: number) => {
    const here = at;
    at = align16(at + bytes);
    return here;
  };
  layout = {
    nr,
    nc,
    u: take(8 * nr),
    minVals: take(8 * nr),
    v: take(8 * nc),
    shortest: take(8 * nc),
    col4row: take(4 * nr),
    scannedRows: take(4 * nr),
    row4col: take(4 * nc),
    path: take(4 * nc),
    scannedCols: take(4 * nc),
    stepOf: take(4 * nc),
    // Slot pairs of the unscanned-column list, 48 bytes each (see sap.wat).
    slots: take(48 * ((nc + 1) >> 1)),
    end: 0,
  };
  layout.end = at;
  return layout;
}

/**
 * The module's memory, grown for an nr x nc problem (8 bytes per cost entry
 * plus O(nr + nc); kept for later calls), as a view of its first `nr * nc`
 * f64 values: the caller writes the row-major cost matrix there, then calls
 * {@link sapScanCost} and {@link sapSolve} with the same nr and nc.
 */
export function sapCostBuffer(nr: number, nc: number): Float64Array {
  const m = sapModule();
  const { end } = layoutFor(nr, nc);
  const have = m.memory.buffer.byteLength;
  if (end > have) m.memory.grow(Math.ceil((end - have) / PAGE));
  if (m.memory.buffer !== buffer) {
    buffer = m.memory.buffer;
    f64 = new Float64Array(buffer);
    i32 = new Int32Array(buffer);
  }
  return f64.subarray(0, nr * nc);
}

/** Flags of the first `n` values of the cost buffer: bit 0 some +Infinity, bit 1 some NaN or -Infinity. */
export function sapScanCost(n: number): number {
  return sapModule().scan(0, n);
}

/**
 * Solves the nr x nc (nr <= nc) finite matrix in the cost buffer.
 * @returns the column of each row (a new array), or undefined when a path
 *   cost overflowed to +Infinity
 */
export function sapSolve(nr: number, nc: number): Int32Array | undefined {
  const m = sapModule();
  const L = layoutFor(nr, nc);
  const ok = m.sap(nr, nc, 0, L.u, L.col4row, L.scannedRows, L.minVals, L.v, L.shortest, L.row4col, L.path, L.scannedCols, L.stepOf, L.slots);
  if (ok !== 1) return undefined;
  return i32.slice(L.col4row >> 2, (L.col4row >> 2) + nr);
}

/**
 * Minimum-cost assignment of every row of an `nr x nc` (nr <= nc) matrix of
 * finite costs, in WebAssembly (copies `cost` into the module's memory).
 * @param cost row-major, `nr * nc` finite values
 * @param col4row output, length >= nr: the column given to each row
 * @returns false when a path cost overflowed to +Infinity
 */
export function shortestAugmentingPathWasm(nr: number, nc: number, cost: Float64Array, col4row: Int32Array): boolean {
  sapCostBuffer(nr, nc).set(cost.subarray(0, nr * nc));
  const out = sapSolve(nr, nc);
  if (out !== undefined) col4row.set(out);
  return out !== undefined;
}
