/**
 * NanoDet-g (COCO, 80 classes) as a {@link Detector}: letterbox preprocessing,
 * the network on our graph runtime (or onnxruntime-node), GFL decode,
 * class-aware NMS, boxes mapped back to the frame.
 */
import type { Tensor } from '@mot/cnn';
import { ConfigError, type Detection, type Frame } from '@mot/core';
import type { RunProfile } from '@mot/runtime';
import { createCnnEngine } from './cnn-engine.js';
import { COCO_CLASSES } from './coco-classes.js';
import { DEFAULT_NANODET_MODEL, DEFAULT_NANODET_ONNX } from './default-model.js';
import type { Detector } from './detector.js';
import { type LetterboxTransform, inputBoxesToImage, letterbox } from './letterbox.js';
import { type NanoDetDecodeOptions, decodeNanoDet, resolveDecodeOptions } from './nanodet-decode.js';
import type { NanoDetBackend, NanoDetEngine } from './nanodet-engine.js';
import { type RawOutput, nanodetLevels } from './nanodet-levels.js';
import { createOrtEngine } from './ort-engine.js';

/** Options of {@link NanoDetDetector.create}. */
export interface NanoDetOptions extends Omit<NanoDetDecodeOptions, 'inputSize'> {
  /** Model file: a TensorFlow.js model.json or an .onnx. Default: the embedded NanoDet-g ({@link DEFAULT_NANODET_MODEL}; its .onnx for `'ort'`). */
  model?: string;
  /** `'cnn'` (default): our graph runtime; `'ort'`: onnxruntime-node (optional dependency). */
  backend?: NanoDetBackend;
  /** Keep the feature maps the heads read, for {@link RoiAlignExtractor}. Default false. */
  featureMaps?: boolean;
  /** onnxruntime intra-op threads (backend `'ort'` only). */
  threads?: number;
}

/** One feature map the heads read. */
export interface FeatureMap {
  /** Input px per cell. */
  readonly stride: number;
  /** `[1, C, H, W]`. */
  readonly map: RawOutput;
}

/** Everything one forward pass produced for a frame. */
export interface NanoDetInference {
  readonly frame: Frame;
  /** Boxes tlwh in frame px, best first. */
  readonly detections: Detection[];
  readonly transform: LetterboxTransform;
  /** The network input `[1, 3, S, S]`. */
  readonly input: Tensor;
  /** Every raw output by name (head outputs and feature maps). */
  readonly outputs: Record<string, RawOutput>;
  /** The heads' input feature maps, finest first (empty unless created with `featureMaps`). */
  readonly featureMaps: FeatureMap[];
  /** Per-op-type times (backend `'cnn'` with `profile: true`). */
  readonly profile?: RunProfile;
}

/**
 * NanoDet detector. Create with {@link NanoDetDetector.create}.
 *
 * @example
 * const detector = await NanoDetDetector.create({ classes: 'all' });
 * const dets = await detector.detect(await readImage('fixtures/detector/000252.jpg'));
 * // [{ box: [142, 54, 148, 164] (tlwh px, about), score: 0.71, classId: 5 (bus) }, ...]
 */
export class NanoDetDetector implements Detector {
  readonly engine: NanoDetEngine;
  private readonly decode: NanoDetDecodeOptions;
  private last: NanoDetInference | undefined;

  private constructor(engine: NanoDetEngine, decode: NanoDetDecodeOptions) {
    this.engine = engine;
    this.decode = decode;
  }

  /**
   * Loads the model and prepares the engine.
   *
   * @param options model, backend, thresholds, class filter (defaults: embedded NanoDet-g on our core, person only, score 0.3, IoU 0.6)
   * @throws ConfigError for bad options (an unknown backend, a class outside COCO, an out-of-range threshold) or onnxruntime-node missing
   * @throws ModelLoadError naming the file when a model file is missing, malformed or truncated
   * @throws UnsupportedOpError naming the op and node when the model uses an op the runtime does not implement
   */
  static async create(options: NanoDetOptions = {}): Promise<NanoDetDetector> {
    const fn = 'NanoDetDetector.create';
    const backend = options.backend ?? 'cnn';
    if (backend !== 'cnn' && backend !== 'ort') throw new ConfigError(`${fn}: backend must be 'cnn' or 'ort', got ${JSON.stringify(backend)}`);
    if (options.model !== undefined && (typeof options.model !== 'string' || options.model === '')) {
      throw new ConfigError(`${fn}: model must be a file path, got ${JSON.stringify(options.model)}`);
    }
    const decode: NanoDetDecodeOptions = {
      scoreThreshold: options.scoreThreshold,
      iouThreshold: options.iouThreshold,
      topK: options.topK,
      maxDetections: options.maxDetections,
      classes: options.classes,
    };
    // Fail on bad thresholds or classes before the (slow) model load.
    resolveDecodeOptions(COCO_CLASSES.length, decode);
    const featureMaps = options.featureMaps === true;
    const engine =
      backend === 'cnn'
        ? await createCnnEngine(options.model ?? DEFAULT_NANODET_MODEL, { featureMaps })
        : await createOrtEngine(options.model ?? DEFAULT_NANODET_ONNX, { featureMaps, threads: options.threads });
    return new NanoDetDetector(engine, { ...decode, inputSize: engine.inputSize });
  }

  /**
   * Detections of one frame.
   * @param frame RGB24 frame
   * @returns boxes tlwh in frame px (clipped to the frame), score, COCO class index; best first
   * @throws ShapeError when the frame's data is not width * height * 3 bytes
   */
  async detect(frame: Frame): Promise<Detection[]> {
    return (await this.infer(frame)).detections;
  }

  /**
   * One forward pass with everything it produced. The result is kept until the
   * next pass, so that an appearance extractor called right after `detect` on
   * the same frame object reuses it (`reuseLast`) instead of running the
   * network again. `detect` itself always runs the network, so a source that
   * recycles one Frame object for every frame still gets fresh detections.
   *
   * @param frame RGB24 frame
   * @param options `profile: true` times each op type (backend `'cnn'`); `reuseLast: true` returns the
   *   previous pass when it was on this same frame object
   */
  async infer(frame: Frame, options: { profile?: boolean; reuseLast?: boolean } = {}): Promise<NanoDetInference> {
    const profile = options.profile === true;
    if (options.reuseLast === true && !profile && this.last !== undefined && this.last.frame === frame) return this.last;
    const { input, transform } = letterbox(frame, { size: this.engine.inputSize });
    const run = await this.engine.run(input, profile);
    const levels = nanodetLevels(run.outputs, COCO_CLASSES.length, this.engine.inputSize);
    const decoded = decodeNanoDet(levels, this.decode);
    inputBoxesToImage(decoded.boxes, transform);
    const detections: Detection[] = [];
    for (let k = 0; k < decoded.scores.length; k++) {
      const b = decoded.boxes;
      detections.push({
        box: [b[4 * k], b[4 * k + 1], b[4 * k + 2] - b[4 * k], b[4 * k + 3] - b[4 * k + 1]],
        score: decoded.scores[k],
        classId: decoded.classIds[k],
      });
    }
    const featureMaps = this.engine.featureNames.map((name) => {
      const map = run.outputs[name];
      return { stride: this.engine.inputSize / map.shape[2], map };
    });
    featureMaps.sort((a, b) => a.stride - b.stride);
    this.last = { frame, detections, transform, input, outputs: run.outputs, featureMaps, profile: run.profile };
    return this.last;
  }

  /** Frees the engine's native resources (onnxruntime); the detector must not be used afterwards. */
  async release(): Promise<void> {
    this.last = undefined;
    await this.engine.release();
  }
}
