import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `mot` entry script. */
export const MOT_BIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../examples/cli/bin/mot.js');

/** Runs `mot <args>` to completion; returns exit code and output. */
export function runMot(args: readonly string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MOT_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const started = new Set<ChildProcess>();

/**
 * Starts `mot <args>` in the background (stderr collected). Call
 * killStartedMots() in the suite's `after`: a test that fails half-way must not
 * leave a worker behind, since it would keep the test process (and CI) alive.
 */
export function startMot(args: readonly string[]) {
  const child = spawn(process.execPath, [MOT_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => (stderr += s));
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

/** SIGKILLs every `startMot` child still running; resolves when they are gone. */
export async function killStartedMots(): Promise<void> {
  const live = [...started];
  await Promise.all(
    live.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

/** Pids of live processes whose command line contains `needle` (Linux /proc). */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) out.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}
