/**
 * Which video encoders the resolved ffmpeg binary has, asked once per binary
 * (`ffmpeg -encoders`) and cached: builds differ (a static build has libx264,
 * a distribution's LGPL build may not).
 */
import { runTool } from './ffmpeg-process.js';

const cache = new Map<string, Promise<ReadonlySet<string>>>();

/** Parses `ffmpeg -encoders` output: lines like ` V..... libx264   libx264 H.264 ...`. @internal */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*[VAS][.A-Z]{5}\s+(\S+)/.exec(line);
    if (m !== null && m[1] !== '=') names.add(m[1]);
  }
  return names;
}

/** The encoder names of `ffmpeg` (the binary's path); empty when it could not be run. */
export function ffmpegEncoders(ffmpeg: string): Promise<ReadonlySet<string>> {
  let found = cache.get(ffmpeg);
  if (found === undefined) {
    found = runTool(ffmpeg, ['-hide_banner', '-encoders']).then(({ status, stdout }) =>
      status.code === 0 ? parseEncoderList(stdout.toString('utf8')) : new Set<string>(),
    );
    cache.set(ffmpeg, found);
  }
  return found;
}
