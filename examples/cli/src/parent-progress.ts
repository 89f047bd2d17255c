/**
 * Frame counts for `mot worker`, which starts `mot track` with an IPC channel
 * and MOT_PROGRESS_IPC=1 and relays them to the BullMQ job's progress. At most
 * five messages a second, and always the last frame.
 */
let lastReport = 0;

export function reportToParent(frame: number, total: number): void {
  if (!process.send || process.env.MOT_PROGRESS_IPC !== '1') return;
  const now = Date.now();
  if (frame < total && now - lastReport < 200) return;
  lastReport = now;
  process.send({ type: 'progress', frame, total });
}
