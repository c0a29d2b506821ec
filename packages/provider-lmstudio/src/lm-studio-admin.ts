import type { AdminCallOptions, AdminConfig, ProviderAdmin, ServerFingerprint } from '@samus/kernel';
import { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet, type ProbeAnswer } from '@samus/provider-core/internal';
import { checkLMStudioHealth, type CheckLMStudioHealthOptions, type LMStudioHealth } from './lm-studio-health.js';
import {
  downloadLMStudioModel,
  loadLMStudioModel,
  unloadLMStudioModel,
  waitForLMStudioDownload,
  type DownloadLMStudioModelOptions,
  type LMStudioDownloadResult,
  type LMStudioLoadResult,
  type LoadLMStudioModelOptions,
  type UnloadLMStudioModelOptions,
} from './lm-studio-model-manager.js';
import type { LMStudioModelInfo } from './lm-studio-model-info.js';
import type { LMStudioModelStates } from './lm-studio-model-states.js';
import { getLMStudioModel, listLMStudioModels, type ListLMStudioModelsOptions } from './lm-studio-models.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';

/** How often the admin's `pull` asks LM Studio for the download job's progress, in ms. */
export const LM_STUDIO_PULL_POLL_MS = 500;

/** Options of {@link createLMStudioAdmin} and {@link LMStudioAdmin}. */
export interface LMStudioAdminOptions {
  /** Time between two download status polls in ms (default {@link LM_STUDIO_PULL_POLL_MS}). */
  pullPollIntervalMs?: number;
  /** Limit of a blocking load call in ms (default 300 000). */
  loadTimeoutMs?: number;
  /** A generator's model states, kept up to date by what the admin sees (lists, loads, unloads, health). */
  modelStates?: LMStudioModelStates;
  fetch?: typeof fetch;
}

/**
 * The admin surface of an LM Studio server: models (`/api/v1` → `/api/v0` → `/v1`, with type, load state and context
 * lengths), the body-checking health probe, and on LM Studio 0.4+ download (polled job, common progress shape), load
 * and unload over REST. LM Studio has no REST call to delete a model. A generator's `admin` shares its client and
 * model states, so a load through it is seen by the next request's timeout.
 */
export class LMStudioAdmin implements ProviderAdmin {
  readonly client: LMStudioRestClient;
  readonly #options: LMStudioAdminOptions;

  constructor(client: LMStudioRestClient, options: LMStudioAdminOptions = {}) {
    this.client = client;
    this.#options = options;
  }

  /** Every downloaded model with type, load state, context lengths and capabilities. */
  async listModels(options: ListLMStudioModelsOptions = {}): Promise<LMStudioModelInfo[]> {
    const models = await listLMStudioModels(this.client, options);
    this.#options.modelStates?.record(models);
    return models;
  }

  /** Checks the server (reading bodies, never trusting a status alone); never throws. */
  async health(options: CheckLMStudioHealthOptions = {}): Promise<LMStudioHealth> {
    const health = await checkLMStudioHealth(this.client, options);
    if (health.ok) this.#options.modelStates?.confirm();
    return health;
  }

  /** One model by id (or loaded instance id), or undefined. */
  async getModel(model: string, options: ListLMStudioModelsOptions = {}): Promise<LMStudioModelInfo | undefined> {
    const entry = await getLMStudioModel(this.client, model, options);
    if (entry && entry.state !== 'unknown') this.#options.modelStates?.set(entry.id, entry.state);
    return entry;
  }

  /** Downloads a model with progress (LM Studio 0.4+; a polled job); see `downloadLMStudioModel`. */
  pull(model: string, options: DownloadLMStudioModelOptions = {}): Promise<LMStudioDownloadResult> {
    return downloadLMStudioModel(this.client, model, { pollIntervalMs: this.#options.pullPollIntervalMs ?? LM_STUDIO_PULL_POLL_MS, ...options });
  }

  /** Waits for a download job started earlier (e.g. by a `pull` that was aborted). */
  waitForDownload(jobId: string, options: Omit<DownloadLMStudioModelOptions, 'quantization'> & { model?: string } = {}): Promise<LMStudioDownloadResult> {
    return waitForLMStudioDownload(this.client, jobId, { pollIntervalMs: this.#options.pullPollIntervalMs ?? LM_STUDIO_PULL_POLL_MS, ...options });
  }

  /** Loads a model (LM Studio 0.4+) and returns its instance; see `loadLMStudioModel`. */
  async load(model: string, options: LoadLMStudioModelOptions = {}): Promise<LMStudioLoadResult> {
    const result = await loadLMStudioModel(this.client, model, { ...(this.#options.loadTimeoutMs === undefined ? {} : { timeoutMs: this.#options.loadTimeoutMs }), ...options });
    const states = this.#options.modelStates;
    states?.confirm();
    states?.set(model, 'loaded');
    states?.set(result.instanceId, 'loaded');
    return result;
  }

  /** Unloads every instance of a model, or one instance (LM Studio 0.4+); returns the unloaded instance ids. */
  async unload(model: string, options: UnloadLMStudioModelOptions = {}): Promise<string[]> {
    const unloaded = await unloadLMStudioModel(this.client, model, options);
    this.#options.modelStates?.clear();
    return unloaded;
  }

  /** The loaded models. */
  async ps(options: AdminCallOptions = {}): Promise<LMStudioModelInfo[]> {
    return (await this.listModels(options.signal ? { signal: options.signal } : {})).filter((model) => model.loaded);
  }
}

/** The admin object of the LM Studio server `config` names (what `kernel.createAdmin('lm-studio')` returns). */
export function createLMStudioAdmin(config: Pick<AdminConfig, 'baseUrl' | 'apiKey' | 'headers' | 'timeouts'>, options: LMStudioAdminOptions = {}): LMStudioAdmin {
  const { firstByteMs } = config.timeouts;
  const client = new LMStudioRestClient({
    baseUrl: config.baseUrl,
    headers: config.headers,
    ...(firstByteMs > 0 ? { timeoutMs: Math.min(firstByteMs, 30_000) } : {}),
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return new LMStudioAdmin(client, options);
}

/** An `/api/v*` answer that is not LM Studio's 200-with-error "Unexpected endpoint" body. */
function isNativeSurface(answer: ProbeAnswer | undefined): boolean {
  if (isAuthAnswer(answer)) return true;
  if (answer?.status !== 200) return false;
  const body = parseJsonOrUndefined(answer.text) as { error?: unknown } | undefined | null;
  return body !== undefined && body !== null && typeof body === 'object' && body.error === undefined;
}

/**
 * Recognises LM Studio by `/lmstudio-greeting` → `{"lmstudio":true}` (unknown paths answer 200 with an error body, so
 * bodies are checked, never statuses alone), then reads which APIs answer (`/v1`, `/api/v0`, `/api/v1`) and whether
 * a token is required. LM Studio has no version endpoint.
 */
export async function fingerprintLMStudio(url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined> {
  const greeting = await probeGet(`${url}/lmstudio-greeting`, signal);
  const body = greeting.status === 200 ? (parseJsonOrUndefined(greeting.text) as { lmstudio?: unknown } | undefined) : undefined;
  if (body?.lmstudio !== true) return undefined;
  const [models, v1, v0] = await Promise.all(['/v1/models', '/api/v1/models', '/api/v0/models'].map((path) => answerOrUndefined(probeGet(`${url}${path}`, signal))));
  const apis: string[] = [];
  if (isModelListAnswer(models) || isAuthAnswer(models)) apis.push('openai');
  if (isNativeSurface(v0)) apis.push('api/v0');
  if (isNativeSurface(v1)) apis.push('api/v1');
  return { authRequired: isAuthAnswer(models) || isAuthAnswer(v1) || isAuthAnswer(v0), apis };
}
