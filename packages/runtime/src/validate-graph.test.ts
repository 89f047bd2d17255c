import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelLoadError } from './errors.js';
import { irGraph, n } from './testing/ir-builder.js';
import { validateGraph } from './validate-graph.js';

const test = suite('validateGraph');

const fails = (g: ReturnType<typeof irGraph>, re: RegExp) =>
  assert.throws(() => validateGraph(g, 'load'), (e: unknown) => e instanceof ModelLoadError && /^hand-built: load: /.test((e as Error).message) && re.test((e as Error).message));

test('accepts a well-formed graph', () => {
  validateGraph(irGraph({ x: [1] }, { c: [[1], Float32Array.of(1)] }, [n('add', 'a', ['x', 'c'], ['y'], {})], ['y']), 'load');
});

test('rejects two writers, a dangling read, a missing output and a cycle', () => {
  fails(irGraph({ x: [1] }, {}, [n('relu', 'a', ['x'], ['y'], {}), n('sigmoid', 'b', ['x'], ['y'], {})], ['y']), /value 'y' is written by more than one node \(second: 'b'\)/);
  fails(irGraph({ x: [1] }, { c: [[1], Float32Array.of(1)] }, [n('relu', 'a', ['x'], ['c'], {})], ['c']), /value 'c' is written by more than one node/);
  fails(irGraph({ x: [1] }, {}, [n('relu', 'a', ['ghost'], ['y'], {})], ['y']), /node 'a' reads 'ghost'/);
  fails(irGraph({ x: [1] }, {}, [n('relu', 'a', ['x'], ['y'], {})], ['z']), /graph output 'z' is not produced/);
  fails(irGraph({}, {}, [n('relu', 'a', ['q'], ['p'], {}), n('relu', 'b', ['p'], ['q'], {})], ['p']), /the graph has a cycle through node\(s\) a, b/);
});

test.run();
