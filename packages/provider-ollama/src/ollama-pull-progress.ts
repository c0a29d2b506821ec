import type { PullProgress } from '@samus/kernel';

/** One NDJSON line of `/api/pull`. */
export interface OllamaPullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}

function phaseOf(status: string): PullProgress['phase'] {
  if (status === 'success') return 'success';
  if (status.startsWith('pulling manifest')) return 'manifest';
  if (status.startsWith('pulling') || status.startsWith('downloading')) return 'downloading';
  if (status.startsWith('verifying')) return 'verifying';
  if (status.startsWith('writing')) return 'writing';
  if (status.startsWith('removing')) return 'cleanup';
  return 'downloading';
}

/**
 * Folds `/api/pull` lines into one progress shape: layers interleave, so bytes are summed over distinct digests
 * (`completed` absent = 0), and percent = Σcompleted / Σtotal.
 */
export class PullProgressTracker {
  readonly #layers = new Map<string, { total: number; completed: number }>();

  /** Folds one line and returns the progress after it. */
  update(line: OllamaPullLine): PullProgress {
    const status = line.status ?? '';
    if (line.digest !== undefined) {
      const layer = this.#layers.get(line.digest) ?? { total: 0, completed: 0 };
      if (typeof line.total === 'number') layer.total = line.total;
      layer.completed = typeof line.completed === 'number' ? line.completed : layer.completed;
      this.#layers.set(line.digest, layer);
    }
    let completedBytes = 0;
    let totalBytes = 0;
    for (const layer of this.#layers.values()) {
      totalBytes += layer.total;
      completedBytes += Math.min(layer.completed, layer.total || layer.completed);
    }
    const phase = phaseOf(status);
    const percent = phase === 'success' ? 100 : totalBytes > 0 ? Math.min(100, (completedBytes / totalBytes) * 100) : 0;
    return { phase, status, completedBytes, totalBytes, percent: Math.round(percent * 10) / 10 };
  }
}
