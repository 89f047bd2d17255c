// @mot/queue on a real Redis (Debian's redis-server on a free port of
// 127.0.0.1, its own data folder): jobs added once, bad input failing once
// with its error, results byte-equal to `mot track` run by hand, and a job
// that has been done writing nothing when it runs again.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runMotTrack } from './run-mot-track.js';
import type { TrackJobData } from './track-job.js';
import { TrackQueue, type VideoJobSpec } from './track-queue.js';
import { startTrackWorker } from './track-worker.js';
import { MOT_BIN, type RedisServer, runMot, startRedisServer } from './testing/index.js';

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
  const status = await q.drained(100, 60_000);
  await w.close();
  await q.close();

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

test.run();
