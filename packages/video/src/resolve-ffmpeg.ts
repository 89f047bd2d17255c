/**
 * Finds the ffmpeg and ffprobe binaries: an explicit environment variable, then
 * the binaries shipped inside the npm installer packages, then the PATH.
 */
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';
import { VideoSourceError } from './errors.js';

/** Where a binary was found. */
export type FfmpegSource = 'env' | 'installer' | 'path';

/** The binaries every @mot/video function runs. */
export interface FfmpegTools {
  /** Absolute path (or the env value as given) of the ffmpeg binary. */
  readonly ffmpeg: string;
  /** Path of the ffprobe binary. */
  readonly ffprobe: string;
  /** Where ffmpeg was found. */
  readonly source: FfmpegSource;
  /** Where ffprobe was found (usually the same as `source`). */
  readonly ffprobeSource: FfmpegSource;
}

const require = createRequire(import.meta.url);

/** Paths the npm installer packages report; undefined when the package or its platform binary is absent. */
function installerPath(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): () => string | undefined {
  return () => {
    try {
      // Both packages compute the platform binary's path at require time and
      // throw (sometimes a bare string) when the platform package is missing.
      return (require(pkg) as { path?: string }).path;
    } catch {
      return undefined;
    }
  };
}

/** Why `path` is not a runnable binary, or undefined when it is one. */
function notExecutable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'not a file';
    accessSync(path, constants.X_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? String(e);
  }
}

/**
 * Makes an installer binary executable when the package manager skipped the
 * installer's own `chmod u+x` postinstall (`npm install --ignore-scripts`,
 * pnpm without the package in onlyBuiltDependencies, a tarball unpacked by
 * hand). Adds execute wherever read is set, as chmod +x would.
 * @returns why it is still not runnable, or undefined when it now is
 */
function makeExecutable(path: string): string | undefined {
  try {
    const { mode } = statSync(path);
    chmodSync(path, mode | ((mode & 0o444) >> 2));
  } catch (e) {
    return `not executable and chmod failed (${(e as NodeJS.ErrnoException).code ?? String(e)}): run chmod +x on it`;
  }
  return notExecutable(path);
}

/**
 * Resolves one tool through the three tiers. Exported for the tests, which
 * swap the installer lookup and the environment; use {@link resolveFfmpeg}.
 * @internal
 */
export function resolveTool(
  tool: 'ffmpeg' | 'ffprobe',
  envVar: string,
  env: NodeJS.ProcessEnv,
  installer: () => string | undefined,
): { path: string; source: FfmpegSource } {
  const fromEnv = env[envVar];
  if (fromEnv !== undefined && fromEnv !== '') {
    // An explicit choice that does not work is an error, not a reason to fall
    // back silently to another binary the user did not ask for.
    const why = notExecutable(fromEnv);
    if (why !== undefined) {
      throw new VideoSourceError(`resolveFfmpeg: ${envVar} must name an executable file, got '${fromEnv}' (${why})`, {
        source: tool,
      });
    }
    return { path: fromEnv, source: 'env' };
  }
  const tried: string[] = [`${envVar} (not set)`];
  const fromInstaller = installer();
  if (fromInstaller !== undefined) {
    let why = notExecutable(fromInstaller);
    // Only inside node_modules: the installer's own file, never one a user named.
    if (why === 'EACCES' && fromInstaller.includes(`${sep}node_modules${sep}`)) why = makeExecutable(fromInstaller);
    if (why === undefined) return { path: fromInstaller, source: 'installer' };
    tried.push(`installer binary ${fromInstaller} (${why})`);
  } else {
    tried.push(`the npm installer package (not installed for ${process.platform}-${process.arch})`);
  }
  const name = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (notExecutable(candidate) === undefined) return { path: candidate, source: 'path' };
  }
  tried.push(`'${name}' on PATH (${dirs.length} directories)`);
  throw new VideoSourceError(`resolveFfmpeg: ${tool} must be installed, tried ${tried.join(', ')}`, { source: tool });
}

/**
 * Finds ffmpeg and ffprobe, each independently, in this order:
 * 1. `MOT_FFMPEG` / `MOT_FFPROBE` environment variables (must be executable if set);
 * 2. the binaries of the `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`
 *    npm packages (dependencies of this package);
 * 3. `ffmpeg` / `ffprobe` on the PATH.
 *
 * Each candidate must be a file the process may execute (`fs.accessSync(X_OK)`).
 * An installer binary that is not executable (its package's postinstall did
 * not run) is made executable here when the file is writable; otherwise the
 * error says to chmod it.
 * Cheap enough to call per video (a few stat calls; the installer packages are
 * required once and cached by Node).
 *
 * @returns the two paths and where they came from
 * @throws {VideoSourceError} when an env variable names a non-executable file, or no tier has the tool (the message lists what was tried)
 * @example
 * ```ts
 * const { ffmpeg, source } = resolveFfmpeg(); // e.g. '/…/linux-x64/ffmpeg', 'installer'
 * ```
 */
export function resolveFfmpeg(): FfmpegTools {
  const ffmpeg = resolveTool('ffmpeg', 'MOT_FFMPEG', process.env, installerPath('@ffmpeg-installer/ffmpeg'));
  const ffprobe = resolveTool('ffprobe', 'MOT_FFPROBE', process.env, installerPath('@ffprobe-installer/ffprobe'));
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, source: ffmpeg.source, ffprobeSource: ffprobe.source };
}
