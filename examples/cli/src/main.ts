// Entry point of the `mot` command: it only wires the subcommands, each of
// which lives in commands/<name>.ts and exports `register(program)`.
import { Command } from 'commander';
import { reportError } from './exit-codes.js';

// --- subcommands ---
import { register as registerTrack } from './commands/track.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerModelInfo } from './commands/model-info.js';
import { register as registerDetect } from './commands/detect.js';
// --- end subcommands ---

// A file size limit (`ulimit -f`) sends SIGXFSZ, whose default action kills
// the process without a word; with a listener the write fails with EFBIG
// instead and the command reports it as one line (exit 2).
process.on('SIGXFSZ', () => {});

const program = new Command();
program
  .name('mot')
  .description('Multi-object tracking in Node.js: track, evaluate, inspect models.')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

// --- register ---
registerTrack(program);
registerEval(program);
registerModelInfo(program);
registerDetect(program);
// --- end register ---

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Commands report user errors themselves and set the exit code; anything that
  // reaches here is one line on stderr and exit 1, never a stack trace dump.
  process.exitCode = reportError('', err);
}
