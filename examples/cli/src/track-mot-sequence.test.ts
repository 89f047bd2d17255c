/**
 * Parity with the reference trackers, in process and at full precision:
 * abewley/sort on all 11 MOT15 train sequences and nwojke/deep_sort on the 5
 * that have deep_sort detection files; ifzhang/ByteTrack and noahcao/OC_SORT
 * on those 5 and on MOT17-05 and MOT17-09 (FRCNN detections, 7 columns, rows
 * not in frame order), where SORT and DeepSORT are checked too
 * (fixtures/README.md says how the reference outputs were made). The
 * references print 2 decimals, so a box may differ from our unrounded one by
 * at most 0.005 px.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ByteTrackTracker, DeepSortTracker, OcSortTracker, SortTracker } from '@mot/deepsort';
import { type MotRows, readDeepSortDetections, readMotFile, readSeqInfo } from '@mot/motchallenge';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareResults } from './parity.js';
import { trackMotSequence } from './track-mot-sequence.js';

const MOT15 = fileURLToPath(new URL('../../../fixtures/mot15/', import.meta.url));
const MOT17 = fileURLToPath(new URL('../../../fixtures/mot17/', import.meta.url));
const SEQUENCES = readdirSync(MOT15).sort();
const ROUNDING = 0.005 + 1e-6;

function asRows(source: string, rows: ReturnType<typeof trackMotSequence>): MotRows {
  const n = rows.length;
  const col = () => new Float64Array(n);
  const out = { source, length: n, frame: new Int32Array(n), id: new Int32Array(n), x: col(), y: col(), w: col(), h: col(), score: col(), classId: new Int32Array(n), visibility: col(), line: new Int32Array(n) };
  rows.forEach((r, i) => {
    out.frame[i] = r.frame;
    out.id[i] = r.id;
    [out.x[i], out.y[i], out.w[i], out.h[i]] = r.box;
  });
  return out;
}

const parity = suite('tracker parity');

parity('fixtures hold the 11 MOT15 train sequences', () => {
  assert.is(SEQUENCES.length, 11);
});

for (const seq of SEQUENCES) {
  parity(`SORT on ${seq} equals abewley/sort (boxes within 0.005 px of the printed reference, ids one-to-one)`, () => {
    const dir = join(MOT15, seq);
    const ours = trackMotSequence(new SortTracker(), { rows: readMotFile(join(dir, 'det.txt'), 'det') }, readSeqInfo(join(dir, 'seqinfo.ini')));
    const ref = readMotFile(join(dir, 'sort_reference.txt'), 'result');
    const report = compareResults(asRows(seq, ours), ref, ROUNDING);
    assert.equal(report.problems, []);
    assert.is(ours.length, ref.length);
  });
}

const WITH_FEATURES = ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus'];
for (const seq of WITH_FEATURES) {
  parity(`DeepSORT on ${seq} equals nwojke/deep_sort (boxes within 0.005 px, ids one-to-one)`, () => {
    const dir = join(MOT15, seq);
    const d = readDeepSortDetections(join(dir, 'deepsort_detections.npy'));
    const ours = trackMotSequence(new DeepSortTracker(), { rows: d.rows, features: d.features, featureDim: d.featureDim });
    const ref = readMotFile(join(dir, 'deepsort_reference.txt'), 'result');
    const report = compareResults(asRows(seq, ours), ref, ROUNDING);
    assert.equal(report.problems, []);
    assert.is(ours.length, ref.length);
  });
}

const MOT17_SEQUENCES = ['MOT17-05', 'MOT17-09'];
for (const seq of MOT17_SEQUENCES) {
  const dir = join(MOT17, seq);
  parity(`SORT on ${seq} (7-column, unordered det.txt) equals abewley/sort`, () => {
    const ours = trackMotSequence(new SortTracker(), { rows: readMotFile(join(dir, 'det.txt'), 'det') }, readSeqInfo(join(dir, 'seqinfo.ini')));
    const ref = readMotFile(join(dir, 'sort_reference.txt'), 'result');
    assert.equal(compareResults(asRows(seq, ours), ref, ROUNDING).problems, []);
    assert.is(ours.length, ref.length);
  });
  parity(`DeepSORT on ${seq} equals nwojke/deep_sort`, () => {
    const d = readDeepSortDetections(join(dir, 'deepsort_detections.npy'));
    const ours = trackMotSequence(new DeepSortTracker(), { rows: d.rows, features: d.features, featureDim: d.featureDim }, readSeqInfo(join(dir, 'seqinfo.ini')));
    const ref = readMotFile(join(dir, 'deepsort_reference.txt'), 'result');
    assert.equal(compareResults(asRows(seq, ours), ref, ROUNDING).problems, []);
    assert.is(ours.length, ref.length);
  });
}

// Every frame 1..seqLength is walked (seqinfo given), as both reference drivers do;
// ByteTrack's lost-track buffer scales with the sequence's frame rate.
const BYTE_AND_OC = [...WITH_FEATURES.map((s) => join(MOT15, s)), ...MOT17_SEQUENCES.map((s) => join(MOT17, s))];
for (const dir of BYTE_AND_OC) {
  const seq = dir.split('/').filter(Boolean).pop() as string;
  parity(`ByteTrack on ${seq} equals ifzhang/ByteTrack (MOT17 evaluation settings, frame rate from seqinfo.ini)`, () => {
    const seqInfo = readSeqInfo(join(dir, 'seqinfo.ini'));
    const ours = trackMotSequence(new ByteTrackTracker({ frameRate: seqInfo.frameRate }), { rows: readMotFile(join(dir, 'det.txt'), 'det') }, seqInfo);
    const ref = readMotFile(join(dir, 'bytetrack_reference.txt'), 'result');
    assert.equal(compareResults(asRows(seq, ours), ref, ROUNDING).problems, []);
    assert.is(ours.length, ref.length);
  });
  parity(`OC-SORT on ${seq} equals noahcao/OC_SORT`, () => {
    const ours = trackMotSequence(new OcSortTracker(), { rows: readMotFile(join(dir, 'det.txt'), 'det') }, readSeqInfo(join(dir, 'seqinfo.ini')));
    const ref = readMotFile(join(dir, 'ocsort_reference.txt'), 'result');
    assert.equal(compareResults(asRows(seq, ours), ref, ROUNDING).problems, []);
    assert.is(ours.length, ref.length);
  });
}

parity('ByteTrack without score fusion (mot20 mode) differs from the reference, which fuses', () => {
  const dir = join(MOT15, 'PETS09-S2L1');
  const seqInfo = readSeqInfo(join(dir, 'seqinfo.ini'));
  const ours = trackMotSequence(new ByteTrackTracker({ frameRate: seqInfo.frameRate, fuseScore: false }), { rows: readMotFile(join(dir, 'det.txt'), 'det') }, seqInfo);
  const ref = readMotFile(join(dir, 'bytetrack_reference.txt'), 'result');
  assert.ok(compareResults(asRows('PETS09-S2L1', ours), ref, ROUNDING).problems.length > 0);
});

parity('the comparison itself catches a moved box and a swapped identity', () => {
  const dir = join(MOT15, 'TUD-Campus');
  const ref = readMotFile(join(dir, 'sort_reference.txt'), 'result');
  const moved = { ...ref, x: ref.x.slice() };
  moved.x[10] += 0.02;
  assert.is(compareResults(moved, ref, 0.01).problems.length, 1);
  const swapped = { ...ref, id: ref.id.slice() };
  const last = ref.length - 1;
  swapped.id[last] = ref.id[0] === ref.id[last] ? ref.id[1] : ref.id[0];
  assert.ok(compareResults(swapped, ref, 0.01).problems.length >= 1);
});

parity.run();
