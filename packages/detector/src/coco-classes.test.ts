import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { COCO_CLASSES, parseClassFilter } from './coco-classes.js';

const test = suite('parseClassFilter');

test('COCO order: 80 names, person 0, car 2, bus 5, dog 16, toothbrush 79', () => {
  assert.is(COCO_CLASSES.length, 80);
  assert.equal([0, 2, 5, 16, 79].map((i) => COCO_CLASSES[i]), ['person', 'car', 'bus', 'dog', 'toothbrush']);
});

test('names (any case, multi-word) and indices; duplicates once; all', () => {
  assert.equal(parseClassFilter('person,bus'), [0, 5]);
  assert.equal(parseClassFilter(' Person , traffic light,2,0'), [0, 9, 2]);
  assert.is(parseClassFilter('ALL'), 'all');
});

test('unknown names and out-of-range indices throw', () => {
  for (const [spec, re] of [
    ['person,buss', /class must be a COCO class name or an index 0..79 .*, got 'buss'/],
    ['80', /got '80'/],
    ['', /spec must be 'all' or a comma-separated list/],
  ] as const) {
    assert.throws(() => parseClassFilter(spec), (e: unknown) => e instanceof ConfigError && re.test((e as Error).message));
  }
});

test.run();
