import { ConfigError } from '@mot/core';
import type { TrackerOptionValues, TrackerParam } from './tracker.js';

/**
 * Merges user options over the documented defaults and checks each value:
 * unknown names and values of the wrong kind throw a ConfigError naming the
 * tracker, the option and the value.
 */
export function resolveOptions<O extends TrackerOptionValues>(
  tracker: string,
  params: readonly TrackerParam[],
  given: Partial<O> | undefined,
  ranges: Partial<Record<keyof O, { min?: number; max?: number; minExclusive?: boolean }>> = {},
): O {
  const out: TrackerOptionValues = {};
  const known = new Set(params.map((p) => p.name));
  for (const key of Object.keys(given ?? {})) {
    if (!known.has(key)) {
      throw new ConfigError(`${tracker}: unknown option '${key}' (known: ${[...known].join(', ')})`);
    }
  }
  for (const p of params) {
    const raw = (given as Record<string, unknown> | undefined)?.[p.name];
    const value = raw === undefined ? p.default : raw;
    if (p.type === 'boolean') {
      if (typeof value !== 'boolean') throw new ConfigError(`${tracker}: ${p.name} must be true or false, got ${String(raw)}`);
      out[p.name] = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || (p.type === 'integer' && !Number.isInteger(value))) {
      throw new ConfigError(`${tracker}: ${p.name} must be ${p.type === 'integer' ? 'an integer' : 'a finite number'}, got ${String(raw)}`);
    }
    const range = ranges[p.name as keyof O];
    if (range?.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min)) {
      throw new ConfigError(`${tracker}: ${p.name} must be ${range.minExclusive ? '>' : '>='} ${range.min}, got ${value}`);
    }
    if (range?.max !== undefined && value > range.max) {
      throw new ConfigError(`${tracker}: ${p.name} must be <= ${range.max}, got ${value}`);
    }
    out[p.name] = value;
  }
  return out as O;
}
