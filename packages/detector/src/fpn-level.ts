import { ConfigError } from '@mot/core';

/** Options of {@link fpnLevel}. */
export interface FpnLevelOptions {
  /** Box side (sqrt of area, px) that maps to `canonicalLevel`. Default 224 (ImageNet pre-training size, FPN paper). */
  canonicalSize?: number;
  /** Level of a canonical box. Default 4. */
  canonicalLevel?: number;
  /** Finest level available (level k has stride 2^k). Default 3 (stride 8). */
  minLevel?: number;
  /** Coarsest level available. Default 5 (stride 32). */
  maxLevel?: number;
}

/**
 * Pyramid level for a box, as FPN assigns ROIs to levels (Lin et al., "Feature
 * Pyramid Networks for Object Detection", CVPR 2017, eq. 1):
 * k = floor(k0 + log2(sqrt(w h) / 224)), clamped to the available levels.
 *
 * @param w box width, px (in the network input's scale)
 * @param h box height, px
 * @param options canonical size/level and level range (defaults: 224 -> 4, levels 3..5)
 * @returns the level k (stride 2^k)
 * @throws ConfigError for a bad option
 * @example
 * fpnLevel(224, 224); // 4
 * fpnLevel(112, 112); // floor(4 + log2(0.5)) = 3
 * fpnLevel(20, 40); // floor(4 + log2(28.3 / 224)) = floor(1.01) = 1 -> clamped to 3
 */
export function fpnLevel(w: number, h: number, options: FpnLevelOptions = {}): number {
  const size = options.canonicalSize ?? 224;
  const k0 = options.canonicalLevel ?? 4;
  const lo = options.minLevel ?? 3;
  const hi = options.maxLevel ?? 5;
  if (!(size > 0) || !Number.isInteger(k0) || !Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi) {
    throw new ConfigError(`fpnLevel: options must have canonicalSize > 0 and integer levels with minLevel <= maxLevel, got ${JSON.stringify(options)}`);
  }
  const side = Math.sqrt(Math.max(w, 0) * Math.max(h, 0));
  // log2(0) = -Infinity: a degenerate box goes to the finest level.
  const k = Math.floor(k0 + Math.log2(side / size + 1e-12));
  return Math.min(hi, Math.max(lo, k));
}
