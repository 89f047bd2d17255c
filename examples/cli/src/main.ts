// Entry point of the `mot` command (bin/mot.js imports this): the program is
// built in program.ts with only the command being run imported.
import { useInvocationDirectory } from './invocation-directory.js';
import { buildProgram, commandName } from './program.js';
import { reportError } from './exit-codes.js';

// Started by `mot worker` with an IPC channel: when the channel closes the
// worker is gone (killed, even by SIGKILL), and this job must not run on alone.
// The channel itself must not keep this process alive once its work is done.
if (process.send) {
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

// A file size limit (`ulimit -f`) sends SIGXFSZ, whose default action kills
// the process without a word; with a listener the write fails with EFBIG
// instead and the command reports it as one line (exit 2).
process.on('SIGXFSZ', () => {});

useInvocationDirectory();
try {
  const program = await buildProgram(commandName(process.argv.slice(2)));
  await program.parseAsync(process.argv);
} catch (err) {
  // Commands report user errors themselves and set the exit code; anything that
  // reaches here is one line on stderr and exit 1, never a stack trace dump.
  process.exitCode = reportError('', err);
}
