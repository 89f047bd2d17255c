/**
 * Pairs ground-truth and result files by sequence name, in the MOTChallenge
 * layouts TrackEval reads.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '@mot/core';

/** Where one sequence's files are. */
export interface SequencePaths {
  /** Sequence name (the directory name, or seqinfo's when given a single file). */
  readonly name: string;
  readonly gtFile: string;
  readonly resultsFile: string;
  /** `seqinfo.ini` of the sequence, or undefined when there is none. */
  readonly seqInfoFile: string | undefined;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `seqinfo.ini` beside the gt file, or in `<SEQ>/` when the file is `<SEQ>/gt/gt.txt`. */
function seqInfoNear(gtFile: string): string | undefined {
  const dir = dirname(resolve(gtFile));
  const here = join(dir, 'seqinfo.ini');
  if (isFile(here)) return here;
  if (basename(dir) !== 'gt') return undefined;
  const up = join(dirname(dir), 'seqinfo.ini');
  return isFile(up) ? up : undefined;
}

/** Name of the sequence a lone gt file belongs to: `<SEQ>/gt/gt.txt` or `<SEQ>/gt.txt` give SEQ. */
function nameOfGtFile(gtFile: string): string {
  const dir = dirname(resolve(gtFile));
  if (basename(gtFile) === 'gt.txt') return basename(dir) === 'gt' ? basename(dirname(dir)) : basename(dir);
  return basename(gtFile).replace(/\.[^.]*$/, '');
}

/**
 * Finds the sequences to evaluate.
 * - `gt` a file: one sequence; `results` is that sequence's file, or a
 *   directory holding `<SEQ>.txt`.
 * - `gt` a directory: every subdirectory `<SEQ>` with `<SEQ>/gt/gt.txt` or
 *   `<SEQ>/gt.txt` (subdirectories without one are skipped), paired with
 *   `<results>/<SEQ>.txt`; `results` must be a directory.
 * `seqinfo.ini` is looked for beside gt.txt, and in `<SEQ>/` for `<SEQ>/gt/gt.txt`.
 * @param gt path of gt.txt or of a directory of sequences
 * @param results path of a results file or of a directory of `<SEQ>.txt`
 * @returns sequences sorted by name
 * @throws InputError when a path does not exist, no sequence has gt, or a
 *   sequence's results file is missing
 * @example
 * ```ts
 * findSequences('fixtures/mot15', 'out/'); // [{ name: 'ADL-Rundle-6', gtFile: ..., resultsFile: 'out/ADL-Rundle-6.txt', ... }, ...]
 * ```
 */
export function findSequences(gt: string, results: string): SequencePaths[] {
  if (!existsSync(gt)) throw new InputError(`findSequences: gt must be a gt.txt file or a directory of sequences, got a path that does not exist: ${gt}`);
  if (!existsSync(results)) throw new InputError(`findSequences: results must be a results file or a directory of <SEQ>.txt, got a path that does not exist: ${results}`);

  if (!isDir(gt)) {
    const name = nameOfGtFile(gt);
    const resultsFile = isDir(results) ? join(results, `${name}.txt`) : results;
    if (!isFile(resultsFile)) throw new InputError(`findSequences: results for sequence ${name} must exist, got no file ${resultsFile}`);
    return [{ name, gtFile: gt, resultsFile, seqInfoFile: seqInfoNear(gt) }];
  }

  if (!isDir(results)) {
    throw new InputError(`findSequences: results must be a directory of <SEQ>.txt when gt is a directory, got a file: ${results}`);
  }
  const out: SequencePaths[] = [];
  for (const name of readdirSync(gt).sort()) {
    const seqDir = join(gt, name);
    if (!isDir(seqDir)) continue;
    const gtFile = [join(seqDir, 'gt', 'gt.txt'), join(seqDir, 'gt.txt')].find(isFile);
    if (gtFile === undefined) continue;
    const resultsFile = join(results, `${name}.txt`);
    if (!isFile(resultsFile)) throw new InputError(`findSequences: results for sequence ${name} must exist, got no file ${resultsFile}`);
    out.push({ name, gtFile, resultsFile, seqInfoFile: seqInfoNear(gtFile) });
  }
  if (out.length === 0) {
    throw new InputError(`findSequences: gt directory must hold <SEQ>/gt/gt.txt or <SEQ>/gt.txt, got none in ${gt}`);
  }
  return out;
}
