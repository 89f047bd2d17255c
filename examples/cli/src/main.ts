// Entry point of the `mot` command: it only wires the subcommands, each of
// which lives in commands/<name>.ts and exports `register(program)`.
import { Command } from 'commander';

// --- subcommands ---
import { register as registerTrack } from './commands/track.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerModelInfo } from './commands/model-info.js';
import { register as registerDetect } from './commands/detect.js';
import { register as registerQueue } from './commands/queue.js';
import { register as registerWorker } from './commands/worker.js';
// --- end subcommands ---

// Started by `mot worker` with an IPC channel: when the channel closes the
// worker is gone (killed, even by SIGKILL), and this job must not run on alone.
// The channel itself must not keep this process alive once its work is done.
if (process.send) {
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

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
registerQueue(program);
registerWorker(program);
// --- end register ---

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Commands report user errors themselves and set the exit code; anything that
  // reaches here is one line on stderr and exit 1, never a stack trace dump.
  process.stderr.write(`mot: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
