import { ConfigError } from '@mot/core';

/**
 * Resolves a possibly negative axis against `rank`. Internal to the layout ops.
 * @throws ConfigError when `axis` is not an integer in [-rank, rank)
 */
export function resolveAxis(fn: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ConfigError(`${fn}: axis must be an integer in [${-rank}, ${rank}), got ${axis}`);
  }
  return axis < 0 ? axis + rank : axis;
}
