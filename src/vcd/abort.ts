// Letting one caller stop waiting for shared work (a version negotiation, a token exchange) without cancelling it
// for the others.
import { VcdError } from './errors';

export function cancelledError(reason?: unknown): VcdError {
  return new VcdError('cancelled', 'The request was cancelled.', reason === undefined ? {} : { cause: reason });
}

/** Resolves like `promise`, or rejects with VcdError('cancelled') as soon as `signal` aborts. */
export function raceWithSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(cancelledError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
