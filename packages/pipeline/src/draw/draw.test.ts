import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CELL_WIDTH, drawLabel, drawText, glyphRows, textWidth } from './bitmap-font.js';
import { drawLine, drawPolyline } from './draw-line.js';
import { fillRect, strokeRect } from './fill-rect.js';
import { hsvToRgb, idColour, textColourOn } from './id-colour.js';
import type { Rgb, RgbImage } from './rgb-image.js';

const RED: Rgb = [255, 0, 0];
const image = (width: number, height: number): RgbImage => ({ width, height, data: new Uint8Array(width * height * 3) });
const px = (img: RgbImage, x: number, y: number): number[] => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
/** Coordinates of every non-black pixel, as "x,y". */
const setPixels = (img: RgbImage): string[] => {
  const out: string[] = [];
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (px(img, x, y).some((v) => v !== 0)) out.push(`${x},${y}`);
  return out;
};

const rect = suite('fillRect / strokeRect');

rect('fillRect fills x0<=x<x1, y0<=y<y1 and clips at the border', () => {
  const img = image(6, 4);
  fillRect(img, 4, 2, 9, 9, RED);
  assert.equal(setPixels(img), ['4,2', '5,2', '4,3', '5,3']);
});

rect('strokeRect draws 2 px inward: edge pixels set, interior and outside untouched', () => {
  const img = image(20, 20);
  strokeRect(img, [5, 5, 10, 8], 2, RED); // columns 5..14, rows 5..12
  for (const [x, y] of [[5, 5], [14, 5], [5, 12], [14, 12], [6, 6], [13, 11], [9, 5], [9, 6], [9, 11], [9, 12]]) assert.equal(px(img, x, y), [255, 0, 0], `${x},${y}`);
  for (const [x, y] of [[7, 7], [12, 10], [4, 5], [15, 5], [5, 4], [5, 13], [9, 7], [9, 10]]) assert.equal(px(img, x, y), [0, 0, 0], `${x},${y}`);
  // 10x8 outline of thickness 2: 10*8 - 6*4 = 56 pixels.
  assert.is(setPixels(img).length, 56);
});

const line = suite('drawLine');

line('a 1 px horizontal segment sets exactly its pixels, endpoints included', () => {
  const img = image(12, 6);
  drawLine(img, [2, 3], [8, 3], 1, RED);
  assert.equal(setPixels(img), ['2,3', '3,3', '4,3', '5,3', '6,3', '7,3', '8,3']);
});

line('a diagonal is one pixel per step; thickness 2 adds the pixel right, below and diagonal', () => {
  const img = image(6, 6);
  drawLine(img, [0, 0], [3, 3], 1, RED);
  assert.equal(setPixels(img), ['0,0', '1,1', '2,2', '3,3']);
  const thick = image(4, 4);
  drawLine(thick, [1, 1], [1, 1], 2, RED);
  assert.equal(setPixels(thick), ['1,1', '2,1', '1,2', '2,2']);
});

line('segments far outside the image draw nothing; a closed polyline joins last to first', () => {
  const img = image(10, 10);
  drawLine(img, [-100, -50], [-20, -80], 2, RED);
  assert.equal(setPixels(img), []);
  drawPolyline(img, [[1, 1], [5, 1], [1, 5]], 1, RED, true);
  for (const p of ['1,1', '5,1', '1,5', '3,1', '1,3', '3,3']) assert.ok(setPixels(img).includes(p), p);
});

const font = suite('bitmap font');

font("'A' at (1,1): its known rows of pixels are set and nothing else", () => {
  const img = image(8, 9);
  drawText(img, 'A', 1, 1, RED);
  // A = 01110 / 10001 x3 / 11111 / 10001 x2
  const expected: string[] = [];
  const rows = ['01110', '10001', '10001', '10001', '11111', '10001', '10001'];
  rows.forEach((r, y) => [...r].forEach((b, x) => b === '1' && expected.push(`${x + 1},${y + 1}`)));
  assert.equal(setPixels(img), expected);
  assert.equal(Array.from(glyphRows('A')), [0x0e, 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11]);
});

font('scale 2 paints 2x2 squares; characters advance 6 font px', () => {
  const img = image(24, 16);
  drawText(img, '.1', 0, 0, RED, 2);
  // '.' rows 5,6 = 01100: font px (1,5),(2,5),(1,6),(2,6) -> screen x 2..5, y 10..13
  for (let y = 10; y < 14; y++) for (let x = 2; x < 6; x++) assert.equal(px(img, x, y), [255, 0, 0]);
  assert.equal(px(img, 1, 10), [0, 0, 0]);
  // '1' row 0 = 00100 -> font px (2,0) of the second cell -> screen x (6+2)*2 = 16..17, y 0..1
  assert.equal(px(img, CELL_WIDTH * 2 + 4, 0), [255, 0, 0]);
  assert.equal(px(img, CELL_WIDTH * 2 + 3, 0), [0, 0, 0]);
});

font("every printable ASCII glyph is distinct; other characters draw as '?'", () => {
  const seen = new Set<string>();
  for (let c = 32; c <= 126; c++) seen.add(Array.from(glyphRows(String.fromCharCode(c))).join(','));
  assert.is(seen.size, 95);
  assert.equal(glyphRows('é'), glyphRows('?'));
});

font('textWidth and drawLabel: 6 px per char minus one, background box with 2 px padding', () => {
  assert.is(textWidth('12 person', 1), 53);
  assert.is(textWidth('12 person', 2), 106);
  assert.is(textWidth('', 1), 0);
  const img = image(30, 15);
  const [w, h] = drawLabel(img, 'l', 1, 1, [255, 255, 255], [0, 0, 200]);
  assert.equal([w, h], [9, 11]);
  assert.equal(px(img, 1, 1), [0, 0, 200]); // padding
  assert.equal(px(img, 9, 11), [0, 0, 200]); // bottom-right of the box
  assert.equal(px(img, 10, 11), [0, 0, 0]); // just outside
  // 'l' row 0 = 01100: font px (1,0) at 1 + 2 + 1 = 4, y 1 + 2 = 3
  assert.equal(px(img, 4, 3), [255, 255, 255]);
});

const colour = suite('idColour');

colour('golden-ratio hues match Python colorsys.hsv_to_rgb(frac(id/phi), 0.85, 0.95) * 255', () => {
  // Reference: python3 colorsys, rounded to whole levels.
  assert.equal(idColour(1), [36, 96, 242]);
  assert.equal(idColour(2), [157, 242, 36]);
  assert.equal(idColour(3), [242, 36, 217]);
  assert.equal(idColour(3), idColour(3));
  assert.equal(hsvToRgb(0, 1, 1), [255, 0, 0]);
});

colour('label text is black on light colours, white on dark ones', () => {
  assert.equal(textColourOn([157, 242, 36]), [0, 0, 0]);
  assert.equal(textColourOn([36, 96, 242]), [255, 255, 255]);
});

rect.run();
line.run();
font.run();
colour.run();
