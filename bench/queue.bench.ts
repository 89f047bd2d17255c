// Throughput of @mot/queue on this machine: the same jobs tracked by 1 and by
// 2 `mot worker` processes (concurrency 1 each) on a real redis-server, and the
// queue's own overhead per job (time per job through the queue with one
// worker, minus `mot track` run directly on the same input, same run).
//
//   node --import tsx bench/queue.bench.ts [--video]   (--video: the two MOTChallenge videos decoded by ffmpeg)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrackQueue, type VideoJobSpec } from '@mot/queue';
import { MOT_BIN, startMot, startRedisServer } from '@mot/queue/testing';
import { readSeqInfo } from '@mot/motchallenge';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const SEQS = ['TUD-Campus', 'PETS09-S2L1', 'KITTI-13', 'ETH-Bahnhof', 'ADL-Rundle-6', 'TUD-Stadtmitte', 'Venice-2', 'ETH-Sunnyday'];

interface Input {
  name: string;
  argv: string[];
  frames: number;
}

/** --video: the two MOTChallenge videos, each decoded by ffmpeg, with their public detections (4 jobs). */
function videoInputs(): Input[] {
  const v = (f: string) => join(ROOT, 'fixtures/video', f);
  const det = (s: string, f = 'det.txt') => join(ROOT, 'fixtures/mot15', s, f);
  return [
    { name: 'TUD-Campus-sort', argv: [v('TUD-Campus.mp4'), '--detections', det('TUD-Campus')], frames: 71 },
    { name: 'TUD-Campus-deepsort', argv: [v('TUD-Campus.mp4'), '--detections', det('TUD-Campus', 'deepsort_detections.npy'), '--tracker', 'deepsort'], frames: 71 },
    { name: 'PETS09-S2L1-sort', argv: [v('PETS09-S2L1.avi'), '--detections', det('PETS09-S2L1')], frames: 795 },
    { name: 'PETS09-S2L1-bytetrack', argv: [v('PETS09-S2L1.avi'), '--detections', det('PETS09-S2L1'), '--tracker', 'bytetrack'], frames: 795 },
  ];
}

function inputs(): Input[] {
  if (process.argv.includes('--video')) return videoInputs();
  return SEQS.map((s) => {
    const dir = join(ROOT, 'fixtures/mot15', s);
    return { name: s, argv: ['--detections', join(dir, 'det.txt'), '--seqinfo', join(dir, 'seqinfo.ini'), '--tracker', 'sort'], frames: readSeqInfo(join(dir, 'seqinfo.ini')).seqLength };
  });
}

async function throughput(url: string, queue: string, workers: number, list: Input[], out: string): Promise<number> {
  const q = new TrackQueue(url, queue);
  const specs: VideoJobSpec[] = list.map((i) => ({ argv: i.argv, name: i.name, outDir: out, outputs: { json: false, annotated: false }, cwd: ROOT }));
  const procs = Array.from({ length: workers }, () => startMot(['worker', '--redis', url, '--queue', queue]));
  await new Promise((r) => setTimeout(r, 1500)); // workers up before the clock starts
  const t0 = performance.now();
  await q.add(specs);
  await q.drained(50, 600_000);
  const ms = performance.now() - t0;
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await q.close();
  return ms;
}

const redis = await startRedisServer();
const tmp = mkdtempSync(join(tmpdir(), 'mot-queue-bench-'));
try {
  const list = inputs();
  const frames = list.reduce((s, i) => s + i.frames, 0);
  console.log(`${list.length} jobs (${process.argv.includes('--video') ? 'videos decoded by ffmpeg, public detections' : 'MOT15 det files, SORT'}), ${frames} frames in all; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const t1 = performance.now();
  for (const i of list) {
    const r = spawnSync(process.execPath, [MOT_BIN, 'track', ...i.argv, '-o', join(tmp, 'direct', `${i.name}.txt`), '--no-progress'], { cwd: ROOT });
    if (r.status !== 0) throw new Error(`mot track ${i.name} failed: ${r.stderr}`);
  }
  const direct = performance.now() - t1;

  const one = await throughput(redis.url, 'bench1', 1, list, join(tmp, 'one'));
  const two = await throughput(redis.url, 'bench2', 2, list, join(tmp, 'two'));
  const row = (label: string, ms: number) =>
    console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((list.length / ms) * 60_000).toFixed(1).padStart(6)} videos/min  ${((frames / ms) * 1000).toFixed(0).padStart(6)} frames/s`);
  row('mot track, one after another', direct);
  row('queue, 1 worker process', one);
  row('queue, 2 worker processes', two);
  console.log(`2 workers vs 1: ${(one / two).toFixed(2)}x`);
  console.log(`queue overhead per job (1 worker minus direct, per job): ${((one - direct) / list.length).toFixed(0)} ms`);
} finally {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
}
