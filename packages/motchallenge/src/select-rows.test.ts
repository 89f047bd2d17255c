import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ShapeError } from '@mot/core';
import { parseMotText, selectRows } from './index.js';

const test = suite('selectRows');

test('picks rows in the given order, keeping their source lines', () => {
  const rows = parseMotText('1,-1,0,0,1,1,0.5\n2,-1,5,5,2,2,0.9\n1,-1,7,8,3,3,0.1\n', 'det', 'det.txt');
  const s = selectRows(rows, [2, 0]);
  assert.is(s.length, 2);
  assert.equal([...s.frame], [1, 1]);
  assert.equal([...s.x], [7, 0]);
  assert.equal([...s.score], [0.1, 0.5]);
  assert.equal([...s.line], [3, 1]);
  assert.is(s.source, 'det.txt');
  assert.throws(() => selectRows(rows, [3]), (e: unknown) => e instanceof ShapeError && /indices must be integers in \[0, 3\), got 3/.test((e as Error).message));
});

test.run();
