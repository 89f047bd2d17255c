import { readImage } from '@mot/video';
import { createSession, loadOnnxModel, loadTfjsGraphModel } from '@mot/runtime';
import { NANODET_JSON, NANODET_ONNX, NANODET_OUTPUTS, ROOT, maxAbsDiff, runOrt, runTfjs } from '@mot/runtime/testing';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { letterbox } from './letterbox.js';

// End to end on the detector's own preprocessing: the runtime's tests cover the
// executor on small graphs; this one runs the shipped NanoDet on a real image.
const test = suite('NanoDet on the graph runtime');

test('NanoDet on a real image: all six outputs of both loaders equal onnxruntime-node and tfjs-wasm within 1e-3 (onnxruntime: 1e-4 of each output\'s scale)', async () => {
  const img = await readImage(join(ROOT, 'fixtures/detector/000252.jpg'));
  // the detector's own preprocessing: a deterministic real-image input
  const input_1 = letterbox(img).input;
  const ort = await runOrt(NANODET_ONNX, { input_1 });
  // tfjs-backend-wasm runs the model once (~0.5-1.5 s here); tfjs-backend-cpu would take ~8 s.
  const tfw = await runTfjs(NANODET_JSON, { input_1 }, 'wasm');
  const shapes: Record<string, number[]> = {
    'Identity:0': [1, 2704, 80], 'Identity_1:0': [1, 676, 80], 'Identity_2:0': [1, 169, 80],
    'Identity_3:0': [1, 2704, 44], 'Identity_4:0': [1, 676, 44], 'Identity_5:0': [1, 169, 44],
  };
  for (const graph of [await loadTfjsGraphModel(NANODET_JSON), await loadOnnxModel(NANODET_ONNX)]) {
    const out = createSession(graph).run({ input_1 });
    assert.equal(Object.keys(out).sort(), [...NANODET_OUTPUTS].sort());
    for (const name of NANODET_OUTPUTS) {
      assert.equal(out[name].shape, shapes[name], name);
      const eOrt = maxAbsDiff(out[name].data, ort[name]);
      const eTf = maxAbsDiff(out[name].data, tfw[name]);
      assert.ok(eOrt <= 1e-3 && eTf <= 1e-3, `${graph.source.format} ${name}: vs ort ${eOrt}, vs tfjs-wasm ${eTf}`);
      const scale = ort[name].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      assert.ok(eOrt / scale <= 1e-4, `${graph.source.format} ${name}: vs ort ${eOrt} = ${eOrt / scale} of the output scale ${scale}`);
    }
    // Not vacuous: class scores are sigmoids in (0, 1) and the image has confident cells (the bus: 0.71 in the README).
    const scores = out['Identity:0'].data;
    assert.ok(scores.reduce((m, v) => Math.max(m, v), 0) > 0.5 && scores.every((v) => v >= 0 && v <= 1));
  }
});

test.run();
