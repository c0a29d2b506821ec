import { SamusError, type ProviderHealth } from '@samus/kernel';
import { parseLMStudioErrorBody } from './lm-studio-error.js';
import { mapLMStudioError } from './lm-studio-server-profile.js';
import type { LMStudioRawResponse, LMStudioRestClient } from './lm-studio-rest-client.js';

/** The result of {@link checkLMStudioHealth}: the shared {@link ProviderHealth} plus LM Studio details. */
export interface LMStudioHealth extends ProviderHealth {
  kind: 'lm-studio';
  /**
   * LM Studio has no version endpoint: `version` is the lowest version that serves the APIs that answered
   * (`>=0.4.0` with `/api/v1`, `>=0.3.6` with `/api/v0`), and this flag says so.
   */
  versionInferred: boolean;
  /** Whether the server requires an API token (undefined when it could not be told). */
  authRequired?: boolean;
  /** Which APIs answered: `/lmstudio-greeting`, `/api/v0` (0.3.6+), `/api/v1` (0.4.0+). */
  apis: { greeting: boolean; v0: boolean; v1: boolean };
  /** Ids of the loaded model instances, when the probe could read them. */
  loadedModels?: string[];
}

/** Options of {@link checkLMStudioHealth}. */
export interface CheckLMStudioHealthOptions {
  signal?: AbortSignal;
  /** Limit of each probe in ms (default 5 000). */
  timeoutMs?: number;
}

const isGreeting = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (body as { lmstudio?: unknown }).lmstudio === true;
const arrayField = (response: LMStudioRawResponse, field: string): unknown[] | undefined => {
  const { body } = response;
  if (response.status !== 200 || typeof body !== 'object' || body === null || parseLMStudioErrorBody(body) !== undefined) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return Array.isArray(value) ? value : undefined;
};

function loadedFromV1(models: unknown[]): string[] {
  const loaded: string[] = [];
  for (const model of models) {
    const instances = (model as { loaded_instances?: unknown }).loaded_instances;
    if (!Array.isArray(instances)) continue;
    for (const instance of instances) {
      const id = (instance as { id?: unknown } | null)?.id;
      if (typeof id === 'string') loaded.push(id);
    }
  }
  return loaded;
}

function loadedFromV0(rows: unknown[]): string[] {
  const loaded = rows.filter((row) => (row as { state?: unknown }).state === 'loaded').map((row) => (row as { id?: unknown }).id);
  return [...new Set(loaded.filter((id): id is string => typeof id === 'string'))];
}

/**
 * Checks that an LM Studio server answers at the base URL, reading every body: LM Studio answers **200** with an
 * error body for unknown paths, so a status alone proves nothing. Probes `/lmstudio-greeting` (`{"lmstudio":true}`),
 * then the native model lists without the token (to learn whether authentication is on) and, when it is, with the
 * token. Never throws: failures come back with `ok: false` and a coded `error`.
 */
export async function checkLMStudioHealth(client: LMStudioRestClient, options: CheckLMStudioHealthOptions = {}): Promise<LMStudioHealth> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const base = { ...(options.signal ? { signal: options.signal } : {}), timeoutMs };
  const health: LMStudioHealth = {
    ok: false,
    kind: 'lm-studio',
    baseUrl: client.urls.root,
    latencyMs: 0,
    warnings: [],
    versionInferred: true,
    apis: { greeting: false, v0: false, v1: false },
  };
  const unauthorized = (response: LMStudioRawResponse, endpoint: string, tokenSent: boolean): SamusError =>
    mapLMStudioError({ status: 401, body: response.body, endpoint, tokenSent, baseUrl: client.urls.root });
  try {
    const greeting = await client.send('GET', '/lmstudio-greeting', base);
    health.latencyMs = Math.round(greeting.latencyMs * 100) / 100;
    health.apis.greeting = greeting.status === 200 && isGreeting(greeting.body);

    // Without the token first: tells whether the server requires one (auth exists from 0.4.0, with /api/v1).
    let v1 = await client.send('GET', '/api/v1/models', { ...base, auth: false });
    if (v1.status === 401) {
      health.authRequired = true;
      if (!client.hasApiKey) throw unauthorized(v1, 'GET /api/v1/models', false);
      v1 = await client.send('GET', '/api/v1/models', base);
      if (v1.status === 401) throw unauthorized(v1, 'GET /api/v1/models', true);
    }
    const v1Models = arrayField(v1, 'models');
    if (v1Models) {
      health.apis.v1 = true;
      health.authRequired ??= false;
      health.version = '>=0.4.0';
      health.loadedModels = loadedFromV1(v1Models);
    } else {
      const v0 = await client.send('GET', '/api/v0/models', base);
      if (v0.status === 401) throw unauthorized(v0, 'GET /api/v0/models', client.hasApiKey);
      const v0Rows = arrayField(v0, 'data');
      if (v0Rows) {
        health.apis.v0 = true;
        health.version = '>=0.3.6';
        health.loadedModels = loadedFromV0(v0Rows);
        if (!client.hasApiKey) health.authRequired = false;
      }
    }
    if (!health.apis.greeting && !health.apis.v1 && !health.apis.v0) {
      // Last chance: an LM Studio older than 0.3.6 still has /v1/models.
      const openAI = await client.send('GET', '/v1/models', base);
      if (openAI.status === 401) throw unauthorized(openAI, 'GET /v1/models', client.hasApiKey);
      if (!arrayField(openAI, 'data')) {
        // A failed answer is classified like on every other path; a 200 that is just not LM Studio is the wrong address.
        const failed = openAI.status >= 300 || typeof openAI.body === 'string' || parseLMStudioErrorBody(openAI.body) !== undefined;
        if (failed) throw mapLMStudioError({ status: openAI.status, body: openAI.body, endpoint: 'GET /v1/models', tokenSent: client.hasApiKey, baseUrl: client.urls.root });
        throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The server at ${client.urls.root} answers, but not as LM Studio does`, {
          hint: 'Point LM_STUDIO_BASE_URL / options.baseUrl at LM Studio (default http://localhost:1234); another kind of server may listen there.',
          details: { provider: 'lm-studio', greetingStatus: greeting.status },
        });
      }
      health.warnings.push('No /lmstudio-greeting and no native API: an LM Studio older than 0.3.6 or another OpenAI-compatible server; model states are unknown.');
    } else if (!health.apis.v1 && !health.apis.v0) {
      health.warnings.push('Neither /api/v1 nor /api/v0 answered: model states, load/unload and server stats are unavailable.');
    }
    if (health.version === undefined) health.versionInferred = false;
    return { ...health, ok: true };
  } catch (error) {
    const samusError = SamusError.is(error)
      ? error
      : new SamusError('SAMUS_ERR_INVALID_RESPONSE', error instanceof Error ? error.message : String(error), { cause: error });
    if (health.version === undefined) health.versionInferred = false;
    const shown = client.redact(samusError);
    return { ...health, ok: false, error: { code: shown.code, message: shown.message, hint: shown.hint } };
  }
}
