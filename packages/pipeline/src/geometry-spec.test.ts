import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCountLine, parseZone } from './geometry-spec.js';

const line = suite('parseCountLine');

line('four numbers and an optional name; spaces around fields are fine', () => {
  assert.equal(parseCountLine('0,300,640,300,door'), { name: 'door', a: [0, 300], b: [640, 300] });
  assert.equal(parseCountLine(' 1.5, 2 ,3e2,-4'), { name: 'line', a: [1.5, 2], b: [300, -4] });
  assert.equal(parseCountLine('0,0,1,1', 'line2').name, 'line2');
});

line('malformed specs: one ConfigError quoting the spec and saying what is wrong', () => {
  const cases: [string, string][] = [
    ['0,300,640', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "0,300,640": it has 3 coordinates, not 4'],
    ['0,300,640,300,500,door', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "0,300,640,300,500,door": it has 5 coordinates, not 4'],
    ['0,x,640,300,door', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "0,x,640,300,door": "x" is not a number'],
    ['5,5,5,5', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "5,5,5,5": its two ends are the same point'],
    ['', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "": it is empty'],
    ['0,,640,300', 'parseCountLine: spec must be x1,y1,x2,y2[,name] (px), got "0,,640,300": "" is not a number'],
  ];
  for (const [spec, message] of cases) {
    assert.throws(() => parseCountLine(spec), (e: unknown) => e instanceof ConfigError && (e as Error).message === message, spec);
  }
});

const zone = suite('parseZone');

zone('pairs of numbers (>= 3 points) and an optional name', () => {
  assert.equal(parseZone('100,100,300,100,300,300,queue'), { name: 'queue', polygon: [[100, 100], [300, 100], [300, 300]] });
  assert.equal(parseZone('0,0,4,0,4,4,0,4', 'zone3'), { name: 'zone3', polygon: [[0, 0], [4, 0], [4, 4], [0, 4]] });
});

zone('malformed specs: one ConfigError each', () => {
  assert.throws(() => parseZone('0,0,4,0,queue'), (e: unknown) => e instanceof ConfigError && (e as Error).message === 'parseZone: spec must be x1,y1,x2,y2,x3,y3,...[,name] (px), got "0,0,4,0,queue": it has 2 points, at least 3 are needed');
  assert.throws(() => parseZone('0,0,4,0,4'), /it has an odd number of coordinates \(5\)/);
  assert.throws(() => parseZone('0,0,4,0,4,a,b'), /"a" is not a number/);
});

line.run();
zone.run();
