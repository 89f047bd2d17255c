import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeFloat16 } from './float16.js';

const test = suite('decodeFloat16');

function halves(...bits: number[]): Uint8Array {
  const b = new Uint8Array(2 * bits.length);
  bits.forEach((h, i) => {
    b[2 * i] = h & 0xff;
    b[2 * i + 1] = h >> 8;
  });
  return b;
}

test('widens the landmark values of binary16', () => {
  const got = decodeFloat16(halves(0x3c00, 0xc000, 0x3555, 0x7bff, 0x0400, 0x0001, 0x03ff), 0, 7);
  // 0x3c00: e=15 m=0 -> 1; 0xc000: s=1 e=16 -> -2;
  // 0x3555: e=13 m=341 -> 2^-2 * 1365/1024 = 0.333251953125;
  // 0x7bff: e=30 m=1023 -> 2^15 * 2047/1024 = 65504 (largest half);
  // 0x0400: e=1 m=0 -> 2^-14 (smallest normal); 0x0001: 2^-24 (smallest subnormal);
  // 0x03ff: 1023 * 2^-24 (largest subnormal).
  assert.equal([...got], [1, -2, 0.333251953125, 65504, 2 ** -14, 2 ** -24, 1023 * 2 ** -24]);
});

test('keeps signed zeros, infinities and NaN', () => {
  const got = decodeFloat16(halves(0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00), 0, 5);
  assert.ok(Object.is(got[0], 0));
  assert.ok(Object.is(got[1], -0));
  assert.is(got[2], Infinity);
  assert.is(got[3], -Infinity);
  assert.ok(Number.isNaN(got[4]));
});

test('reads at an odd byte offset', () => {
  const b = new Uint8Array(5);
  b.set(halves(0x3c00, 0xc000), 1);
  assert.equal([...decodeFloat16(b, 1, 2)], [1, -2]);
});

test('equals the textbook formula on all 63,488 finite halves', () => {
  // Independent route: (-1)^s * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024 for e = 0.
  const all = new Uint8Array(2 * 65536);
  for (let h = 0; h < 65536; h++) {
    all[2 * h] = h & 0xff;
    all[2 * h + 1] = h >> 8;
  }
  const got = decodeFloat16(all, 0, 65536);
  let checked = 0;
  for (let h = 0; h < 65536; h++) {
    const s = h >> 15 ? -1 : 1;
    const e = (h >> 10) & 31;
    const m = h & 1023;
    if (e === 31) continue;
    const want = e === 0 ? s * 2 ** -14 * (m / 1024) : s * 2 ** (e - 15) * (1 + m / 1024);
    if (got[h] !== want) assert.unreachable(`half 0x${h.toString(16)}: got ${got[h]}, want ${want}`);
    checked++;
  }
  assert.is(checked, 63488);
});

test.run();
