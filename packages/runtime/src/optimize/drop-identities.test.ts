import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { irGraph, n } from '../testing/ir-builder.js';
import { dropIdentities } from './drop-identities.js';

const test = suite('dropIdentities');

test('removes inner identities and renames into output identities', () => {
  const g = irGraph(
    { x: [2] },
    {},
    [n('relu', 'r', ['x'], ['a'], {}), n('identity', 'i1', ['a'], ['b'], {}), n('sigmoid', 's', ['b'], ['c'], {}), n('identity', 'out', ['c'], ['Identity:0'], {})],
    ['Identity:0'],
  );
  assert.is(dropIdentities(g), 2);
  assert.equal(g.nodes.map((x) => `${x.op}(${x.inputs})->${x.outputs}`), ['relu(x)->a', 'sigmoid(a)->Identity:0']);
  assert.is(g.values.has('c'), false);
});

test('keeps an output identity whose input is a graph input or read elsewhere', () => {
  const g = irGraph(
    { x: [2] },
    {},
    [n('identity', 'pass', ['x'], ['y'], {}), n('relu', 'r', ['x'], ['a'], {}), n('identity', 'i', ['a'], ['z'], {}), n('sigmoid', 's', ['a'], ['w'], {})],
    ['y', 'z', 'w'],
  );
  assert.is(dropIdentities(g), 0);
  assert.is(g.nodes.length, 4);
});

test.run();
