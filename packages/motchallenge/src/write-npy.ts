/**
 * Writer for NumPy `.npy` files (format version 1.0), the counterpart of
 * {@link readNpy}: float32, C order, rank 1 or 2.
 */
import { ShapeError } from '@mot/core';
import { writeFileAtomic } from './write-file-atomic.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y
// numpy.lib.format: the data starts at a multiple of 64 bytes (header padded with spaces, ended by '\n').
const NPY_ALIGN = 64;
const PREAMBLE = 10; // magic 6 + version 2 + uint16 header length

/**
 * Encodes a float32 array as `.npy` bytes (v1.0, `'<f4'`, C order), the
 * layout `numpy.save` writes.
 *
 * @param shape `[n]` or `[rows, cols]`, non-negative integers
 * @param data `shape`'s product of values, row-major
 * @returns the file's bytes
 * @throws ShapeError when the shape is not rank 1-2 of non-negative integers or does not match `data`
 * @example
 * parseNpy(encodeNpy([1, 2], Float32Array.of(3, 4))).shape; // [1, 2]
 */
export function encodeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  if (shape.length < 1 || shape.length > 2 || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ShapeError(`encodeNpy: shape must be 1 or 2 non-negative integers, got [${shape.join(', ')}]`);
  }
  const count = shape.reduce((a, d) => a * d, 1);
  if (!(data instanceof Float32Array) || data.length !== count) {
    throw new ShapeError(`encodeNpy: data must be a Float32Array of ${count} values for shape [${shape.join(', ')}], got ${data instanceof Float32Array ? data.length : typeof data}`);
  }
  // Python tuple syntax: a 1-tuple needs its trailing comma.
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape[0]}, ${shape[1]})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  const total = Math.ceil((PREAMBLE + header.length + 1) / NPY_ALIGN) * NPY_ALIGN;
  header = header.padEnd(total - PREAMBLE - 1, ' ') + '\n';
  const out = new Uint8Array(total + 4 * count);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[PREAMBLE + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, total);
  for (let i = 0; i < count; i++) view.setFloat32(4 * i, data[i], true);
  return out;
}

/**
 * Writes a float32 `.npy` file atomically (a reader never sees half a file;
 * on failure nothing new is left at `path`).
 *
 * @throws ShapeError for a bad shape; InputError naming `path` when it cannot be written
 * @example
 * writeNpy('/tmp/a.npy', [2], Float32Array.of(1, 2));
 */
export function writeNpy(path: string, shape: readonly number[], data: Float32Array): void {
  writeFileAtomic(path, encodeNpy(shape, data));
}
