/**
 * Determinism: the same input gives the same output bytes, run after run, in
 * separate processes (no state shared through the module cache): `mot track`
 * with SORT and DeepSORT on a det file, and `mot detect` on an image. Threads
 * do not exist yet; when the speed work adds them, 1 and 2 threads join here.
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

same.run();
