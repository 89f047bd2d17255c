/**
 * Progress on stderr: a live bar (cli-progress) on a terminal, and one line
 * per finished sequence otherwise, so CI logs stay readable.
 */
import cliProgress from 'cli-progress';

export class Progress {
  private bar: cliProgress.SingleBar | undefined;
  private current = '';
  private readonly live: boolean;

  constructor(private readonly enabled: boolean) {
    this.live = enabled && process.stderr.isTTY === true;
  }

  frame(name: string, frame: number, total: number): void {
    reportToParent(frame, total);
    if (!this.live) return;
    if (name !== this.current || !this.bar) {
      this.bar?.stop();
      this.current = name;
      this.bar = new cliProgress.SingleBar(
        { format: `${name} [{bar}] {value}/{total} frames  {percentage}%  {eta_formatted} left`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0);
    }
    if (frame % 16 === 0 || frame === total) this.bar.update(frame);
  }

  done(name: string, rows: number, path: string): void {
    this.stop();
    if (this.enabled) process.stderr.write(`${name}: ${rows} rows -> ${path}\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
    this.current = '';
  }
}

let lastIpcReport = 0;

/**
 * Frame counts for `mot worker`, which starts `mot track` with an IPC channel
 * and MOT_PROGRESS_IPC=1 and relays them to BullMQ's job progress. At most a
 * few messages a second, and always the last frame.
 */
function reportToParent(frame: number, total: number): void {
  if (!process.send || process.env.MOT_PROGRESS_IPC !== '1') return;
  const now = Date.now();
  if (frame < total && now - lastIpcReport < 200) return;
  lastIpcReport = now;
  process.send({ type: 'progress', frame, total });
}
