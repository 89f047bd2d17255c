import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { findSequences } from './index.js';
import { throwsWith } from './test-helpers.js';

const test = suite('findSequences');
const tmp = mkdtempSync(join(tmpdir(), 'mot-find-'));
const ROW = '1,1,0,0,10,10,1,-1,-1,-1\n';

// gt/A/gt/gt.txt + gt/A/seqinfo.ini (MOTChallenge layout), gt/B/gt.txt (flat),
// gt/C/ without gt (skipped), gt/notes.txt (a file, skipped).
const gt = join(tmp, 'gt');
mkdirSync(join(gt, 'A', 'gt'), { recursive: true });
writeFileSync(join(gt, 'A', 'gt', 'gt.txt'), ROW);
writeFileSync(join(gt, 'A', 'seqinfo.ini'), '[Sequence]\nname=A\nframeRate=1\nseqLength=1\nimWidth=1\nimHeight=1\n');
mkdirSync(join(gt, 'B'));
writeFileSync(join(gt, 'B', 'gt.txt'), ROW);
mkdirSync(join(gt, 'C'));
writeFileSync(join(gt, 'notes.txt'), 'x');
const res = join(tmp, 'res');
mkdirSync(res);
writeFileSync(join(res, 'A.txt'), ROW);
writeFileSync(join(res, 'B.txt'), ROW);
writeFileSync(join(res, 'Z.txt'), ROW); // no gt: ignored

test('pairs <SEQ>/gt/gt.txt and <SEQ>/gt.txt with <results>/<SEQ>.txt, sorted by name', () => {
  const seqs = findSequences(gt, res);
  assert.equal(seqs, [
    { name: 'A', gtFile: join(gt, 'A', 'gt', 'gt.txt'), resultsFile: join(res, 'A.txt'), seqInfoFile: join(gt, 'A', 'seqinfo.ini') },
    { name: 'B', gtFile: join(gt, 'B', 'gt.txt'), resultsFile: join(res, 'B.txt'), seqInfoFile: undefined },
  ]);
});

test('a single gt file pairs with a results file or with <results>/<SEQ>.txt', () => {
  const a = join(gt, 'A', 'gt', 'gt.txt');
  assert.equal(findSequences(a, join(res, 'B.txt'))[0], { name: 'A', gtFile: a, resultsFile: join(res, 'B.txt'), seqInfoFile: join(gt, 'A', 'seqinfo.ini') });
  assert.is(findSequences(a, res)[0].resultsFile, join(res, 'A.txt'));
  assert.is(findSequences(join(gt, 'B', 'gt.txt'), res)[0].name, 'B');
});

test('throws when a path is missing, a results file is missing or no sequence has gt', () => {
  throwsWith(() => findSequences(join(tmp, 'nope'), res), InputError, 'gt must be a gt.txt file or a directory of sequences', 'does not exist');
  throwsWith(() => findSequences(gt, join(tmp, 'nope')), InputError, 'results must be a results file or a directory', 'does not exist');
  throwsWith(() => findSequences(gt, join(res, 'A.txt')), InputError, 'results must be a directory of <SEQ>.txt when gt is a directory');
  const partial = join(tmp, 'partial');
  mkdirSync(partial);
  writeFileSync(join(partial, 'A.txt'), ROW);
  throwsWith(() => findSequences(gt, partial), InputError, 'results for sequence B must exist', join(partial, 'B.txt'));
  throwsWith(() => findSequences(join(gt, 'C'), res), InputError, 'gt directory must hold <SEQ>/gt/gt.txt or <SEQ>/gt.txt, got none');
  throwsWith(() => findSequences(join(gt, 'B', 'gt.txt'), join(tmp, 'partial')), InputError, 'results for sequence B must exist');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
