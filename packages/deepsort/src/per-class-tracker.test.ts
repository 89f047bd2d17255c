import { ConfigError, type Detection } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PerClassTracker, SortTracker, TRACKERS, getTracker, perClass } from './index.js';

const PERSON = 0;
const CAR = 2;
const feature = Float32Array.of(1, 0, 0, 0);
const det = (x: number, classId: number): Detection => ({ box: [x, 100, 60, 120], score: 0.9, classId, feature });

/**
 * A person walks right through frames 1-12; a car drives left through the
 * same place (they overlap with IoU > 0.3 in frames 5-8); then the person
 * leaves and a second car stops exactly where the person was last seen.
 */
function scene(): Detection[][] {
  const frames: Detection[][] = [];
  for (let f = 1; f <= 12; f++) frames.push([det(100 + 10 * f, PERSON), det(290 - 10 * f, CAR)]);
  for (let f = 13; f <= 18; f++) frames.push([det(290 - 10 * f, CAR), det(220, CAR)]);
  return frames;
}

/** For each id, the set of classes it carried. */
function classesById(tracker: { update(d: readonly Detection[]): Array<{ id: number; classId: number }> }): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const frame of scene()) {
    const ids = new Set<number>();
    for (const t of tracker.update(frame)) {
      assert.not.ok(ids.has(t.id), `id ${t.id} twice in one frame`);
      ids.add(t.id);
      if (!out.has(t.id)) out.set(t.id, new Set());
      out.get(t.id)?.add(t.classId);
    }
  }
  return out;
}

const per = suite('perClass');

for (const id of Object.keys(TRACKERS)) {
  per(`${id}: a car and a person crossing keep their ids apart; ids unique across classes`, () => {
    const byId = classesById(perClass(getTracker(id), id === 'sort' ? { maxAge: 3 } : {}));
    assert.ok(byId.size >= 3, `${id}: ids ${[...byId.keys()]}`); // person, the crossing car, the parked car
    for (const [tid, classes] of byId) assert.is(classes.size, 1, `${id}: id ${tid} carried classes ${[...classes]}`);
  });
}

per('without the wrapper the same scene hands the person\'s id to a car (so the test above can fail)', () => {
  const byId = classesById(getTracker('ocsort').create());
  assert.ok([...byId.values()].some((c) => c.size > 1));
});

per('ids come from one counter in class order; classId is on every track', () => {
  const t = new PerClassTracker((ids) => new SortTracker({ minHits: 0 }, ids));
  const out = t.update([det(100, CAR), det(100, PERSON), det(400, CAR)]);
  // car tracks first (their class appeared first): 1 and 2; the person 3
  assert.equal(
    out.map((tr) => [tr.id, tr.classId]).sort((a, b) => a[0] - b[0]),
    [
      [1, CAR],
      [2, CAR],
      [3, PERSON],
    ],
  );
  t.reset();
  assert.equal(
    t.update([det(100, PERSON)]).map((tr) => tr.id),
    [1],
  );
});

per('bad options fail when the wrapper is made', () => {
  assert.throws(() => perClass(getTracker('bytetrack'), { trackThresh: 2 } as never), (e: unknown) => e instanceof ConfigError && /trackThresh must be <= 1, got 2/.test((e as Error).message));
});

per.run();
