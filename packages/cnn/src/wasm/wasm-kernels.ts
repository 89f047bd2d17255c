import { ConfigError } from '@mot/core';
import { KERNELS_RELAXED_BASE64, KERNELS_SIMD_BASE64 } from './kernels-binary.js';

/** Which build of the WebAssembly kernels: plain SIMD (mul + add) or relaxed SIMD (fused multiply-add). */
export type WasmVariant = 'simd' | 'relaxed';

/** Register tile of the GEMM micro-kernel (packages/cnn/wasm/kernels.wat.mjs): MR rows of A by NR columns of B. */
export const MR = 4;
export const NR = 8;
/**
 * Depth block of the GEMM: a KC x NR micro-panel of B (8 KiB) stays in L1
 * while every MR-row block of A passes over it. Measured on NanoDet shapes (README).
 */
export const KC = 256;

// The slice of the WebAssembly JS API used here (TypeScript's ES and Node
// type libraries do not declare it; only lib.dom does).
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WASM = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Maximum pages of an instance's memory (packages/cnn/wasm/kernels.wat.mjs declares the same). */
const MAX_PAGES = 65536;

/** Raw exports of the module; pointers are byte offsets into `memory`. */
interface KernelExports {
  gemm(a: number, b: number, c: number, mb: number, np: number, k: number, bias: number, accumulate: number, act: number, alpha: number, kc: number, ldc: number): void;
  im2col_pack(
    x: number, cin: number, h: number, w: number, kh: number, kw: number, sh: number, sw: number,
    dh: number, dw: number, pt: number, pl: number, oh: number, ow: number, dst: number, jp0: number, jp1: number,
  ): void;
  unpack_panels(c: number, mPad: number, m: number, n: number, dst: number): void;
  max_pool(xp: number, planes: number, hp: number, wp: number, kh: number, kw: number, sh: number, sw: number, oh: number, ow: number, dst: number): void;
  copy_planes(src: number, dst: number, planes: number, rows: number, cols: number, sPlane: number, sRow: number, dPlane: number, dRow: number): void;
  pad_planes(
    src: number, dst: number, planes: number, rows: number, cols: number, sPlane: number, sRow: number,
    hp: number, wp: number, top: number, left: number, value: number,
  ): void;
  wino_in(xp: number, cin: number, hp: number, wp: number, th: number, twp: number, dst: number, vstride: number): void;
  wino4_in(xp: number, cin: number, hp: number, wp: number, th: number, twp: number, dst: number, vstride: number, jp0: number, jp1: number, tmp: number): void;
  wino4_out(m: number, cout: number, th: number, twp: number, ldm: number, mstride: number, dst: number, bias: number, act: number, alpha: number, jp0: number, jp1: number, tmp: number, oh: number, ow: number): void;
  wino_out(m: number, cout: number, th: number, twp: number, ldm: number, mstride: number, dst: number, bias: number, act: number, alpha: number): void;
  sigmoid(src: number, dst: number, n: number): void;
  add_f32(a: number, b: number, out: number, n: number): void;
  sub_f32(a: number, b: number, out: number, n: number): void;
  mul_f32(a: number, b: number, out: number, n: number): void;
  div_f32(a: number, b: number, out: number, n: number): void;
  transpose_planes(src: number, planes: number, r: number, c: number, dst: number): void;
  up2x(src: number, planes: number, h: number, w: number, dst: number, tmp: number): void;
  down2x(src: number, planes: number, h: number, w: number, dst: number): void;
}

const compiled: Partial<Record<WasmVariant, WasmModule>> = {};
let relaxedSupport: boolean | undefined;
let simdSupport: boolean | undefined;

// f32x4.relaxed_madd on three v128 params: validates only where relaxed SIMD is enabled
// (Node 20: --experimental-wasm-relaxed-simd; on by default in newer V8).
const RELAXED_PROBE = 'AGFzbQEAAAABCAFgA3t7ewF7AwIBAAoNAQsAIAAgASAC/YUCCw==';

/** True when this runtime accepts relaxed-SIMD instructions (checked once per thread). */
export function relaxedSimdSupported(): boolean {
  if (relaxedSupport === undefined) {
    relaxedSupport = WASM !== undefined && WASM.validate(Buffer.from(RELAXED_PROBE, 'base64'));
  }
  return relaxedSupport;
}

/** True when this runtime has WebAssembly with 128-bit SIMD (the plain-SIMD build validates). */
export function wasmSimdSupported(): boolean {
  simdSupport ??= WASM !== undefined && WASM.validate(Buffer.from(KERNELS_SIMD_BASE64, 'base64'));
  return simdSupport;
}

function moduleOf(variant: WasmVariant): WasmModule {
  let m = compiled[variant];
  if (m === undefined) {
    if (WASM === undefined) throw new ConfigError('WasmKernels: this runtime has no WebAssembly');
    if (variant === 'relaxed' && !relaxedSimdSupported()) {
      throw new ConfigError("WasmKernels: variant 'relaxed' needs relaxed SIMD (Node 20: --experimental-wasm-relaxed-simd), which this runtime lacks");
    }
    m = new WASM.Module(Buffer.from(variant === 'relaxed' ? KERNELS_RELAXED_BASE64 : KERNELS_SIMD_BASE64, 'base64'));
    compiled[variant] = m;
  }
  return m;
}

const PAGE = 65536;

/**
 * One instance of the WebAssembly kernels with its own memory: constant
 * buffers (packed weights, biases) stay resident, placed once per instance;
 * buffers the caller allocates with {@link alloc} (a graph runtime's feature
 * maps) stay too; each call's scratch sits above all of them. Memory grows to
 * the largest need and is then reused (WebAssembly memory never shrinks).
 *
 * The memory is a shared one: growing it does not detach the Float32Array
 * views taken on it before (a plain memory's would go empty), so feature maps
 * can live in it from op to op and the kernels read and write them in place
 * instead of copying them in and out around every call. Not shared between
 * threads all the same: a worker makes its own with {@link WasmKernels.create}.
 */
export class WasmKernels {
  readonly variant: WasmVariant;
  readonly exports: KernelExports;
  readonly memory: WasmMemory;
  private f32: Float32Array;
  /** First free byte above the resident buffers; scratch starts here. */
  private top = 64;
  private readonly resident = new WeakMap<Float32Array, number>();
  /** Every buffer object `memory.buffer` has returned (a new one after each growth), to tell views of this memory. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  private constructor(variant: WasmVariant) {
    const api = WASM as WasmApi;
    this.variant = variant;
    this.memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    this.exports = new api.Instance(moduleOf(variant), { env: { memory: this.memory } }).exports as unknown as KernelExports;
    this.f32 = this.view();
  }

  /** Instantiates the kernels (default: relaxed SIMD when supported, else plain SIMD). */
  static create(variant: WasmVariant = relaxedSimdSupported() ? 'relaxed' : 'simd'): WasmKernels {
    return new WasmKernels(variant);
  }

  /** Byte offset of `data` in this instance's memory, copying it in on first use. Its contents must not change afterwards. */
  place(data: Float32Array): number {
    const at = this.resident.get(data);
    if (at !== undefined) return at;
    const off = this.top;
    this.reserve(off + data.byteLength);
    this.f32.set(data, off >> 2);
    this.top = align(off + data.byteLength);
    this.resident.set(data, off);
    return off;
  }

  /**
   * A new buffer of `floats` zeros in this instance's memory (64-byte
   * aligned), for good: its view stays valid as memory grows, and kernels
   * given it (or a view into it) read and write it in place. Nothing is freed;
   * the caller recycles what it allocates (the runtime's BufferPool does).
   */
  alloc(floats: number): Float32Array {
    const off = this.top;
    this.reserve(off + floats * 4);
    this.top = align(off + floats * 4);
    const view = this.f32.subarray(off >> 2, (off >> 2) + floats);
    view.fill(0);
    return view;
  }

  /** True when `data` is a view of this instance's memory: its byte offset there is `data.byteOffset`. */
  owns(data: ArrayLike<number>): boolean {
    return data instanceof Float32Array && this.buffers.has(data.buffer);
  }

  /**
   * Byte offsets of scratch regions of the given float counts (64-byte
   * aligned), valid until the next `scratch`, `place` or `alloc` call.
   */
  scratch(...floats: number[]): number[] {
    const offs: number[] = [];
    let end = this.top;
    for (const n of floats) {
      offs.push(end);
      end = align(end + n * 4);
    }
    this.reserve(end);
    return offs;
  }

  /** A float32 view of the whole memory (recreated after growth: re-read it after any call that may grow). */
  get heap(): Float32Array {
    return this.f32;
  }

  /** Bytes of memory reserved so far (resident buffers, allocations and the largest scratch). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  private view(): Float32Array {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return new Float32Array(buffer);
  }

  private reserve(bytes: number): void {
    const have = this.f32.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) {
        throw new ConfigError(`WasmKernels: needs ${(bytes / 2 ** 20).toFixed(0)} MiB of WebAssembly memory, above its 4 GiB limit`);
      }
      this.memory.grow(pages);
      this.f32 = this.view();
    }
  }
}

function align(bytes: number): number {
  return (bytes + 63) & ~63;
}

let shared: WasmKernels | undefined;

/** This thread's default kernel instance (created on first use). */
export function defaultWasmKernels(): WasmKernels {
  shared ??= WasmKernels.create();
  return shared;
}
