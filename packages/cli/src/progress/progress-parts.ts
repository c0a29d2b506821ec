import type { PullProgress } from '@samus/kernel';
import { formatDuration } from '../format-duration.js';
import { formatBytes } from '../format-table.js';
import type { TransferEstimate } from './transfer-meter.js';

/** The text pieces of one progress report; empty strings for what is not known (yet). */
export interface ProgressParts {
  /** `downloading`, `verifying`, … */
  phase: string;
  /** The server's status text, for phases without byte counts (`pulling manifest`). */
  status: string;
  /** Whether byte counts are known (a total above 0, or the final report). */
  hasBytes: boolean;
  /** ` 45.2%` */
  percent: string;
  /** `1.2 GB / 2.0 GB` */
  bytes: string;
  /** `35 MB/s` */
  speed: string;
  /** `ETA 0:23` */
  eta: string;
}

/** Splits a progress report and its speed estimate into display pieces (human units). */
export function progressParts(progress: PullProgress, estimate: TransferEstimate): ProgressParts {
  const downloading = progress.phase === 'downloading';
  const hasBytes = progress.totalBytes > 0;
  return {
    phase: progress.phase,
    status: progress.status,
    hasBytes,
    percent: `${progress.percent.toFixed(1)}%`.padStart(6),
    bytes: hasBytes ? `${formatBytes(progress.completedBytes)} / ${formatBytes(progress.totalBytes)}` : '',
    speed: downloading && estimate.bytesPerSecond !== undefined ? `${formatBytes(Math.max(0, estimate.bytesPerSecond))}/s` : '',
    eta: downloading && estimate.etaSeconds !== undefined ? `ETA ${formatDuration(estimate.etaSeconds)}` : '',
  };
}
