import { ConfigError, ShapeError } from '@mot/core';

/**
 * Checks a per-channel (or per-element) parameter vector and returns it, or
 * `fill` repeated when it is omitted. Internal to the normalisation kernels.
 * @throws ShapeError when the length is not `length`
 */
export function paramVector(
  fn: string,
  name: string,
  v: ArrayLike<number> | undefined,
  length: number,
  fill: number,
): ArrayLike<number> {
  if (v === undefined) return new Float32Array(length).fill(fill);
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
    throw new ShapeError(`${fn}: ${name} must be an array of ${length} numbers, got ${String(v)}`);
  }
  if (v.length !== length) throw new ShapeError(`${fn}: ${name} must have length ${length}, got ${v.length}`);
  return v;
}

/** Checks `eps` (must be a finite number > 0; the default is PyTorch's 1e-5). */
export function epsilon(fn: string, eps: number | undefined): number {
  const e = eps ?? 1e-5;
  if (typeof e !== 'number' || !Number.isFinite(e) || e <= 0) {
    throw new ConfigError(`${fn}: eps must be a finite number > 0, got ${String(eps)}`);
  }
  return e;
}

/**
 * Normalises `count` contiguous segments of `segLen` values from `src` into
 * `dst` with their own biased mean and variance: (v - mean) / sqrt(var + eps).
 * Statistics accumulate in float64 with two passes (mean first) so that large
 * offsets do not cancel.
 */
export function normalizeSegments(src: Float32Array, dst: Float32Array, count: number, segLen: number, eps: number): void {
  for (let s = 0; s < count; s++) {
    const base = s * segLen;
    let sum = 0;
    for (let i = 0; i < segLen; i++) sum += src[base + i];
    const mean = sum / segLen;
    let sq = 0;
    for (let i = 0; i < segLen; i++) {
      const d = src[base + i] - mean;
      sq += d * d;
    }
    const inv = 1 / Math.sqrt(sq / segLen + eps);
    for (let i = 0; i < segLen; i++) dst[base + i] = (src[base + i] - mean) * inv;
  }
}
