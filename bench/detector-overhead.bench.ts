// Where a NanoDet frame's CPU time goes outside the network's convolutions,
// on real frames: TUD-Campus (640x480) and, when present, PETS09-S2L1
// (768x576). Per phase of NanoDetDetector.detect (letterbox, network,
// levels + decode + NMS) and per op type of the network, as median CPU ms
// per frame (process.cpuUsage(): other processes taking the shared cores do
// not count), plus the whole `detect` call.
//
//   node --import tsx bench/detector-overhead.bench.ts
//   node --import tsx bench/detector-overhead.bench.ts --rounds 5   (default 3)
//
// To compare two versions, run this once per checkout, alternately, and
// compare medians: the machine's speed drifts.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '@mot/core';
import { DEFAULT_NANODET_MODEL, NanoDetDetector, decodeNanoDet, inputBoxesToImage, letterbox, nanodetLevels } from '@mot/detector';
import { createSession, loadTfjsGraphModel, optimizeGraph } from '@mot/runtime';
import { readFrames } from '@mot/video';
import { median } from './bench-utils.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--rounds');
const rounds = at > 0 ? Number(process.argv[at + 1]) : 3;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** `count` frames `step` apart from the start of a video. */
async function sample(path: string, count: number, step: number): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const f of readFrames(path)) {
    if (f.index % step === 0) frames.push(f);
    if (frames.length === count) break;
  }
  return frames;
}

const sets: Array<[string, Frame[]]> = [['TUD-Campus 640x480', await sample(join(root, 'fixtures/video/TUD-Campus.mp4'), 4, 17)]];
const pets = join(root, 'fixtures/video/PETS09-S2L1.avi');
if (existsSync(pets)) sets.push(['PETS09-S2L1 768x576', await sample(pets, 4, 60)]);

const detector = await NanoDetDetector.create();
// The same optimised graph in a session of its own, to time each op type (detect itself is not profiled).
const graph = await loadTfjsGraphModel(DEFAULT_NANODET_MODEL);
const session = createSession(optimizeGraph(graph).graph, { optimize: false });
const inputName = graph.inputs[0];
const size = detector.engine.inputSize;

for (const [label, frames] of sets) {
  const times = new Map<string, number[]>();
  const add = (k: string, ms: number) => (times.get(k) ?? times.set(k, []).get(k) as number[]).push(ms);
  await detector.detect(frames[0]); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const frame of frames) {
      let t = cpuMs();
      await detector.detect(frame);
      add('detect (whole)', cpuMs() - t);
      t = cpuMs();
      const { input, transform } = letterbox(frame, { size });
      add('letterbox', cpuMs() - t);
      t = cpuMs();
      const run = session.run({ [inputName]: input }, { profile: true, clock: 'cpu' });
      add('network (profiled)', cpuMs() - t);
      for (const op of run.profile.byOp) add(`  ${op.op} (${op.calls})`, op.ms);
      t = cpuMs();
      const decoded = decodeNanoDet(nanodetLevels(run.outputs, 80, size), { inputSize: size });
      inputBoxesToImage(decoded.boxes, transform);
      add('levels + decode + NMS', cpuMs() - t);
    }
  }
  console.log(`${label}: median CPU ms/frame, ${rounds} rounds x ${frames.length} frames`);
  for (const [k, v] of times) console.log(`  ${k.padEnd(24)} ${median(v).toFixed(2).padStart(8)}`);
}
