/**
 * A real Redis for tests and benches: Debian's `redis-server` started on
 * 127.0.0.1 on a free port, with its own data folder (append-only file on, so
 * a restart keeps the queue), stopped and removed afterwards. Never a mock.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running redis-server child. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly dataDir: string;
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM: it writes its append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

/** The redis-server binary, or undefined when none is installed. */
export function findRedisServer(): string | undefined {
  const env = process.env.MOT_REDIS_SERVER;
  if (env) return env;
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function launch(binary: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dataDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before accepting connections on port ${port}: ${log.trim().slice(-300)}`)));
    // Ready when a PING over TCP answers PONG.
    const deadline = Date.now() + 10_000;
    const poll = () => {
      const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' });
      if (r.stdout?.trim() === 'PONG') {
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(child);
      } else if (Date.now() > deadline) {
        child.kill('SIGKILL');
        reject(new Error(`redis-server did not answer PING on port ${port} within 10 s: ${log.trim().slice(-300)}`));
      } else setTimeout(poll, 50);
    };
    poll();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts redis-server on a free port of 127.0.0.1.
 * @throws Error when redis-server is not installed (`.ci/run` installs Debian's package)
 */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server not found: install Debian\'s redis-server package (apt-get install redis-server) or set MOT_REDIS_SERVER');
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-redis-'));
  const port = await freePort();
  let child = await launch(binary, port, dataDir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dataDir,
    get pid() {
      return child.pid;
    },
    async restart() {
      await stopChild(child);
      child = await launch(binary, port, dataDir);
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
