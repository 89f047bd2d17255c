// Detector interface and precomputed detections
export type { Detector, DetectFn } from './detector.js';
export { toDetector } from './detector.js';
export type { PrecomputedOptions } from './precomputed-detector.js';
export { PrecomputedDetector } from './precomputed-detector.js';

// NanoDet: preprocessing, decode, detector, engines
export { COCO_CLASSES, parseClassFilter } from './coco-classes.js';
export type { LetterboxOptions, LetterboxTransform } from './letterbox.js';
export { letterbox, inputBoxesToImage, imageBoxToInput, NANODET_MEAN_BGR, NANODET_STD_BGR } from './letterbox.js';
export type { NanoDetLevel, RawOutput } from './nanodet-levels.js';
export { nanodetLevels } from './nanodet-levels.js';
export type { NanoDetDecodeOptions, DecodedDetections } from './nanodet-decode.js';
export { decodeNanoDet } from './nanodet-decode.js';
export type { NanoDetBackend, NanoDetEngine } from './nanodet-engine.js';
export type { CnnEngineOptions } from './cnn-engine.js';
export { createCnnEngine } from './cnn-engine.js';
export type { OrtEngineOptions } from './ort-engine.js';
export { createOrtEngine } from './ort-engine.js';
export type { WalkNode } from './find-head-inputs.js';
export { findHeadInputs } from './find-head-inputs.js';
export { DEFAULT_NANODET_MODEL, DEFAULT_NANODET_ONNX } from './default-model.js';
export type { NanoDetOptions, NanoDetInference, FeatureMap } from './nanodet-detector.js';
export { NanoDetDetector } from './nanodet-detector.js';
export type { PooledDetectorOptions } from './pooled-detector.js';
export { PooledDetector } from './pooled-detector.js';

// Appearance embeddings
export type { AppearanceExtractor } from './appearance-extractor.js';
export { withAppearance } from './with-appearance.js';
export type { FpnLevelOptions } from './fpn-level.js';
export { fpnLevel } from './fpn-level.js';
export type { RoiAlignExtractorOptions } from './roi-align-extractor.js';
export { RoiAlignExtractor } from './roi-align-extractor.js';
export type { HsvHistogramOptions } from './hsv-histogram-extractor.js';
export { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
export { l2Normalise } from './l2-normalise.js';
export type { OsnetModelName } from './osnet-models.js';
export { OSNET_MODELS, OSNET_INPUT_SIZE, IMAGENET_MEAN_RGB, IMAGENET_STD_RGB } from './osnet-models.js';
export { clippedCropBounds, writeReidCrop } from './reid-crop.js';
export type { OsnetExtractorOptions } from './osnet-extractor.js';
export { OsnetExtractor } from './osnet-extractor.js';
export type { ReleasableExtractor, AppearanceContext, AppearanceCreateOptions, AppearanceDefinition } from './appearance-registry.js';
export { registerAppearance, appearanceIds, getAppearance, createAppearanceExtractor } from './appearance-registry.js';
export type { EmbedDetectionsOptions } from './embed-detections.js';
export { embedDetections } from './embed-detections.js';
