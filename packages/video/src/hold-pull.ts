/**
 * Cooperative backpressure between {@link pullConcatMap} and asynchronous
 * stages downstream of it (such as `writeVideo`).
 *
 * RxJS has no backpressure: once `pullConcatMap` has emitted a value and the
 * downstream `next` returned, it pulls the next one. A downstream stage that
 * starts asynchronous work for that value (writing a frame into ffmpeg) calls
 * `holdPull(promise)` while it is still inside that `next` call; `pullConcatMap`
 * collects these promises around each emission and pulls the next value only
 * once they have settled. Outside such an emission `holdPull` does nothing, so
 * a stage under any other source still works (it just cannot slow that source).
 */

let collector: PromiseLike<unknown>[] | undefined;

/**
 * Asks the pull source whose emission is running right now to wait for
 * `work` before it pulls its next value. A no-op outside such an emission.
 * Rejections of `work` are ignored here (the stage reports its own errors).
 *
 * @param work - settles when the stage is ready for the next value
 * @example
 * ```ts
 * const slowTap = <T>(ms: number) => tap<T>(() => holdPull(new Promise((r) => setTimeout(r, ms))));
 * ```
 */
export function holdPull(work: PromiseLike<unknown>): void {
  collector?.push(work);
}

/**
 * Runs `emit` (a synchronous `subscriber.next(...)`) and returns a promise of
 * every hold registered during it, or undefined when there was none. Nested
 * calls each collect their own. @internal
 */
export function collectHolds(emit: () => void): Promise<unknown> | undefined {
  const outer = collector;
  const mine: PromiseLike<unknown>[] = [];
  collector = mine;
  try {
    emit();
  } finally {
    collector = outer;
  }
  return mine.length === 0 ? undefined : Promise.allSettled(mine);
}
