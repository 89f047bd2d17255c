import { lastValueFrom, of, tap, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { holdPull } from './hold-pull.js';
import { pullConcatMap } from './pull-concat-map.js';
import { sleep } from './test-support.js';

const hold = suite('holdPull');

/** A generator that records how far it ran ahead of a `done` counter. */
function counting(n: number, done: () => number): { source: AsyncGenerator<number>; maxAhead: () => number } {
  let ahead = 0;
  async function* gen(): AsyncGenerator<number> {
    for (let i = 0; i < n; i++) {
      ahead = Math.max(ahead, i + 1 - done());
      yield i;
    }
  }
  return { source: gen(), maxAhead: () => ahead };
}

hold('a downstream stage holding each value for 20 ms keeps the source one value ahead at most', async () => {
  let finished = 0;
  const { source, maxAhead } = counting(8, () => finished);
  const out = await lastValueFrom(
    pullConcatMap(source, (v) => of(v)).pipe(
      tap(() => holdPull(sleep(20).then(() => finished++))),
      toArray(),
    ),
  );
  assert.equal(out, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.is(finished, 8);
  assert.is(maxAhead(), 1);
});

hold('without a hold the source runs ahead of the asynchronous work (the test above can fail)', async () => {
  let finished = 0;
  const { source, maxAhead } = counting(8, () => finished);
  const works: Promise<unknown>[] = [];
  await lastValueFrom(pullConcatMap(source, (v) => of(v)).pipe(tap(() => works.push(sleep(20).then(() => finished++)))));
  await Promise.all(works);
  assert.is(maxAhead(), 8);
});

hold('outside a pullConcatMap emission it does nothing', async () => {
  holdPull(new Promise(() => undefined)); // never settles: must not block anything
  assert.equal(await lastValueFrom(of(1, 2).pipe(tap(() => holdPull(new Promise(() => undefined))), toArray())), [1, 2]);
});

hold.run();
