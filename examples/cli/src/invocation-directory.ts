/**
 * Relative paths on the command line mean the directory the user typed the
 * command in. Run directly (`mot`, `npx mot`, `node .../bin/mot.js`) that is
 * the process's working directory already. Run through a package script
 * named `mot` (`pnpm mot ...` / `npm run mot -- ...` in this repository),
 * the package manager starts the script at the package root and keeps the
 * user's directory in INIT_CWD, so the process moves there first.
 *
 * Only for a script named `mot`: other scripts that call `mot` conventionally
 * give paths relative to their package root, which is where they run.
 */
export function useInvocationDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const initCwd = env.INIT_CWD;
  if (env.npm_lifecycle_event !== 'mot' || initCwd === undefined || initCwd === '' || initCwd === process.cwd()) return undefined;
  process.chdir(initCwd);
  return initCwd;
}
