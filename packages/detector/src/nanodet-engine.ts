/**
 * What the NanoDet detector needs from an inference engine: run one
 * `[1, 3, S, S]` input and return the head outputs (plus, when asked at
 * creation, the feature maps the heads read). Implemented on our graph
 * runtime ({@link createCnnEngine}) and on onnxruntime-node ({@link createOrtEngine}).
 */
import type { Tensor } from '@mot/cnn';
import type { RunProfile } from '@mot/runtime';
import type { RawOutput } from './nanodet-levels.js';

/** The engines the detector can run on. */
export type NanoDetBackend = 'cnn' | 'ort';

/** One inference engine bound to one model file. */
export interface NanoDetEngine {
  readonly backend: NanoDetBackend;
  /** The model file. */
  readonly modelPath: string;
  /** Name of the image input. */
  readonly inputName: string;
  /** Square input side, px (from the model's declared input shape; 416 for NanoDet-g). */
  readonly inputSize: number;
  /** Names of the extra feature-map outputs, `[1, C, H, W]` each; empty unless requested. */
  readonly featureNames: readonly string[];
  /**
   * Runs the model.
   * @param input `[1, 3, inputSize, inputSize]`
   * @param profile per-op-type times (our runtime only; ignored by onnxruntime)
   */
  run(input: Tensor, profile?: boolean): Promise<{ outputs: Record<string, RawOutput>; profile?: RunProfile }>;
  /** Frees native resources (onnxruntime); a no-op for our runtime. */
  release(): Promise<void>;
}
