/**
 * Errors across a worker boundary. A structured clone of an Error keeps only
 * its message and, for built-in classes, its name, so the typed @mot errors
 * (ShapeError, ModelLoadError, ...) are sent as plain data and rebuilt with
 * their class on the other side.
 */
import { ConfigError, InputError, MotError, ShapeError } from '@mot/core';
import { ModelLoadError, NodeExecutionError, UnsupportedOpError } from '@mot/runtime';

/** An error as it crosses `postMessage`. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own enumerable fields of the error (`source`, `line`, `opType`, `nodeName`, ...). */
  readonly fields: Record<string, unknown>;
}

const CLASSES: Record<string, new (...args: never[]) => Error> = {
  MotError,
  ShapeError,
  ConfigError,
  InputError,
  ModelLoadError,
  UnsupportedOpError,
  NodeExecutionError,
};

/** Plain-data form of any thrown value. */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), stack: undefined, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k !== 'name' && k !== 'message' && k !== 'stack' && k !== 'cause' && (typeof v === 'string' || typeof v === 'number')) fields[k] = v;
  }
  return { name: e.name, message: e.message, stack: e.stack, fields };
}

/** The error again, as an instance of its @mot class when it had one (else a plain Error with its name). */
export function deserializeError(s: SerializedError): Error {
  const Cls = CLASSES[s.name] ?? Error;
  // Built without running the class's own constructor, whose arguments differ
  // from class to class: the message is already final.
  const e = Reflect.construct(Error, [s.message], Cls) as Error & Record<string, unknown>;
  e.name = s.name;
  Object.assign(e, s.fields);
  if (s.stack !== undefined) e.stack = s.stack;
  return e;
}
