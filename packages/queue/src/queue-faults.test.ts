// The scale-out acceptance run: three `mot worker` processes on one real
// Redis and seven videos; one worker is killed with SIGKILL while it holds a
// job, and Redis is restarted once mid-run. Every input's result must be
// written exactly once (one done-marker, no temporaries left) and equal, byte
// for byte, to a single-process `mot track` of the same input; no `mot track`
// child may outlive the killed worker.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { probeVideo, resolveFfmpeg } from '@mot/video';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TrackQueue, type VideoJobSpec } from './track-queue.js';
import { type RedisServer, killStartedMots, processesMentioning, runMot, startMot, startRedisServer } from './testing/index.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const test = suite('mot worker x3: SIGKILL of a worker and a Redis restart lose and duplicate nothing');

/**
 * Seven videos, real and synthetic, each with the `mot track` arguments of its
 * job: the two MOTChallenge videos with their public detections (SORT, and
 * DeepSORT on deep_sort's own features, with JSON lines and an annotated mp4
 * for one), and synthetic ffmpeg test patterns through NanoDet on onnxruntime.
 */
export function faultInputs(synthetic: readonly string[]): { name: string; argv: string[] }[] {
  const video = (f: string) => join(ROOT, 'fixtures/video', f);
  const mot15 = (s: string, f: string) => join(ROOT, 'fixtures/mot15', s, f);
  return [
    { name: 'TUD-Campus', argv: [video('TUD-Campus.mp4'), '--detections', mot15('TUD-Campus', 'det.txt')] },
    { name: 'PETS09-S2L1', argv: [video('PETS09-S2L1.avi'), '--detections', mot15('PETS09-S2L1', 'det.txt'), '--tracker', 'bytetrack'] },
    { name: 'TUD-Campus-deepsort', argv: [video('TUD-Campus.mp4'), '--detections', mot15('TUD-Campus', 'deepsort_detections.npy'), '--tracker', 'deepsort'] },
    { name: 'TUD-Campus-ocsort', argv: [video('TUD-Campus.mp4'), '--detections', mot15('TUD-Campus', 'det.txt'), '--tracker', 'ocsort'] },
    ...synthetic.map((path, i) => ({ name: `synthetic-${i + 1}`, argv: [path, '--backend', 'ort', '--classes', 'all', '--score', '0.2'] })),
  ];
}

/** Small synthetic videos made here with ffmpeg's lavfi sources (test patterns, moving). */
function makeSyntheticVideos(dir: string): string[] {
  const { ffmpeg } = resolveFfmpeg();
  const sources = ['testsrc2=size=320x240:rate=10:duration=4', 'mandelbrot=size=320x240:rate=10', 'smptebars=size=320x240:rate=10:duration=4'];
  return sources.map((src, i) => {
    const out = join(dir, `synthetic-${i + 1}.mp4`);
    const r = spawnSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', src, '-frames:v', '40', '-pix_fmt', 'yuv420p', '-c:v', 'mpeg4', '-y', out]);
    if (r.status !== 0) throw new Error(`ffmpeg could not make ${out}: ${r.stderr}`);
    return out;
  });
}

let redis: RedisServer;
let tmp: string;
test.before(async () => {
  redis = await startRedisServer();
  tmp = mkdtempSync(join(tmpdir(), 'mot-queue-faults-'));
});
test.after(async () => {
  await killStartedMots();
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('7 videos, 3 workers, one SIGKILLed mid-job, Redis restarted: every result once and byte-equal to mot track', async () => {
  const out = join(tmp, 'results');
  const inputs = faultInputs(makeSyntheticVideos(tmp));
  const q = new TrackQueue(redis.url, 'faults');
  // One video also writes JSON lines and an annotated mp4.
  const withAll = (name: string) => name === 'TUD-Campus';
  const specs: VideoJobSpec[] = inputs.map((i) => ({ argv: i.argv, name: i.name, outDir: out, outputs: { json: withAll(i.name), annotated: withAll(i.name) }, cwd: ROOT }));
  assert.is((await q.add(specs)).added.length, inputs.length);

  const workerArgs = ['worker', '--redis', redis.url, '--queue', 'faults', '--lock-duration', '3000', '--stalled-interval', '1000'];
  const workers = [startMot(workerArgs), startMot(workerArgs), startMot(workerArgs)];
  const victim = workers[0];
  const victimName = `mot-worker-${victim.child.pid}`;
  let killedJob: string | undefined;
  const deadline = Date.now() + 120_000;
  // Kill the first worker as soon as it holds a job.
  while (!killedJob && Date.now() < deadline) {
    const s = await q.status();
    const held = s.jobs.find((j) => j.state === 'active' && j.worker === victimName);
    if (held) {
      victim.child.kill('SIGKILL');
      killedJob = held.name;
    } else if (s.counts.completed === inputs.length) break;
    else await sleep(50);
  }
  assert.ok(killedJob, 'the victim worker never held a job');
  await victim.exited;
  await redis.restart();

  const status = await q.drained(200, 150_000);
  for (const w of workers.slice(1)) w.child.kill('SIGTERM');
  const exits = await Promise.all(workers.slice(1).map((w) => w.exited));
  await q.close();

  assert.equal(exits.map((e) => e.code), [0, 0], workers.map((w) => w.stderr()).join('\n'));
  assert.equal([status.counts.completed, status.counts.failed], [inputs.length, 0], JSON.stringify(status.jobs));
  const retaken = status.jobs.find((j) => j.name === killedJob)!;
  assert.ok(retaken.worker !== victimName, `${killedJob} was finished by ${retaken.worker}, the killed worker`);
  // No child of the killed worker runs on.
  assert.equal(processesMentioning(out), []);
  // Exactly once: one result and one done-marker per input, no temporaries.
  assert.equal(readdirSync(out).sort(), ['.mot-done', ...inputs.map((i) => `${i.name}.txt`), 'TUD-Campus.jsonl', 'TUD-Campus.mp4'].sort());
  assert.is(readdirSync(join(out, '.mot-done')).length, inputs.length);
  for (const i of inputs) {
    const direct = join(tmp, `direct-${i.name}.txt`);
    const extra = withAll(i.name) ? ['--json', join(tmp, `direct-${i.name}.jsonl`)] : [];
    const r = runMot(['track', ...i.argv, '-o', direct, ...extra, '--no-progress']);
    assert.is(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(out, `${i.name}.txt`)).equals(readFileSync(direct)), `${i.name}: queued result differs from mot track`);
    if (extra.length > 0) assert.ok(readFileSync(join(out, `${i.name}.jsonl`)).equals(readFileSync(extra[1])), `${i.name}: queued JSON lines differ`);
  }
  // The annotated video is complete: as many frames as the input (ffprobe).
  assert.is((await probeVideo(join(out, 'TUD-Campus.mp4'))).frameCount, 71);
  // Not vacuous: the synthetic patterns and the real videos all produced rows.
  for (const i of inputs.filter((x) => !x.name.startsWith('synthetic'))) assert.ok(readFileSync(join(out, `${i.name}.txt`), 'utf8').length > 1000, i.name);
});

test.run();
