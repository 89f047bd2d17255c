/**
 * The shortest-augmenting-path core ({@link shortestAugmentingPath}) run in
 * WebAssembly (`wasm/sap.wat`): the same algorithm, order and tie-breaking,
 * so the same assignment, about twice as fast as the JavaScript loop on V8
 * (bench/hungarian.bench.ts), which keeps it within reach of SciPy's C++.
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
  sap(nr: number, nc: number, cost: number, col4row: number, u: number, v: number, shortest: number, path: number, row4col: number, remaining: number, scannedRows: number, scannedCols: number): number;
}

let instance: SapExports | undefined;

function sapModule(): SapExports {
  instance ??= new WASM.Instance(new WASM.Module(Buffer.from(SAP_WASM_BASE64, 'base64'))).exports as SapExports;
  return instance;
}

const PAGE = 65536;
const align8 = (x: number) => (x + 7) & ~7;

/**
 * Minimum-cost assignment of every row of an `nr x nc` (nr <= nc) matrix of
 * finite costs, in WebAssembly. The module's memory grows to the largest
 * problem solved (8 bytes per cost entry) and is kept for the next call.
 * @param cost row-major, `nr * nc` finite values (copied into the module's memory)
 * @param col4row output, length >= nr: the column given to each row
 * @returns false when a path cost overflowed to +Infinity
 */
export function shortestAugmentingPathWasm(nr: number, nc: number, cost: Float64Array, col4row: Int32Array): boolean {
  const m = sapModule();
  // Layout: f64 arrays first (8-byte aligned), then i32 arrays.
  const costAt = 0;
  const uAt = costAt + 8 * nr * nc;
  const vAt = uAt + 8 * nr;
  const shortestAt = vAt + 8 * nc;
  const col4rowAt = shortestAt + 8 * nc;
  const pathAt = col4rowAt + 4 * nr;
  const row4colAt = pathAt + 4 * nc;
  const remainingAt = row4colAt + 4 * nc;
  const scannedRowsAt = remainingAt + 4 * nc;
  const scannedColsAt = scannedRowsAt + 4 * nr;
  const end = align8(scannedColsAt + 4 * nc);
  const have = m.memory.buffer.byteLength;
  if (end > have) m.memory.grow(Math.ceil((end - have) / PAGE));
  const buf = m.memory.buffer;
  new Float64Array(buf, costAt, nr * nc).set(cost.subarray(0, nr * nc));
  new Float64Array(buf, uAt, nr + 2 * nc).fill(0, 0, nr + nc);
  new Int32Array(buf, col4rowAt, nr).fill(-1);
  new Int32Array(buf, row4colAt, nc).fill(-1);
  const ok = m.sap(nr, nc, costAt, col4rowAt, uAt, vAt, shortestAt, pathAt, row4colAt, remainingAt, scannedRowsAt, scannedColsAt) === 1;
  col4row.set(new Int32Array(buf, col4rowAt, nr));
  return ok;
}
