/**
 * Reader for NumPy `.npy` files (format versions 1.0, 2.0 and 3.0), enough to
 * load deep_sort's precomputed detections: float32/float64, C order, rank 1
 * or 2.
 *
 * Layout (numpy.lib.format docs, "NPY format"): 6-byte magic `\x93NUMPY`,
 * major and minor version bytes, header length (uint16 LE for v1, uint32 LE
 * for v2/v3), then an ASCII (v1/v2) or UTF-8 (v3) Python dict literal with
 * keys 'descr', 'fortran_order', 'shape', padded with spaces and '\n'; the
 * raw array data follows.
 */
import { InputError } from '@mot/core';
import { readFileChecked } from './read-file-checked.js';

/** A dense array read from a .npy file. */
export interface NpyArray {
  /** Dimensions, e.g. `[321, 138]`; rank 1 or 2. */
  shape: number[];
  /** Elements in C (row-major) order; Float32Array for `f4`, Float64Array for `f8`. */
  data: Float32Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Parses the bytes of a `.npy` file.
 *
 * @param buf whole file contents
 * @param source file path or label for error messages (default `<npy>`)
 * @returns shape and a copy of the data (aligned, independent of `buf`)
 * @throws InputError naming `source` when the magic, version or header is
 *   malformed, the dtype is not `<f4`/`<f8`/`>f4`/`>f8`, the array is Fortran
 *   ordered or not rank 1-2, or the data is truncated or has trailing bytes
 * @example
 * const npy = parseNpy(readFileSync('fixtures/mot15/TUD-Campus/deepsort_detections.npy'));
 * npy.shape; // [321, 138]
 */
export function parseNpy(buf: Uint8Array, source = '<npy>'): NpyArray {
  return parseNpyAs('parseNpy', buf, source);
}

/**
 * Reads and parses a `.npy` file; see {@link parseNpy}.
 * @throws InputError `file not found` naming the path, or malformed content
 * @example
 * readNpy('fixtures/mot15/TUD-Campus/deepsort_detections.npy').shape; // [321, 138]
 */
export function readNpy(path: string): NpyArray {
  return parseNpyAs('readNpy', readFileChecked(path, 'readNpy'), path);
}

function parseNpyAs(fn: string, buf: Uint8Array, source: string): NpyArray {
  const fail = (msg: string): never => {
    throw new InputError(`${fn}: ${msg}`, { source });
  };
  for (let i = 0; i < MAGIC.length; i++) {
    if (buf[i] !== MAGIC[i]) {
      const got = Array.from(buf.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
      fail(`magic must be 93 4e 55 4d 50 59 (\\x93NUMPY), got ${got || 'an empty file'}`);
    }
  }
  if (buf.length < 10) fail(`header must be at least 10 bytes, got ${buf.length} (file truncated)`);
  const major = buf[6];
  const minor = buf[7];
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    fail(`format version must be 1.0, 2.0 or 3.0, got ${major}.${minor}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (major > 1 && buf.length < 12) fail(`header must be at least 12 bytes, got ${buf.length} (file truncated)`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLen;
  if (dataStart > buf.length) fail(`header must be ${headerLen} bytes, got ${buf.length - headerStart} (file truncated)`);
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(headerStart, dataStart));

  let header: Map<string, HeaderValue>;
  try {
    header = parsePyDict(headerText);
  } catch (err) {
    return fail(`header must be a Python dict literal, got ${JSON.stringify(headerText.trim())} (${(err as Error).message})`);
  }
  const descr = header.get('descr');
  const fortran = header.get('fortran_order');
  const shape = header.get('shape');
  if (typeof descr !== 'string') fail(`header 'descr' must be a string, got ${show(descr)}`);
  if (typeof fortran !== 'boolean') fail(`header 'fortran_order' must be True or False, got ${show(fortran)}`);
  if (!Array.isArray(shape)) fail(`header 'shape' must be a tuple of integers, got ${show(shape)}`);
  const dims = shape as number[];
  if (fortran === true) fail(`array must be C ordered, got fortran_order True (save with np.ascontiguousarray)`);
  if (descr !== '<f4' && descr !== '<f8' && descr !== '>f4' && descr !== '>f8') {
    fail(`dtype must be '<f4' or '<f8' (float32/float64), got ${JSON.stringify(descr)}`);
  }
  if (dims.length < 1 || dims.length > 2) fail(`array must have rank 1 or 2, got shape (${dims.join(', ')})`);

  const itemSize = (descr as string)[2] === '4' ? 4 : 8;
  const littleEndian = (descr as string)[0] === '<';
  const count = dims.reduce((a, b) => a * b, 1);
  const need = count * itemSize;
  const have = buf.length - dataStart;
  if (have !== need) {
    fail(
      `data must be ${need} bytes for shape (${dims.join(', ')}) of ${descr}, got ${have}` +
        (have < need ? ' (file truncated)' : ' (trailing bytes)'),
    );
  }

  const data = itemSize === 4 ? new Float32Array(count) : new Float64Array(count);
  if (littleEndian === HOST_LITTLE_ENDIAN) {
    // Copy rather than view: the data offset need not be 4/8-byte aligned in the caller's buffer.
    new Uint8Array(data.buffer).set(buf.subarray(dataStart, dataStart + need));
  } else if (itemSize === 4) {
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataStart + 4 * i, littleEndian);
  } else {
    for (let i = 0; i < count; i++) data[i] = view.getFloat64(dataStart + 8 * i, littleEndian);
  }
  return { shape: dims.slice(), data };
}

type HeaderValue = string | boolean | number[];

function show(v: HeaderValue | undefined): string {
  return v === undefined ? 'no such key' : Array.isArray(v) ? `(${v.join(', ')})` : JSON.stringify(v);
}

/**
 * Parses the restricted Python literal numpy writes as the header:
 * `{'key': value, ...}` with values a quoted string, True/False or a tuple
 * of non-negative integers (Python 2 may suffix them with L).
 */
function parsePyDict(s: string): Map<string, HeaderValue> {
  let i = 0;
  const skip = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\t' || s[i] === '\r')) i++;
  };
  const expect = (c: string) => {
    skip();
    if (s[i] !== c) throw new Error(`expected '${c}' at offset ${i}`);
    i++;
  };
  const str = (): string => {
    skip();
    const q = s[i];
    if (q !== "'" && q !== '"') throw new Error(`expected a quoted string at offset ${i}`);
    const end = s.indexOf(q, i + 1);
    if (end < 0) throw new Error('unterminated string');
    const out = s.slice(i + 1, end);
    i = end + 1;
    return out;
  };
  const value = (): HeaderValue => {
    skip();
    if (s.startsWith('True', i)) return (i += 4), true;
    if (s.startsWith('False', i)) return (i += 5), false;
    if (s[i] === "'" || s[i] === '"') return str();
    if (s[i] !== '(') throw new Error(`unexpected ${JSON.stringify(s[i] ?? 'end')} at offset ${i}`);
    i++;
    const dims: number[] = [];
    for (;;) {
      skip();
      if (s[i] === ')') return i++, dims;
      const m = /^\d+L?/.exec(s.slice(i));
      if (m === null) throw new Error(`expected an integer at offset ${i}`);
      dims.push(Number.parseInt(m[0], 10));
      i += m[0].length;
      skip();
      if (s[i] === ',') i++;
      else if (s[i] !== ')') throw new Error(`expected ',' or ')' at offset ${i}`);
    }
  };
  const out = new Map<string, HeaderValue>();
  expect('{');
  for (;;) {
    skip();
    if (s[i] === '}') {
      i++;
      break;
    }
    const key = str();
    expect(':');
    out.set(key, value());
    skip();
    if (s[i] === ',') i++;
    else if (s[i] !== '}') throw new Error(`expected ',' or '}' at offset ${i}`);
  }
  skip();
  if (i !== s.length) throw new Error(`unexpected text after the dict at offset ${i}`);
  return out;
}
