/**
 * Progress of a video run on stderr: a live bar with frames/s and ETA on a
 * terminal (cli-progress), and a plain line every few seconds otherwise, so
 * logs show the run is alive without a line per frame.
 */
import cliProgress from 'cli-progress';
import { reportToParent } from './parent-progress.js';

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_EVERY_S = 5;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const r = Math.round(s);
  return r >= 60 ? `${Math.floor(r / 60)}m ${r % 60}s` : `${r}s`;
}

export class FrameProgress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly started = performance.now();
  private lastPlain = performance.now();
  private done = 0;

  /**
   * @param name shown before the counts (the input)
   * @param total frames expected (0 when unknown)
   * @param enabled false for `--no-progress`
   */
  constructor(
    private readonly name: string,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {
    if (enabled && process.stderr.isTTY === true) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `${name} [{bar}] {value}/{total} frames  {fps} frames/s  ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(Math.max(total, 1), 0, { fps: '0.0' });
    }
  }

  /** Frames per second so far. */
  get fps(): number {
    return this.done / ((performance.now() - this.started) / 1000);
  }

  /** One more frame done. */
  frame(): void {
    this.done++;
    reportToParent(this.done, this.total);
    if (!this.enabled) return;
    if (this.bar !== undefined) {
      this.bar.update(this.done, { fps: this.fps.toFixed(1) });
      return;
    }
    const now = performance.now();
    if ((now - this.lastPlain) / 1000 >= PLAIN_EVERY_S) {
      this.lastPlain = now;
      const eta = this.total > 0 ? ` ETA ${formatSeconds((this.total - this.done) / this.fps)}` : '';
      const of = this.total > 0 ? `/${this.total}` : '';
      process.stderr.write(`${this.name}: ${this.done}${of} frames, ${this.fps.toFixed(2)} frames/s${eta}\n`);
    }
  }

  /** Stops the bar (the terminal line is left as it was). */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
