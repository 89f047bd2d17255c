/**
 * IEEE 754 binary16 ("half") to float32 widening, as TensorFlow.js stores
 * weights with `quantization.dtype: 'float16'`.
 *
 * Layout of a half: sign (1 bit) | exponent (5 bits, bias 15) | mantissa (10 bits).
 * - exponent 1..30: (-1)^s * 2^(e-15) * (1 + m/1024);
 * - exponent 0: zero or subnormal, (-1)^s * 2^-14 * (m/1024);
 * - exponent 31: infinity (m = 0) or NaN.
 * Every half is exactly representable in float32, so the widening is exact.
 */

// 2^-24: the value of the mantissa's least significant bit in a subnormal half.
const SUBNORMAL_STEP = 2 ** -24;

/**
 * Widens `count` little-endian halves starting at byte `offset` of `bytes`.
 *
 * @param bytes raw weight bytes (any alignment)
 * @param offset byte offset of the first half
 * @param count number of halves
 * @returns the values as float32
 * @example
 * decodeFloat16(Uint8Array.of(0x00, 0x3c, 0x00, 0xc0), 0, 2); // Float32Array [1, -2]
 */
export function decodeFloat16(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  // Build the float32 bit pattern directly: normals only re-bias the exponent
  // (15 -> 127) and shift the mantissa (10 -> 23 bits).
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) {
    const p = offset + 2 * i;
    const h = bytes[p] | (bytes[p + 1] << 8);
    const sign = (h & 0x8000) << 16;
    const exp = (h >> 10) & 0x1f;
    const man = h & 0x3ff;
    if (exp === 0) {
      // Zero or subnormal: value = man * 2^-24, exact in float32.
      const v = man * SUBNORMAL_STEP;
      out[i] = sign !== 0 ? -v : v;
    } else if (exp === 31) {
      bits[i] = sign | 0x7f800000 | (man << 13);
    } else {
      bits[i] = sign | ((exp + 112) << 23) | (man << 13);
    }
  }
  return out;
}
