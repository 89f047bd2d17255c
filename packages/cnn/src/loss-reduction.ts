/**
 * Reduction of elementwise losses, as in PyTorch's `reduction` argument.
 * Internal helper of the loss functions.
 */
import { ConfigError } from '@mot/core';

/** 'mean' and 'sum' reduce to a number, 'none' returns the per-element losses. */
export type Reduction = 'mean' | 'sum' | 'none';

/** What a loss returns for a given reduction: a Float32Array for 'none', else a number. */
export type LossOutput<R extends Reduction> = R extends 'none' ? Float32Array : number;

/** Options shared by the losses. */
export interface LossOptions<R extends Reduction = Reduction> {
  /** Default 'mean'. */
  reduction?: R;
}

/**
 * Reduces elementwise losses. The mean of zero elements is 0 (no boxes, no
 * loss) rather than PyTorch's NaN, so an empty batch does not poison a sum.
 */
export function reduceLoss<R extends Reduction>(fn: string, losses: Float32Array, reduction: R | undefined): LossOutput<R> {
  const r: Reduction = reduction ?? 'mean';
  if (r === 'none') return losses as LossOutput<R>;
  if (r !== 'mean' && r !== 'sum') throw new ConfigError(`${fn}: reduction must be 'mean', 'sum' or 'none', got ${String(r)}`);
  let sum = 0;
  for (let i = 0; i < losses.length; i++) sum += losses[i];
  return (r === 'sum' ? sum : losses.length === 0 ? 0 : sum / losses.length) as LossOutput<R>;
}
