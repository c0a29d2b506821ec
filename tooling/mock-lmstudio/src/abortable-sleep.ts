/** Error thrown by {@link abortableSleep} and {@link waitForAbort} when their signal fires. */
export class MockAbortedError extends Error {
  constructor() {
    super('mock request aborted (client disconnected or server closing)');
    this.name = 'MockAbortedError';
  }
}

/** Resolves after `ms` (timer cleared and rejection with {@link MockAbortedError} when `signal` aborts first). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new MockAbortedError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new MockAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves; rejects with {@link MockAbortedError} once `signal` aborts. Used for stalls. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(new MockAbortedError());
    else signal.addEventListener('abort', () => reject(new MockAbortedError()), { once: true });
  });
}
