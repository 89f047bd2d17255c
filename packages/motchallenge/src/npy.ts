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
import { quoteValue } from './quote-value.js';
import { closeQuietly, openChecked, readUpTo } from './read-file-checked.js';

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
  const fn = 'readNpy';
  // Read the preamble, then the header, then exactly the data the header
  // promises (+1 byte to detect trailing data): `/dev/zero`, a FIFO or a
  // lying header never makes us read more than MAX_NPY_BYTES.
  const fd = openChecked(path, fn);
  try {
    const preamble = readUpTo(fd, 12, path, fn);
    const headerEnd = npyHeaderEnd(fn, preamble, path);
    const header = concat(preamble, readUpTo(fd, headerEnd - preamble.length, path, fn));
    const { need } = parseNpyHeader(fn, header, path);
    if (need > MAX_NPY_BYTES) {
      throw new InputError(`${fn}: array data must be at most ${MAX_NPY_BYTES} bytes, got a header asking for ${need}`, { source: path });
    }
    const data = readUpTo(fd, Math.max(0, headerEnd + need + 1 - header.length), path, fn);
    return parseNpyAs(fn, concat(header, data), path);
  } finally {
    closeQuietly(fd);
  }
}

/** Largest array data readNpy accepts, bytes (2 GiB: a Float32Array of 512 M elements). */
const MAX_NPY_BYTES = 2 ** 31;

/** Largest v2/v3 header accepted, bytes; numpy writes headers of well under 1 KiB. */
const MAX_NPY_HEADER_BYTES = 1 << 20;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Checks magic and version in the first bytes (up to 12) and returns the
 * offset where the data starts; throws like {@link parseNpy} otherwise.
 */
function npyHeaderEnd(fn: string, buf: Uint8Array, source: string): number {
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
  if (headerLen > MAX_NPY_HEADER_BYTES) fail(`header must be at most ${MAX_NPY_HEADER_BYTES} bytes, got ${headerLen}`);
  return (major === 1 ? 10 : 12) + headerLen;
}

interface NpyHeader {
  descr: string;
  dims: number[];
  itemSize: 4 | 8;
  littleEndian: boolean;
  count: number;
  dataStart: number;
  /** Data bytes the header promises. */
  need: number;
}

/** Parses magic, version and header dict from `buf` (at least through the header). */
function parseNpyHeader(fn: string, buf: Uint8Array, source: string): NpyHeader {
  const fail = (msg: string): never => {
    throw new InputError(`${fn}: ${msg}`, { source });
  };
  const dataStart = npyHeaderEnd(fn, buf, source);
  const headerStart = buf[6] === 1 ? 10 : 12;
  if (dataStart > buf.length) fail(`header must be ${dataStart - headerStart} bytes, got ${buf.length - headerStart} (file truncated)`);
  const headerText = new TextDecoder(buf[6] === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(headerStart, dataStart));

  let header: Map<string, HeaderValue>;
  try {
    header = parsePyDict(headerText);
  } catch (err) {
    return fail(`header must be a Python dict literal, got ${quoteValue(headerText.trim())} (${(err as Error).message})`);
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
    fail(`dtype must be '<f4' or '<f8' (float32/float64), got ${quoteValue(String(descr))}`);
  }
  if (dims.length < 1 || dims.length > 2) fail(`array must have rank 1 or 2, got shape (${dims.join(', ')})`);

  const itemSize = (descr as string)[2] === '4' ? 4 : 8;
  const littleEndian = (descr as string)[0] === '<';
  const count = dims.reduce((a, b) => a * b, 1);
  return { descr: descr as string, dims, itemSize, littleEndian, count, dataStart, need: count * itemSize };
}

function parseNpyAs(fn: string, buf: Uint8Array, source: string): NpyArray {
  const fail = (msg: string): never => {
    throw new InputError(`${fn}: ${msg}`, { source });
  };
  const { descr, dims, itemSize, littleEndian, count, dataStart, need } = parseNpyHeader(fn, buf, source);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
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
