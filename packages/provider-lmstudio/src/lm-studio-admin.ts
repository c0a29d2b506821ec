import { type AdminConfig, type ProviderAdmin, type ServerFingerprint } from '@samus/kernel';
import { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet, type ProbeAnswer } from '@samus/provider-core/internal';
import { checkLMStudioHealth } from './lm-studio-health.js';
import { downloadLMStudioModel, loadLMStudioModel, unloadLMStudioModel } from './lm-studio-model-manager.js';
import { listLMStudioModels } from './lm-studio-models.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';

/** How often the admin's `pull` asks LM Studio for the download job's progress, in ms. */
export const LM_STUDIO_PULL_POLL_MS = 500;

/** Options of {@link createLMStudioAdmin}. */
export interface LMStudioAdminOptions {
  /** Time between two download status polls in ms (default {@link LM_STUDIO_PULL_POLL_MS}). */
  pullPollIntervalMs?: number;
  fetch?: typeof fetch;
}

/**
 * The admin surface of an LM Studio server: models (`/api/v1` → `/api/v0` → `/v1`, with type, load state and context
 * lengths), the body-checking health probe, and on LM Studio 0.4+ download (polled job, common progress shape), load
 * and unload over REST. LM Studio has no REST call to delete a model.
 */
export function createLMStudioAdmin(config: Pick<AdminConfig, 'baseUrl' | 'apiKey' | 'headers' | 'timeouts'>, options: LMStudioAdminOptions = {}): ProviderAdmin {
  const { firstByteMs } = config.timeouts;
  const client = new LMStudioRestClient({
    baseUrl: config.baseUrl,
    headers: config.headers,
    ...(firstByteMs > 0 ? { timeoutMs: Math.min(firstByteMs, 30_000) } : {}),
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const signalOf = (callOptions: { signal?: AbortSignal } = {}) => (callOptions.signal ? { signal: callOptions.signal } : {});
  return {
    listModels: (callOptions) => listLMStudioModels(client, signalOf(callOptions)),
    health: (callOptions) => checkLMStudioHealth(client, signalOf(callOptions)),
    async pull(model, pullOptions = {}) {
      const result = await downloadLMStudioModel(client, model, {
        pollIntervalMs: options.pullPollIntervalMs ?? LM_STUDIO_PULL_POLL_MS,
        ...signalOf(pullOptions),
        ...(pullOptions.onProgress ? { onProgress: pullOptions.onProgress } : {}),
      });
      return { status: result.status, ...(result.totalBytes === undefined ? {} : { totalBytes: result.totalBytes }) };
    },
    async load(model, loadOptions = {}) {
      await loadLMStudioModel(client, model, { ...signalOf(loadOptions), ...(loadOptions.contextLength === undefined ? {} : { contextLength: loadOptions.contextLength }) });
    },
    async unload(model, callOptions) {
      await unloadLMStudioModel(client, model, signalOf(callOptions));
    },
    async ps(callOptions) {
      return (await listLMStudioModels(client, signalOf(callOptions))).filter((model) => model.loaded);
    },
  };
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
