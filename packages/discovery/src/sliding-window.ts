/** Summary statistics of a window of samples. */
export interface WindowStats {
  count: number;
  mean?: number;
  p50?: number;
  p95?: number;
  min?: number;
  max?: number;
}

/** Nearest-rank percentile of ascending `sorted` (`q` in 0..1). */
export function percentile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The last `maxSamples` values no older than `maxAgeMs`: a bounded ring buffer with timestamps, summarised on
 * demand (p50/p95 by nearest rank).
 */
export class SlidingWindow {
  readonly #values: number[] = [];
  readonly #times: number[] = [];
  #start = 0;
  readonly #maxSamples: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(maxSamples = 200, maxAgeMs = 300_000, now: () => number = Date.now) {
    this.#maxSamples = Math.max(1, maxSamples);
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    this.#values.push(value);
    this.#times.push(this.#now());
    if (this.#values.length - this.#start > this.#maxSamples) this.#start += 1;
    // Compact now and then so the arrays do not grow without bound.
    if (this.#start > this.#maxSamples) {
      this.#values.splice(0, this.#start);
      this.#times.splice(0, this.#start);
      this.#start = 0;
    }
  }

  /** The live samples (oldest first). */
  values(): number[] {
    const cutoff = this.#now() - this.#maxAgeMs;
    const out: number[] = [];
    for (let i = this.#start; i < this.#values.length; i += 1) if (this.#times[i]! >= cutoff) out.push(this.#values[i]!);
    return out;
  }

  stats(): WindowStats {
    const values = this.values();
    if (values.length === 0) return { count: 0 };
    const sorted = [...values].sort((a, b) => a - b);
    const sum = values.reduce((a, b) => a + b, 0);
    return {
      count: values.length,
      mean: round(sum / values.length),
      p50: round(percentile(sorted, 0.5)!),
      p95: round(percentile(sorted, 0.95)!),
      min: round(sorted[0]!),
      max: round(sorted[sorted.length - 1]!),
    };
  }
}
