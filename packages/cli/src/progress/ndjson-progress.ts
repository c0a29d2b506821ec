import type { PullProgress } from '@samus/kernel';
import type { CliStream } from '../cli-io.js';
import type { ProgressRenderer } from './progress-renderer.js';

/**
 * `--json` progress: every report as one compact JSON line `{"event":"progress",phase,status,completedBytes,totalBytes,percent}`
 * (percent rounded to one decimal, whichever provider reported it).
 */
export class NdjsonProgress implements ProgressRenderer {
  readonly #stream: CliStream;

  constructor(stream: CliStream) {
    this.#stream = stream;
  }

  update(progress: PullProgress): void {
    const { phase, status, completedBytes, totalBytes, percent } = progress;
    this.#stream.write(`${JSON.stringify({ event: 'progress', phase, status, completedBytes, totalBytes, percent: Math.round(percent * 10) / 10 })}\n`);
  }

  end(): void {
    // The command writes the final {"ok":…} line.
  }
}
