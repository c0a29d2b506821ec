import type { AdminConfig, ProviderAdmin, ServerFingerprint } from '@samus/kernel';
import { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet } from '@samus/provider-core/internal';
import { OllamaClient } from './ollama-client.js';

/**
 * The admin surface of an Ollama server, on {@link OllamaClient}: the merged model list, health, pull with progress
 * (`/api/pull`), load (`/api/chat` without messages, with `keep_alive` / `num_ctx`), unload (`keep_alive: 0`), delete
 * and the loaded models (`/api/ps`).
 */
export function createOllamaAdmin(config: Pick<AdminConfig, 'baseUrl' | 'headers' | 'timeouts'>, options: { fetch?: typeof fetch } = {}): ProviderAdmin {
  return ollamaAdminOf(new OllamaClient({ baseUrl: config.baseUrl, headers: config.headers, timeouts: config.timeouts, ...(options.fetch ? { fetch: options.fetch } : {}) }));
}

/** The admin object over an existing client; `load` uses `defaults` (a generator's keep-alive and context size) unless told otherwise. */
export function ollamaAdminOf(client: OllamaClient, defaults: { keepAlive?: string | number; numCtx?: number } = {}): ProviderAdmin {
  return {
    listModels: (callOptions = {}) => client.listModels(callOptions),
    health: (callOptions = {}) => client.health(callOptions),
    async pull(model, pullOptions = {}) {
      await client.pull(model, pullOptions);
      return { status: 'success' };
    },
    load: (model, loadOptions = {}) => {
      const keepAlive = loadOptions.keepAlive ?? defaults.keepAlive;
      const numCtx = loadOptions.contextLength ?? defaults.numCtx;
      return client.preload(model, {
        ...(loadOptions.signal ? { signal: loadOptions.signal } : {}),
        ...(keepAlive === undefined ? {} : { keepAlive }),
        ...(numCtx === undefined ? {} : { numCtx }),
      });
    },
    unload: (model, callOptions = {}) => client.unload(model, callOptions),
    delete: (model, callOptions = {}) => client.delete(model, callOptions),
    async ps(callOptions = {}) {
      return (await client.listModels(callOptions)).filter((model) => model.loaded);
    },
  };
}

/**
 * Recognises Ollama: `GET /` answers "Ollama is running" (Ollama has no `/health`); `/api/version` gives the version,
 * `/v1/models` whether the OpenAI-compatible surface is there and needs a key.
 */
export async function fingerprintOllama(url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined> {
  const version = answerOrUndefined(probeGet(`${url}/api/version`, signal));
  const models = answerOrUndefined(probeGet(`${url}/v1/models`, signal));
  const root = await probeGet(`${url}/`, signal);
  if (root.status !== 200 || !root.text.trimStart().startsWith('Ollama is running')) return undefined;
  const [versionAnswer, modelsAnswer] = await Promise.all([version, models]);
  const parsed = versionAnswer?.status === 200 ? (parseJsonOrUndefined(versionAnswer.text) as { version?: unknown } | undefined) : undefined;
  const apis = ['native'];
  if (isModelListAnswer(modelsAnswer) || isAuthAnswer(modelsAnswer)) apis.push('openai');
  return { ...(typeof parsed?.version === 'string' ? { version: parsed.version } : {}), authRequired: isAuthAnswer(modelsAnswer), apis };
}
