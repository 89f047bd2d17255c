#!/usr/bin/env node
// Makes the README's still: runs the README's first command (mot track on the
// sample video, writing an annotated mp4) unless the mp4 is given, then cuts
// one frame out of it as a PNG with ffmpeg.
//
//   node scripts/make-readme-still.mjs [--backend ort]        -> docs/images/tud-campus-annotated.png
//   node scripts/make-readme-still.mjs annotated.mp4 out.png [--frame 40]
//
// --backend is passed to mot track (the README's command uses the default,
// our own core; 'ort' gives the same boxes to within rounding, much faster).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const frameFlag = args.indexOf('--frame');
const frame = frameFlag >= 0 ? Number(args.splice(frameFlag, 2)[1]) : 40;
const backendFlag = args.indexOf('--backend');
const backend = backendFlag >= 0 ? ['--backend', args.splice(backendFlag, 2)[1]] : [];
let [video, out] = args;
out ??= join(root, 'docs/images/tud-campus-annotated.png');

/** ffmpeg as @mot/video finds it: MOT_FFMPEG, the npm installer's binary, then the PATH. */
function ffmpegPath() {
  if (process.env.MOT_FFMPEG) return process.env.MOT_FFMPEG;
  try {
    return createRequire(join(root, 'packages/video/package.json'))('@ffmpeg-installer/ffmpeg').path;
  } catch {
    return 'ffmpeg';
  }
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`make-readme-still: ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

let work;
if (video === undefined) {
  work = mkdtempSync(join(tmpdir(), 'mot-still-'));
  video = join(work, 'TUD-Campus-annotated.mp4');
  // The README's first command.
  run(process.execPath, [join(root, 'examples/cli/bin/mot.js'), 'track', 'fixtures/video/TUD-Campus.mp4',
    '-o', join(work, 'TUD-Campus.txt'), '--annotated', video, ...backend]);
}
// select the frame by number (0-based), one frame, PNG.
run(ffmpegPath(), ['-hide_banner', '-v', 'error', '-y', '-i', video, '-vf', `select=eq(n\\,${frame})`, '-frames:v', '1', out]);
if (work) rmSync(work, { recursive: true, force: true });
console.log(`make-readme-still: frame ${frame} of ${video} -> ${out}`);
