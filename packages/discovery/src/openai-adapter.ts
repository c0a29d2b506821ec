import { SamusError, type ModelInfo, type ProviderHealth } from '@samus/kernel';
import { type DiscoveredServer } from './discovered-server.js';
import { httpGet, parseJson } from './http-get.js';
import { type AdapterContext, type ServerAdapter } from './server-adapter.js';

function modelsUrl(server: DiscoveredServer): string {
  return `${server.url}/v1/models`;
}

async function fetchModelIds(server: DiscoveredServer, context: AdapterContext): Promise<{ ids: string[]; latencyMs: number }> {
  const headers: Record<string, string> = context.apiKey ? { authorization: `Bearer ${context.apiKey}` } : {};
  const result = await httpGet(modelsUrl(server), context.signal, headers);
  if (!result.ok) {
    throw new SamusError(
      result.reason === 'timeout' ? 'SAMUS_ERR_TIMEOUT' : result.reason === 'aborted' ? 'SAMUS_ERR_ABORTED' : 'SAMUS_ERR_SERVER_NOT_RUNNING',
      `GET ${modelsUrl(server)} failed: ${result.message}`,
      { details: { url: server.url, phase: 'connect' } },
    );
  }
  if (result.status === 401 || result.status === 403) {
    throw new SamusError('SAMUS_ERR_UNAUTHORIZED', `${server.url} refused the model listing (HTTP ${result.status})`, {
      hint: context.apiKey ? 'The configured key was rejected: check OPENAI_API_KEY.' : 'Set OPENAI_API_KEY (or pass apiKeys in the discovery options).',
      details: { url: server.url, status: result.status },
    });
  }
  const body = parseJson(result.text) as { data?: unknown } | undefined;
  if (result.status !== 200 || !body || (!Array.isArray(body.data) && body.data !== null)) {
    throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `GET ${modelsUrl(server)} answered HTTP ${result.status} without a model list`, {
      details: { url: server.url, status: result.status },
    });
  }
  const rows = Array.isArray(body.data) ? body.data : [];
  const ids = rows.map((row) => (row as { id?: unknown }).id).filter((id): id is string => typeof id === 'string' && id !== '');
  return { ids: [...new Set(ids)], latencyMs: result.ms };
}

/**
 * Adapter for any OpenAI-compatible server: models from `/v1/models` (ids only: kind and load state unknown),
 * health from the same call.
 */
export const openAIAdapter: ServerAdapter = {
  kind: 'openai',
  async listModels(server, context): Promise<ModelInfo[]> {
    const { ids } = await fetchModelIds(server, context);
    return ids.map((id) => ({
      id,
      aliases: [],
      kind: /embed/i.test(id) ? 'embedding' : 'unknown',
      capabilities: /embed/i.test(id) ? ['embedding'] : [],
      loaded: false,
    }));
  },
  async checkHealth(server, context): Promise<ProviderHealth> {
    try {
      const { latencyMs } = await fetchModelIds(server, context);
      return { ok: true, baseUrl: server.url, latencyMs: Math.round(latencyMs * 100) / 100, warnings: [] };
    } catch (error) {
      const samusError = SamusError.is(error) ? error : new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', String(error));
      return { ok: false, baseUrl: server.url, latencyMs: 0, warnings: [], error: { code: samusError.code, message: samusError.message, hint: samusError.hint } };
    }
  },
};
