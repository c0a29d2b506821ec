import { SamusError } from '@samus/kernel';
import {
  dedupeModels,
  modelInfoFromOpenAI,
  modelInfoFromV0,
  modelInfoFromV1,
  type LMStudioModelInfo,
} from './lm-studio-model-info.js';
import type { LMStudioRestClient } from './lm-studio-rest-client.js';

/** Options of {@link listLMStudioModels}. */
export interface ListLMStudioModelsOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

function listOf(body: unknown, field: 'data' | 'models', endpoint: string): unknown[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(value)) {
    throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `LM Studio's ${endpoint} answer has no "${field}" array`, {
      details: { provider: 'lm-studio', endpoint },
    });
  }
  return value;
}

function isFallbackWorthy(error: unknown): boolean {
  return SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL') || SamusError.is(error, 'SAMUS_ERR_INVALID_RESPONSE');
}

/**
 * Lists the models the server has downloaded, with type, load state, context lengths and capabilities. Reads the
 * native `/api/v1/models` (0.4+), falls back to `/api/v0/models` (0.3.6+), then to `/v1/models` (ids only) when the
 * server does not have the richer endpoint. Duplicate rows are merged, preferring the loaded one.
 */
export async function listLMStudioModels(client: LMStudioRestClient, options: ListLMStudioModelsOptions = {}): Promise<LMStudioModelInfo[]> {
  const callOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const present = <T>(value: T | undefined): value is T => value !== undefined;
  try {
    const body = await client.request('GET', '/api/v1/models', callOptions);
    return dedupeModels(listOf(body, 'models', '/api/v1/models').map((row) => modelInfoFromV1(row as object)).filter(present));
  } catch (error) {
    if (!isFallbackWorthy(error)) throw error;
  }
  try {
    const body = await client.request('GET', '/api/v0/models', callOptions);
    return dedupeModels(listOf(body, 'data', '/api/v0/models').map((row) => modelInfoFromV0(row as object)).filter(present));
  } catch (error) {
    if (!isFallbackWorthy(error)) throw error;
  }
  const body = await client.request('GET', '/v1/models', callOptions);
  return dedupeModels(listOf(body, 'data', '/v1/models').map((row) => modelInfoFromOpenAI(row as object)).filter(present));
}

/** The entry for `model` (by id, or by the id of one of its loaded instances), or undefined. */
export async function getLMStudioModel(
  client: LMStudioRestClient,
  model: string,
  options: ListLMStudioModelsOptions = {},
): Promise<LMStudioModelInfo | undefined> {
  const models = await listLMStudioModels(client, options);
  return models.find((entry) => entry.id === model) ?? models.find((entry) => entry.loadedInstances.includes(model) || entry.aliases.includes(model));
}

/**
 * Second look at a SAMUS_ERR_MODEL_NOT_FOUND answer: with Just-in-Time loading off, LM Studio calls a downloaded but
 * unloaded model an "Invalid model identifier" (it only knows loaded models then). When the model list (`/api/v1`
 * lists every downloaded model whatever JIT says) has the model and it is not loaded, the answer becomes
 * SAMUS_ERR_MODEL_NOT_LOADED with the `lms load <model>` hint; otherwise `error` is returned unchanged. Bounded by
 * `timeoutMs` (default 2 000); a failing lookup keeps the original error.
 */
export async function explainModelNotFound(
  client: LMStudioRestClient,
  error: unknown,
  model: string,
  options: ListLMStudioModelsOptions = {},
): Promise<unknown> {
  if (!SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND') || model === '') return error;
  let entry: LMStudioModelInfo | undefined;
  try {
    entry = await getLMStudioModel(client, model, { timeoutMs: 2_000, ...options });
  } catch {
    return error;
  }
  if (!entry || entry.loaded || entry.state === 'unknown') return error;
  const suggestions = Array.isArray(error.details.suggestions) ? (error.details.suggestions as unknown[]).filter((name) => typeof name === 'string') : [];
  return new SamusError('SAMUS_ERR_MODEL_NOT_LOADED', `LM Studio has "${model}" downloaded but not loaded, and does not load it on demand`, {
    hint: `Load it with \`lms load ${entry.id}\` (or admin.load()), or enable Just-in-Time model loading in LM Studio's Developer settings.${
      suggestions.length > 0 ? ` Loaded now: ${suggestions.slice(0, 5).join(', ')}.` : ''
    }`,
    cause: error,
    ...(error.status === undefined ? {} : { status: error.status }),
    details: { ...error.details, modelState: entry.state },
  });
}
