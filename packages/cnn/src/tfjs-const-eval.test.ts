import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evalConst } from './tfjs-const-eval.js';

const s = suite('evalConst');

s('integer arithmetic with scalar broadcast', () => {
  // [1, 80, -1] + 0 (scalar) = [1, 80, -1]; [2, 3] * [4, 5] = [8, 15]; [5] - [1, 2] = [4, 3]
  assert.equal(evalConst('AddV2', [{ shape: [3], ints: [1, 80, -1] }, { shape: [], ints: [0] }]), { shape: [3], ints: [1, 80, -1] });
  assert.equal(evalConst('Mul', [{ shape: [2], ints: [2, 3] }, { shape: [2], ints: [4, 5] }]).ints, [8, 15]);
  assert.equal(evalConst('Sub', [{ shape: [1], ints: [5] }, { shape: [2], ints: [1, 2] }]), { shape: [2], ints: [4, 3] });
});

s('SparseToDense: default fill plus the listed positions', () => {
  // output [4], indices [1, 3], values [7, 9], default 0 -> [0, 7, 0, 9]; no indices -> all default
  assert.equal(evalConst('SparseToDense', [{ shape: [2], ints: [1, 3] }, { shape: [1], ints: [4] }, { shape: [2], ints: [7, 9] }, { shape: [], ints: [0] }]).ints, [0, 7, 0, 9]);
  assert.equal(evalConst('SparseToDense', [{ shape: [0, 1], ints: [] }, { shape: [1], ints: [3] }, { shape: [0], ints: [] }, { shape: [], ints: [2] }]).ints, [2, 2, 2]);
});

s('unknown ops and unknown inputs give a constant without values', () => {
  assert.equal(evalConst('Shape', [{ shape: [2], ints: [1, 2] }]), { shape: [] });
  assert.equal(evalConst('AddV2', [{ shape: [2] }, { shape: [2], ints: [1, 2] }]), { shape: [] });
  assert.equal(evalConst('Cast', [{ shape: [1], ints: [4] }]), { shape: [1], ints: [4] });
});

s.run();
