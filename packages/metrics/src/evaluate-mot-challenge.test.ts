import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, InputError } from '@mot/core';
import { evaluateMotChallenge } from './index.js';
import { close, fixture, throwsWith } from './test-helpers.js';

/** The five MOT15 train sequences of fixtures/mot15 that have gt.txt. */
const SEQS = ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus'];

const tmp = mkdtempSync(join(tmpdir(), 'mot-metrics-'));
/** `<tmp>/<tracker>/<SEQ>.txt`: the reference outputs in TrackEval's results layout. */
function resultsDir(file: 'sort_reference.txt' | 'deepsort_reference.txt'): string {
  const dir = join(tmp, file.replace('.txt', ''));
  mkdirSync(dir, { recursive: true });
  for (const s of SEQS) copyFileSync(fixture(`mot15/${s}/${file}`), join(dir, `${s}.txt`));
  return dir;
}

const mot15 = suite('evaluateMotChallenge: MOT15 reference trackers against TrackEval');

// fixtures README ("Reference figures on the five sequences with gt.txt"):
// TrackEval @12c8791b, MOT15 protocol, IoU 0.5; ratios printed to 4 decimals,
// so a faithful value is within 5e-5 of each.
const EXPECTED = {
  sort_reference: {
    combined: { HOTA: 0.3786, DetA: 0.4157, AssA: 0.3537, MOTA: 0.466, IDF1: 0.4744, IDSW: 271, FP: 2553, FN: 5731 },
    tud: { HOTA: 0.4526, MOTA: 0.6267, IDF1: 0.6065, IDSW: 6 },
  },
  deepsort_reference: {
    combined: { HOTA: 0.453, DetA: 0.436, AssA: 0.4755, MOTA: 0.4701, IDF1: 0.6214, IDSW: 149, FP: 3472, FN: 4868 },
    tud: { HOTA: 0.5125, MOTA: 0.5738, IDF1: 0.7278, IDSW: 4 },
  },
} as const;

for (const tracker of ['sort_reference', 'deepsort_reference'] as const) {
  mot15(`${tracker}: combined and TUD-Campus figures`, () => {
    const ev = evaluateMotChallenge({ gt: fixture('mot15'), results: resultsDir(`${tracker}.txt`) });
    assert.is(ev.benchmark, 'MOT15'); // auto: MOT15 gt has no class column
    assert.equal(ev.sequences.map((s) => s.name), SEQS);
    assert.equal(ev.warnings, []);
    const want = EXPECTED[tracker];
    const got = ev.combined.summary;
    for (const [k, v] of Object.entries(want.combined)) {
      if (Number.isInteger(v)) assert.is(got[k as keyof typeof got], v, k);
      else close(got[k as keyof typeof got], v, 5e-5, `combined ${k}`);
    }
    const tud = ev.sequences.find((s) => s.name === 'TUD-Campus')!.summary;
    for (const [k, v] of Object.entries(want.tud)) {
      if (Number.isInteger(v)) assert.is(tud[k as keyof typeof tud], v, k);
      else close(tud[k as keyof typeof tud], v, 5e-5, `TUD-Campus ${k}`);
    }
    // The combination sums the sequences' counts.
    for (const k of ['IDSW', 'FP', 'FN', 'Frag', 'MT', 'PT', 'ML', 'GT'] as const) {
      assert.is(got[k], ev.sequences.reduce((a, s) => a + s.summary[k], 0), k);
    }
  });
}

mot15('the munkres-js solver (independent Kuhn-Munkres) gives the same figures as the default solver', () => {
  const results = resultsDir('sort_reference.txt');
  const sap = evaluateMotChallenge({ gt: fixture('mot15'), results });
  const mun = evaluateMotChallenge({ gt: fixture('mot15'), results, solver: 'munkres' });
  for (const [a, b] of [...sap.sequences.map((s, i) => [s, mun.sequences[i]]), [sap.combined, mun.combined]]) {
    for (const [k, v] of Object.entries(a.summary)) close(b.summary[k as keyof typeof b.summary], v, 1e-12, `${a.name} ${k}`);
  }
});

mot15.run();

const single = suite('evaluateMotChallenge: single files');

single('py-motmetrics TUD-Campus pair without seqinfo.ini: last frame as length, with a warning', () => {
  const ev = evaluateMotChallenge({
    gt: fixture('motmetrics/TUD-Campus/gt.txt'),
    results: fixture('motmetrics/TUD-Campus/test.txt'),
    benchmark: 'none',
  });
  assert.is(ev.sequences.length, 1);
  assert.is(ev.sequences[0].name, 'TUD-Campus');
  assert.is(ev.warnings.length, 1);
  assert.ok(ev.warnings[0].includes('no seqinfo.ini beside it; sequence length taken as the last frame present (71)'));
  const m = ev.combined.summary;
  // py-motmetrics v1.4.0 test_metrics.py:457-473 and :543-546 (see the fixtures README).
  assert.equal([m.GT, m.MT, m.PT, m.ML, m.FP, m.FN, m.IDSW, m.Frag], [8, 1, 6, 1, 13, 150, 7, 7]);
  close(m.MOTA, 0.526462, 5e-7);
  close(m.IDF1, 0.557659, 5e-7);
  close(m.HOTA, 0.3913974378451139, 1e-9);
});

single('an empty results file scores as a tracker that output nothing (TrackEval), with a warning', () => {
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const ev = evaluateMotChallenge({ gt: fixture('mot15/TUD-Campus/gt.txt'), results: empty });
  assert.is(ev.sequences[0].name, 'TUD-Campus'); // from seqinfo.ini beside gt.txt
  assert.ok(ev.warnings[0].includes('empty.txt: no rows; scored as a tracker that output nothing'));
  const m = ev.combined.summary;
  // TUD-Campus gt: 359 rows, none flagged 0, 8 ids (fixtures/mot15/TUD-Campus/gt.txt).
  assert.equal([m.FN, m.FP, m.ML, m.GT, m.IDSW], [359, 0, 8, 8, 0]);
  assert.equal([m.MOTA, m.HOTA, m.IDF1], [0, 0, 0]);
});

single('frames beyond seqLength are an error naming file and line', () => {
  const res = join(tmp, 'late.txt');
  writeFileSync(res, '1,1,10,10,20,40,1,-1,-1,-1\n72,1,10,10,20,40,1,-1,-1,-1\n');
  throwsWith(
    () => evaluateMotChallenge({ gt: fixture('mot15/TUD-Campus/gt.txt'), results: res }),
    InputError,
    `${res}:2:`,
    'result frame must be an integer in 1..71 (seqLength), got 72',
  );
});

single('auto picks MOT17 when gt has classes', () => {
  const dir = join(tmp, 'MOT17-XX');
  mkdirSync(join(dir, 'gt'), { recursive: true });
  writeFileSync(join(dir, 'seqinfo.ini'), '[Sequence]\nname=MOT17-XX\nframeRate=30\nseqLength=2\nimWidth=640\nimHeight=480\n');
  // Pedestrian 1 (kept) and a static person 2 (class 7) that the result follows.
  writeFileSync(join(dir, 'gt', 'gt.txt'), '1,1,0,0,10,10,1,1,1\n1,2,50,0,10,10,0,7,1\n2,1,0,0,10,10,1,1,1\n');
  const res = join(tmp, 'MOT17-XX.txt');
  writeFileSync(res, '1,5,0,0,10,10,1,-1,-1,-1\n1,6,50,0,10,10,1,-1,-1,-1\n2,5,0,0,10,10,1,-1,-1,-1\n');
  const ev = evaluateMotChallenge({ gt: join(dir, 'gt', 'gt.txt'), results: res });
  assert.is(ev.benchmark, 'MOT17');
  // Track 6 on the distractor is removed: a perfect score, no FP.
  const m = ev.combined.summary;
  assert.equal([m.FP, m.FN, m.GT, m.MOTA, m.IDF1], [0, 0, 1, 1, 1]);
  // As MOT15 the distractor is neither removed nor (flag 0) scored: track 6 is an FP.
  assert.is(evaluateMotChallenge({ gt: join(dir, 'gt', 'gt.txt'), results: res, benchmark: 'MOT15' }).combined.summary.FP, 1);
});

single('throws on an unknown benchmark', () => {
  throwsWith(
    () => evaluateMotChallenge({ gt: fixture('mot15/TUD-Campus/gt.txt'), results: fixture('mot15/TUD-Campus/sort_reference.txt'), benchmark: 'KITTI' as never }),
    ConfigError,
    'benchmark must be auto or one of MOT15, MOT16, MOT17, MOT20, none, got KITTI',
  );
});

single.after(() => rmSync(tmp, { recursive: true, force: true }));
single.run();
