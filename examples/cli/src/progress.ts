/**
 * Progress on stderr: a live bar (cli-progress) on a terminal; otherwise
 * (a CI log, a pipe, a file) plain lines: one every {@link PLAIN_INTERVAL_MS}
 * while a long input runs, and one per finished input, so a log shows the
 * run is alive without a line per frame.
 */
import cliProgress from 'cli-progress';
import { reportToParent } from './parent-progress.js';

/** Time between two plain progress lines of one input. */
export const PLAIN_INTERVAL_MS = 5000;

export class Progress {
  private bar: cliProgress.SingleBar | undefined;
  private current = '';
  private readonly live: boolean;
  private lastLine = 0;

  /**
   * @param enabled false for --no-progress
   * @param write where lines go (stderr; a test passes its own)
   * @param now clock in ms (a test passes its own)
   */
  constructor(
    private readonly enabled: boolean,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
    private readonly now: () => number = () => performance.now(),
    isTTY: boolean = process.stderr.isTTY === true,
  ) {
    this.live = enabled && isTTY;
  }

  frame(name: string, frame: number, total: number): void {
    reportToParent(frame, total);
    if (!this.enabled) return;
    if (!this.live) {
      if (name !== this.current) {
        this.current = name;
        this.lastLine = this.now();
      } else if (this.now() - this.lastLine >= PLAIN_INTERVAL_MS) {
        this.lastLine = this.now();
        const pct = total > 0 ? ` (${Math.floor((100 * frame) / total)} %)` : '';
        this.write(`${name}: frame ${frame}/${total}${pct}\n`);
      }
      return;
    }
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
    if (this.enabled) this.write(`${name}: ${rows} rows -> ${path}\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
    this.current = '';
  }
}
