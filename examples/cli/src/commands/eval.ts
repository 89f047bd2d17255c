// `mot eval`: scores tracker results against MOTChallenge ground truth
// (HOTA, CLEAR MOT, IDF1). A thin wrapper over @mot/metrics'
// evaluateMotChallenge: options in, table to stdout, JSON to a file.
import type { Command } from 'commander';
import { MotError } from '@mot/core';
import { BENCHMARKS, evaluateMotChallenge, formatSummaryTable, type Benchmark, type ClearRules, type MetricsSummary } from '@mot/metrics';
import { writeFileAtomic } from '@mot/motchallenge';
import { reportError } from '../exit-codes.js';

/** Options of `mot eval` as commander hands them over (all strings). */
export interface EvalCommandOptions {
  gt: string;
  results: string;
  benchmark: string;
  threshold: string;
  clearRules: string;
  json?: string;
  /** false with --no-progress. */
  progress?: boolean;
}

const CLEAR_RULES: readonly ClearRules[] = ['trackeval', 'motmetrics'];

class UsageError extends MotError {}

/**
 * Runs the evaluation and prints the table.
 * @returns the exit code: 0 on success, 1 on a user error (reported on stderr)
 */
export async function run(options: EvalCommandOptions): Promise<number> {
  try {
    const benchmark = options.benchmark;
    if (benchmark !== 'auto' && !BENCHMARKS.includes(benchmark as Benchmark)) {
      throw new UsageError(`--benchmark must be auto or one of ${BENCHMARKS.join(', ')}, got ${benchmark}`);
    }
    const threshold = Number(options.threshold);
    if (options.threshold.trim() === '' || !(threshold > 0 && threshold <= 1)) {
      throw new UsageError(`--threshold must be an IoU in (0, 1], got ${options.threshold}`);
    }
    if (!CLEAR_RULES.includes(options.clearRules as ClearRules)) {
      throw new UsageError(`--clear-rules must be one of ${CLEAR_RULES.join(', ')}, got ${options.clearRules}`);
    }

    // A folder of sequences: one plain line on stderr per sequence scored
    // (stdout stays the table), so a long evaluation shows it is moving.
    const t0 = performance.now();
    const ev = evaluateMotChallenge({
      gt: options.gt,
      results: options.results,
      benchmark: benchmark as Benchmark | 'auto',
      threshold,
      clearRules: options.clearRules as ClearRules,
      onProgress: (p) => {
        if (options.progress === false || p.total < 2 || p.phase !== 'scored') return;
        process.stderr.write(`mot eval: ${p.done}/${p.total} sequences scored (${p.name}), ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      },
    });
    for (const w of ev.warnings) process.stderr.write(`mot eval: warning: ${w}\n`);

    if (options.json !== undefined) {
      const sequences: Record<string, MetricsSummary> = {};
      for (const s of ev.sequences) sequences[s.name] = s.summary;
      writeFileAtomic(options.json, JSON.stringify({ sequences, combined: ev.combined.summary }, null, 2) + '\n');
    }
    process.stdout.write(
      `${ev.benchmark} protocol, IoU ${threshold}, ${ev.sequences.length} sequence${ev.sequences.length === 1 ? '' : 's'}; ratios in %\n`,
    );
    process.stdout.write(formatSummaryTable([...ev.sequences, ev.combined]));
    return 0;
  } catch (err) {
    return reportError('eval', err);
  }
}

/** Adds `mot eval` to the program. */
export function register(program: Command): void {
  program
    .command('eval')
    .description('score tracker results against MOTChallenge ground truth: HOTA, CLEAR MOT (MOTA), IDF1')
    .requiredOption('--gt <path>', 'gt.txt of one sequence, or a directory of <SEQ>/gt/gt.txt (or <SEQ>/gt.txt) with seqinfo.ini')
    .requiredOption('--results <path>', 'results file, or a directory of <SEQ>.txt')
    .option('--benchmark <name>', `preprocessing: ${BENCHMARKS.join(', ')} or auto (MOT17 if gt has classes, else MOT15)`, 'auto')
    .option('--threshold <iou>', 'IoU threshold of CLEAR and IDF1', '0.5')
    .option('--clear-rules <rules>', 'CLEAR matching and counting rules: trackeval or motmetrics', 'trackeval')
    .option('--json <file>', 'also write {"sequences": {...}, "combined": {...}} to this file')
    .option('--no-progress', 'no progress lines on stderr (printed for a folder of sequences)')
    .action(async (opts: EvalCommandOptions) => {
      process.exitCode = await run(opts);
    });
}
