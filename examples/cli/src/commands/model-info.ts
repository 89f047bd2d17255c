// `mot model-info <model>`: per-layer output shape, parameters, MACs and
// receptive field of a model file (TensorFlow.js model.json or .onnx, read by
// @mot/detector's graph runtime) or of a built-in architecture, with totals.
// A thin wrapper over @mot/cnn's analyzeModel and @mot/detector's analyzeModelFile.
import type { Command } from 'commander';
import { MotError } from '@mot/core';
import { BUILTIN_MODEL_NAMES, analyzeModel, builtinModel, type LayerAnalysis, type ModelAnalysis, type ReceptiveField } from '@mot/cnn';
import { analyzeModelFile } from '@mot/runtime';

/** Options of `mot model-info` as commander hands them over. */
export interface ModelInfoOptions {
  json?: boolean;
  input?: string;
  bnRunningStats?: boolean;
}

class UsageError extends MotError {}

const group = (n: number): string => n.toLocaleString('en-US');
const rf = (r: ReceptiveField): string => `${r.size}/${r.jump}/${r.start}`;
const scaled = (n: number, unit: string): string =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} G${unit}` : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M${unit}` : `${group(n)} ${unit}`.trim();

/** The per-layer table: one row per layer, right-aligned numbers, then the totals. */
export function formatModelTable(a: ModelAnalysis): string {
  const head = ['layer', 'type', 'output', 'params', 'MACs', 'RF size/jump/start'];
  const rows = a.layers.map((l: LayerAnalysis) => {
    const field = rf(l.receptiveField) === rf(l.receptiveFieldW) ? rf(l.receptiveField) : `${rf(l.receptiveField)} x ${rf(l.receptiveFieldW)}`;
    return [l.name, l.type, l.outputShape.join('x'), group(l.params), group(l.macs), field];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const right = new Set([3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [
    `input ${a.inputShape.join('x')}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${a.layers.length} layers; params ${group(a.totals.params)} (${scaled(a.totals.params, '')}); ` +
      `MACs ${group(a.totals.macs)} (${scaled(a.totals.macs, '')}, about ${scaled(2 * a.totals.macs, 'FLOP')})`,
    'MACs count conv and fc multiply-accumulates; RF in input px (start: centre of the first unit).',
    '',
  ].join('\n');
}

/**
 * Analyses `target` (a built-in name, a model.json or an .onnx path) and prints the table.
 * @returns the exit code: 0 on success, 1 on a user error (reported on stderr)
 */
export async function run(target: string, options: ModelInfoOptions = {}): Promise<number> {
  try {
    let analysis: ModelAnalysis;
    if (BUILTIN_MODEL_NAMES.includes(target)) {
      let model: { layers: Parameters<typeof analyzeModel>[0]; inputShape: readonly number[] } = builtinModel(target);
      if (options.input !== undefined) {
        const dims = options.input.split('x').map(Number);
        if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d > 0)) {
          throw new UsageError(`--input must be CxHxW with positive integers (e.g. 3x224x224), got ${options.input}`);
        }
        model = { ...model, inputShape: dims };
      }
      analysis = analyzeModel(model.layers, model.inputShape, { bnRunningStats: options.bnRunningStats === true });
    } else {
      if (options.input !== undefined) throw new UsageError('--input applies to built-in models only; a model file fixes its own input size');
      analysis = await analyzeModelFile(target);
    }
    process.stdout.write(options.json === true ? JSON.stringify(analysis, null, 2) + '\n' : formatModelTable(analysis));
    return 0;
  } catch (err) {
    if (!(err instanceof MotError)) throw err;
    const hint = /ENOENT|must end in \.json/.test(err.message) ? ` (built-in models: ${BUILTIN_MODEL_NAMES.join(', ')})` : '';
    process.stderr.write(`mot model-info: ${err.message}${hint}\n`);
    return 1;
  }
}

/** Adds `mot model-info` to the program. */
export function register(program: Command): void {
  program
    .command('model-info')
    .description('per-layer output shape, parameters, MACs and receptive field of a model, with totals')
    .argument('<model>', `a TensorFlow.js graph model.json or an .onnx file (e.g. packages/detector/models/nanodet/nanodet.onnx), or a built-in: ${BUILTIN_MODEL_NAMES.join(', ')}`)
    .option('--json', 'print the analysis as JSON instead of a table')
    .option('--input <CxHxW>', 'input size for a built-in model (default: its own, e.g. 3x224x224)')
    .option('--bn-running-stats', 'count batch-norm running mean and variance as parameters (4C instead of 2C)')
    .action(async (model: string, opts: ModelInfoOptions) => {
      process.exitCode = await run(model, opts);
    });
}
