/**
 * Person re-identification embeddings from OSNet (torchreid), run on our
 * graph runtime (or onnxruntime-node): the appearance DeepSORT was designed
 * for, a network trained to tell people apart.
 */
import { existsSync } from 'node:fs';
import { type Tensor, tensor } from '@mot/cnn';
import { ConfigError, type Frame, type Tlwh } from '@mot/core';
import { type Session, createSession, loadOnnxModel } from '@mot/runtime';
import type { AppearanceExtractor } from './appearance-extractor.js';
import { checkFrame } from './check-frame.js';
import { l2Normalise } from './l2-normalise.js';
import { importOrt } from './import-ort.js';
import { OSNET_INPUT_SIZE, OSNET_MODELS, type OsnetModelName } from './osnet-models.js';
import { writeReidCrop } from './reid-crop.js';

const FN = 'OsnetExtractor';

/** Options of {@link OsnetExtractor.create}. */
export interface OsnetExtractorOptions {
  /** `'x0_25'` (default), `'x0_5'`, or the path of an .onnx with OSNet's interface (input `[batch, 3, 256, 128]`, output `[batch, D]`). */
  model?: OsnetModelName | string;
  /** `'cnn'` (default): our graph runtime; `'ort'`: onnxruntime-node (optional dependency). */
  backend?: 'cnn' | 'ort';
  /** Crops per network run; a frame's boxes are cut into batches of this size (bounds memory: 393 kB of input per crop). Default 16. */
  batchSize?: number;
  /**
   * onnxruntime intra-op threads (backend `'ort'` only). Default 1: a 256x128
   * crop is too small for onnxruntime's spinning thread pool to pay off
   * (TUD-Campus' 321 crops: 12.2 s on 1 thread, 20.9 s on its default, 2-core
   * machine under load, 2026-12-01).
   */
  threads?: number;
}

/** Runs a `[B, 3, 256, 128]` batch and returns `[B, D]`. */
interface ReidEngine {
  run(input: Tensor): Promise<{ shape: readonly number[]; data: Float32Array }>;
  release(): Promise<void>;
}

function cnnEngine(session: Session): ReidEngine {
  const [inName] = session.inputNames;
  const [outName] = session.outputNames;
  return {
    async run(input) {
      return session.run({ [inName]: input })[outName];
    },
    async release() {},
  };
}

async function ortEngine(path: string, threads: number): Promise<ReidEngine> {
  const ort = await importOrt();
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const [inName] = session.inputNames;
  const [outName] = session.outputNames;
  return {
    async run(input) {
      const res = await session.run({ [inName]: new ort.Tensor('float32', input.data, [...input.shape]) });
      const t = res[outName];
      return { shape: t.dims.map(Number), data: t.data as Float32Array };
    },
    async release() {
      await session.release();
    },
  };
}

/**
 * OSNet appearance extractor. Each box is cropped and preprocessed as
 * torchreid's test transform does (crop clipped to the frame, bilinear resize
 * to 128 x 256 W x H, RGB / 255, ImageNet mean/std, CHW); a frame's crops
 * run as one batch (or several of `batchSize`), and each 512-value output is
 * L2-normalised. Create with {@link OsnetExtractor.create}.
 *
 * On the two shipped networks our runtime's embeddings equal
 * onnxruntime-node's within 1e-4 cosine distance (test on real crops).
 *
 * @example
 * const osnet = await OsnetExtractor.create(); // osnet_x0_25_msmt17 on @mot/runtime
 * const [f] = await osnet.extract(frame, [[100, 50, 40, 120]]); // Float32Array(512), unit length
 */
export class OsnetExtractor implements AppearanceExtractor {
  /** The .onnx file run. */
  readonly modelPath: string;
  readonly backend: 'cnn' | 'ort';
  readonly batchSize: number;
  private readonly engine: ReidEngine;

  private constructor(modelPath: string, backend: 'cnn' | 'ort', batchSize: number, engine: ReidEngine) {
    this.modelPath = modelPath;
    this.backend = backend;
    this.batchSize = batchSize;
    this.engine = engine;
  }

  /**
   * Loads the network.
   *
   * @param options model, backend, batch size
   * @throws ConfigError for an unknown model name or backend, a bad batch size, or backend `'ort'` without onnxruntime-node
   * @throws ModelLoadError / UnsupportedOpError (from @mot/runtime) for a model file that cannot be read or run
   */
  static async create(options: OsnetExtractorOptions = {}): Promise<OsnetExtractor> {
    const model = options.model ?? 'x0_25';
    if (typeof model !== 'string' || model === '') throw new ConfigError(`${FN}: model must be 'x0_25', 'x0_5' or an .onnx path, got ${String(model)}`);
    const path = Object.hasOwn(OSNET_MODELS, model) ? OSNET_MODELS[model as OsnetModelName] : model;
    if (path === model && !model.endsWith('.onnx')) {
      throw new ConfigError(`${FN}: model must be 'x0_25', 'x0_5' or an .onnx path, got '${model}'`);
    }
    if (!existsSync(path)) throw new ConfigError(`${FN}: model file ${path} does not exist`);
    const backend = options.backend ?? 'cnn';
    if (backend !== 'cnn' && backend !== 'ort') throw new ConfigError(`${FN}: backend must be 'cnn' or 'ort', got ${String(backend)}`);
    const batchSize = options.batchSize ?? 16;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError(`${FN}: batchSize must be a positive integer, got ${batchSize}`);
    const engine = backend === 'cnn' ? cnnEngine(createSession(await loadOnnxModel(path))) : await ortEngine(path, options.threads ?? 1);
    return new OsnetExtractor(path, backend, batchSize, engine);
  }

  /**
   * @param frame RGB24 frame
   * @param boxes tlwh, frame px (clipped to the frame; a box wholly outside keeps the nearest border pixel)
   * @returns one unit-length Float32Array (512 values for the shipped models) per box, in box order
   * @throws ShapeError for a malformed frame; ConfigError for a box that is not 4 finite numbers
   */
  async extract(frame: Frame, boxes: readonly Readonly<Tlwh>[]): Promise<Float32Array[]> {
    checkFrame(`${FN}.extract`, frame);
    boxes.forEach((b, i) => {
      if (!Array.isArray(b) || b.length !== 4 || !b.every(Number.isFinite)) {
        throw new ConfigError(`${FN}.extract: boxes[${i}] must be 4 finite numbers (tlwh px), got ${JSON.stringify(b)} (frame ${frame.index})`);
      }
    });
    const [h, w] = OSNET_INPUT_SIZE;
    const per = 3 * h * w;
    const features: Float32Array[] = [];
    for (let start = 0; start < boxes.length; start += this.batchSize) {
      const part = boxes.slice(start, start + this.batchSize);
      const input = new Float32Array(part.length * per);
      part.forEach((b, k) => writeReidCrop(frame, b, h, w, input, k * per));
      const out = await this.engine.run(tensor([part.length, 3, h, w], input));
      const d = out.data.length / part.length;
      for (let k = 0; k < part.length; k++) features.push(l2Normalise(out.data.slice(k * d, (k + 1) * d)));
    }
    return features;
  }

  /** Frees the onnxruntime session (backend `'ort'`); a no-op on our runtime. */
  async release(): Promise<void> {
    await this.engine.release();
  }
}
