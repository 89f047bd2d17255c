import {
  type Graph,
  type GraphNode,
  type GraphSource,
  type OpAttrs,
  type OpType,
  addConstant,
  addValue,
} from './graph.js';
import { UnsupportedOpError } from './errors.js';

/**
 * Helpers both loaders use to emit IR nodes: values are declared as they are
 * written, constant parameters are read back, and NHWC ops are lowered to
 * NCHW ones between explicit transposes.
 */
export class GraphBuilder {
  readonly graph: Graph;

  constructor(source: GraphSource) {
    this.graph = { values: new Map(), nodes: [], inputs: [], outputs: [], source };
  }

  /** Declares (or re-declares) a constant named exactly `name`. */
  constant(name: string, shape: readonly number[], data: Float32Array | Int32Array): void {
    this.graph.values.set(name, { name, dtype: data instanceof Int32Array ? 'int32' : 'float32', shape: [...shape], data });
  }

  /** Adds a constant under a fresh name derived from `base`. */
  newConstant(base: string, shape: readonly number[], data: Float32Array | Int32Array): string {
    return addConstant(this.graph, base, shape, data);
  }

  /** Declares a graph input named `name`. */
  input(name: string, shape: readonly number[] | undefined): void {
    this.graph.values.set(name, shape === undefined ? { name, dtype: 'float32' } : { name, dtype: 'float32', shape: [...shape] });
    this.graph.inputs.push(name);
  }

  /**
   * Appends a node; output values named in `outputs` are declared as float32
   * run-time values (an output name `''` gets a fresh one). Returns the output names.
   */
  node<K extends OpType>(op: K, name: string, inputs: string[], outputs: string[], attrs: OpAttrs[K]): string[] {
    const outs = outputs.map((o, i) => {
      if (o === '') return addValue(this.graph, `${name}:${i}`);
      if (!this.graph.values.has(o)) this.graph.values.set(o, { name: o, dtype: 'float32' });
      return o;
    });
    this.graph.nodes.push({ op, name, inputs, outputs: outs, attrs } as GraphNode);
    return outs;
  }

  /** The constant data of value `name`, or undefined when it is not (yet) a constant. */
  constData(name: string): Float32Array | Int32Array | undefined {
    return this.graph.values.get(name)?.data;
  }

  /**
   * Reads input `name` of node `nodeName` as a constant list of integers.
   * @throws UnsupportedOpError when it is not a constant (the runtime needs it at load time)
   */
  constInts(name: string, opType: string, nodeName: string, what: string): number[] {
    const data = this.constData(name);
    if (data === undefined) throw new UnsupportedOpError(opType, nodeName, `${what} must be a constant`, this.graph.source.path);
    return Array.from(data, (v) => Math.round(v));
  }

  /** Like {@link constInts} for a float scalar. */
  constScalar(name: string, opType: string, nodeName: string, what: string): number {
    const data = this.constData(name);
    if (data === undefined || data.length !== 1) {
      throw new UnsupportedOpError(opType, nodeName, `${what} must be a constant scalar`, this.graph.source.path);
    }
    return data[0];
  }

  /**
   * Emits `op` on an NHWC tensor as NHWC -> NCHW transpose, the NCHW op, and
   * NCHW -> NHWC transpose writing `output`. The transpose pass cancels these
   * pairs; what remains of the layout then lives in our NCHW kernels.
   */
  nhwcOp<K extends OpType>(op: K, name: string, x: string, params: string[], output: string, attrs: OpAttrs[K]): void {
    const [xc] = this.node('transpose', `${name}/to_nchw`, [x], [''], { perm: [0, 3, 1, 2] });
    const [yc] = this.node(op, name, [xc, ...params], [''], attrs);
    this.node('transpose', `${name}/to_nhwc`, [yc], [output], { perm: [0, 2, 3, 1] });
  }
}
