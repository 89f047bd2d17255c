import { InputError, MotError } from '@mot/core';

/**
 * A model uses an operation (or an attribute value of one) that the graph
 * runtime cannot run. Thrown at load time, never halfway through a frame.
 */
export class UnsupportedOpError extends MotError {
  /** The op type as the model spells it (`'Conv3D'`, `'Resize'`). */
  readonly opType: string;
  /** The node's name in the model. */
  readonly nodeName: string;

  constructor(opType: string, nodeName: string, detail = '', source?: string) {
    super(
      `${source === undefined ? '' : `${source}: `}unsupported op ${opType} at node '${nodeName}'${detail === '' ? '' : `: ${detail}`}`,
    );
    this.opType = opType;
    this.nodeName = nodeName;
  }
}

/**
 * A model file is missing, truncated or malformed (bad JSON, bad protobuf,
 * weights shorter than the manifest needs). The message starts with the file.
 */
export class ModelLoadError extends InputError {}

/**
 * A node failed while a session ran it (typically a shape that the model does
 * not accept). The message names the node and its op; `cause` holds the
 * kernel's own error.
 */
export class NodeExecutionError extends MotError {
  readonly nodeName: string;
  readonly op: string;

  constructor(op: string, nodeName: string, cause: unknown) {
    super(`run: node '${nodeName}' (${op}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.nodeName = nodeName;
    this.op = op;
  }
}
