/**
 * Runs a chain of stages over a pull source with a fixed number of values in
 * flight: the next value is pulled only when one has come out of the chain.
 */
import type { PullSource } from '@mot/video';
import { Observable, type OperatorFunction, Subject } from 'rxjs';

/** Options of {@link pullThrough}. */
export interface PullThroughOptions {
  /** Values between the source and the chain's output at once, an integer >= 1. Default 1. */
  readonly inFlight?: number;
  /**
   * Aborting stops pulling: values already in the chain finish, then the
   * output completes (not errors), so writers downstream close their files
   * complete. Unsubscribe instead to drop everything at once.
   */
  readonly stop?: AbortSignal;
}

/**
 * Pipes a pull source through `stages`, pulling the next value only when a
 * value has left `stages`, so that at most `inFlight` values are anywhere in
 * the chain: a slow stage anywhere (a detector, a video encoder waiting for
 * ffmpeg) slows the source instead of filling a queue.
 *
 * RxJS has no backpressure between operators; this closes the loop around the
 * whole chain instead. `stages` must emit exactly one value per input value
 * (every @mot/pipeline operator does); a stage that drops values would stall
 * the source once `inFlight` values are lost.
 *
 * Unsubscribing (or an error) aborts the factory's signal and calls the
 * iterator's `return()`: with `readFrames` that kills ffmpeg.
 *
 * @param source an async iterable, or a factory `(signal) => AsyncIterable` (re-subscribable)
 * @param stages the chain, e.g. `pipe(detect(d), trackWith(t))` from rxjs
 * @param options `inFlight`, `stop`
 * @returns the chain's output
 * @example
 * ```ts
 * import { pipe } from 'rxjs';
 * const results$ = pullThrough((signal) => readFrames('fixtures/video/TUD-Campus.mp4', { signal }), pipe(detect(detector), trackWith(sort)));
 * ```
 */
export function pullThrough<T, R>(source: PullSource<T>, stages: OperatorFunction<T, R>, options: PullThroughOptions = {}): Observable<R> {
  const inFlight = options.inFlight ?? 1;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new RangeError(`pullThrough: options.inFlight must be an integer >= 1, got ${String(inFlight)}`);
  }
  const stop = options.stop;
  return new Observable<R>((subscriber) => {
    const controller = new AbortController();
    const iterator = (typeof source === 'function' ? source(controller.signal) : source)[Symbol.asyncIterator]();
    const input = new Subject<T>();
    let credits = inFlight;
    let pulling = false;
    let ended = false;

    const end = (): void => {
      if (ended) return;
      ended = true;
      // Stops the producer (kills ffmpeg for readFrames) before the chain drains.
      iterator.return?.()?.catch(() => undefined);
      input.complete();
    };
    const pump = (): void => {
      while (!pulling && !ended && credits > 0 && !subscriber.closed) {
        if (stop?.aborted) {
          end();
          return;
        }
        pulling = true;
        credits--;
        iterator.next().then(
          (r) => {
            pulling = false;
            if (subscriber.closed || ended) return;
            if (r.done === true) {
              ended = true;
              input.complete();
              return;
            }
            input.next(r.value);
            pump();
          },
          (e: unknown) => {
            pulling = false;
            ended = true;
            if (subscriber.closed) return;
            // After a stop the source may fail on its own account: a terminal's
            // Ctrl-C reaches ffmpeg too, which then exits non-zero. The stop was
            // asked for, so the stream ends as a stop does.
            if (stop?.aborted === true) input.complete();
            else subscriber.error(e);
          },
        );
      }
    };
    const onStop = (): void => {
      if (!pulling) end();
    };
    stop?.addEventListener('abort', onStop, { once: true });

    const chain = input.pipe(stages).subscribe({
      next: (v) => {
        subscriber.next(v);
        credits++;
        pump();
      },
      error: (e: unknown) => subscriber.error(e),
      complete: () => subscriber.complete(),
    });
    pump();
    return () => {
      stop?.removeEventListener('abort', onStop);
      chain.unsubscribe();
      if (!ended) {
        ended = true;
        controller.abort();
        iterator.return?.()?.catch(() => undefined);
      }
    };
  });
}
