import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMotText, readMotFile, rowsByFrame } from './index.js';
import { fixture } from './test-helpers.js';

const byFrame = suite('rowsByFrame');

byFrame('TUD-Campus det.txt: 71 frames, first and last frame rows', () => {
  const det = readMotFile(fixture('mot15/TUD-Campus/det.txt'), 'det');
  const groups = rowsByFrame(det);
  // `cut -d, -f1 det.txt | sort -u | wc -l` = 71; `awk -F, '$1==1'` -> 6 rows, `'$1==71'` -> 4 rows (the last 4 lines)
  assert.is(groups.size, 71);
  assert.equal(groups.get(1), [0, 1, 2, 3, 4, 5]);
  assert.equal(groups.get(71), [317, 318, 319, 320]);
  let total = 0;
  for (const idx of groups.values()) total += idx.length;
  assert.is(total, det.length);
});

byFrame('unsorted input: indices in file order, frames in first-appearance order, gaps absent', () => {
  const rows = parseMotText('5,-1,0,0,1,1,1\n2,-1,0,0,1,1,1\n5,-1,9,9,1,1,1\n', 'det');
  const groups = rowsByFrame(rows);
  assert.equal([...groups.keys()], [5, 2]);
  assert.equal(groups.get(5), [0, 2]);
  assert.is(groups.get(3), undefined);
});

byFrame.run();
