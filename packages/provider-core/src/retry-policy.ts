import { SamusError } from '@samus/kernel';

/** Options of {@link RetryPolicy}. */
export interface RetryPolicyOptions {
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
  /** First backoff delay in ms; default 250. Doubles each retry, with up to 25 % jitter. */
  initialDelayMs?: number;
  /** Longest backoff delay in ms; default 8000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. Default 60000. */
  maxRetryAfterMs?: number;
}

/** What {@link RetryPolicy.decide} returns. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * When and how long to wait before retrying a request that failed **before its first token** (a stream is never
 * retried once output reached the caller). Retries `SamusError`s marked `retryable` (connection refused,
 * 429, 5xx, connect timeouts) with exponential backoff, honouring `Retry-After` / `retry-after-ms` headers.
 */
export class RetryPolicy {
  readonly maxRetries: number;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxRetryAfterMs: number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxRetries = options.maxRetries ?? 2;
    this.#initialDelayMs = options.initialDelayMs ?? 250;
    this.#maxDelayMs = options.maxDelayMs ?? 8_000;
    this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  }

  /**
   * Decides about retry number `retry` (1 for the first retry) after `error`. `headers` are the failed
   * response's headers, when there was a response.
   */
  decide(error: unknown, retry: number, headers?: Headers | null): RetryDecision {
    if (retry > this.maxRetries || !SamusError.is(error) || !error.retryable) return { retry: false };
    const retryAfter = headers ? parseRetryAfter(headers) : undefined;
    if (retryAfter !== undefined) {
      return retryAfter <= this.#maxRetryAfterMs ? { retry: true, delayMs: retryAfter } : { retry: false };
    }
    const base = Math.min(this.#initialDelayMs * 2 ** (retry - 1), this.#maxDelayMs);
    return { retry: true, delayMs: Math.round(base * (1 - Math.random() * 0.25)) };
  }
}

/** Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), in ms; `undefined` when absent or invalid. */
export function parseRetryAfter(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
