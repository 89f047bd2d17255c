import { performance } from 'node:perf_hooks';
import { ConfigError, ShapeError } from '@mot/core';
import { type ConvPath, type Tensor, type WasmKernels, defaultWasmKernels, tensor, wasmSimdSupported } from '@mot/cnn';
import { type BufferAllocator, BufferPool } from './buffer-pool.js';
import { NodeExecutionError } from './errors.js';
import { type Graph, type GraphNode, type OpType, cloneGraph } from './graph.js';
import { eliminateDeadCode } from './optimize/eliminate-dead-code.js';
import { foldConstants } from './optimize/fold-constants.js';
import { type OptimizeReport, optimizeGraph } from './optimize/optimize-graph.js';
import { type PreparedKernel, prepareNode } from './prepare-node.js';
import { topologicalOrder } from './topological-order.js';

/** Options of {@link createSession}. */
export interface SessionOptions {
  /**
   * Run {@link optimizeGraph} first (default true). With false the graph runs
   * as loaded, except that constant subgraphs are still folded (reshape
   * targets must be known before the first frame).
   */
  optimize?: boolean;
  /**
   * Force one @mot/cnn convolution path (`prepareConv2d`'s `path`) on every
   * conv it applies to, e.g. 'js' for the TypeScript kernels or 'winograd' for
   * F(2x2,3x3) instead of 'auto''s choice; convs it cannot run keep 'auto'.
   * For benches and accuracy checks; default 'auto'.
   */
  convPath?: ConvPath | 'auto';
  /**
   * The WebAssembly kernel instance the convs, max-pools and sigmoids run on,
   * and whose memory holds the feature maps between ops. Default: this
   * thread's (`defaultWasmKernels()`: relaxed SIMD where the runtime has it).
   * E.g. `WasmKernels.create('simd')` for plain SIMD, whose results do not
   * depend on the CPU having FMA.
   */
  kernels?: WasmKernels;
}

/** Options of {@link Session.run}. */
export interface RunOptions {
  /** Time every node and report per op type (adds a `performance.now()` pair per node). */
  profile?: boolean;
  /**
   * What `profile` measures: 'wall' (default, `performance.now()`) or 'cpu'
   * (this process's CPU time, `process.cpuUsage()`: unaffected by other
   * processes taking the core, which a shared machine needs for per-node
   * figures; about 1 microsecond resolution).
   */
  clock?: 'wall' | 'cpu';
}

/** Views of the WebAssembly kernels' memory, or plain arrays where WebAssembly SIMD is missing (no instance). */
function kernelMemoryAllocator(kernels: WasmKernels | undefined): BufferAllocator | undefined {
  return kernels === undefined ? undefined : { alloc: (floats) => kernels.alloc(floats), owns: (data) => kernels.owns(data) };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Time spent in one op type during a profiled run. */
export interface OpTime {
  op: OpType;
  /** Nodes of this type run. */
  calls: number;
  /** Wall time, ms. */
  ms: number;
  /** Fraction of the run's node time, 0..1. */
  share: number;
}

/** Where the time and memory of one run went. */
export interface RunProfile {
  /** Sum of node times, ms. */
  totalMs: number;
  /** Per op type, slowest first. */
  byOp: OpTime[];
  /** Per node in execution order, ms. */
  nodes: Array<{ name: string; op: OpType; ms: number }>;
  /** Largest total size of the run-time tensors alive at once (weights not counted), bytes. */
  peakLiveBytes: number;
}

/** Outputs and profile of a run with `{ profile: true }`. */
export interface ProfiledRun {
  outputs: Record<string, Tensor>;
  profile: RunProfile;
}

interface Step {
  node: GraphNode;
  kernel: PreparedKernel;
}

/**
 * A graph prepared for repeated runs: nodes in topological order (computed
 * once), each bound to its @mot/cnn kernel, constants materialised once.
 * Create with {@link createSession}.
 */
export class Session {
  /** The graph as executed (after optimisation unless disabled). */
  readonly graph: Graph;
  /** What optimisation did (undefined with `optimize: false`). */
  readonly report: OptimizeReport | undefined;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private readonly steps: Step[];
  private readonly constants = new Map<string, Tensor>();
  /** Readers of each run-time value (+1 for a graph output): when it drops to 0 the tensor is released. */
  private readonly refs = new Map<string, number>();
  /**
   * Output buffers recycled between nodes and runs (see {@link BufferPool}),
   * in this thread's WebAssembly kernel memory when there is one: the convs
   * (which run on that instance) then read their inputs and write their
   * outputs in place.
   */
  private readonly pool: BufferPool;

  constructor(graph: Graph, report: OptimizeReport | undefined, convPath: ConvPath | 'auto' = 'auto', kernels?: WasmKernels) {
    // One instance for the buffers and the ops (default: this thread's), so
    // that the ops find their inputs and outputs in its memory.
    const memory = wasmSimdSupported() ? (kernels ?? defaultWasmKernels()) : undefined;
    this.pool = new BufferPool(kernelMemoryAllocator(memory));
    this.graph = graph;
    this.report = report;
    this.inputNames = [...graph.inputs];
    this.outputNames = [...graph.outputs];
    const { order, cycle } = topologicalOrder(graph);
    if (cycle.length > 0) throw new ConfigError(`createSession: graph must be acyclic, got a cycle through ${cycle.slice(0, 5).join(', ')}`);
    this.steps = order.map((node) => ({ node, kernel: prepareNode(node, graph, convPath, memory) }));
    for (const v of graph.values.values()) {
      if (v.data === undefined) continue;
      const shape = v.shape ?? [v.data.length];
      this.constants.set(v.name, tensor(shape, v.data instanceof Float32Array ? v.data : Float32Array.from(v.data)));
    }
    for (const { node } of this.steps) for (const i of node.inputs) if (!this.constants.has(i)) this.refs.set(i, (this.refs.get(i) ?? 0) + 1);
    for (const o of graph.outputs) if (!this.constants.has(o)) this.refs.set(o, (this.refs.get(o) ?? 0) + 1);
  }

  /**
   * Runs the graph on one set of inputs.
   *
   * @param inputs one float32 tensor per graph input, by name (e.g. `{ input_1: [1,3,416,416] }`)
   * @param options `{ profile: true }` also returns per-op-type times
   * @returns output tensors by graph output name (with `profile`: `{ outputs, profile }`)
   * @throws ConfigError for a missing or unknown input name
   * @throws ShapeError when an input's shape contradicts the model's declared one
   * @throws NodeExecutionError naming the node when a kernel rejects its inputs
   */
  run(inputs: Readonly<Record<string, Tensor>>, options?: RunOptions & { profile?: false }): Record<string, Tensor>;
  run(inputs: Readonly<Record<string, Tensor>>, options: RunOptions & { profile: true }): ProfiledRun;
  run(inputs: Readonly<Record<string, Tensor>>, options?: RunOptions): Record<string, Tensor> | ProfiledRun;
  run(inputs: Readonly<Record<string, Tensor>>, options: RunOptions = {}): Record<string, Tensor> | ProfiledRun {
    this.checkInputs(inputs);
    const profile = options.profile === true;
    const now = options.clock === 'cpu' ? cpuMs : () => performance.now();
    const live = new Map<string, Tensor>();
    const left = new Map(this.refs);
    for (const name of this.inputNames) live.set(name, inputs[name]);
    const times: Array<{ name: string; op: OpType; ms: number }> = [];
    let peak = profile ? liveBytes(live) : 0;
    for (const { node, kernel } of this.steps) {
      const ins = node.inputs.map((i) => live.get(i) ?? (this.constants.get(i) as Tensor));
      const t0 = profile ? now() : 0;
      let outs: Tensor[];
      try {
        outs = kernel(ins, this.pool);
      } catch (e) {
        this.pool.endRun();
        throw new NodeExecutionError(node.op, node.name, e);
      }
      if (profile) times.push({ name: node.name, op: node.op, ms: now() - t0 });
      node.outputs.forEach((o, k) => {
        if ((left.get(o) ?? 0) > 0) {
          live.set(o, outs[k]);
          this.pool.retain(outs[k].data);
        }
      });
      if (profile) peak = Math.max(peak, liveBytes(live));
      for (const i of node.inputs) {
        const r = left.get(i);
        if (r === undefined) continue;
        if (r <= 1) {
          left.delete(i);
          const t = live.get(i);
          live.delete(i);
          // The caller's input tensors are not the pool's: release ignores them.
          if (t !== undefined) this.pool.release(t.data);
        } else {
          left.set(i, r - 1);
        }
      }
    }
    const outputs: Record<string, Tensor> = {};
    for (const o of this.outputNames) {
      const t = live.get(o) ?? (this.constants.get(o) as Tensor);
      // Outputs in pool buffers are copied out: the pool keeps its buffers
      // (in kernel memory they would otherwise be held for good), and the
      // caller gets arrays of its own.
      outputs[o] = this.pool.isLent(t.data) ? tensor(t.shape, (t.data as Float32Array).slice()) : t;
    }
    this.pool.endRun();
    if (!profile) return outputs;
    return { outputs, profile: summarise(times, peak) };
  }

  private checkInputs(inputs: Readonly<Record<string, Tensor>>): void {
    if (inputs === null || typeof inputs !== 'object') throw new ConfigError(`run: inputs must be an object of tensors, got ${String(inputs)}`);
    for (const key of Object.keys(inputs)) {
      if (!this.inputNames.includes(key)) throw new ConfigError(`run: inputs must be among [${this.inputNames.join(', ')}], got '${key}'`);
    }
    for (const name of this.inputNames) {
      const t = inputs[name];
      if (t === undefined || !(t.data instanceof Float32Array) || !Array.isArray(t.shape)) {
        throw new ConfigError(`run: inputs.${name} must be a float32 Tensor, got ${t === undefined ? 'nothing' : typeof t}`);
      }
      const declared = this.graph.values.get(name)?.shape;
      const ok =
        declared === undefined ||
        (declared.length === t.shape.length && declared.every((d, i) => d < 0 || d === t.shape[i]));
      const n = t.shape.reduce((a, d) => a * d, 1);
      if (!ok || n !== t.data.length) {
        throw new ShapeError(
          `run: inputs.${name} must have shape [${declared?.join(', ') ?? '...'}] (-1 = any) with matching data, got [${t.shape.join(', ')}] and ${t.data.length} values`,
        );
      }
    }
  }
}

/** Bytes held by the distinct buffers in `live` (views of one buffer, e.g. reshapes, count once). */
function liveBytes(live: Map<string, Tensor>): number {
  const seen = new Set<ArrayBufferLike>();
  let total = 0;
  for (const t of live.values()) {
    if (seen.has(t.data.buffer)) continue;
    seen.add(t.data.buffer);
    total += t.data.buffer.byteLength;
  }
  return total;
}

function summarise(times: Array<{ name: string; op: OpType; ms: number }>, peak: number): RunProfile {
  const byOp = new Map<OpType, { calls: number; ms: number }>();
  let totalMs = 0;
  for (const t of times) {
    const e = byOp.get(t.op) ?? { calls: 0, ms: 0 };
    e.calls++;
    e.ms += t.ms;
    byOp.set(t.op, e);
    totalMs += t.ms;
  }
  const rows = [...byOp].map(([op, e]) => ({ op, calls: e.calls, ms: e.ms, share: totalMs > 0 ? e.ms / totalMs : 0 }));
  rows.sort((a, b) => b.ms - a.ms);
  return { totalMs, byOp: rows, nodes: times, peakLiveBytes: peak };
}

/**
 * Prepares a graph for execution on @mot/cnn kernels: optimises it (unless
 * `optimize: false`), orders the nodes once, binds each to its kernel.
 * Tensors are released as soon as their last reader has run, so peak memory
 * stays near the largest few feature maps.
 *
 * @param graph from {@link loadTfjsGraphModel} or {@link loadOnnxModel} (not modified)
 * @returns a session; `session.run({ input_1: x })` returns the outputs by name
 * @throws UnsupportedOpError when a node cannot run (e.g. a reshape target computed at run time)
 * @example
 * const session = createSession(await loadOnnxModel('packages/detector/models/nanodet/nanodet.onnx'));
 * const out = session.run({ input_1: tensor([1, 3, 416, 416]) });
 * out['Identity:0'].shape; // [1, 2704, 80]
 */
export function createSession(graph: Graph, options: SessionOptions = {}): Session {
  if (options.optimize === false) {
    const g = cloneGraph(graph);
    foldConstants(g);
    eliminateDeadCode(g);
    return new Session(g, undefined, options.convPath, options.kernels);
  }
  const { graph: g, report } = optimizeGraph(graph);
  return new Session(g, report, options.convPath, options.kernels);
}
