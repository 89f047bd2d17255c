/**
 * Property-based tests (fast-check) of every MOTChallenge parser: whatever the
 * bytes, each call ends in a valid result or a typed InputError naming the
 * source, never an untyped exception, a hang or unbounded memory (inputs are
 * capped by the line length and row limits the parsers enforce).
 * Cases per parser: 2,000 in CI, MOT_FUZZ_RUNS with `pnpm fuzz` (100,000).
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError, MotError } from '@mot/core';
import { fuzzRuns, fuzzSeed } from '../../core/src/testing-fuzz.js';
import { type MotRows, deepSortDetectionsFromNpy, parseMotText, parseNpy, parseSeqInfo } from './index.js';

const RUNS = fuzzRuns();
const SEED = fuzzSeed();

/** Runs `fn`; an error must be an InputError (message starting with the source); returns the result or undefined. */
function typed<T>(fn: () => T, source: string): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`untyped error: ${String(err)}`, { cause: err });
    assert.ok(err.message.startsWith(source), err.message);
    assert.ok(err.message.length < 400, `message of ${err.message.length} characters`);
    return undefined;
  }
}

function checkRows(rows: MotRows, kind: 'det' | 'gt' | 'result'): void {
  for (let i = 0; i < rows.length; i++) {
    assert.ok(Number.isInteger(rows.frame[i]) && rows.frame[i] >= 1 && rows.frame[i] <= 10_000_000);
    for (const v of [rows.x[i], rows.y[i], rows.w[i], rows.h[i], rows.score[i]]) assert.ok(Number.isFinite(v));
    if (kind === 'det') assert.ok(rows.w[i] > 0 && rows.h[i] > 0);
    else assert.ok(rows.w[i] >= 0 && rows.h[i] >= 0);
    assert.ok(rows.line[i] >= 1);
  }
}

/** Field texts near the grammar's edges: decimals, hex, exponents, words, blanks. */
const field = fc.oneof(
  fc.integer({ min: -5, max: 3_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('', ' ', '0x10', '0b1', '0o7', '1e30', '-1e308', '1e309', '.5', '5.', '+3', '-0', 'NaN', 'Infinity', '1_0', '١', '\u0000', '1e', 'e1', '--1', '10000001', '2147483648'),
  fc.string({ maxLength: 12 }),
);
const line = fc.oneof(
  fc.array(field, { minLength: 1, maxLength: 12 }).map((f) => f.join(',')),
  fc.string({ maxLength: 60 }),
);
const motText = fc.oneof(
  fc.array(line, { maxLength: 20 }).map((l) => l.join('\n')),
  fc.array(line, { maxLength: 20 }).map((l) => l.join('\r\n') + '\n'),
  fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString('latin1')),
);

const parsers = suite(`parsers: ${RUNS} fast-check cases each`);

for (const kind of ['det', 'gt', 'result'] as const) {
  parsers(`parseMotText ${kind}: rows within the rules or an InputError naming the file`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(motText, (text) => {
        const rows = typed(() => parseMotText(text, kind, 'f.txt', { allowEmpty: true }), 'f.txt');
        if (rows !== undefined) {
          accepted++;
          checkRows(rows, kind);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generators must reach both outcomes, or the property tests little.
    assert.ok(accepted > 0, 'no case parsed');
  });
}

parsers('parseMotText: a line over the cap is an InputError at once, whatever follows', () => {
  fc.assert(
    fc.property(fc.integer({ min: 4097, max: 20_000 }), fc.string({ maxLength: 50 }), (n, tail) => {
      assert.is(typed(() => parseMotText('1'.repeat(n) + tail, 'det', 'f.txt'), 'f.txt'), undefined);
    }),
    { numRuns: Math.min(RUNS, 2000), seed: SEED },
  );
});

const seqLine = fc.oneof(
  fc.constantFrom('[Sequence]', '[sequence]', '[Other]', '[', 'name=S', 'frameRate=30', 'seqLength=71', 'imWidth=640', 'imHeight=480', 'seqLength=0x10', 'imWidth=1e3', 'frameRate=-1', '=x', '; c', 'seqLength=99999999999'),
  fc.tuple(fc.constantFrom('name', 'frameRate', 'seqLength', 'imWidth', 'imHeight', 'imDir', 'imExt'), field).map(([k, v]) => `${k}=${v}`),
  fc.string({ maxLength: 30 }),
);

parsers('parseSeqInfo: a SeqInfo with positive numbers or an InputError naming the file', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(seqLine, { maxLength: 10 }), fc.boolean(), fc.nat({ max: 5 }), (lines, header, drop) => {
      // A valid file with one key dropped (or none) and fuzzed lines after it.
      const base = ['name=S', 'frameRate=30', 'seqLength=71', 'imWidth=640', 'imHeight=480'].filter((_, i) => i !== drop);
      const text = (header ? ['[Sequence]', ...base, ...lines] : lines).join('\n');
      const info = typed(() => parseSeqInfo(text, 'seqinfo.ini'), 'seqinfo.ini');
      if (info === undefined) return;
      accepted++;
      assert.ok(info.frameRate > 0 && Number.isFinite(info.frameRate));
      for (const v of [info.seqLength, info.imWidth, info.imHeight]) assert.ok(Number.isInteger(v) && v > 0 && v <= 2147483647);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(accepted > 0, 'no case parsed');
});

/** A .npy image: a valid v1/v2 preamble and a header built from fuzzed parts, data of fuzzed length. */
const npyBytes = fc
  .record({
    major: fc.constantFrom(1, 2, 3, 4),
    descr: fc.constantFrom("'<f4'", "'<f8'", "'>f4'", "'|u1'", "'<f4", '1'),
    fortran: fc.constantFrom('False', 'True', 'false', '0'),
    shape: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 3 }).map((d) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`),
      fc.constantFrom('(99999999999, 12)', '()', '(-1, 12)', '(2, 12', 'None'),
    ),
    extra: fc.constantFrom('', ", 'x': 1", ' ', '}'),
    data: fc.uint8Array({ maxLength: 900 }),
    cut: fc.nat({ max: 1100 }),
  })
  .map((r) => {
    const header = `{'descr': ${r.descr}, 'fortran_order': ${r.fortran}, 'shape': ${r.shape}${r.extra}, }\n`;
    const pre = r.major === 1 ? [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8] : [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, r.major, 0, header.length & 0xff, header.length >> 8, 0, 0];
    const bytes = new Uint8Array([...pre, ...Buffer.from(header, 'latin1'), ...r.data]);
    return r.cut < bytes.length && r.cut % 3 === 0 ? bytes.subarray(0, r.cut) : bytes;
  });

/** A well-formed deep_sort .npy: shape (n, 12) float32, rows of fuzzed floats. */
const npyValid = fc
  .array(fc.oneof(fc.float(), fc.constantFrom(1, 2, 5, 10, 0.5, -1)), { maxLength: 48 })
  .map((v) => {
    const n = Math.floor(v.length / 12);
    const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, 12), }`.padEnd(117, ' ') + '\n';
    const data = new Uint8Array(Float32Array.from(v.slice(0, n * 12)).buffer);
    return new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0, ...Buffer.from(header, 'latin1'), ...data]);
  });

parsers('parseNpy and deepSortDetectionsFromNpy: arrays of the stated shape or an InputError', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(npyBytes, npyValid, fc.uint8Array({ maxLength: 200 })), (bytes) => {
      const npy = typed(() => parseNpy(bytes, 'd.npy'), 'd.npy');
      if (npy === undefined) return;
      assert.is(npy.data.length, npy.shape.reduce((a, b) => a * b, 1));
      accepted++;
      const det = typed(() => deepSortDetectionsFromNpy(npy, 'd.npy', { allowEmpty: true }), 'd.npy');
      if (det === undefined) return;
      assert.is(det.features.length, det.rows.length * det.featureDim);
      checkRows(det.rows, 'det');
    }),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(accepted > 0, 'no case parsed');
});

parsers('deepSortDetectionsFromNpy on float rows: rows within the rules or an InputError', () => {
  const value = fc.oneof(fc.float({ noDefaultInfinity: false }), fc.constantFrom(0, 1, -1, 0.5, 1e9, 3e38), fc.integer({ min: -2, max: 30 }));
  fc.assert(
    fc.property(fc.integer({ min: 10, max: 14 }), fc.array(fc.array(value, { minLength: 14, maxLength: 14 }), { maxLength: 6 }), (cols, rows) => {
      const data = new Float32Array(rows.flatMap((r) => r.slice(0, cols)));
      const det = typed(() => deepSortDetectionsFromNpy({ shape: [rows.length, cols], data }, 'd.npy', { allowEmpty: true }), 'd.npy');
      if (det !== undefined) checkRows(det.rows, 'det');
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

parsers('MotError is the base of every error thrown above (a sanity check of the harness)', () => {
  assert.ok(new InputError('x') instanceof MotError);
});

parsers.run();
