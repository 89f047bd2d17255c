/**
 * The 80 COCO detection classes in the order detectors trained on COCO emit
 * them (class index = position; person = 0). Source: the `CLASSES` tuple of
 * NanoDet's COCO config / mmdetection's `CocoDataset`, which is the
 * instances_val2017 category list with the 11 unused ids removed.
 */
import { ConfigError } from '@mot/core';

/** COCO class names by contiguous index 0..79 (person 0, bicycle 1, car 2, ..., bus 5, ..., dog 16). */
export const COCO_CLASSES: readonly string[] = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle',
  'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
  'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'bed',
  'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave', 'oven',
  'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush',
];

/**
 * Parses a class filter as the CLI spells it: `all`, or a comma-separated list
 * of COCO names (`person,bus`, case-insensitive; multi-word names as written,
 * `traffic light`) and/or indices (`0,5`).
 *
 * @param spec the filter text
 * @returns `'all'`, or the distinct class indices in the order given
 * @throws ConfigError naming the unknown entry (and listing a few valid names)
 * @example
 * parseClassFilter('person,bus'); // [0, 5]
 * parseClassFilter('all'); // 'all'
 */
export function parseClassFilter(spec: string): number[] | 'all' {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new ConfigError(`parseClassFilter: spec must be 'all' or a comma-separated list of COCO class names or indices, got ${JSON.stringify(spec)}`);
  }
  if (spec.trim().toLowerCase() === 'all') return 'all';
  const out: number[] = [];
  for (const raw of spec.split(',')) {
    const name = raw.trim().toLowerCase();
    let id = COCO_CLASSES.indexOf(name);
    if (id < 0 && /^\d+$/.test(name) && Number(name) < COCO_CLASSES.length) id = Number(name);
    if (id < 0) {
      throw new ConfigError(
        `parseClassFilter: class must be a COCO class name or an index 0..79 (e.g. person, car, bus, dog), got '${raw.trim()}'`,
      );
    }
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
