/**
 * Validation of count lines and zones given to the operators.
 */
import { assert } from '@mot/core';
import type { CountLine, Point, Zone } from './types.js';

const isPoint = (p: unknown): p is Point =>
  Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Throws ConfigError unless every line has a unique non-empty name and two distinct finite points. */
export function checkCountLines(fn: string, lines: readonly CountLine[]): void {
  assert(Array.isArray(lines), () => `${fn}: lines must be an array of CountLine, got ${String(lines)}`);
  const names = new Set<string>();
  lines.forEach((l, i) => {
    assert(typeof l?.name === 'string' && l.name !== '', () => `${fn}: lines[${i}].name must be a non-empty string, got ${String(l?.name)}`);
    assert(!names.has(l.name), () => `${fn}: line names must be unique, got "${l.name}" twice`);
    names.add(l.name);
    assert(isPoint(l.a) && isPoint(l.b), () => `${fn}: lines[${i}] ("${l.name}") a and b must be [x, y] in finite px, got ${JSON.stringify([l.a, l.b])}`);
    assert(l.a[0] !== l.b[0] || l.a[1] !== l.b[1], () => `${fn}: lines[${i}] ("${l.name}") must have a != b, got both ${JSON.stringify(l.a)}`);
  });
}

/** Throws ConfigError unless every zone has a unique non-empty name and at least 3 finite vertices. */
export function checkZones(fn: string, zones: readonly Zone[]): void {
  assert(Array.isArray(zones), () => `${fn}: zones must be an array of Zone, got ${String(zones)}`);
  const names = new Set<string>();
  zones.forEach((z, i) => {
    assert(typeof z?.name === 'string' && z.name !== '', () => `${fn}: zones[${i}].name must be a non-empty string, got ${String(z?.name)}`);
    assert(!names.has(z.name), () => `${fn}: zone names must be unique, got "${z.name}" twice`);
    names.add(z.name);
    assert(
      Array.isArray(z.polygon) && z.polygon.length >= 3 && z.polygon.every(isPoint),
      () => `${fn}: zones[${i}] ("${z.name}") polygon must be at least 3 [x, y] points in finite px, got ${JSON.stringify(z.polygon)}`,
    );
  });
}

/** Throws ConfigError unless `v` is undefined or an integer >= 1. */
export function checkForget(fn: string, v: unknown): void {
  assert(v === undefined || (Number.isInteger(v) && (v as number) >= 1), () => `${fn}: options.forgetAfterFrames must be an integer >= 1, got ${String(v)}`);
}
