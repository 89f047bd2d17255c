/**
 * Reading the weights manifest of a TensorFlow.js graph model (model.json +
 * binary shards): shapes of every weight, and the values of the integer ones
 * (paddings, permutations, sizes, axes) that the layer loader needs. Float
 * weights are only measured, never decoded: the analysis needs their shapes.
 *
 * Format (tfjs-converter "weightsManifest"): a list of groups; each group's
 * `paths` are concatenated into one buffer in which the group's `weights` lie
 * back to back, in order. An element takes 4 bytes for float32/int32, 1 for
 * bool, 8 for complex64, or the quantized width (uint8 1, uint16/float16 2);
 * a string element is a 4-byte little-endian length and its bytes.
 */
import { InputError } from '@mot/core';

/** One manifest weight. */
export interface ManifestWeight {
  shape: number[];
  dtype: string;
  /** Integer values (int32 / int64 stored as int32), when the buffer was given. */
  ints?: Int32Array;
}

interface RawWeight {
  name?: unknown;
  shape?: unknown;
  dtype?: unknown;
  quantization?: { dtype?: unknown };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const QUANT_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * Parses a weights manifest; with `groupBuffers` (one concatenated buffer per
 * group), also reads the int32 values.
 * @throws InputError (naming `source`) for a malformed manifest or a buffer too short
 */
export function readWeightsManifest(manifest: unknown, groupBuffers: readonly Uint8Array[] | null, source: string): Map<string, ManifestWeight> {
  const fail = (msg: string): never => {
    throw new InputError(`readWeightsManifest: ${msg}`, { source });
  };
  if (!Array.isArray(manifest)) fail(`weightsManifest must be an array, got ${typeof manifest}`);
  const out = new Map<string, ManifestWeight>();
  (manifest as unknown[]).forEach((group, g) => {
    const weights = (group as { weights?: unknown }).weights;
    if (!Array.isArray(weights)) fail(`weightsManifest[${g}].weights must be an array`);
    const buf = groupBuffers?.[g] ?? null;
    const view = buf === null ? null : new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let offset = 0;
    for (const w of weights as RawWeight[]) {
      const name = w.name;
      const shape = w.shape;
      const dtype = w.dtype;
      if (typeof name !== 'string' || !Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0) || typeof dtype !== 'string') {
        fail(`weightsManifest[${g}] entries must have a string name, an integer shape and a dtype, got ${JSON.stringify(w)}`);
      }
      const count = (shape as number[]).reduce((a, b) => a * b, 1);
      let bytes: number;
      if (dtype === 'string') {
        if (view === null) fail(`weight "${name as string}" is a string tensor; its size needs the weights file`);
        bytes = 0;
        for (let i = 0; i < count; i++) bytes += 4 + view!.getUint32(offset + bytes, true);
      } else {
        const q = w.quantization?.dtype;
        const width = typeof q === 'string' ? QUANT_BYTES[q] : BYTES[dtype as string];
        if (width === undefined) fail(`weight "${name as string}" has an unknown dtype ${String(q ?? dtype)}`);
        bytes = count * width;
      }
      if (buf !== null && offset + bytes > buf.byteLength) {
        fail(`weights file is too short: "${name as string}" needs bytes ${offset}..${offset + bytes}, file group ${g} has ${buf.byteLength}`);
      }
      const entry: ManifestWeight = { shape: [...(shape as number[])], dtype: dtype as string };
      if (view !== null && dtype === 'int32' && w.quantization === undefined) {
        entry.ints = new Int32Array(count);
        for (let i = 0; i < count; i++) entry.ints[i] = view.getInt32(offset + 4 * i, true);
      }
      out.set(name as string, entry);
      offset += bytes;
    }
  });
  return out;
}
