/**
 * `mot track <video | image folder>` as a user runs it: spawned as a process
 * on a lavfi-made video (detections from a det.txt so no model loads), on the
 * real sample through the real detector (onnxruntime, a few frames), Ctrl-C,
 * and every bad input of the issue: one clear line, exit 1, no output file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SortTracker } from '@mot/deepsort';
import { formatMotRows } from '@mot/pipeline';
import { resolveFfmpeg } from '@mot/video';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CROSSING_SCENE as SCENE,
  expectedDetections,
  ffmpegCli,
  HAS_PROC,
  tempDir,
  writeSceneImages,
  writeSceneVideo,
} from '../../../packages/pipeline/src/test-support.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');
const TUD = join(ROOT, 'fixtures/video/TUD-Campus.mp4');

function mot(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [MOT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = tempDir();
const VIDEO = writeSceneVideo(SCENE, join(work, 'crossing.mkv'));
/** The scene's geometry as a det.txt: what a perfect detector finds (class = box index). */
const DET = join(work, 'crossing-det.txt');
writeFileSync(
  DET,
  Array.from({ length: SCENE.frames }, (_, n) =>
    expectedDetections(SCENE, n)
      .map((d) => `${n + 1},-1,${d.box.join(',')},1,${d.classId},-1,-1\n`)
      .join(''),
  ).join(''),
);
/** What `-o` must hold: SORT fed the same detections, formatted frame by frame. */
function expectedRows(frames = SCENE.frames): string {
  const sort = new SortTracker();
  let text = '';
  for (let n = 0; n < frames; n++) {
    const tracks = sort.update(expectedDetections(SCENE, n));
    text += formatMotRows({ frame: { index: n, timeMs: 0, width: 0, height: 0, data: new Uint8Array(0) }, detections: [], tracks });
  }
  return text;
}

const cli = suite('mot track <video | image folder>');

cli('a video with --detections: MOT rows equal SORT on the same detections, JSON has one line per frame', () => {
  const out = join(work, 'out', 'tracks.txt');
  const json = join(work, 'out', 'frames.jsonl');
  const r = mot(['track', VIDEO, '--detections', DET, '-o', out, '--json', json]);
  assert.is(r.status, 0, r.stderr);
  assert.is(readFileSync(out, 'utf8'), expectedRows());
  const lines = readFileSync(json, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, SCENE.frames);
  assert.equal(Object.keys(lines[0]), ['frame', 'index', 'timeMs', 'detections', 'tracks']);
  assert.equal(lines[18].detections, [
    { box: [80, 40, 24, 48], score: 1, classId: 0, class: 'person' },
    { box: [88, 28, 12, 72], score: 1, classId: 1, class: 'bicycle' },
    { box: [40, 104, 20, 16], score: 1, classId: 2, class: 'car' },
  ]);
  assert.equal(lines[18].tracks.map((t: { id: number }) => t.id).sort(), [1, 2, 3]);
  assert.is(lines[18].timeMs, 720);
  // The closing line names the frames and the outputs; nothing is left but the two files.
  assert.match(r.stderr, new RegExp(`crossing\\.mkv: ${SCENE.frames} frames, [0-9.]+ frames/s -> .*tracks\\.txt, .*frames\\.jsonl`));
  assert.equal(readdirSync(join(work, 'out')).sort(), ['frames.jsonl', 'tracks.txt']);
});

cli('an image folder (MOTChallenge layout with img1/) gives the same rows; no output flag writes them to stdout', () => {
  const seq = join(work, 'SEQ');
  mkdirSync(join(seq, 'img1'), { recursive: true });
  writeSceneImages(SCENE, join(seq, 'img1'));
  const r = mot(['track', seq, '--detections', DET, '--no-progress']);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, expectedRows());
  assert.is(r.stderr, '');
});

cli('--min-height and --score filter detections before tracking', () => {
  // Blue (16 px tall) goes below --min-height 20: only red and green are tracked.
  const json = join(work, 'filtered.jsonl');
  const r = mot(['track', VIDEO, '--detections', DET, '--min-height', '20', '--json', json, '--no-progress']);
  assert.is(r.status, 0, r.stderr);
  const lines = readFileSync(json, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.every((l) => l.detections.length === 2 && l.detections.every((d: { classId: number }) => d.classId !== 2)));
  const none = mot(['track', VIDEO, '--detections', DET, '--score', '1', '--max-frames', '2', '--no-progress']);
  assert.is(none.status, 0, none.stderr);
  assert.is(none.stdout.trim().split('\n').length, 6); // score 1 passes ">= 1": 3 boxes x 2 frames
});

cli('--count-line and --zone on the synthetic crossing: hand-computed counts in the JSON lines', () => {
  const json = join(work, 'counts.jsonl');
  const video = join(work, 'counts.mp4');
  // A vertical line x = 100 drawn top to bottom: 'in' is towards its right-hand
  // side walking from a to b, i.e. cross(b - a, p - a) > 0, which is x < 100.
  // Red's bottom-centre (20 + 4n) passes x = 100 going right: one 'out' (its box
  // shrinks while green covers it, so the exact frame is 18-21). Green's (166 - 4n)
  // passes going left on frame 17 (102 -> 98): one 'in'. Blue's (14 + 2n) stays left.
  // Zone x in [0, 60]: red (20 + 4n) inside until frame 10, blue until frame 22,
  // green from frame 27 on.
  const r = mot(['track', VIDEO, '--detections', DET, '--count-line', '100,0,100,128,door', '--zone', '0,0,60,0,60,128,0,128,left', '--json', json, '--annotated', video, '--no-progress']);
  assert.is(r.status, 0, r.stderr);
  const lines = readFileSync(json, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const last = lines[lines.length - 1];
  assert.equal(last.lines[0].name, 'door');
  assert.equal(last.lines[0].in, { 1: 1 });
  assert.equal(last.lines[0].out, { 0: 1 });
  const crossed = lines.flatMap((l) => l.lines[0].crossed.map((c: { classId: number; direction: string }) => [l.index, c.classId, c.direction]));
  assert.is(crossed.length, 2);
  assert.equal(crossed.find((c: unknown[]) => c[1] === 1), [17, 1, 'in']);
  const red = crossed.find((c: unknown[]) => c[1] === 0) as [number, number, string];
  assert.ok(red[0] >= 18 && red[0] <= 21 && red[2] === 'out', JSON.stringify(red));
  assert.equal(lines[5].zones[0].count, { 0: 1, 2: 1 });
  assert.equal(lines[15].zones[0].count, { 2: 1 });
  assert.equal(lines[30].zones[0].count, { 1: 1 });
  assert.ok(existsSync(video));
});

cli("the README's first command (with --backend ort): tracks, and an annotated mp4 with the video's 71 frames", () => {
  const out = join(work, 'results', 'TUD-Campus.txt');
  const video = join(work, 'results', 'TUD-Campus-annotated.mp4');
  const json = join(work, 'results', 'TUD-Campus.jsonl');
  const r = mot(['track', TUD, '-o', out, '--annotated', video, '--json', json, '--backend', 'ort', '--no-progress']);
  assert.is(r.status, 0, r.stderr);
  const probe = spawnSync(resolveFfmpeg().ffprobe, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,width,height', '-of', 'csv=p=0', video], { encoding: 'utf8' });
  assert.is(probe.stdout.trim(), '640,480,71');
  const lines = readFileSync(json, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 71);
  // NanoDet-g at score >= 0.3 finds 7 persons on TUD-Campus frame 1 (the same
  // 7 `mot detect` reports); SORT reports every one in its first minHits frames.
  assert.is(lines[0].detections.length, 7);
  assert.ok(lines[0].detections.every((d: { class: string; score: number }) => d.class === 'person' && d.score >= 0.3));
  assert.is(lines[0].tracks.length, 7);
  assert.is(readFileSync(out, 'utf8').split('\n')[0].split(',').length, 10);
});

cli('Ctrl-C (SIGINT to the process group): the frames in flight finish, outputs are complete for the frames done, one line, exit 130, no ffmpeg left', async () => {
  const long = writeSceneVideo({ ...SCENE, frames: 3000 }, join(work, 'long.mkv'));
  const out = join(work, 'stopped.txt');
  const json = join(work, 'stopped.jsonl');
  // A det.txt that never runs out, so the run is long enough to interrupt.
  const video = join(work, 'stopped.mp4');
  // Its own process group, signalled as a whole below: what a terminal's Ctrl-C does (ffmpeg gets it too).
  const child = spawn(process.execPath, [MOT, 'track', long, '--detections', DET, '-o', out, '--json', json, '--annotated', video, '--no-progress'], {
    cwd: ROOT,
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Wait until frames flow (the temporary JSON file grows), then interrupt.
  const until = Date.now() + 20_000;
  let ffmpegPids: number[] = [];
  while (Date.now() < until) {
    const tmp = readdirSync(work).find((f) => f.startsWith('.stopped.jsonl.'));
    if (tmp !== undefined && readFileSync(join(work, tmp), 'utf8').split('\n').length > 20) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (HAS_PROC) ffmpegPids = childrenOf(child.pid as number);
  process.kill(-(child.pid as number), 'SIGINT');
  assert.is(await exited, 130, stderr);
  const m = /stopped after (\d+) frames; outputs are complete for frames 1-(\d+)/.exec(stderr);
  assert.ok(m !== null, stderr);
  const frames = Number(m[1]);
  assert.ok(frames > 20 && frames < 3000, `frames ${frames}`);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  const lines = readFileSync(json, 'utf8').trimEnd().split('\n');
  assert.is(lines.length, frames);
  assert.is(JSON.parse(lines[frames - 1]).frame, frames);
  const rows = readFileSync(out, 'utf8');
  assert.ok(rows.endsWith('\n'));
  // The det.txt covers the scene's 36 frames; later frames have no detections, so no rows.
  assert.is(Math.max(...rows.trimEnd().split('\n').map((l) => Number(l.split(',')[0]))), Math.min(frames, SCENE.frames));
  assert.equal(readdirSync(work).filter((f) => f.startsWith('.stopped')), []);
  const probe = spawnSync(resolveFfmpeg().ffprobe, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', video], { encoding: 'utf8' });
  assert.is(Number(probe.stdout.trim()), frames, 'the annotated video holds the frames done');
  if (HAS_PROC) {
    assert.is(ffmpegPids.length, 2, 'the decoder and the encoder were running');
    for (const pid of ffmpegPids) assert.not.ok(existsSync(`/proc/${pid}`), `ffmpeg ${pid} must be gone`);
  }
});

/** pids of the live children of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      /* exited while we looked */
    }
  }
  return out;
}

// Bad input: [what, args, message, env]
const BAD_DIR = join(work, 'bad');
mkdirSync(BAD_DIR);
const truncated = join(BAD_DIR, 'truncated.mp4');
writeFileSync(truncated, readFileSync(TUD).subarray(0, 400_000));
const faststart = join(BAD_DIR, 'faststart.mp4');
ffmpegCli(['-i', TUD, '-c', 'copy', '-movflags', '+faststart', faststart]);
const cut = join(BAD_DIR, 'cut.mp4');
writeFileSync(cut, readFileSync(faststart).subarray(0, 500_000));
const empty = join(BAD_DIR, 'empty.mp4');
ffmpegCli(['-f', 'lavfi', '-i', 'color=c=black:s=64x64:r=25:d=1', '-frames:v', '0', '-c:v', 'mpeg4', empty]);
const gap = join(BAD_DIR, 'gap');
mkdirSync(gap);
writeSceneImages({ ...SCENE, frames: 5 }, gap);
rmSync(join(gap, '000003.png'));
const text = join(BAD_DIR, 'notes.txt');
writeFileSync(text, 'not a video\n');

const BAD: Array<[string, string[], RegExp, NodeJS.ProcessEnv?]> = [
  ['a missing file', [join(BAD_DIR, 'nope.mp4')], /nope\.mp4: input must be an existing video file or image folder/],
  ['a file that is not a video', [text], /input must be a video that ffmpeg decodes, got: .*notes\.txt/],
  ['a truncated video (index gone)', [truncated], /input must be a video that ffmpeg decodes, got: .*truncated\.mp4/],
  ['a truncated video (data cut part-way)', [cut, '--detections', DET], /cut\.mp4: frame \d+: readFrames: ffmpeg must exit with code 0/],
  ['a video with no frames', [empty], /input must be a video that ffmpeg decodes, got: .*empty\.mp4: probeVideo: file must have a video stream, got none/],
  ['an image folder with a gap', [gap], /gap: image numbering must have no gap: image 3 is missing/],
  ['no ffmpeg found', [VIDEO], /^mot track: ffmpeg: resolveFfmpeg: MOT_FFMPEG must name an executable file, got '\/nonexistent\/ffmpeg' \(ENOENT\)$/m, { MOT_FFPROBE: '/nonexistent/ffprobe', MOT_FFMPEG: '/nonexistent/ffmpeg' }],
  ['an unwritable output path', [VIDEO, '--detections', DET, '-o', join(text, 'tracks.txt')], /notes\.txt\/tracks\.txt: --output must be a writable file path, got a path through a file, not a folder/],
  ['an unknown tracker', [VIDEO, '--tracker', 'nope'], /unknown tracker 'nope' \(known: sort, deepsort/],
  ['a malformed --count-line', [VIDEO, '--count-line', '1,2,3'], /--count-line: parseCountLine: spec must be x1,y1,x2,y2\[,name\] \(px\), got "1,2,3": it has 3 coordinates, not 4/],
  ['a malformed --zone', [VIDEO, '--zone', '1,2,3,4,a,5'], /--zone: parseZone: .*"a" is not a number/],
  ['an unwritable --annotated path', [VIDEO, '--detections', DET, '--annotated', join(text, 'out.mp4')], /out\.mp4/],
];

// Outputs that cannot be written exit 2 (examples/cli/README.md), like the det-file path's.
const OUTPUT_ERRORS = new Set(['an unwritable output path', 'an unwritable --annotated path']);

for (const [what, args, message, env] of BAD) {
  const code = OUTPUT_ERRORS.has(what) ? 2 : 1;
  cli(`bad input, ${what}: one clear line, exit ${code}, no output file`, () => {
    const out = join(BAD_DIR, 'out.txt');
    const json = join(BAD_DIR, 'out.jsonl');
    const r = mot(['track', ...args, ...(args.includes('-o') ? [] : ['-o', out]), '--json', json], env);
    assert.is(r.status, code, r.stderr);
    assert.match(r.stderr, message);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.not.ok(existsSync(out));
    assert.not.ok(existsSync(json));
    assert.equal(readdirSync(BAD_DIR).filter((f) => f.startsWith('.out')), [], 'no temporary file left');
  });
}

cli.run();
