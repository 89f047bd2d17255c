// Entry point of the `mot` command (bin/mot.js imports this): the program is
// built in program.ts with only the command being run imported.
import { useInvocationDirectory } from './invocation-directory.js';
import { buildProgram, commandName } from './program.js';

useInvocationDirectory();
try {
  const program = await buildProgram(commandName(process.argv.slice(2)));
  await program.parseAsync(process.argv);
} catch (err) {
  // Commands report user errors themselves and set the exit code; anything that
  // reaches here is one line on stderr and exit 1, never a stack trace dump.
  process.stderr.write(`mot: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
