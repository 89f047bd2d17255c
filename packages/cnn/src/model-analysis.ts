/**
 * Static analysis of a network from its layer list: output shape, parameters,
 * multiply-accumulates and receptive field of every layer.
 *
 * Conventions (they decide the totals, so they are spelled out):
 * - MACs count the multiply-accumulates of conv and fc layers only:
 *   conv = Ho * Wo * Cout * (Cin / groups) * kh * kw, fc = in * out. Bias
 *   additions, BN, activations, pooling, adds and resizes count 0 (they are
 *   not multiply-accumulates, and BN folds into the conv). FLOPs ~ 2 * MACs.
 * - Parameters: conv/fc weights (+ bias); BN 2C (gamma, beta) by default, 4C
 *   with `bnRunningStats` (mean and variance are buffers, not parameters, in
 *   PyTorch's count).
 * - Receptive field per axis, by the recurrence jump_out = jump_in * stride,
 *   size_out = size_in + (k_eff - 1) jump_in, start_out = start_in +
 *   ((k_eff - 1)/2 - pad_begin) jump_in, k_eff = dilation (k - 1) + 1; the
 *   input has size 1, jump 1, start 0.5 (centre of the first pixel, px).
 *   Global pooling and fc see the whole map (k = H). A layer with several
 *   inputs takes the field of the input with the largest one. A resize by
 *   factor f = in/out scales the jump by f and moves the start by (f - 1)/2
 *   jumps (half-pixel centres); bilinear widens the field by one input step.
 */
import { ConfigError, ShapeError } from '@mot/core';
import type { LayerSpec, Pair, PaddingSpec } from './layer-spec.js';

/** Receptive field along one axis, in input px. */
export interface ReceptiveField {
  /** Side of the input region seen by one output unit. */
  size: number;
  /** Distance between neighbouring output units, in input px. */
  jump: number;
  /** Centre of the first output unit's field (px, input pixel i spans [i, i + 1)). */
  start: number;
}

/** Analysis of one layer. */
export interface LayerAnalysis {
  name: string;
  type: LayerSpec['type'];
  inputs: string[];
  /** Without the batch axis: [C, H, W] for maps, [F] for vectors. */
  outputShape: number[];
  params: number;
  macs: number;
  /** Vertical axis (H). */
  receptiveField: ReceptiveField;
  /** Horizontal axis (W); equals receptiveField for square kernels and inputs. */
  receptiveFieldW: ReceptiveField;
}

/** Result of {@link analyzeModel}. */
export interface ModelAnalysis {
  inputShape: number[];
  layers: LayerAnalysis[];
  totals: { params: number; macs: number };
}

/** Options of {@link analyzeModel}. */
export interface AnalyzeOptions {
  /** Count BN's running mean and variance as parameters (4C instead of 2C). Default false. */
  bnRunningStats?: boolean;
}

interface Node {
  shape: number[];
  rf: [ReceptiveField, ReceptiveField];
}

const pair = (p: Pair | undefined, d: number): [number, number] => (p === undefined ? [d, d] : typeof p === 'number' ? [p, p] : [p[0], p[1]]);

/** Output size and begin padding of a window op along one axis. */
function windowAxis(inSize: number, k: number, s: number, d: number, pad: PaddingSpec | undefined, axis: 0 | 1, ceil: boolean): [number, number] {
  const kEff = d * (k - 1) + 1;
  if (pad === 'same') {
    const out = Math.ceil(inSize / s);
    const total = Math.max((out - 1) * s + kEff - inSize, 0);
    return [out, Math.floor(total / 2)];
  }
  let begin = 0;
  let end = 0;
  if (typeof pad === 'number') [begin, end] = [pad, pad];
  else if (Array.isArray(pad)) [begin, end] = axis === 0 ? [pad[0], pad[1]] : [pad[2], pad[3]];
  const span = inSize + begin + end - kEff;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // PyTorch: with ceil mode the last window must start inside the input or the begin padding.
  if (ceil && (out - 1) * s >= inSize + begin) out--;
  return [out, begin];
}

const grow = (rf: ReceptiveField, kEff: number, s: number, begin: number): ReceptiveField => ({
  size: rf.size + (kEff - 1) * rf.jump,
  jump: rf.jump * s,
  start: rf.start + ((kEff - 1) / 2 - begin) * rf.jump,
});

/**
 * Analyzes a layer list.
 * @param layers in topological order; each feeds from `inputs` or the previous layer
 * @param inputShape [C, H, W] (or [F] for an MLP)
 * @returns per-layer output shape, params, MACs and receptive field, and totals
 * @throws ConfigError for a bad spec (duplicate or unknown name, bad numbers); ShapeError when shapes do not fit
 * @example
 * analyzeModel([{ name: 'conv1', type: 'conv', outChannels: 64, kernel: 7, stride: 2, padding: 3 }], [3, 224, 224])
 *   .totals // { params: 9472, macs: 118013952 }
 */
export function analyzeModel(layers: readonly LayerSpec[], inputShape: readonly number[], options: AnalyzeOptions = {}): ModelAnalysis {
  const fn = 'analyzeModel';
  for (const d of inputShape) if (!Number.isInteger(d) || d < 1) throw new ShapeError(`${fn}: inputShape must be positive integers, got [${inputShape.join(', ')}]`);
  const unit: ReceptiveField = { size: 1, jump: 1, start: 0.5 };
  const nodes = new Map<string, Node>([['input', { shape: [...inputShape], rf: [unit, unit] }]]);
  const out: LayerAnalysis[] = [];
  let previous = 'input';
  let totalParams = 0;
  let totalMacs = 0;
  for (const spec of layers) {
    const where = `${fn}: layer "${spec.name}"`;
    if (typeof spec.name !== 'string' || spec.name === '' || nodes.has(spec.name)) throw new ConfigError(`${where}: name must be unique and non-empty`);
    const inputs = spec.inputs === undefined ? [previous] : [...spec.inputs];
    const ins = inputs.map((n) => {
      const node = nodes.get(n);
      if (node === undefined) throw new ConfigError(`${where}: inputs must name earlier layers, got "${n}"`);
      return node;
    });
    const x = ins[0];
    const map = (): [number, number, number] => {
      if (x.shape.length !== 3) throw new ShapeError(`${where}: input must be a [C, H, W] map, got [${x.shape.join(', ')}]`);
      return [x.shape[0], x.shape[1], x.shape[2]];
    };
    const positive = (v: number, what: string) => {
      if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${where}: ${what} must be a positive integer, got ${v}`);
    };
    let shape: number[] = x.shape;
    let rf = x.rf;
    let params = 0;
    let macs = 0;
    switch (spec.type) {
      case 'conv':
      case 'depthwise':
      case 'maxpool':
      case 'avgpool': {
        const [c, h, w] = map();
        const isPool = spec.type === 'maxpool' || spec.type === 'avgpool';
        const k = pair(spec.kernel, 1);
        // pooling strides default to the kernel (PyTorch), conv strides to 1
        const s = spec.stride === undefined && isPool ? k : pair(spec.stride, 1);
        const d = spec.type === 'conv' || spec.type === 'depthwise' ? pair(spec.dilation, 1) : [1, 1];
        [...k, ...s, ...d].forEach((v) => positive(v, 'kernel, stride and dilation'));
        const ceil = isPool && spec.ceilMode === true;
        const [ho, bh] = windowAxis(h, k[0], s[0], d[0], spec.padding, 0, ceil);
        const [wo, bw] = windowAxis(w, k[1], s[1], d[1], spec.padding, 1, ceil);
        if (ho < 1 || wo < 1) throw new ShapeError(`${where}: output must be at least 1x1, got ${ho}x${wo} from ${h}x${w}`);
        let cout = c;
        if (spec.type === 'conv' || spec.type === 'depthwise') {
          const groups = spec.type === 'conv' ? (spec.groups ?? 1) : c;
          cout = spec.type === 'conv' ? spec.outChannels : c * (spec.multiplier ?? 1);
          positive(groups, 'groups');
          positive(cout, 'output channels');
          if (c % groups !== 0 || cout % groups !== 0) throw new ShapeError(`${where}: channels must divide by groups ${groups}, got ${c} -> ${cout}`);
          params = cout * (c / groups) * k[0] * k[1] + (spec.bias === false ? 0 : cout);
          macs = ho * wo * cout * (c / groups) * k[0] * k[1];
        }
        shape = [cout, ho, wo];
        rf = [grow(x.rf[0], d[0] * (k[0] - 1) + 1, s[0], bh), grow(x.rf[1], d[1] * (k[1] - 1) + 1, s[1], bw)];
        break;
      }
      case 'globalavgpool':
      case 'globalmaxpool': {
        const [c, h, w] = map();
        shape = [c, 1, 1];
        rf = [grow(x.rf[0], h, h, 0), grow(x.rf[1], w, w, 0)];
        break;
      }
      case 'fc': {
        positive(spec.outFeatures, 'outFeatures');
        const inF = x.shape.reduce((a, b) => a * b, 1);
        params = inF * spec.outFeatures + (spec.bias === false ? 0 : spec.outFeatures);
        macs = inF * spec.outFeatures;
        shape = [spec.outFeatures];
        if (x.shape.length === 3) rf = [grow(x.rf[0], x.shape[1], x.shape[1], 0), grow(x.rf[1], x.shape[2], x.shape[2], 0)];
        break;
      }
      case 'bn':
        params = (options.bnRunningStats === true ? 4 : 2) * x.shape[0];
        break;
      case 'activation':
        break;
      case 'concat':
      case 'add': {
        if (ins.length < 2) throw new ConfigError(`${where}: inputs must name at least 2 layers, got ${ins.length}`);
        for (const other of ins) {
          const same = spec.type === 'add' ? other.shape.join() === x.shape.join() : other.shape.length === 3 && other.shape.slice(1).join() === x.shape.slice(1).join();
          if (!same) throw new ShapeError(`${where}: inputs must ${spec.type === 'add' ? 'have equal shapes' : 'share H and W'}, got ${ins.map((i) => `[${i.shape.join(', ')}]`).join(' and ')}`);
        }
        if (spec.type === 'concat') shape = [ins.reduce((a, i) => a + i.shape[0], 0), x.shape[1], x.shape[2]];
        rf = ins.reduce((best, i) => (i.rf[0].size > best[0].size ? i.rf : best), x.rf);
        break;
      }
      case 'resize': {
        const [c, h, w] = map();
        const [ho, wo] = spec.size ?? [Math.floor(h * (spec.scale ?? NaN)), Math.floor(w * (spec.scale ?? NaN))];
        positive(ho, 'output height');
        positive(wo, 'output width');
        shape = [c, ho, wo];
        const extra = spec.mode === 'bilinear' ? 1 : 0;
        const axis = (r: ReceptiveField, f: number): ReceptiveField => ({ size: r.size + extra * r.jump, jump: r.jump * f, start: r.start + ((f - 1) / 2) * r.jump });
        rf = [axis(x.rf[0], h / ho), axis(x.rf[1], w / wo)];
        break;
      }
      case 'pad': {
        const [c, h, w] = map();
        const [t, b, l, r] = spec.padding;
        shape = [c, h + t + b, w + l + r];
        rf = [{ ...x.rf[0], start: x.rf[0].start - t * x.rf[0].jump }, { ...x.rf[1], start: x.rf[1].start - l * x.rf[1].jump }];
        break;
      }
      case 'slice': {
        if (!(Number.isInteger(spec.start) && Number.isInteger(spec.end) && spec.start >= 0 && spec.end > spec.start && spec.end <= x.shape[0])) {
          throw new ShapeError(`${where}: channel range must lie in [0, ${x.shape[0]}], got [${spec.start}, ${spec.end})`);
        }
        shape = [spec.end - spec.start, ...x.shape.slice(1)];
        break;
      }
      case 'flatten':
        shape = [x.shape.reduce((a, b) => a * b, 1)];
        break;
      case 'reshape': {
        const total = x.shape.reduce((a, b) => a * b, 1);
        const known = spec.shape.reduce((a, b) => (b === -1 ? a : a * b), 1);
        shape = spec.shape.map((v) => (v === -1 ? total / known : v));
        if (shape.reduce((a, b) => a * b, 1) !== total || shape.some((v) => !Number.isInteger(v) || v < 1)) {
          throw new ShapeError(`${where}: shape [${spec.shape.join(', ')}] must hold ${total} elements of [${x.shape.join(', ')}]`);
        }
        break;
      }
      case 'transpose': {
        const ok = spec.perm.length === x.shape.length && [...spec.perm].sort((a, b) => a - b).every((v, i) => v === i);
        if (!ok) throw new ShapeError(`${where}: perm must permute ${x.shape.length} axes, got [${spec.perm.join(', ')}]`);
        shape = spec.perm.map((p) => x.shape[p]);
        break;
      }
      default:
        throw new ConfigError(`${fn}: layer "${(spec as LayerSpec).name}": type must be a known layer type, got ${String((spec as { type: unknown }).type)}`);
    }
    nodes.set(spec.name, { shape, rf });
    out.push({ name: spec.name, type: spec.type, inputs, outputShape: shape, params, macs, receptiveField: rf[0], receptiveFieldW: rf[1] });
    totalParams += params;
    totalMacs += macs;
    previous = spec.name;
  }
  return { inputShape: [...inputShape], layers: out, totals: { params: totalParams, macs: totalMacs } };
}
