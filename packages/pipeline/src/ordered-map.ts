/**
 * An async map that runs up to `concurrency` projections at once and emits
 * their results in input order: the building block of every asynchronous
 * stage of the pipeline.
 */
import { Observable, type OperatorFunction } from 'rxjs';

interface Slot<R> {
  done: boolean;
  value: R | undefined;
}

/**
 * Maps each value through an async `project`, at most `concurrency` at a time,
 * and emits the results in the order the values arrived (unlike `mergeMap`,
 * whose results come out as they finish). With concurrency 1 it is
 * `concatMap` over promises.
 *
 * The operator itself does not slow its source: values that arrive while
 * `concurrency` projections run wait in a queue. Inside {@link pullThrough}
 * (which {@link track} uses) the source only ever has `inFlight` values out,
 * so that queue never holds more than that.
 *
 * Completes once the source completed and every result was emitted; the first
 * rejection errors the output (later results are dropped).
 *
 * @param project `(value, index)` to a promise (or a plain value); index counts from 0
 * @param concurrency projections running at once, an integer >= 1
 * @returns the projected values, in source order
 * @example
 * ```ts
 * from([30, 10, 20]).pipe(orderedMap((ms) => sleep(ms).then(() => ms), 3)); // 30, 10, 20
 * ```
 */
export function orderedMap<T, R>(project: (value: T, index: number) => R | Promise<R>, concurrency = 1): OperatorFunction<T, R> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`orderedMap: concurrency must be an integer >= 1, got ${String(concurrency)}`);
  }
  return (source) =>
    new Observable<R>((subscriber) => {
      const waiting: T[] = [];
      const slots: Slot<R>[] = [];
      let active = 0;
      let index = 0;
      let sourceDone = false;

      const flush = (): void => {
        while (slots.length > 0 && slots[0].done) {
          const slot = slots.shift() as Slot<R>;
          subscriber.next(slot.value as R);
          if (subscriber.closed) return;
        }
        if (sourceDone && slots.length === 0 && waiting.length === 0) subscriber.complete();
      };

      const start = (): void => {
        while (active < concurrency && waiting.length > 0) {
          const value = waiting.shift() as T;
          const slot: Slot<R> = { done: false, value: undefined };
          slots.push(slot);
          active++;
          const i = index++;
          let result: Promise<R>;
          try {
            result = Promise.resolve(project(value, i));
          } catch (e) {
            result = Promise.reject(e);
          }
          result.then(
            (r) => {
              if (subscriber.closed) return;
              active--;
              slot.done = true;
              slot.value = r;
              flush();
              start();
            },
            (e: unknown) => {
              if (!subscriber.closed) subscriber.error(e);
            },
          );
        }
      };

      const subscription = source.subscribe({
        next: (v) => {
          waiting.push(v);
          start();
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          sourceDone = true;
          flush();
        },
      });
      return () => {
        subscription.unsubscribe();
        waiting.length = 0;
        slots.length = 0;
      };
    });
}
