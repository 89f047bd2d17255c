/**
 * concatMap over a pull source: the next value is pulled only once the
 * previous value's inner observable has completed.
 */
import { from, Observable, type ObservableInput, type Subscription } from 'rxjs';
import { collectHolds } from './hold-pull.js';

/**
 * A pull source: an async iterable, or a factory that makes one per
 * subscription and stops it when the signal aborts.
 */
export type PullSource<T> = AsyncIterable<T> | ((signal: AbortSignal) => AsyncIterable<T>);

/**
 * Maps each value of a pull source to an inner observable (or promise, array,
 * ...) and concatenates them, pulling the next value only after the previous
 * inner one completed: exactly one value in flight, nothing queued.
 *
 * Why not `concatMap`: RxJS has no backpressure. A source piped into
 * `concatMap` keeps emitting while the inner work runs, and concatMap queues
 * every value (with frames, 0.9 MB each at 640x480, memory grows with the
 * video). Here the source is asked for the next value only when the project's
 * work is done, so a slow detector slows ffmpeg instead.
 *
 * Put every async stage of one frame into `project` (e.g.
 * `frame => from(detect(frame)).pipe(concatMap(embed), map(track))`); a second
 * async `concatMap` after this operator would queue again.
 *
 * A stage downstream that works asynchronously on an emitted value (e.g.
 * `writeVideo`) can ask for the next pull to wait with {@link holdPull}.
 *
 * Unsubscribing (or an error) aborts the factory's signal and calls the
 * iterator's `return()`: with `readFrames` that kills ffmpeg at once.
 * Pass a factory, not an iterable, for an observable that can be subscribed
 * more than once (an async generator can be iterated only once).
 *
 * @param source - the pull source
 * @param project - `(value, index)` to the inner work; index counts values from 0
 * @returns the inner observables' values, in source order
 * @example
 * ```ts
 * const boxes$ = pullConcatMap(
 *   (signal) => readFrames('fixtures/video/TUD-Campus.mp4', { signal }),
 *   async (frame) => frame.index, // your async detector here
 * );
 * ```
 */
export function pullConcatMap<T, R>(
  source: PullSource<T>,
  project: (value: T, index: number) => ObservableInput<R>,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    const controller = new AbortController();
    const iterator = (typeof source === 'function' ? source(controller.signal) : source)[Symbol.asyncIterator]();
    let inner: Subscription | undefined;
    let index = 0;
    // Holds registered by downstream stages during the current inner value's emissions.
    let held: Promise<unknown>[] = [];

    const pull = (): void => {
      iterator.next().then(onValue, (e: unknown) => {
        if (!subscriber.closed) subscriber.error(e);
      });
    };
    const onValue = (r: IteratorResult<T>): void => {
      if (subscriber.closed) return;
      if (r.done === true) {
        subscriber.complete();
        return;
      }
      let input: ObservableInput<R>;
      try {
        input = project(r.value, index++);
      } catch (e) {
        subscriber.error(e);
        return;
      }
      inner = from(input).subscribe({
        next: (v) => {
          const hold = collectHolds(() => subscriber.next(v));
          if (hold !== undefined) held.push(hold);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          inner = undefined;
          // A synchronous inner observable can complete after a downstream
          // take() already unsubscribed: pull nothing more then.
          if (subscriber.closed) return;
          const waits = held;
          held = [];
          // Always asynchronous (a promise), so a long run of synchronous
          // inner observables does not grow the stack.
          if (waits.length === 0) pull();
          else
            void Promise.all(waits).then(() => {
              if (!subscriber.closed) pull();
            });
        },
      });
    };

    pull();
    return () => {
      inner?.unsubscribe();
      controller.abort();
      // An async generator queues return() behind a pending next(); the abort
      // above is what stops the work promptly, return() runs its cleanup.
      iterator.return?.().catch(() => undefined);
    };
  });
}
