// The scale-out acceptance run: three `mot worker` processes on one real
// Redis and six inputs; one worker is killed with SIGKILL while it holds a
// job, and Redis is restarted once mid-run. Every input's result must be
// written exactly once (one done-marker, no temporaries left) and equal, byte
// for byte, to a single-process `mot track` of the same input; no `mot track`
// child may outlive the killed worker.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TrackQueue, type VideoJobSpec } from './track-queue.js';
import { type RedisServer, processesMentioning, runMot, startMot, startRedisServer } from './testing/index.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const test = suite('mot worker x3: SIGKILL of a worker and a Redis restart lose and duplicate nothing');

/** The inputs: `mot track` arguments and a name. */
export function faultInputs(): { name: string; argv: string[] }[] {
  const mot15 = (s: string) => ({ name: s, argv: ['--detections', join(ROOT, 'fixtures/mot15', s, 'det.txt'), '--seqinfo', join(ROOT, 'fixtures/mot15', s, 'seqinfo.ini')] });
  const npy = (s: string) => ({ name: `${s}-deepsort`, argv: ['--detections', join(ROOT, 'fixtures/mot15', s, 'deepsort_detections.npy'), '--tracker', 'deepsort'] });
  return [mot15('TUD-Campus'), mot15('PETS09-S2L1'), mot15('KITTI-13'), mot15('ETH-Bahnhof'), npy('ADL-Rundle-6'), npy('TUD-Campus')];
}

let redis: RedisServer;
let tmp: string;
test.before(async () => {
  redis = await startRedisServer();
  tmp = mkdtempSync(join(tmpdir(), 'mot-queue-faults-'));
});
test.after(async () => {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('6 inputs, 3 workers, one SIGKILLed mid-job, Redis restarted: every result once and byte-equal to mot track', async () => {
  const out = join(tmp, 'results');
  const inputs = faultInputs();
  const q = new TrackQueue(redis.url, 'faults');
  const specs: VideoJobSpec[] = inputs.map((i) => ({ argv: i.argv, name: i.name, outDir: out, outputs: { json: false, annotated: false }, cwd: ROOT }));
  assert.is((await q.add(specs)).added.length, 6);

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
    } else if (s.counts.completed === 6) break;
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
  assert.equal([status.counts.completed, status.counts.failed], [6, 0], JSON.stringify(status.jobs));
  const retaken = status.jobs.find((j) => j.name === killedJob)!;
  assert.ok(retaken.worker !== victimName, `${killedJob} was finished by ${retaken.worker}, the killed worker`);
  // No child of the killed worker runs on.
  assert.equal(processesMentioning(out), []);
  // Exactly once: one result and one done-marker per input, no temporaries.
  assert.equal(readdirSync(out).sort(), ['.mot-done', ...inputs.map((i) => `${i.name}.txt`)].sort());
  assert.is(readdirSync(join(out, '.mot-done')).length, 6);
  for (const i of inputs) {
    const direct = join(tmp, `direct-${i.name}.txt`);
    const r = runMot(['track', ...i.argv, '-o', direct, '--no-progress']);
    assert.is(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(out, `${i.name}.txt`)).equals(readFileSync(direct)), `${i.name}: queued result differs from mot track`);
  }
});

test.run();
