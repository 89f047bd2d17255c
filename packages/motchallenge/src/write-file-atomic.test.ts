import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OutputError } from '@mot/core';
import { writeFileAtomic } from './index.js';
import { throwsWith } from './test-helpers.js';

const atomic = suite('writeFileAtomic');

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'motchallenge-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

atomic('writes text and bytes, replaces an existing file, leaves no temp file', () => {
  withDir((dir) => {
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old content that is longer than the new one\n');
    writeFileAtomic(path, 'a,b\n');
    assert.is(readFileSync(path, 'utf8'), 'a,b\n');
    writeFileAtomic(join(dir, 'bytes.bin'), new Uint8Array([0, 255, 7]));
    assert.equal(Array.from(readFileSync(join(dir, 'bytes.bin'))), [0, 255, 7]);
    assert.equal(readdirSync(dir).sort(), ['bytes.bin', 'out.txt']);
  });
});

atomic('missing directory: OutputError naming path and directory, nothing created', () => {
  withDir((dir) => {
    const path = join(dir, 'missing', 'out.txt');
    const e = throwsWith(() => writeFileAtomic(path, 'x'), OutputError, [path, 'cannot write the file', `directory ${join(dir, 'missing')} does not exist`]);
    assert.is(e.path, path);
    assert.is(e.code, "ENOENT");
    assert.equal(readdirSync(dir), []);
  });
});

atomic('target is a directory: OutputError, temp file removed, directory untouched', () => {
  withDir((dir) => {
    const target = join(dir, 'results');
    mkdirSync(target);
    throwsWith(() => writeFileAtomic(target, 'x'), OutputError, [target, 'it is a directory']);
    assert.equal(readdirSync(dir), ['results']);
    assert.equal(readdirSync(target), []);
  });
});

atomic.run();
