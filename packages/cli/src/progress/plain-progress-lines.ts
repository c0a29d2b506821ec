import type { PullProgress } from '@samus/kernel';
import type { CliStream } from '../cli-io.js';
import { progressParts } from './progress-parts.js';
import type { ProgressRenderer } from './progress-renderer.js';
import { TransferMeter } from './transfer-meter.js';

/** Options of {@link PlainProgressLines}. */
export interface PlainProgressLinesOptions {
  stream: CliStream;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
  /** Least time between two lines of the same phase in ms (default 3 000). */
  intervalMs?: number;
}

/** One plain line: `downloading  45.2%  1.2 GB / 2.0 GB  35 MB/s  ETA 0:23`, or `manifest pulling manifest`. */
export function formatProgressLine(progress: PullProgress, estimate: Parameters<typeof progressParts>[1]): string {
  const parts = progressParts(progress, estimate);
  if (!parts.hasBytes && progress.phase !== 'success') return `${parts.phase} ${parts.status}`;
  return [parts.phase, parts.percent.trim(), parts.bytes, parts.speed, parts.eta].filter((part) => part !== '').join('  ');
}

/**
 * Progress for pipes, CI logs and dumb terminals: whole lines without control characters, one per phase change and
 * at most one every `intervalMs` within a phase.
 */
export class PlainProgressLines implements ProgressRenderer {
  readonly #stream: CliStream;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #meter: TransferMeter;
  #lastPhase: string | undefined;
  #lastLineAt = Number.NEGATIVE_INFINITY;

  constructor(options: PlainProgressLinesOptions) {
    this.#stream = options.stream;
    this.#now = options.now ?? (() => performance.now());
    this.#intervalMs = options.intervalMs ?? 3_000;
    this.#meter = new TransferMeter({ now: this.#now });
  }

  update(progress: PullProgress): void {
    const estimate = this.#meter.sample(progress.completedBytes, progress.totalBytes);
    const now = this.#now();
    if (progress.phase === this.#lastPhase && now - this.#lastLineAt < this.#intervalMs) return;
    this.#lastPhase = progress.phase;
    this.#lastLineAt = now;
    this.#stream.write(`${formatProgressLine(progress, estimate)}\n`);
  }

  end(): void {
    // Every line is complete already.
  }
}
