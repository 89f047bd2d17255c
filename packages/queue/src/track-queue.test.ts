// @mot/queue on a real Redis (Debian's redis-server on a free port of
// 127.0.0.1, its own data folder): jobs added once, bad input failing once
// with its error, results byte-equal to `mot track` run by hand, and a job
// that has been done writing nothing when it runs again.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateMotChallenge } from '@mot/metrics';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runMotTrack } from './run-mot-track.js';
import type { TrackJobData } from './track-job.js';
import { TrackQueue, type VideoJobSpec } from './track-queue.js';
import { startTrackWorker } from './track-worker.js';
import { MOT_BIN, type RedisServer, freePort, runMot, startRedisServer } from './testing/index.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const test = suite('TrackQueue and startTrackWorker on redis-server');

let redis: RedisServer;
let tmp: string;
test.before(async () => {
  redis = await startRedisServer();
  tmp = mkdtempSync(join(tmpdir(), 'mot-queue-'));
});
test.after(async () => {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function seq(name: string, outDir: string): VideoJobSpec {
  const dir = join(ROOT, 'fixtures/mot15', name);
  return { argv: ['--detections', join(dir, 'det.txt'), '--seqinfo', join(dir, 'seqinfo.ini')], name, outDir, outputs: { json: false, annotated: false }, cwd: ROOT };
}

test('each video is queued once; results equal mot track byte for byte; bad input fails once with its error', async () => {
  const out = join(tmp, 'a');
  const q = new TrackQueue(redis.url, 'a');
  const good = ['TUD-Campus', 'KITTI-13'].map((s) => seq(s, out));
  const bad: VideoJobSpec = { ...seq('TUD-Campus', out), name: 'missing', argv: ['--detections', join(tmp, 'no-such-det.txt')] };
  const first = await q.add([...good, bad]);
  const again = await q.add(good);
  assert.is(first.added.length, 3);
  assert.equal(again, { added: [], existing: first.added.slice(0, 2) });

  const log: string[] = [];
  const w = startTrackWorker({ redis: redis.url, queue: 'a', concurrency: 2, mot: { script: MOT_BIN }, log: (l) => log.push(l) });
  let status;
  try {
    status = await q.drained(100, 60_000);
  } finally {
    // Also when drained() throws: an open worker would keep the test process
    // alive. Drained, it holds no job, so abort() loses nothing.
    await w.abort();
    await q.close();
  }

  assert.equal(status.counts.completed, 2);
  assert.equal(status.counts.failed, 1);
  const failed = status.jobs.find((j) => j.state === 'failed')!;
  // Bad input is not retried: one attempt, and the CLI's own one-line error.
  assert.is(failed.name, 'missing');
  assert.is(failed.attempts, 1);
  assert.match(failed.failedReason ?? '', /no-such-det\.txt/);
  for (const s of ['TUD-Campus', 'KITTI-13']) {
    const direct = join(tmp, `direct-${s}.txt`);
    const r = runMot(['track', ...seq(s, out).argv, '-o', direct, '--no-progress']);
    assert.is(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(out, `${s}.txt`)).equals(readFileSync(direct)), `${s}: queued result differs from mot track`);
  }
  assert.equal(readdirSync(out).sort(), ['.mot-done', 'KITTI-13.txt', 'TUD-Campus.txt']);
  assert.ok(log.some((l) => /^done TUD-Campus -> /.test(l)), log.join('\n'));
});

test('a job run a second time (a worker died after writing) finds its marker and writes nothing', async () => {
  const out = join(tmp, 'b');
  const spec = seq('TUD-Campus', out);
  const data: TrackJobData = { argv: spec.argv, name: spec.name, outDir: out, outputs: spec.outputs, cwd: ROOT };
  const r1 = await runMotTrack({ script: MOT_BIN }, data);
  const before = readFileSync(r1.tracks);
  const r2 = await runMotTrack({ script: MOT_BIN }, data);
  assert.equal([r1.alreadyDone, r1.written.length, r2.alreadyDone, r2.written], [false, 1, true, []]);
  assert.ok(readFileSync(r2.tracks).equals(before));
  assert.ok(existsSync(join(out, '.mot-done')));
});

test('mot queue add --segment: PETS09-S2L1 in 4 segments with 2 s overlap, stitched; HOTA and IDF1 within 0.01 of the unsplit run', async () => {
  const out = join(tmp, 'seg');
  const video = join(ROOT, 'fixtures/video/PETS09-S2L1.avi');
  const det = join(ROOT, 'fixtures/mot15/PETS09-S2L1/det.txt');
  // The video: 795 frames at 10 fps; 4 segments of ceil(795 / 4) = 199 frames, 2 s = 20 frames of overlap.
  const add = runMot(['queue', 'add', video, '--redis', redis.url, '--queue', 'seg', '--out', out, '--segment', '19.9', '--overlap', '2', '--', '--detections', det]);
  assert.is(add.status, 0, add.stderr);
  assert.match(add.stdout, /queued 1 video\(s\) on seg/);
  const log: string[] = [];
  const w = startTrackWorker({ redis: redis.url, queue: 'seg', concurrency: 2, mot: { script: MOT_BIN }, log: (l) => log.push(l) });
  const q = new TrackQueue(redis.url, 'seg');
  let status;
  try {
    status = await q.drained(200, 240_000);
  } finally {
    await w.abort();
    await q.close();
  }
  assert.equal([status.counts.completed, status.counts.failed], [5, 0], JSON.stringify(status.jobs));
  assert.equal(status.jobs.filter((j) => j.kind === 'track').map((j) => j.segment), [0, 1, 2, 3]);
  const cli = runMot(['queue', 'status', '--redis', redis.url, '--queue', 'seg']);
  assert.match(cli.stdout, /^waiting 0, active 0, completed 5, failed 0/);

  const whole = join(tmp, 'pets-whole.txt');
  const r = runMot(['track', video, '--detections', det, '-o', whole, '--no-progress']);
  assert.is(r.status, 0, r.stderr);
  const score = (f: string) => evaluateMotChallenge({ gt: join(ROOT, 'fixtures/mot15/PETS09-S2L1/gt.txt'), results: f }).combined.summary;
  const split = score(join(out, 'PETS09-S2L1.txt'));
  const full = score(whole);
  assert.ok(Math.abs(full.HOTA - split.HOTA) < 0.01 && Math.abs(full.IDF1 - split.IDF1) < 0.01, `unsplit ${full.HOTA} ${full.IDF1}, segmented ${split.HOTA} ${split.IDF1}`);
  assert.ok(full.HOTA > 0.3, `unsplit HOTA ${full.HOTA}`);
  // Segment files are gone once stitched; the boundary report names the id changes.
  assert.equal(readdirSync(out).sort(), ['.mot-done', 'PETS09-S2L1.txt']);
  assert.ok(log.some((l) => /^done PETS09-S2L1: \d+ rows -> .* \(ids changed at boundaries: \d+, \d+, \d+\)$/.test(l)), log.join('\n'));
});

test('mot queue add and status with no Redis there: one line naming the URL, exit 1, nothing queued', async () => {
  const port = await freePort();
  for (const args of [['queue', 'add', join(ROOT, 'fixtures/video/TUD-Campus.mp4')], ['queue', 'status']]) {
    const r = runMot([...args, '--redis', `redis://127.0.0.1:${port}`]);
    assert.is(r.status, 1, r.stderr);
    assert.is(r.stderr, `mot ${args.slice(0, 2).join(' ')}: cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}): start redis-server, or pass --redis redis://host:port\n`);
  }
});

test.run();
