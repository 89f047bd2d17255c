/**
 * Count lines and zones as the CLI spells them: `x1,y1,x2,y2[,name]` and
 * `x1,y1,x2,y2,x3,y3,...[,name]` (px).
 */
import { ConfigError } from '@mot/core';
import type { CountLine, Point, Zone } from './types.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Splits a spec into coordinates and an optional trailing name (the last field when it is not a number). */
function splitSpec(spec: string): { numbers: number[]; name: string | undefined; bad: string | undefined } {
  const fields = spec.split(',').map((f) => f.trim());
  const last = fields[fields.length - 1];
  const name = fields.length > 1 && !NUMBER.test(last) ? last : undefined;
  const coords = name === undefined ? fields : fields.slice(0, -1);
  const bad = coords.find((f) => !NUMBER.test(f));
  return { numbers: coords.map(Number), name, bad };
}

function fail(fn: string, form: string, spec: string, why: string): never {
  throw new ConfigError(`${fn}: spec must be ${form} (px), got "${spec}": ${why}`);
}

/**
 * Parses `x1,y1,x2,y2[,name]` into a CountLine from (x1,y1) to (x2,y2).
 *
 * @param spec - four numbers and an optional name (not itself a number), comma-separated
 * @param defaultName - the name when the spec has none (the CLI passes `line1`, `line2`, ...)
 * @throws {ConfigError} quoting the spec and saying what is wrong
 * @example
 * ```ts
 * parseCountLine('0,300,640,300,door'); // { name: 'door', a: [0, 300], b: [640, 300] }
 * ```
 */
export function parseCountLine(spec: string, defaultName = 'line'): CountLine {
  const form = 'x1,y1,x2,y2[,name]';
  if (typeof spec !== 'string' || spec.trim() === '') fail('parseCountLine', form, String(spec), 'it is empty');
  const { numbers, name, bad } = splitSpec(spec);
  if (bad !== undefined) fail('parseCountLine', form, spec, `"${bad}" is not a number`);
  if (numbers.length !== 4) fail('parseCountLine', form, spec, `it has ${numbers.length} coordinates, not 4`);
  const [x1, y1, x2, y2] = numbers;
  if (x1 === x2 && y1 === y2) fail('parseCountLine', form, spec, 'its two ends are the same point');
  if (name === '') fail('parseCountLine', form, spec, 'the name is empty');
  return { name: name ?? defaultName, a: [x1, y1], b: [x2, y2] };
}

/**
 * Parses `x1,y1,x2,y2,x3,y3,...[,name]` into a Zone (a polygon of at least 3 vertices).
 *
 * @param spec - an even count (>= 6) of numbers and an optional name, comma-separated
 * @param defaultName - the name when the spec has none (the CLI passes `zone1`, `zone2`, ...)
 * @throws {ConfigError} quoting the spec and saying what is wrong
 * @example
 * ```ts
 * parseZone('100,100,300,100,300,300,queue').polygon.length; // 3
 * ```
 */
export function parseZone(spec: string, defaultName = 'zone'): Zone {
  const form = 'x1,y1,x2,y2,x3,y3,...[,name]';
  if (typeof spec !== 'string' || spec.trim() === '') fail('parseZone', form, String(spec), 'it is empty');
  const { numbers, name, bad } = splitSpec(spec);
  if (bad !== undefined) fail('parseZone', form, spec, `"${bad}" is not a number`);
  if (numbers.length % 2 !== 0) fail('parseZone', form, spec, `it has an odd number of coordinates (${numbers.length})`);
  if (numbers.length < 6) fail('parseZone', form, spec, `it has ${numbers.length / 2} points, at least 3 are needed`);
  const polygon: Point[] = [];
  for (let i = 0; i < numbers.length; i += 2) polygon.push([numbers[i], numbers[i + 1]]);
  return { name: name ?? defaultName, polygon };
}
