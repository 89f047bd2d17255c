import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BBOX_XFORM_CLIP, RCNN_BOX_WEIGHTS, decodeBoxDeltas, encodeBoxDeltas } from './index.js';
import { assertClose, assertThrows, randomBoxes } from './testing/c3-oracle.js';

// anchor [0,0,10,10]: size 10x10, centre (5,5); box [2,3,12,23]: size 10x20, centre (7,13)
// tx = (7 - 5)/10 = 0.2, ty = (13 - 5)/10 = 0.8, tw = ln(10/10) = 0, th = ln(20/10) = 0.6931472
const ANCHOR = new Float32Array([0, 0, 10, 10]);
const BOX = new Float32Array([2, 3, 12, 23]);

const enc = suite('encodeBoxDeltas');
enc('R-CNN deltas of a hand-made pair', () => {
  assertClose(encodeBoxDeltas(BOX, ANCHOR), [0.2, 0.8, 0, Math.LN2], 1e-7);
});
enc('Detectron weights (10, 10, 5, 5) scale each delta', () => {
  assert.equal([...RCNN_BOX_WEIGHTS], [10, 10, 5, 5]);
  // [0.2 * 10, 0.8 * 10, 0 * 5, 0.6931472 * 5]
  assertClose(encodeBoxDeltas(BOX, ANCHOR, { weights: RCNN_BOX_WEIGHTS }), [2, 8, 0, 3.465736], 1e-6);
});
enc('throws on empty boxes, mismatched lengths and bad weights', () => {
  assertThrows(() => encodeBoxDeltas(new Float32Array([0, 0, 0, 5]), ANCHOR), ShapeError, /^encodeBoxDeltas: boxes must have positive width and height, got \[0, 0, 0, 5\] at row 0$/);
  assertThrows(() => encodeBoxDeltas(BOX, new Float32Array(8)), ShapeError, /anchors must have the length of boxes/);
  assertThrows(() => encodeBoxDeltas(BOX, ANCHOR, { weights: [1, 1, 0, 1] }), ConfigError, /weights\[2\] must be in/);
  assertThrows(() => encodeBoxDeltas(BOX, ANCHOR, { weights: [1, 1, 1] as unknown as [number, number, number, number] }), ShapeError, /weights must have 4 numbers, got 3/);
});
enc.run();

const dec = suite('decodeBoxDeltas');
dec('inverts the hand-made pair', () => {
  assertClose(decodeBoxDeltas(new Float32Array([0.2, 0.8, 0, Math.LN2]), ANCHOR), [2, 3, 12, 23], 1e-5);
  assertClose(decodeBoxDeltas(new Float32Array([2, 8, 0, 3.465736]), ANCHOR, { weights: RCNN_BOX_WEIGHTS }), [2, 3, 12, 23], 1e-5);
});
dec('decode(encode(b)) = b on 500 random pairs, with and without weights', () => {
  const { boxes } = randomBoxes(500, 1);
  const { boxes: anchors } = randomBoxes(500, 2);
  for (const weights of [undefined, RCNN_BOX_WEIGHTS]) {
    const back = decodeBoxDeltas(encodeBoxDeltas(boxes, anchors, { weights }), anchors, { weights });
    assertClose(back, boxes, 2e-3); // float32 deltas on boxes up to 1000 px
  }
});
dec('clamps dw, dh at log(1000/16) before exp', () => {
  // dw = 10 is clamped to ln 62.5: width 10 * 62.5 = 625 around centre 5
  assertClose(BBOX_XFORM_CLIP, Math.log(62.5), 1e-15);
  assertClose(decodeBoxDeltas(new Float32Array([0, 0, 10, 0]), ANCHOR), [5 - 312.5, 0, 5 + 312.5, 10], 1e-3);
  assertClose(decodeBoxDeltas(new Float32Array([0, 0, 10, 0]), ANCHOR, { clamp: Infinity }), [5 - 5 * Math.exp(10), 0, 5 + 5 * Math.exp(10), 10], 1);
});
dec('throws on non-finite deltas and mismatched lengths', () => {
  assertThrows(() => decodeBoxDeltas(new Float32Array([0, NaN, 0, 0]), ANCHOR), ConfigError, /^decodeBoxDeltas: deltas must be finite, got NaN at index 1$/);
  assertThrows(() => decodeBoxDeltas(new Float32Array(8), ANCHOR), ShapeError, /deltas must have the length of anchors \(4\), got 8/);
  assertThrows(() => decodeBoxDeltas(new Float32Array(4), ANCHOR, { clamp: NaN }), ConfigError, /clamp/);
});
dec.run();
