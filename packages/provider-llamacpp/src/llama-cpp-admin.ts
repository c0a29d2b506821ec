import { SamusError, type AdminConfig, type ModelInfo, type ProviderAdmin, type ProviderHealth, type ServerFingerprint } from '@samus/kernel';
import { answerOrUndefined, isAuthAnswer, parseJsonOrUndefined, probeGet } from '@samus/provider-core/internal';
import { LlamaCppClient, type LlamaCppCallOptions, type LlamaCppModelEntry, type LlamaCppProps } from './llama-cpp-client.js';

/** Options of {@link createLlamaCppAdmin}. */
export interface LlamaCppAdminOptions {
  fetch?: typeof fetch;
}

/** The result of {@link checkLlamaCppHealth}: the shared {@link ProviderHealth} plus llama-server details. */
export interface LlamaCppHealth extends ProviderHealth {
  kind: 'llama-cpp';
  /** `ready` (200), `loading` (503 "Loading model"), `error` (anything else, or nothing answered). */
  state: 'ready' | 'loading' | 'error';
  /** `single` (one model, `-m`) or `router` (`--models-dir` / `--models-preset`). */
  mode?: 'single' | 'router';
  /** The `build_info` of `/props` (e.g. `b1-0c1e570`), when it answered. */
  buildInfo?: string;
}

const HEALTH_TIMEOUT_MS = 5_000;

function signalOf(options: { signal?: AbortSignal } = {}): LlamaCppCallOptions {
  return options.signal ? { signal: options.signal } : {};
}

/** True for a `/props` body of llama-server (it has `default_generation_settings`, or `role: "router"`). */
export function isLlamaCppProps(body: unknown): body is LlamaCppProps {
  if (body === null || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  return (typeof record['default_generation_settings'] === 'object' && record['default_generation_settings'] !== null) || record['role'] === 'router';
}

/**
 * Checks llama-server: `/health` (200 ready, 503 loading) and `/props` (its shape proves this is llama-server and
 * gives the build). Never throws: failures come back with `ok: false` and a coded `error`.
 */
export async function checkLlamaCppHealth(client: LlamaCppClient, options: { signal?: AbortSignal } = {}): Promise<LlamaCppHealth> {
  const health: LlamaCppHealth = { ok: false, kind: 'llama-cpp', state: 'error', baseUrl: client.baseUrl, latencyMs: 0, warnings: [] };
  const call = { ...signalOf(options), timeouts: { firstByteMs: HEALTH_TIMEOUT_MS, totalMs: HEALTH_TIMEOUT_MS } };
  const fail = (error: SamusError): LlamaCppHealth => ({ ...health, ok: false, error: { code: error.code, message: error.message, hint: error.hint } });
  try {
    let answer;
    try {
      answer = await client.health(call);
    } catch (error) {
      // llama-server's own 503 while it loads the model (every other failure keeps the common classification).
      if (SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_LOADED') && error.status === 503) health.state = 'loading';
      throw error;
    }
    health.latencyMs = Math.round(answer.latencyMs * 100) / 100;
    const body = answer.body as { status?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || body.status !== 'ok') {
      return fail(
        new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${client.baseUrl}/health answered without {"status":"ok"}: this is not llama-server`, {
          hint: 'Point LLAMA_CPP_BASE_URL at llama-server (default http://localhost:8080), without /v1.',
        }),
      );
    }
    let props: LlamaCppProps | undefined;
    try {
      props = await client.props(undefined, call);
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_UNAUTHORIZED')) return fail(error);
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
      props = undefined;
    }
    if (!isLlamaCppProps(props)) {
      return fail(
        new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${client.baseUrl} answers /health but its /props is not llama-server's`, {
          hint: 'Point LLAMA_CPP_BASE_URL at llama-server (default http://localhost:8080), without /v1.',
        }),
      );
    }
    health.mode = props.role === 'router' ? 'router' : 'single';
    if (typeof props.build_info === 'string') {
      health.buildInfo = props.build_info;
      health.version = props.build_info;
    }
    health.state = 'ready';
    health.ok = true;
    return health;
  } catch (error) {
    if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) return fail(error);
    return fail(SamusError.is(error) ? error : new SamusError('SAMUS_ERR_INVALID_RESPONSE', String(error)));
  }
}

/**
 * True for an embedding model: the router started it with `--embeddings` (its `status.args`), or its vocabulary is
 * WordPiece (`meta.vocab_type` 3: BERT-family encoders such as all-MiniLM). llama-server's `/props` has no flag for it.
 */
export function isEmbeddingEntry(entry: LlamaCppModelEntry): boolean {
  if (entry.status?.args?.some((arg) => arg === '--embeddings' || arg === '--embedding') === true) return true;
  return entry.meta?.vocab_type === 3;
}

/**
 * A `/v1/models` or router `/models` entry in the common {@link ModelInfo} shape; `props` (the model's `/props`, when
 * it is loaded) adds the slot context and the chat template's capabilities (`chat_template_caps`: `tools` only when
 * the template renders tools — llama-server drops the tools of a request silently otherwise —, `parallel_tools`,
 * `thinking`) and `vision`.
 */
export function toModelInfo(entry: LlamaCppModelEntry, props?: LlamaCppProps): ModelInfo {
  const status = entry.status?.value;
  const embedding = isEmbeddingEntry(entry);
  const caps = props?.chat_template_caps ?? {};
  const capabilities = embedding ? ['embedding'] : ['completion'];
  if (!embedding) {
    if (caps['supports_tools'] === true) capabilities.push('tools');
    if (caps['supports_parallel_tool_calls'] === true) capabilities.push('parallel_tools');
    if (caps['supports_reasoning'] === true || caps['supports_reasoning_effort'] === true || caps['supports_thinking'] === true) capabilities.push('thinking');
    if (props?.modalities?.vision === true) capabilities.push('vision');
  }
  const trained = entry.meta?.n_ctx_train;
  const loadedContext = props?.default_generation_settings?.n_ctx ?? entry.meta?.['n_ctx'];
  const path = typeof entry.path === 'string' ? entry.path : typeof props?.model_path === 'string' ? props.model_path : undefined;
  const basename = path?.split('/').pop();
  const aliases = [...new Set([...(entry.aliases ?? []), ...(basename ? [basename] : [])])].filter((alias) => alias !== entry.id && alias !== '');
  const loaded = status === undefined ? true : status === 'loaded' || status === 'sleeping';
  return {
    id: entry.id,
    aliases,
    kind: embedding ? 'embedding' : 'chat',
    capabilities,
    loaded,
    ...(typeof trained === 'number' && trained > 0 ? { contextLength: trained } : {}),
    ...(loaded && typeof loadedContext === 'number' && loadedContext > 0 ? { loadedContextLength: loadedContext } : {}),
    ...(typeof entry.meta?.size === 'number' ? { sizeBytes: entry.meta.size } : {}),
    ...(typeof entry.meta?.['ftype'] === 'string' ? { quantization: entry.meta['ftype'] } : {}),
  };
}

/**
 * Every model the server has, in the common shape: `/v1/models` (one model in single mode; every model with its
 * status in router mode), each loaded one completed with its `/props` (slot context, template capabilities,
 * embedding or chat).
 */
export async function listLlamaCppModels(client: LlamaCppClient, options: { signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
  if (options.signal?.aborted) throw new SamusError('SAMUS_ERR_ABORTED', 'Listing the models was aborted', { retryable: false });
  const entries = await client.models(signalOf(options));
  const router = entries.some((entry) => entry.status !== undefined);
  return Promise.all(
    entries.map(async (entry) => {
      const loaded = entry.status === undefined || entry.status.value === 'loaded';
      let props: LlamaCppProps | undefined;
      if (loaded) {
        try {
          props = await client.props(router ? entry.id : undefined, signalOf(options));
        } catch (error) {
          if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
          props = undefined;
        }
      }
      return toModelInfo(entry, props);
    }),
  );
}

/**
 * The admin surface of a llama-server: models (`/v1/models` + `/props`), health (`/health` + `/props`), and in router
 * mode load / unload (`/models/load`, `/models/unload`) and the loaded models. llama-server cannot download or
 * delete models over HTTP in this build (curl is off), so there is no `pull` / `delete`.
 */
export function createLlamaCppAdmin(config: Pick<AdminConfig, 'baseUrl' | 'apiKey' | 'headers' | 'timeouts'>, options: LlamaCppAdminOptions = {}): ProviderAdmin {
  const { firstByteMs } = config.timeouts;
  const client = new LlamaCppClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    headers: config.headers,
    timeouts: { ...config.timeouts, ...(firstByteMs > 0 ? { firstByteMs: Math.min(firstByteMs, 30_000) } : {}) },
    fetch: options.fetch,
  });
  return {
    listModels: (callOptions) => listLlamaCppModels(client, callOptions),
    health: (callOptions) => checkLlamaCppHealth(client, callOptions),
    async load(model, loadOptions = {}) {
      try {
        await client.load(model, signalOf(loadOptions));
      } catch (error) {
        // Loading a model that is already running is not an error.
        if (SamusError.is(error) && /already running/i.test(String(error.details['serverMessage'] ?? error.message))) return;
        throw notRouter(error, client.baseUrl, 'load');
      }
    },
    async unload(model, callOptions) {
      try {
        await client.unload(model, signalOf(callOptions));
      } catch (error) {
        if (SamusError.is(error) && /not running/i.test(String(error.details['serverMessage'] ?? error.message))) return;
        throw notRouter(error, client.baseUrl, 'unload');
      }
    },
    async ps(callOptions) {
      return (await listLlamaCppModels(client, callOptions)).filter((model) => model.loaded);
    },
  };
}

/** A single-model server has no /models/load: say so instead of "wrong base URL". */
function notRouter(error: unknown, baseUrl: string, what: string): unknown {
  if (!SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL')) return error;
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `llama-server at ${baseUrl} serves one model and cannot ${what} models`, {
    hint: 'Start llama-server in router mode (--models-dir <dir> or --models-preset <file.ini>, no -m) to load and unload models.',
    cause: error,
    details: { feature: what, baseUrl },
  });
}

/**
 * Recognises llama-server: `/health` answers `{"status":"ok"}` (or 503 "Loading model") and `/props` has llama-server's
 * shape (`default_generation_settings`, or `role: "router"`); with `--api-key` both but `/health` answer 401, and
 * the 401 body's `authentication_error` type is llama-server's.
 */
export async function fingerprintLlamaCpp(url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined> {
  const health = await probeGet(`${url}/health`, signal);
  const healthBody = parseJsonOrUndefined(health.text) as { status?: unknown; error?: { type?: unknown; message?: unknown } } | undefined | null;
  const loading = health.status === 503 && healthBody?.error?.type === 'unavailable_error';
  if (!(health.status === 200 && healthBody?.status === 'ok') && !loading) return undefined;
  const props = await answerOrUndefined(probeGet(`${url}/props`, signal));
  const propsBody = props ? parseJsonOrUndefined(props.text) : undefined;
  const authRequired = isAuthAnswer(props) && (propsBody as { error?: { type?: unknown } } | undefined)?.error?.type === 'authentication_error';
  if (!authRequired && !loading && !isLlamaCppProps(propsBody)) return undefined;
  const apis = ['openai', 'native'];
  if (isLlamaCppProps(propsBody) && propsBody.role === 'router') apis.push('router');
  const build = isLlamaCppProps(propsBody) && typeof propsBody.build_info === 'string' ? propsBody.build_info : undefined;
  return { authRequired, apis, ...(build ? { version: build } : {}) };
}
