import { ConfigError } from '@mot/core';
import { BYTETRACK_TRACKER } from './bytetrack-tracker.js';
import { DEEPSORT_TRACKER } from './deepsort-tracker.js';
import { OCSORT_TRACKER } from './ocsort-tracker.js';
import { SORT_TRACKER } from './sort-tracker.js';
import type { TrackerDefinition, TrackerOptionValues } from './tracker.js';

/**
 * A registered tracker with its options typed loosely (name -> number or
 * boolean); each tracker checks names, kinds and ranges when it is created.
 */
export type AnyTrackerDefinition = TrackerDefinition<TrackerOptionValues>;

/** Every built-in tracker by id; `mot track --tracker <id>` picks from here. */
export const TRACKERS: Readonly<Record<string, AnyTrackerDefinition>> = Object.freeze({
  [SORT_TRACKER.id]: SORT_TRACKER as AnyTrackerDefinition,
  [DEEPSORT_TRACKER.id]: DEEPSORT_TRACKER as AnyTrackerDefinition,
  [BYTETRACK_TRACKER.id]: BYTETRACK_TRACKER as AnyTrackerDefinition,
  [OCSORT_TRACKER.id]: OCSORT_TRACKER as AnyTrackerDefinition,
});

/** The tracker registered as `id`; throws a ConfigError listing the known ids. */
export function getTracker(id: string): AnyTrackerDefinition {
  const t = TRACKERS[id];
  if (!t) throw new ConfigError(`unknown tracker '${id}' (known: ${Object.keys(TRACKERS).join(', ')})`);
  return t;
}
