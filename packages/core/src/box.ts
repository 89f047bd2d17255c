/**
 * Box formats. Each format is its own tuple type so that a signature says which
 * one it takes; converters are named `<from>To<To>`.
 *
 * - `Tlwh`: top-left x, top-left y, width, height (px). The API edge format.
 * - `Xyxy`: x1, y1, x2, y2 (px), with x2 = x1 + w (no +1 pixel convention).
 * - `Xyah`: centre x, centre y, aspect ratio w/h, height (DeepSORT's state).
 * - `Xysr`: centre x, centre y, area w*h, aspect ratio w/h (SORT's state).
 */
import { InputError } from './errors.js';

export type Tlwh = [x: number, y: number, w: number, h: number];
export type Xyxy = [x1: number, y1: number, x2: number, y2: number];
export type Xyah = [cx: number, cy: number, a: number, h: number];
export type Xysr = [cx: number, cy: number, s: number, r: number];

export function tlwhToXyxy(b: Readonly<Tlwh>): Xyxy {
  return [b[0], b[1], b[0] + b[2], b[1] + b[3]];
}

export function xyxyToTlwh(b: Readonly<Xyxy>): Tlwh {
  return [b[0], b[1], b[2] - b[0], b[3] - b[1]];
}

export function tlwhToXyah(b: Readonly<Tlwh>): Xyah {
  return [b[0] + b[2] / 2, b[1] + b[3] / 2, b[2] / b[3], b[3]];
}

export function xyahToTlwh(b: Readonly<Xyah>): Tlwh {
  const w = b[2] * b[3];
  return [b[0] - w / 2, b[1] - b[3] / 2, w, b[3]];
}

export function tlwhToXysr(b: Readonly<Tlwh>): Xysr {
  return [b[0] + b[2] / 2, b[1] + b[3] / 2, b[2] * b[3], b[2] / b[3]];
}

/** Inverse of {@link tlwhToXysr}: w = sqrt(s*r), h = s / w. */
export function xysrToTlwh(b: Readonly<Xysr>): Tlwh {
  const w = Math.sqrt(b[2] * b[3]);
  const h = b[2] / w;
  return [b[0] - w / 2, b[1] - h / 2, w, h];
}

/**
 * Checks that a tlwh box is four finite numbers with non-negative width and
 * height, and throws an {@link InputError} naming `where` otherwise.
 */
export function validateTlwh(b: ArrayLike<number>, where: { source?: string; line?: number; what?: string } = {}): void {
  const what = where.what ?? 'box';
  if (b.length !== 4) throw new InputError(`${what} must have 4 numbers (x, y, w, h), got ${b.length}`, where);
  for (let i = 0; i < 4; i++) {
    if (!Number.isFinite(b[i])) {
      throw new InputError(`${what} ${['x', 'y', 'width', 'height'][i]} must be a finite number, got ${b[i]}`, where);
    }
  }
  if (b[2] < 0) throw new InputError(`${what} width must be >= 0, got ${b[2]}`, where);
  if (b[3] < 0) throw new InputError(`${what} height must be >= 0, got ${b[3]}`, where);
}
