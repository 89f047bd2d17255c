import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ModelLoadError } from './errors.js';
import { decodeFloat16 } from './float16.js';

/** One decoded weight of a TensorFlow.js weights manifest. */
export interface TfjsWeight {
  shape: number[];
  /** float32 weights (including dequantized ones) or int32/bool ones. */
  data: Float32Array | Int32Array;
}

type Quantization = { dtype: 'float16' } | { dtype: 'uint8' | 'uint16'; min: number; scale: number };

interface Spec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  quantization?: Quantization;
}

const FN = 'loadTfjsGraphModel';

function fail(source: string, msg: string, cause?: unknown): never {
  throw new ModelLoadError(`${FN}: ${msg}`, { source }, cause === undefined ? undefined : { cause });
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Checks one manifest entry and returns it typed. */
function readSpec(raw: unknown, where: string, source: string): Spec {
  const w = raw as Record<string, unknown> | null;
  if (w === null || typeof w !== 'object' || typeof w.name !== 'string') fail(source, `${where}.name must be a string, got ${describe(w)}`);
  if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(source, `${where}.shape must be non-negative integers, got ${describe(w.shape)}`);
  }
  if (w.dtype !== 'float32' && w.dtype !== 'int32' && w.dtype !== 'bool') {
    fail(source, `${where}.dtype must be float32, int32 or bool, got ${describe(w.dtype)}`);
  }
  const q = w.quantization as Record<string, unknown> | undefined;
  if (q !== undefined) {
    if (q === null || typeof q !== 'object') fail(source, `${where}.quantization must be an object, got ${describe(q)}`);
    if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      if (typeof q.min !== 'number' || typeof q.scale !== 'number') {
        fail(source, `${where}.quantization must have numeric min and scale, got ${describe(q)}`);
      }
    } else if (q.dtype !== 'float16') {
      fail(source, `${where}.quantization.dtype must be float16, uint8 or uint16, got ${describe(q.dtype)}`);
    }
  }
  return { name: w.name, shape: w.shape as number[], dtype: w.dtype, quantization: q as Quantization | undefined };
}

function bytesPerElement(spec: Spec): number {
  const q = spec.quantization;
  if (q !== undefined) return q.dtype === 'uint8' ? 1 : 2;
  return spec.dtype === 'bool' ? 1 : 4;
}

/** Decodes `count` elements of `spec` at byte `off` of `bytes`. */
function decode(spec: Spec, bytes: Uint8Array, off: number, count: number): Float32Array | Int32Array {
  const q = spec.quantization;
  let floats: Float32Array;
  if (q === undefined) {
    if (spec.dtype === 'bool') return Int32Array.from(bytes.subarray(off, off + count), (b) => (b === 0 ? 0 : 1));
    // Copy into a fresh, aligned buffer (shards give no alignment guarantee;
    // Buffer#slice would return a view into Node's shared pool).
    const buf = new Uint8Array(4 * count);
    buf.set(bytes.subarray(off, off + 4 * count));
    return spec.dtype === 'int32' ? new Int32Array(buf.buffer) : new Float32Array(buf.buffer);
  }
  if (q.dtype === 'float16') {
    floats = decodeFloat16(bytes, off, count);
  } else {
    // tfjs affine quantization: value = min + q * scale.
    floats = new Float32Array(count);
    if (q.dtype === 'uint8') {
      for (let i = 0; i < count; i++) floats[i] = q.min + bytes[off + i] * q.scale;
    } else {
      for (let i = 0; i < count; i++) floats[i] = q.min + (bytes[off + 2 * i] | (bytes[off + 2 * i + 1] << 8)) * q.scale;
    }
  }
  return spec.dtype === 'float32' ? floats : Int32Array.from(floats, (v) => Math.round(v));
}

/**
 * Reads every weight group of a TensorFlow.js `weightsManifest`: concatenates
 * each group's shards (paths relative to model.json), then decodes the
 * weights in manifest order, widening float16 and dequantizing uint8/uint16.
 *
 * @param manifest the parsed `weightsManifest` array
 * @param modelPath model.json path (shard paths are relative to its folder; named in errors)
 * @returns weights by name
 * @throws ModelLoadError naming the file for a malformed manifest, a missing shard, or shards shorter than the manifest needs
 */
export async function readTfjsWeights(manifest: unknown, modelPath: string): Promise<Map<string, TfjsWeight>> {
  if (!Array.isArray(manifest)) fail(modelPath, `weightsManifest must be an array, got ${describe(manifest)}`);
  const out = new Map<string, TfjsWeight>();
  const dir = dirname(modelPath);
  for (let g = 0; g < manifest.length; g++) {
    const group = manifest[g] as { paths?: unknown; weights?: unknown } | null;
    const where = `weightsManifest[${g}]`;
    if (group === null || typeof group !== 'object' || !Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string')) {
      fail(modelPath, `${where}.paths must be an array of file names, got ${describe(group?.paths)}`);
    }
    if (!Array.isArray(group.weights)) fail(modelPath, `${where}.weights must be an array, got ${describe(group.weights)}`);
    const specs = group.weights.map((w, i) => readSpec(w, `${where}.weights[${i}]`, modelPath));
    const files = (group.paths as string[]).map((p) => resolve(dir, p));
    const shards: Uint8Array[] = [];
    for (let i = 0; i < files.length; i++) {
      try {
        shards.push(await readFile(files[i]));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        fail(files[i], `cannot read weights file listed in ${modelPath} ${where}.paths[${i}] (${code ?? String(e)})`, e);
      }
    }
    const total = shards.reduce((s, b) => s + b.length, 0);
    const bytes = shards.length === 1 ? shards[0] : new Uint8Array(total);
    if (shards.length !== 1) {
      let o = 0;
      for (const s of shards) {
        bytes.set(s, o);
        o += s.length;
      }
    }
    const needed = specs.reduce((s, w) => s + w.shape.reduce((a, d) => a * d, 1) * bytesPerElement(w), 0);
    if (total < needed) {
      fail(files.join(', '), `weights of ${where} are truncated: the manifest in ${modelPath} needs ${needed} bytes, the file(s) hold ${total}`);
    }
    let off = 0;
    for (const spec of specs) {
      const count = spec.shape.reduce((a, d) => a * d, 1);
      out.set(spec.name, { shape: spec.shape, data: decode(spec, bytes, off, count) });
      off += count * bytesPerElement(spec);
    }
  }
  return out;
}
