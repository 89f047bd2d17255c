/**
 * Determinism: the same input gives the same output bytes, run after run, in
 * separate processes (no state shared through the module cache): `mot track`
 * with SORT and DeepSORT on a det file, `mot detect` on an image, and `mot
 * track <video>` with our detector on 1 and on 2 worker threads (frames
 * detected in parallel must give the bytes of frames detected one by one).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');
const work = mkdtempSync(join(tmpdir(), 'mot-determinism-'));

function runTo(out: string, ...args: string[]): Buffer {
  const r = spawnSync(process.execPath, [MOT, ...args, '-o', out, '--no-progress'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return readFileSync(out);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const same = suite('determinism: same input, same bytes');
// Each comparison prints its sha256 so a report can quote it.
const show = (what: string, b: Buffer) => console.log(`  ${what}: ${b.length} bytes, sha256 ${sha(b).slice(0, 16)}`);
same.after(() => rmSync(work, { recursive: true, force: true }));

for (const [tracker, det] of [
  ['sort', 'fixtures/mot15/TUD-Campus/det.txt'],
  ['deepsort', 'fixtures/mot15/TUD-Campus/deepsort_detections.npy'],
] as const) {
  same(`mot track --tracker ${tracker}: two runs, identical bytes`, () => {
    const runs = [1, 2].map((k) => runTo(join(work, `${tracker}-${k}.txt`), 'track', '-d', det, '--tracker', tracker));
    assert.ok(runs[0].length > 1000, `${runs[0].length} bytes`);
    assert.is(sha(runs[1]), sha(runs[0]));
    show(`track ${tracker}`, runs[0]);
  });
}

same('mot detect on an image: two runs, identical bytes', () => {
  const runs = [1, 2].map((k) => runTo(join(work, `detect-${k}.txt`), 'detect', 'fixtures/detector/000252.jpg'));
  assert.ok(runs[0].length > 0);
  assert.is(sha(runs[1]), sha(runs[0]));
  show('detect 000252.jpg', runs[0]);
});

same('mot track <video> with NanoDet on our core: --threads 1 and --threads 2 give identical tracks and JSON lines', () => {
  const video = 'fixtures/video/TUD-Campus.mp4';
  const runs = [1, 2].map((threads) => {
    const json = join(work, `threads-${threads}.jsonl`);
    const tracks = runTo(join(work, `threads-${threads}.txt`), 'track', video, '--frames', '1:24', '--threads', String(threads), '--json', json);
    return { tracks, json: readFileSync(json) };
  });
  // Not vacuous: people are tracked in these 24 frames, and every frame has its JSON line.
  assert.ok(runs[0].tracks.toString().split('\n').length > 40, runs[0].tracks.toString());
  assert.is(runs[0].json.toString().trimEnd().split('\n').length, 24);
  assert.is(sha(runs[1].tracks), sha(runs[0].tracks));
  assert.is(sha(runs[1].json), sha(runs[0].json));
  show('track TUD-Campus.mp4 frames 1-24, 1 and 2 threads', runs[0].tracks);
});

same.run();
