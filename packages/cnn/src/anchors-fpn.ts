/**
 * Feature Pyramid Network anchors (Lin et al., "Feature Pyramid Networks for
 * Object Detection", CVPR 2017, section 4.1): one anchor size per pyramid
 * level (32^2 .. 512^2 px on P2 .. P6, strides 4 .. 64) with 3 aspect ratios;
 * RetinaNet adds octave scales 2^(0, 1/3, 2/3) per level on P3 .. P7.
 */
import { ConfigError } from '@mot/core';
import { gridAnchors } from './anchors-grid.js';
import { checkInteger } from './box-checks.js';

/** Options of {@link fpnAnchors}. */
export interface FpnAnchorOptions {
  /** Input image height (px). */
  imageHeight: number;
  /** Input image width (px). */
  imageWidth: number;
  /** Level strides (px). Default [4, 8, 16, 32, 64] (FPN P2-P6). */
  strides?: readonly number[];
  /** Base anchor size per level (px), same length as strides. Default [32, 64, 128, 256, 512]. */
  sizes?: readonly number[];
  /** Aspect ratios h / w. Default [0.5, 1, 2]. */
  ratios?: readonly number[];
  /** Multipliers of each level's size (RetinaNet: [1, 2^(1/3), 2^(2/3)]). Default [1]. */
  octaveScales?: readonly number[];
}

/** Anchors of one pyramid level. */
export interface FpnLevelAnchors {
  stride: number;
  size: number;
  /** ceil(imageHeight / stride) */
  featureH: number;
  /** ceil(imageWidth / stride) */
  featureW: number;
  /** xyxy (px), flat [featureH * featureW * ratios * octaveScales, 4] */
  anchors: Float32Array;
}

/**
 * Per-level anchors of a feature pyramid, centred on cell centres.
 * @returns one entry per level, in the order of `strides`
 * @throws ConfigError when strides and sizes differ in length or hold bad values
 * @example fpnAnchors({ imageHeight: 64, imageWidth: 64 })[4].anchors.length / 4 // 1 cell x 3 ratios on P6
 */
export function fpnAnchors(options: FpnAnchorOptions): FpnLevelAnchors[] {
  const fn = 'fpnAnchors';
  const strides = options.strides ?? [4, 8, 16, 32, 64];
  const sizes = options.sizes ?? [32, 64, 128, 256, 512];
  const ratios = options.ratios ?? [0.5, 1, 2];
  const octaves = options.octaveScales ?? [1];
  checkInteger(fn, 'imageHeight', options.imageHeight);
  checkInteger(fn, 'imageWidth', options.imageWidth);
  if (strides.length !== sizes.length || strides.length === 0) {
    throw new ConfigError(`${fn}: sizes must have one entry per stride (${strides.length}), got ${sizes.length}`);
  }
  return strides.map((stride, i) => {
    const featureH = Math.ceil(options.imageHeight / stride);
    const featureW = Math.ceil(options.imageWidth / stride);
    const levelSizes = octaves.map((o) => sizes[i] * o);
    return { stride, size: sizes[i], featureH, featureW, anchors: gridAnchors(fn, featureH, featureW, stride, levelSizes, ratios, 0.5) };
  });
}
