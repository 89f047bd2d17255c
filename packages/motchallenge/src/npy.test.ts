import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { parseNpy, readNpy } from './index.js';
import { fixture, throwsWith } from './test-helpers.js';

/**
 * Builds .npy bytes by the format spec (independent of the parser): magic,
 * version, header length, dict padded with spaces to a multiple of 64 bytes
 * ending in '\n', then `data`.
 */
function npyBytes(dict: string, data: Uint8Array, major = 1): Uint8Array {
  const pre = major === 1 ? 10 : 12;
  const padTo = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const header = dict + ' '.repeat(padTo - pre - dict.length - 1) + '\n';
  const out = new Uint8Array(padTo + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), pre);
  out.set(data, padTo);
  return out;
}

function f4le(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

const real = suite('readNpy: deep_sort fixture');

real('TUD-Campus deepsort_detections.npy: shape and values read with python3 struct', () => {
  const npy = readNpy(fixture('mot15/TUD-Campus/deepsort_detections.npy'));
  // Header bytes (xxd): {'descr': '<f4', 'fortran_order': False, 'shape': (321, 138), }
  assert.equal(npy.shape, [321, 138]);
  assert.instance(npy.data, Float32Array);
  assert.is(npy.data.length, 321 * 138);
  // python3: struct.unpack('<138f', f[128 + i*552 : 128 + (i+1)*552]) with header end 10 + 118 = 128
  assert.equal(Array.from(npy.data.subarray(0, 7)), [1, -1, 281.9309997558594, 187.46600341796875, 79.93000030517578, 209.53700256347656, 0.9977840185165405]);
  assert.is(npy.data[10], 0.022202018648386);
  assert.is(npy.data[11], -0.14613531529903412);
  assert.is(npy.data[137], 0.039705533534288406);
  assert.is(npy.data[320 * 138], 71);
  assert.is(npy.data[320 * 138 + 137], -0.19335882365703583);
});

real('missing file names the path', () => {
  const path = fixture('mot15/TUD-Campus/none.npy');
  throwsWith(() => readNpy(path), InputError, ['readNpy: file not found', path]);
});

const syn = suite('parseNpy: synthetic files');

syn('float64 rank 1, version 2.0 and 3.0 headers, unaligned buffer', () => {
  const data = new Uint8Array(new Float64Array([1.5, -2.25, 1e-300]).buffer);
  for (const major of [1, 2, 3]) {
    const bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data, major);
    // Copy into an odd offset so the data cannot be viewed in place.
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const npy = parseNpy(shifted, 'x.npy');
    assert.equal(npy.shape, [3]);
    assert.instance(npy.data, Float64Array);
    assert.equal(Array.from(npy.data), [1.5, -2.25, 1e-300]);
  }
});

syn('big-endian float32, double quotes, Python 2 long suffix, no trailing comma', () => {
  const be = new Uint8Array(8);
  new DataView(be.buffer).setFloat32(0, 0.5, false);
  new DataView(be.buffer).setFloat32(4, -3, false);
  const npy = parseNpy(npyBytes('{"descr": ">f4", "fortran_order": False, "shape": (1L, 2L)}', be));
  assert.equal(npy.shape, [1, 2]);
  assert.equal(Array.from(npy.data), [0.5, -3]);
});

syn('zero rows: shape (0, 138) with no data', () => {
  const npy = parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 138), }", new Uint8Array(0)));
  assert.equal(npy.shape, [0, 138]);
  assert.is(npy.data.length, 0);
});

const bad = suite('parseNpy: malformed input');
const HDR = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";

bad('bad magic, empty buffer, unknown version', () => {
  const good = npyBytes(HDR, f4le([1, 2, 3, 4]));
  const wrong = good.slice();
  wrong[1] = 0x58;
  throwsWith(() => parseNpy(wrong, 'a.npy'), InputError, ['a.npy: parseNpy: magic must be', 'got 93 58 55 4d 50 59']);
  throwsWith(() => parseNpy(new Uint8Array(0), 'a.npy'), InputError, ['a.npy:', 'got an empty file']);
  const v4 = good.slice();
  v4[6] = 4;
  throwsWith(() => parseNpy(v4, 'a.npy'), InputError, ['a.npy:', 'version must be 1.0, 2.0 or 3.0, got 4.0']);
});

bad('truncated data, trailing bytes, truncated header', () => {
  const good = npyBytes(HDR, f4le([1, 2, 3, 4]));
  throwsWith(() => parseNpy(good.subarray(0, good.length - 3), 'a.npy'), InputError, ['a.npy:', 'data must be 16 bytes for shape (2, 2) of <f4, got 13 (file truncated)']);
  const longer = new Uint8Array(good.length + 4);
  longer.set(good);
  throwsWith(() => parseNpy(longer, 'a.npy'), InputError, ['got 20 (trailing bytes)']);
  throwsWith(() => parseNpy(good.subarray(0, 40), 'a.npy'), InputError, ['a.npy:', 'header must be 118 bytes, got 30 (file truncated)']); // 10 + 59-char dict + '\n' padded to 128 -> 118
  throwsWith(() => parseNpy(good.subarray(0, 9), 'a.npy'), InputError, ['header must be at least 10 bytes, got 9']);
  const v2 = npyBytes(HDR, f4le([1, 2, 3, 4]), 2);
  throwsWith(() => parseNpy(v2.subarray(0, 11), 'a.npy'), InputError, ['header must be at least 12 bytes, got 11']);
});

bad('fortran order, unsupported dtype, rank 0 and 3', () => {
  const fortran = npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", f4le([1, 2, 3, 4]));
  throwsWith(() => parseNpy(fortran, 'a.npy'), InputError, ['a.npy:', 'must be C ordered, got fortran_order True']);
  const i4 = npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }", f4le([1, 2, 3, 4]));
  throwsWith(() => parseNpy(i4, 'a.npy'), InputError, [`dtype must be '<f4' or '<f8'`, 'got "<i4"']);
  const r0 = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", f4le([1]));
  throwsWith(() => parseNpy(r0, 'a.npy'), InputError, ['rank 1 or 2, got shape ()']);
  const r3 = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), }", f4le([1, 2, 3, 4]));
  throwsWith(() => parseNpy(r3, 'a.npy'), InputError, ['rank 1 or 2, got shape (1, 2, 2)']);
});

bad('header is not the expected dict', () => {
  const cases: [string, string][] = [
    ["{'descr': '<f4', 'fortran_order': False}", "'shape' must be a tuple of integers, got no such key"],
    ["{'descr': 4, 'fortran_order': False, 'shape': (1,)}", 'header must be a Python dict literal'],
    ["{'descr': '<f4', 'fortran_order': 'no', 'shape': (1,)}", "'fortran_order' must be True or False, got \"no\""],
    ["{'fortran_order': False, 'shape': (1,)}", "'descr' must be a string, got no such key"],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (x,)}", 'expected an integer'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (1 2)}", "expected ',' or ')'"],
    ["{'descr': '<f4' 'x'}", "expected ',' or '}'"],
    ["{'descr: '<f4'}", "expected ':'"],
    ["{'descr': '<f4'} extra", 'unexpected text after the dict'],
    ["{'descr", 'unterminated string'],
    ["{descr: 1}", 'expected a quoted string'],
  ];
  for (const [dict, part] of cases) {
    throwsWith(() => parseNpy(npyBytes(dict, f4le([0])), 'h.npy'), InputError, ['h.npy: parseNpy:', part]);
  }
});

real.run();
syn.run();
bad.run();
