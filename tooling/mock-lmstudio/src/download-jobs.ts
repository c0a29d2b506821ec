import type { MockModel } from './mock-model';
import { hashString, randomHex } from './seeded-random';

/** Status of a simulated download (api-facts 3.4). */
export type DownloadStatus = 'downloading' | 'paused' | 'completed' | 'failed';

interface Job {
  readonly jobId: string;
  readonly model: MockModel;
  readonly totalSizeBytes: number;
  readonly startedAt: number;
  readonly fails: boolean;
  settled: boolean;
}

/** `GET /api/v1/models/download/status/:job_id` body. */
export interface DownloadJobView {
  job_id: string;
  status: DownloadStatus;
  total_size_bytes: number;
  downloaded_bytes: number;
  bytes_per_second?: number;
  estimated_completion?: string;
  started_at: string;
  completed_at?: string;
}

/** Derives a catalogue entry for a download request (catalog id or Hugging Face style URL). */
export function modelForDownload(requested: string, known: readonly MockModel[]): MockModel {
  const found = known.find((model) => model.id === requested || model.id.toLowerCase() === requested.toLowerCase());
  if (found) return found;
  const urlMatch = /^https?:\/\/[^/]+\/([^/]+)\/([^/?#]+)/.exec(requested);
  if (urlMatch) {
    const publisher = urlMatch[1] ?? 'lmstudio-community';
    const name = (urlMatch[2] ?? requested).replace(/-GGUF$/i, '').replace(/-MLX.*$/i, '').toLowerCase();
    return { id: name, type: 'llm', publisher };
  }
  const publisher = requested.includes('/') ? requested.split('/')[0] : undefined;
  return publisher ? { id: requested, type: 'llm', publisher } : { id: requested, type: 'llm' };
}

/**
 * Simulated downloads whose progress is a function of the clock (no timers): `downloaded_bytes` grows linearly over
 * `durationMs`; a failing job stops at half and reports `failed`. Finished models are handed to `onCompleted`.
 */
export class DownloadJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly durationMs: number,
    private readonly failing: readonly string[],
    private readonly onCompleted: (model: MockModel) => void,
  ) {}

  /** Starts a job and returns its first view. */
  start(model: MockModel, requested: string): DownloadJobView {
    const jobId = `job_${randomHex(10)}`;
    const job: Job = {
      jobId,
      model,
      totalSizeBytes: model.sizeBytes ?? 500_000_000 + (hashString(model.id) % 4_000_000_000),
      startedAt: Date.now(),
      fails: this.failing.includes(requested) || this.failing.includes(model.id),
      settled: false,
    };
    this.jobs.set(jobId, job);
    return this.view(job);
  }

  /** Current view of a job, or `undefined` for unknown ids. */
  get(jobId: string): DownloadJobView | undefined {
    const job = this.jobs.get(jobId);
    return job ? this.view(job) : undefined;
  }

  /** Every job's current view. */
  all(): DownloadJobView[] {
    return [...this.jobs.values()].map((job) => this.view(job));
  }

  /** Moves finished jobs' models into the catalogue. */
  settle(): void {
    for (const job of this.jobs.values()) this.view(job);
  }

  private view(job: Job): DownloadJobView {
    const now = Date.now();
    const duration = Math.max(1, this.durationMs);
    const fraction = Math.min(1, (now - job.startedAt) / duration);
    const startedAt = new Date(job.startedAt).toISOString();
    const bytesPerSecond = job.totalSizeBytes / (duration / 1000);
    if (job.fails && fraction >= 0.5) {
      return { job_id: job.jobId, status: 'failed', total_size_bytes: job.totalSizeBytes, downloaded_bytes: Math.floor(job.totalSizeBytes / 2), started_at: startedAt };
    }
    if (fraction >= 1) {
      if (!job.settled) {
        job.settled = true;
        this.onCompleted(job.model);
      }
      return {
        job_id: job.jobId,
        status: 'completed',
        total_size_bytes: job.totalSizeBytes,
        downloaded_bytes: job.totalSizeBytes,
        started_at: startedAt,
        completed_at: new Date(job.startedAt + duration).toISOString(),
      };
    }
    return {
      job_id: job.jobId,
      status: 'downloading',
      total_size_bytes: job.totalSizeBytes,
      downloaded_bytes: Math.floor(job.totalSizeBytes * fraction),
      bytes_per_second: bytesPerSecond,
      estimated_completion: new Date(job.startedAt + duration).toISOString(),
      started_at: startedAt,
    };
  }
}
