import { SamusError, type AdminConfig, type ModelInfo, type ProviderAdmin, type ProviderHealth } from '@samus/kernel';
import { HttpTransport } from './http-transport.js';
import { isAuthAnswer, isModelListAnswer, probeGet } from './probe-get.js';

const ADMIN_LIMIT_MS = 30_000;

function limitOf(config: AdminConfig): number {
  const { firstByteMs } = config.timeouts;
  return firstByteMs > 0 ? Math.min(firstByteMs, ADMIN_LIMIT_MS) : ADMIN_LIMIT_MS;
}

async function fetchModelIds(config: AdminConfig, signal: AbortSignal | undefined): Promise<{ ids: string[]; latencyMs: number }> {
  const started = performance.now();
  const limit = limitOf(config);
  const transport = new HttpTransport({ baseUrl: config.baseUrl, apiKey: config.apiKey, headers: config.headers, timeouts: { ...config.timeouts, firstByteMs: limit, totalMs: limit }, retry: { maxRetries: 0 } });
  const body = await transport.json<{ data?: unknown }>({ method: 'GET', path: '/v1/models', signal, retry: false, expectField: 'data' });
  const rows = Array.isArray(body.data) ? body.data : [];
  const ids = rows.map((row) => (row as { id?: unknown }).id).filter((id): id is string => typeof id === 'string' && id !== '');
  return { ids: [...new Set(ids)], latencyMs: performance.now() - started };
}

/**
 * The admin surface of any OpenAI-compatible server: models from `/v1/models` (ids only: kind guessed from the name,
 * load state unknown) and health from the same call. Such servers have no standard pull, load or delete.
 */
export function createOpenAIAdmin(config: AdminConfig): ProviderAdmin {
  return {
    async listModels(options = {}): Promise<ModelInfo[]> {
      const { ids } = await fetchModelIds(config, options.signal);
      return ids.map((id) => ({
        id,
        aliases: [],
        kind: /embed/i.test(id) ? 'embedding' : 'unknown',
        capabilities: /embed/i.test(id) ? ['embedding'] : [],
        loaded: false,
      }));
    },
    async health(options = {}): Promise<ProviderHealth> {
      try {
        const { latencyMs } = await fetchModelIds(config, options.signal);
        return { ok: true, baseUrl: config.baseUrl, latencyMs: Math.round(latencyMs * 100) / 100, warnings: [] };
      } catch (error) {
        const samusError = SamusError.is(error) ? error : new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', String(error));
        return { ok: false, baseUrl: config.baseUrl, latencyMs: 0, warnings: [], error: { code: samusError.code, message: samusError.message, hint: samusError.hint } };
      }
    },
  };
}

/**
 * Recognises any OpenAI-compatible server: `/v1/models` answers a model list, or 401/403 when it needs a key. A
 * generic match: a plugin that recognises the server more specifically (Ollama, LM Studio) wins.
 */
export async function fingerprintOpenAICompatible(url: string, signal: AbortSignal): Promise<{ authRequired: boolean; apis: string[]; generic: true } | undefined> {
  const models = await probeGet(`${url}/v1/models`, signal);
  if (!isModelListAnswer(models) && !isAuthAnswer(models)) return undefined;
  return { authRequired: isAuthAnswer(models), apis: ['openai'], generic: true };
}
