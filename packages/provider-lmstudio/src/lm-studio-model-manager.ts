import { SamusError, type PullProgress } from '@samus/kernel';
import { listLMStudioModels } from './lm-studio-models.js';
import type { LMStudioRestClient } from './lm-studio-rest-client.js';

/** Progress of a load or unload, in the same shape as a download's {@link PullProgress}. */
export interface LMStudioLoadProgress {
  phase: 'loading' | 'loaded' | 'unloading' | 'unloaded';
  status: string;
  completedBytes: number;
  totalBytes: number;
  percent: number;
}

/** Any progress report of a model operation. */
export type LMStudioProgress = PullProgress | LMStudioLoadProgress;

/** Options of {@link loadLMStudioModel}. */
export interface LoadLMStudioModelOptions {
  /** Context length to load with, in tokens. */
  contextLength?: number;
  evalBatchSize?: number;
  flashAttention?: boolean;
  numExperts?: number;
  offloadKvCacheToGpu?: boolean;
  signal?: AbortSignal;
  /** Limit of the (blocking) load call in ms (default 300 000). */
  timeoutMs?: number;
  onProgress?: (progress: LMStudioLoadProgress) => void;
}

/** What LM Studio reports after a load. */
export interface LMStudioLoadResult {
  /** Instance id to pass to {@link unloadLMStudioModel} and as `model` in requests. */
  instanceId: string;
  type?: string;
  loadTimeSeconds?: number;
  status: string;
  loadConfig?: Record<string, unknown>;
}

/** Options of {@link unloadLMStudioModel}. */
export interface UnloadLMStudioModelOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (progress: LMStudioLoadProgress) => void;
}

/** Options of {@link downloadLMStudioModel}. */
export interface DownloadLMStudioModelOptions {
  /** Quantisation to download, e.g. `Q4_K_M`. */
  quantization?: string;
  signal?: AbortSignal;
  /** Time between two status polls in ms (default 1 000). */
  pollIntervalMs?: number;
  /** Give up after this many ms (default 0 = no limit; the signal still cancels). */
  timeoutMs?: number;
  onProgress?: (progress: PullProgress) => void;
}

/** The final state of a download. */
export interface LMStudioDownloadResult {
  status: 'completed' | 'already_downloaded';
  jobId?: string;
  totalBytes?: number;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function needsV1(error: unknown, operation: string): never {
  if (SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL')) {
    throw new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `This LM Studio server cannot ${operation} over REST (no /api/v1; it needs LM Studio 0.4.0+)`, {
      hint: 'Update LM Studio to 0.4+, or use the `lms` CLI (`lms load`, `lms unload`, `lms get`); older servers also load models on first use (JIT).',
      cause: error,
      details: { provider: 'lm-studio', operation },
    });
  }
  throw error;
}

function loadProgress(phase: LMStudioLoadProgress['phase'], status: string, totalBytes = 0): LMStudioLoadProgress {
  const done = phase === 'loaded' || phase === 'unloaded';
  return { phase, status, completedBytes: done ? totalBytes : 0, totalBytes, percent: done ? 100 : 0 };
}

/**
 * Loads a model (`POST /api/v1/models/load`, LM Studio 0.4+). The call blocks until the model is in memory; LM Studio
 * reports no progress on it, so `onProgress` sees `loading` then `loaded`.
 */
export async function loadLMStudioModel(client: LMStudioRestClient, model: string, options: LoadLMStudioModelOptions = {}): Promise<LMStudioLoadResult> {
  const body: Record<string, unknown> = { model };
  if (options.contextLength !== undefined) body.context_length = options.contextLength;
  if (options.evalBatchSize !== undefined) body.eval_batch_size = options.evalBatchSize;
  if (options.flashAttention !== undefined) body.flash_attention = options.flashAttention;
  if (options.numExperts !== undefined) body.num_experts = options.numExperts;
  if (options.offloadKvCacheToGpu !== undefined) body.offload_kv_cache_to_gpu = options.offloadKvCacheToGpu;
  options.onProgress?.(loadProgress('loading', `loading ${model}`));
  let answer: Record<string, unknown>;
  try {
    answer = await client.request<Record<string, unknown>>('POST', '/api/v1/models/load', {
      body,
      model,
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (SamusError.is(error, 'SAMUS_ERR_TIMEOUT')) {
      throw new SamusError('SAMUS_ERR_TIMEOUT', `Timed out while LM Studio was loading ${model}`, {
        cause: error,
        details: { ...error.details, phase: 'load', model },
      });
    }
    needsV1(error, 'load models');
  }
  const result: LMStudioLoadResult = { instanceId: str(answer.instance_id) ?? model, status: str(answer.status) ?? 'loaded' };
  const type = str(answer.type);
  const loadTimeSeconds = num(answer.load_time_seconds);
  if (type) result.type = type;
  if (loadTimeSeconds !== undefined) result.loadTimeSeconds = loadTimeSeconds;
  if (typeof answer.load_config === 'object' && answer.load_config !== null) result.loadConfig = answer.load_config as Record<string, unknown>;
  options.onProgress?.(loadProgress('loaded', `loaded ${result.instanceId}`));
  return result;
}

/**
 * Unloads a model (`POST /api/v1/models/unload`, LM Studio 0.4+). `model` may be a model key (every loaded instance
 * of it is unloaded) or one instance id. Unloading a model that is not loaded does nothing; an unknown id is
 * `SAMUS_ERR_MODEL_NOT_FOUND`. Returns the unloaded instance ids.
 */
export async function unloadLMStudioModel(client: LMStudioRestClient, model: string, options: UnloadLMStudioModelOptions = {}): Promise<string[]> {
  const callOptions = { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
  const models = await listLMStudioModels(client, callOptions);
  if (models[0] && models[0].source !== '/api/v1/models') needsV1(new SamusError('SAMUS_ERR_WRONG_BASE_URL', 'no /api/v1'), 'unload models');
  const entry = models.find((candidate) => candidate.id === model);
  const instances = entry ? entry.loadedInstances : models.some((candidate) => candidate.loadedInstances.includes(model)) ? [model] : undefined;
  if (instances === undefined) {
    throw new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `LM Studio has no model or loaded instance "${model}"`, {
      hint: 'List the models with `lms ls` / `lms ps` (or admin.listModels()) and pass one of their ids.',
      details: { provider: 'lm-studio', model, suggestions: models.map((candidate) => candidate.id).slice(0, 10) },
    });
  }
  const unloaded: string[] = [];
  for (const instanceId of instances) {
    options.onProgress?.(loadProgress('unloading', `unloading ${instanceId}`));
    try {
      await client.request('POST', '/api/v1/models/unload', { ...callOptions, body: { instance_id: instanceId }, model: instanceId });
    } catch (error) {
      needsV1(error, 'unload models');
    }
    unloaded.push(instanceId);
    options.onProgress?.(loadProgress('unloaded', `unloaded ${instanceId}`));
  }
  return unloaded;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function downloadProgress(status: string, completed: number | undefined, total: number | undefined): PullProgress {
  const totalBytes = Math.round(total ?? 0);
  const completedBytes = Math.round(Math.min(completed ?? 0, totalBytes > 0 ? totalBytes : Number.MAX_SAFE_INTEGER));
  const done = status === 'completed' || status === 'already_downloaded';
  const percent = done ? 100 : totalBytes > 0 ? Math.min(100, (completedBytes / totalBytes) * 100) : 0;
  return { phase: done ? 'success' : 'downloading', status, completedBytes: done && totalBytes > 0 ? totalBytes : completedBytes, totalBytes, percent };
}

/**
 * Downloads a model (`POST /api/v1/models/download`, LM Studio 0.4+) and polls the job status until it completes,
 * reporting `{ phase, status, completedBytes, totalBytes, percent }`. Aborting the signal stops waiting (LM Studio has
 * no REST call to cancel a download: it continues in the app; `details.jobId` of the error lets you poll again with
 * {@link waitForLMStudioDownload}). A failed job is `SAMUS_ERR_OPERATION_FAILED`.
 */
export async function downloadLMStudioModel(
  client: LMStudioRestClient,
  model: string,
  options: DownloadLMStudioModelOptions = {},
): Promise<LMStudioDownloadResult> {
  const body: Record<string, unknown> = { model };
  if (options.quantization !== undefined) body.quantization = options.quantization;
  let answer: Record<string, unknown>;
  try {
    answer = await client.request<Record<string, unknown>>('POST', '/api/v1/models/download', {
      body,
      model,
      timeoutMs: 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    needsV1(error, 'download models');
  }
  const status = str(answer.status) ?? 'unknown';
  const total = num(answer.total_size_bytes);
  const jobId = str(answer.job_id);
  if (status === 'already_downloaded' || (status === 'completed' && !jobId)) {
    options.onProgress?.(downloadProgress(status, total, total));
    return { status: status === 'completed' ? 'completed' : 'already_downloaded', ...(total === undefined ? {} : { totalBytes: total }) };
  }
  if (status === 'failed') {
    throw new SamusError('SAMUS_ERR_OPERATION_FAILED', `LM Studio could not start downloading ${model}`, { details: { provider: 'lm-studio', model, status } });
  }
  if (!jobId) {
    throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `LM Studio's download answer for ${model} has no job_id (status "${status}")`, {
      details: { provider: 'lm-studio', model, status },
    });
  }
  options.onProgress?.(downloadProgress(status, num(answer.downloaded_bytes), total));
  return waitForLMStudioDownload(client, jobId, { ...options, model });
}

/** Polls `GET /api/v1/models/download/status/:job_id` until the job completes or fails (see {@link downloadLMStudioModel}). */
export async function waitForLMStudioDownload(
  client: LMStudioRestClient,
  jobId: string,
  options: Omit<DownloadLMStudioModelOptions, 'quantization'> & { model?: string } = {},
): Promise<LMStudioDownloadResult> {
  const pollIntervalMs = Math.max(10, options.pollIntervalMs ?? 1_000);
  const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  const details = { provider: 'lm-studio', jobId, ...(options.model ? { model: options.model } : {}) };
  const subject = options.model ?? jobId;
  let lastTotal: number | undefined;
  for (;;) {
    let status: Record<string, unknown>;
    try {
      status = await client.request<Record<string, unknown>>('GET', `/api/v1/models/download/status/${encodeURIComponent(jobId)}`, {
        timeoutMs: 30_000,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) {
        throw new SamusError('SAMUS_ERR_ABORTED', `Stopped waiting for the download of ${subject} (LM Studio keeps downloading)`, { cause: error, details });
      }
      throw error;
    }
    const state = str(status.status) ?? 'unknown';
    lastTotal = num(status.total_size_bytes) ?? lastTotal;
    options.onProgress?.(downloadProgress(state, num(status.downloaded_bytes), lastTotal));
    if (state === 'completed' || state === 'already_downloaded') {
      return { status: state, jobId, ...(lastTotal === undefined ? {} : { totalBytes: lastTotal }) };
    }
    if (state === 'failed') {
      throw new SamusError('SAMUS_ERR_OPERATION_FAILED', `LM Studio failed to download ${subject}`, { details: { ...details, status: state } });
    }
    if (Date.now() + pollIntervalMs > deadline) {
      throw new SamusError('SAMUS_ERR_TIMEOUT', `The download of ${subject} did not finish within ${options.timeoutMs} ms (LM Studio keeps downloading)`, {
        details: { ...details, phase: 'total', timeoutMs: options.timeoutMs },
      });
    }
    try {
      await sleep(pollIntervalMs, options.signal);
    } catch (error) {
      throw new SamusError('SAMUS_ERR_ABORTED', `Stopped waiting for the download of ${subject} (LM Studio keeps downloading)`, { cause: error, details });
    }
  }
}
