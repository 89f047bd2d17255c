import { ConfigError } from '@mot/core';
import { BYTETRACK_TRACKER } from './bytetrack-tracker.js';
import { DEEPSORT_TRACKER } from './deepsort-tracker.js';
import { OCSORT_TRACKER } from './ocsort-tracker.js';
import { SORT_TRACKER } from './sort-tracker.js';
import type { TrackerDefinition } from './tracker.js';

/** Every built-in tracker by id; `mot track --tracker <id>` picks from here. */
export const TRACKERS: Readonly<Record<string, TrackerDefinition<never>>> = Object.freeze({
  [SORT_TRACKER.id]: SORT_TRACKER as TrackerDefinition<never>,
  [DEEPSORT_TRACKER.id]: DEEPSORT_TRACKER as TrackerDefinition<never>,
  [BYTETRACK_TRACKER.id]: BYTETRACK_TRACKER as TrackerDefinition<never>,
  [OCSORT_TRACKER.id]: OCSORT_TRACKER as TrackerDefinition<never>,
});

/** The tracker registered as `id`; throws a ConfigError listing the known ids. */
export function getTracker(id: string): TrackerDefinition<never> {
  const t = TRACKERS[id];
  if (!t) throw new ConfigError(`unknown tracker '${id}' (known: ${Object.keys(TRACKERS).join(', ')})`);
  return t;
}
