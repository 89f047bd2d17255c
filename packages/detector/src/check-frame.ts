import { ShapeError, type Frame } from '@mot/core';

/**
 * Checks that `frame` is an RGB24 frame (positive integer size, byte data of
 * width * height * 3). Shared by everything that reads pixels.
 * @throws ShapeError naming `fn` and the frame index
 */
export function checkFrame(fn: string, frame: Frame): void {
  if (frame === null || typeof frame !== 'object') throw new ShapeError(`${fn}: frame must be an RGB24 Frame, got ${String(frame)}`);
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new ShapeError(`${fn}: frame ${frame.index} width and height must be positive integers, got ${width}x${height}`);
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height * 3) {
    throw new ShapeError(
      `${fn}: frame ${frame.index} data must be ${width}x${height}x3 = ${width * height * 3} RGB24 bytes, got ${data instanceof Uint8Array ? data.length : typeof data}`,
    );
  }
}
