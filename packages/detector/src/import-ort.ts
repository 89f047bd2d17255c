// onnxruntime-node is an optional dependency: its types must not reach the
// package's public declarations, or a user's strict tsc without it installed
// fails on them. This module is internal (not exported from the index).
import { ConfigError } from '@mot/core';

/** The onnxruntime-node module. */
export type Ort = typeof import('onnxruntime-node');

const FN = 'createOrtEngine';

/**
 * Imports onnxruntime-node, turning "not installed" into a clear error.
 *
 * @param specifier module to import (a parameter so that the failure path can be tested)
 * @throws ConfigError saying how to install the optional dependency
 */
export async function importOrt(specifier = 'onnxruntime-node'): Promise<Ort> {
  try {
    const mod = (await import(specifier)) as Ort & { default?: Ort };
    // CommonJS under ESM: the API may sit on `default`.
    return (mod.InferenceSession === undefined && mod.default !== undefined ? mod.default : mod) as Ort;
  } catch (e) {
    throw new ConfigError(
      `${FN}: backend 'ort' needs the optional dependency onnxruntime-node (pnpm add onnxruntime-node; its CPU binaries ship inside the package), got: ${(e as Error).message.split('\n')[0]}`,
      { cause: e },
    );
  }
}
