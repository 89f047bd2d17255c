/**
 * Errors thrown by @mot packages. Every message says what was wrong and where:
 * `<fn>: <arg> must be <expected>, got <actual>`, plus `file:line` or the frame
 * index when the input came from a file or a stream.
 */

/** Base class of every error thrown by @mot; catch this to catch them all. */
export class MotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A tensor, matrix or array has the wrong shape or length. */
export class ShapeError extends MotError {}

/** An option or argument has a value outside what the function accepts. */
export class ConfigError extends MotError {}

/**
 * Input read from a file or stream is malformed. `source` is the file path
 * (or a label such as `<stdin>`), `line` is 1-based when known.
 */
export class InputError extends MotError {
  readonly source: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, where: { source?: string; line?: number } = {}, options?: { cause?: unknown }) {
    const prefix =
      where.source === undefined ? '' : where.line === undefined ? `${where.source}: ` : `${where.source}:${where.line}: `;
    super(prefix + message, options);
    this.source = where.source;
    this.line = where.line;
  }
}

/**
 * An output (file or directory) could not be written: the path is wrong, not
 * writable, or the disk is full. `path` is the output named in the message;
 * `code` the system error code (`ENOSPC`, `EACCES`, ...) when there is one.
 */
export class OutputError extends MotError {
  readonly path: string;
  readonly code: string | undefined;

  /** `path` '' leaves the message without the `<path>: ` prefix. */
  constructor(message: string, path: string, code?: string, options?: { cause?: unknown }) {
    super(path === '' ? message : `${path}: ${message}`, options);
    this.path = path;
    this.code = code;
  }
}

/**
 * Throws `new ErrorType(message())` when `condition` is false. The message is
 * built lazily so that hot paths pay nothing when the check passes.
 */
export function assert(condition: unknown, message: () => string, ErrorType: new (message: string) => MotError = ConfigError): asserts condition {
  if (!condition) throw new ErrorType(message());
}
