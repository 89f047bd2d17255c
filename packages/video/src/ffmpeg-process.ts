/**
 * Plumbing shared by the readers: checking the input file, spawning ffmpeg or
 * ffprobe, keeping the tail of their stderr and waiting for their exit.
 * Internal to @mot/video.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { VideoSourceError } from './errors.js';

/** How a child process ended. `error` is set when it could not be spawned at all. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/** Throws a VideoSourceError unless `path` is an existing, readable regular file. */
export async function checkSourceFile(fn: string, path: string): Promise<void> {
  let why: string | undefined;
  try {
    if (!(await stat(path)).isFile()) why = 'a directory or special file';
    else await access(path, constants.R_OK);
  } catch (e) {
    why = (e as NodeJS.ErrnoException).code ?? String(e);
  }
  if (why !== undefined) {
    throw new VideoSourceError(`${fn}: path must be an existing readable file, got ${why}`, { source: path });
  }
}

/** Bytes of stderr kept: enough for the last few lines, bounded on a chatty ffmpeg. */
const STDERR_TAIL_BYTES = 8192;

/**
 * Drains a stderr stream (an undrained pipe would block ffmpeg once full) and
 * keeps its tail, so an error can quote ffmpeg's own last words.
 */
export class StderrTail {
  private text = '';
  readonly ended: Promise<void>;

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.text += chunk;
      if (this.text.length > 2 * STDERR_TAIL_BYTES) this.text = this.text.slice(-STDERR_TAIL_BYTES);
    });
    this.ended = new Promise((resolve) => {
      stream.once('close', resolve);
      stream.once('end', resolve);
      stream.once('error', () => resolve());
    });
  }

  /** The last non-empty line, trimmed; undefined when the tool said nothing. */
  lastLine(): string | undefined {
    const lines = this.text.split(/\r?\n|\r/).map((l) => l.trim());
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i] !== '') return lines[i];
    return undefined;
  }
}

/** Resolves when the process has exited and been reaped (or failed to spawn). */
export function waitExit(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      // 'error' also fires when kill() fails on a live process; only a child
      // that never got a pid failed to spawn.
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
  });
}

/** True while the child has neither exited nor been killed. */
export function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** How a tool's exit reads in an error message. */
export function describeExit(status: ExitStatus): string {
  if (status.error !== undefined) return `could not be started (${status.error.message})`;
  if (status.signal !== null) return `was killed by ${status.signal}`;
  return `exited with code ${status.code}`;
}

/**
 * Runs a tool to completion, collecting all of stdout (only for small outputs:
 * ffprobe's JSON, one decoded image).
 */
export async function runTool(
  bin: string,
  args: readonly string[],
): Promise<{ status: ExitStatus; stdout: Buffer; stderr: StderrTail }> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = waitExit(child);
  const stderr = new StderrTail(child.stderr);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const stdoutDone = new Promise<void>((resolve) => {
    child.stdout.once('close', resolve);
    child.stdout.once('error', () => resolve());
  });
  const status = await exit;
  await Promise.all([stdoutDone, stderr.ended]);
  return { status, stdout: Buffer.concat(chunks), stderr };
}
