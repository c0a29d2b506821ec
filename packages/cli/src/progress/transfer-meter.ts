/** Speed and remaining time of a transfer, from the last few seconds of byte counts. */
export interface TransferEstimate {
  /** Bytes per second over the window; undefined until there is enough to tell. */
  bytesPerSecond?: number;
  /** Seconds left at that speed; undefined while the speed or the total is unknown. */
  etaSeconds?: number;
}

/**
 * Measures a transfer's speed over a sliding window of samples (default 5 s), so that bursts and stalls show up
 * quickly without the figure jumping on every sample. Time comes from `now` (ms), so tests need no real clock.
 */
export class TransferMeter {
  readonly #samples: { at: number; bytes: number }[] = [];
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { windowMs?: number; now?: () => number } = {}) {
    this.#windowMs = options.windowMs ?? 5_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Records the bytes done so far and returns the estimate after it. */
  sample(completedBytes: number, totalBytes: number): TransferEstimate {
    const at = this.#now();
    const last = this.#samples.at(-1);
    // Fewer bytes than before (a new layer set, a restarted job): start measuring again.
    if (last && completedBytes < last.bytes) this.#samples.length = 0;
    this.#samples.push({ at, bytes: completedBytes });
    while (this.#samples.length > 2 && at - this.#samples[1]!.at >= this.#windowMs) this.#samples.shift();
    const first = this.#samples[0]!;
    const elapsedMs = at - first.at;
    if (elapsedMs < 250) return {};
    const bytesPerSecond = ((completedBytes - first.bytes) / elapsedMs) * 1000;
    const remaining = totalBytes - completedBytes;
    return {
      bytesPerSecond,
      ...(bytesPerSecond > 0 && totalBytes > 0 && remaining >= 0 ? { etaSeconds: remaining / bytesPerSecond } : {}),
    };
  }
}
