/**
 * Exit codes of `mot`, in one place so that every command maps errors the
 * same way (documented in examples/cli/README.md):
 *
 *   0    done
 *   1    bad input or configuration: a malformed file, a wrong option (InputError, ConfigError, ShapeError, usage)
 *   2    an output could not be written: path, permission, disk full, size limit (OutputError)
 *   70   internal error: an exception that is not a @mot error, i.e. a bug (EX_SOFTWARE of sysexits.h)
 *   130  interrupted by SIGINT (Ctrl-C; 128 + 2, set by the shell)
 *   143  terminated by SIGTERM (128 + 15)
 *
 * Outputs are written atomically, so an interrupted or failed run leaves no
 * half-written file at the output path.
 */
import { MotError, OutputError } from '@mot/core';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_OUTPUT = 2;
export const EXIT_INTERNAL = 70;

/** The exit code for an error a command caught. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof OutputError) return EXIT_OUTPUT;
  if (err instanceof MotError) return EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}

/**
 * Writes the one-line report of `err` to stderr (`mot <command>: <message>`)
 * (`mot: ...` when `command` is '') and returns its exit code. Errors that are not @mot errors are bugs: their
 * message still fits on one line, with a request to report it.
 */
export function reportError(command: string, err: unknown): number {
  const code = exitCodeFor(err);
  const message = err instanceof Error ? err.message : String(err);
  const suffix = code === EXIT_INTERNAL ? ' (internal error: please report it with the command line)' : '';
  process.stderr.write(`${command === '' ? 'mot' : `mot ${command}`}: ${message.split('\n')[0]}${suffix}\n`);
  return code;
}
