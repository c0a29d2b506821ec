import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';
import {
  SamusError,
  type ContentGeneratorConfig,
  type EmbedContentParameters,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type PullProgress,
  type SamusEvents,
  type ServerTimings,
  type TimeoutConfig,
} from '@samus/kernel';
import { OpenAICompatibleContentGenerator, type ChatRequestBody, type EmbeddingsRequestBody, type SendRequest } from '@samus/provider-core';
import { type OpenedResponse } from '@samus/provider-core/internal';
import { LM_STUDIO_PROFILE } from './lm-studio-server-profile.js';
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
import { type LMStudioModelInfo } from './lm-studio-model-info.js';
import { LMStudioModelStates } from './lm-studio-model-states.js';
import { explainModelNotFound, getLMStudioModel, listLMStudioModels, type ListLMStudioModelsOptions } from './lm-studio-models.js';
import { parseLMStudioProviderOptions, type LMStudioProviderOptions } from './lm-studio-provider-options.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';
import { serverTimingsFromLMStudioStats } from './lm-studio-stats.js';
import { lmStudioUrls } from './lm-studio-urls.js';

/** Options of {@link LMStudioContentGenerator}. */
export interface LMStudioContentGeneratorOptions {
  /**
   * The resolved `lm-studio` configuration (`kernel.createContentGeneratorConfig('lm-studio', …)`). `baseUrl` may be
   * given with or without `/v1`; LM Studio options go in `providerOptions` (see {@link LMStudioProviderOptions}).
   */
  config: ContentGeneratorConfig;
  /** The kernel's event bus for metrics events. */
  events?: SamusEvents;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch;
}

const DEFAULT_BASE_URL = 'http://localhost:1234';

/**
 * The context length LM Studio gives a model it loads without one being set (its usual default for a just-in-time
 * load; the app's per-model settings can change it). Used by {@link LMStudioContentGenerator.getContextWindow} for a
 * model that is not loaded.
 */
export const LM_STUDIO_DEFAULT_CONTEXT_LENGTH = 4096;

/** What {@link LMStudioContentGenerator.getContextWindow} returns. */
export interface LMStudioContextWindow {
  /** The model the window is for (after the request-model policy). */
  model: string;
  /** The window in tokens. */
  tokens: number;
  /** `loaded`: the loaded instance's context length; `default`: the model is not loaded (or could not be looked up). */
  source: 'loaded' | 'default';
  /** The longest context the model supports (`max_context_length`). */
  trained?: number;
}
const DEFAULT_JIT_LOAD_TIMEOUT_MS = 240_000;

/**
 * A `ContentGenerator` for LM Studio. Chat, streaming, tools and embeddings go through LM Studio's
 * OpenAI-compatible `/v1` (non-streaming chat through `/api/v0` for server stats); the native REST APIs give
 * health, models with type/state/context length, and load/unload/download.
 *
 * LM Studio specifics handled here: the `/v1` base whatever the user typed; JSON mode sent as `json_schema`
 * (LM Studio rejects `json_object`); `ttl` and `draft_model`; server `stats` (tokens/s, TTFT) in the
 * `response:finish` event; a first-byte timeout that allows for a just-in-time model load; LM Studio's error
 * bodies (both shapes) mapped to coded errors with `lms` hints.
 */
export class LMStudioContentGenerator extends OpenAICompatibleContentGenerator {
  /** Client of the native REST endpoints (`/api/v0`, `/api/v1`, `/lmstudio-greeting`). */
  readonly client: LMStudioRestClient;
  /** What this generator knows about which models are loaded (drives the JIT-aware timeout). */
  readonly modelStates: LMStudioModelStates;
  /** The parsed LM Studio options. */
  readonly lmStudioOptions: Readonly<LMStudioProviderOptions>;
  readonly #timeouts: TimeoutConfig;
  #nativeChat: boolean;

  constructor(options: LMStudioContentGeneratorOptions) {
    const lmStudioOptions = parseLMStudioProviderOptions(options.config.providerOptions);
    const urls = lmStudioUrls(options.config.baseUrl ?? DEFAULT_BASE_URL);
    const timeouts: TimeoutConfig = { ...options.config.timeouts };
    const config: ContentGeneratorConfig = { ...options.config, baseUrl: urls.root, timeouts };
    super({
      config,
      providerId: 'lm-studio',
      profile: LM_STUDIO_PROFILE,
      modelEnv: LM_STUDIO_CONFIG_SPEC.modelEnv ?? [],
      ...(options.events ? { events: options.events } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      apiPath: '/v1',
      capabilities: { jsonObjectResponseFormat: false, streamUsage: true },
    });
    this.#timeouts = timeouts;
    this.lmStudioOptions = Object.freeze(lmStudioOptions);
    this.#nativeChat = lmStudioOptions.nativeStats !== false;
    this.client = new LMStudioRestClient({
      baseUrl: urls.root,
      headers: options.config.headers,
      ...(options.config.apiKey === undefined ? {} : { apiKey: options.config.apiKey }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.modelStates = new LMStudioModelStates(this.client, {
      ...(lmStudioOptions.modelStateProbe ? { probe: lmStudioOptions.modelStateProbe } : {}),
      probeTimeoutMs: Math.min(2_000, timeouts.connectMs > 0 ? timeouts.connectMs : 2_000),
    });
  }

  // ---------------------------------------------------------------------------------------------- admin

  /** Checks the server (reading bodies, never trusting a status alone); never throws. */
  async health(options: CheckLMStudioHealthOptions = {}): Promise<LMStudioHealth> {
    const health = await checkLMStudioHealth(this.client, options);
    if (health.ok) this.modelStates.confirm();
    return health;
  }

  /** Every downloaded model with type, load state, context lengths and capabilities. */
  async listModels(options: ListLMStudioModelsOptions = {}): Promise<LMStudioModelInfo[]> {
    const models = await listLMStudioModels(this.client, options);
    this.modelStates.record(models);
    return models;
  }

  /** One model by id (or loaded instance id), or undefined. */
  async getModel(model: string, options: ListLMStudioModelsOptions = {}): Promise<LMStudioModelInfo | undefined> {
    const entry = await getLMStudioModel(this.client, model, options);
    if (entry && entry.state !== 'unknown') this.modelStates.set(entry.id, entry.state);
    return entry;
  }

  /**
   * The context window a request for `model` will run with, for a host to size its prompt and compression by: the
   * loaded instance's context length; for a model that is not loaded, {@link LM_STUDIO_DEFAULT_CONTEXT_LENGTH}
   * capped by its maximum (load it with `loadModel(model, { contextLength })` or `lms load --context-length` to
   * choose). `model` goes through the request-model policy like a request's (absent or hosted name → the configured
   * model; `role` `utility_*` → the utility model when configured). Lookup failures give the default; an abort rejects.
   */
  async getContextWindow(model?: string, options: { role?: string; signal?: AbortSignal } = {}): Promise<LMStudioContextWindow> {
    const chosen = this.chooseModel({ model: model ?? '' }, options.role).model;
    let entry: LMStudioModelInfo | undefined;
    try {
      entry = await this.getModel(chosen, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED') || options.signal?.aborted) throw error;
    }
    const trained = entry?.contextLength;
    const common = { model: chosen, ...(trained === undefined ? {} : { trained }) };
    if (entry?.loaded && entry.loadedContextLength !== undefined) return { ...common, tokens: entry.loadedContextLength, source: 'loaded' };
    return { ...common, tokens: trained === undefined ? LM_STUDIO_DEFAULT_CONTEXT_LENGTH : Math.min(LM_STUDIO_DEFAULT_CONTEXT_LENGTH, trained), source: 'default' };
  }

  /** Loads a model (LM Studio 0.4+); see {@link loadLMStudioModel}. */
  async loadModel(model: string, options: LoadLMStudioModelOptions = {}): Promise<LMStudioLoadResult> {
    const result = await loadLMStudioModel(this.client, model, { timeoutMs: this.#timeouts.firstByteMs || 300_000, ...options });
    this.modelStates.confirm();
    this.modelStates.set(model, 'loaded');
    this.modelStates.set(result.instanceId, 'loaded');
    return result;
  }

  /** Unloads every instance of a model, or one instance (LM Studio 0.4+); see {@link unloadLMStudioModel}. */
  async unloadModel(model: string, options: UnloadLMStudioModelOptions = {}): Promise<string[]> {
    const unloaded = await unloadLMStudioModel(this.client, model, options);
    this.modelStates.clear();
    return unloaded;
  }

  /** Downloads a model with progress (LM Studio 0.4+); see {@link downloadLMStudioModel}. */
  downloadModel(model: string, options: DownloadLMStudioModelOptions = {}): Promise<LMStudioDownloadResult> {
    return downloadLMStudioModel(this.client, model, options);
  }

  /** Waits for a download job started earlier; see {@link waitForLMStudioDownload}. */
  waitForDownload(
    jobId: string,
    options: Omit<DownloadLMStudioModelOptions, 'quantization'> & { model?: string; onProgress?: (progress: PullProgress) => void } = {},
  ): Promise<LMStudioDownloadResult> {
    return waitForLMStudioDownload(this.client, jobId, options);
  }

  // ---------------------------------------------------------------------------------------------- generation

  override async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    const native = this.#nativeChat;
    const rethrown = (error: unknown): unknown => (hasTools(request) ? toolsCapabilityError(error, this.chooseModel(request, role).model) : error);
    try {
      return await super.generateContent(request, userPromptId, role);
    } catch (error) {
      if (!native || !SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL') || !/unexpected endpoint/i.test(String(error.details.serverMessage ?? ''))) throw rethrown(error);
    }
    // An LM Studio older than 0.3.6 has no /api/v0: use /v1 from now on (no server stats there).
    this.#nativeChat = false;
    try {
      return await super.generateContent(request, userPromptId, role);
    } catch (error) {
      throw rethrown(error);
    }
  }

  /** Resolves once LM Studio accepted the request; rejects with what failed before (see the kernel's `ContentGenerator`). */
  override async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    if (!hasTools(request)) return super.generateContentStream(request, userPromptId, role);
    let inner: AsyncGenerator<GenerateContentResponse>;
    try {
      inner = await super.generateContentStream(request, userPromptId, role);
    } catch (error) {
      throw toolsCapabilityError(error, this.chooseModel(request, role).model);
    }
    return this.#namingTools(inner, this.chooseModel(request, role).model);
  }

  protected override async buildChatRequest(request: GenerateContentParameters, stream: boolean): Promise<ChatRequestBody> {
    const body = await super.buildChatRequest(request, stream);
    return { ...body, ...this.#lmStudioFields(request.config?.providerOptions) };
  }

  protected override buildEmbeddingsRequest(texts: string[], request: EmbedContentParameters): EmbeddingsRequestBody {
    const body = super.buildEmbeddingsRequest(texts, request);
    const ttl = this.lmStudioOptions.ttl;
    return ttl === undefined ? body : { ...body, ttl };
  }

  protected override serverTimings(lastMessage: unknown): ServerTimings | undefined {
    if (typeof lastMessage !== 'object' || lastMessage === null) return undefined;
    const record = lastMessage as { stats?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    return serverTimingsFromLMStudioStats(record.stats, record.usage ?? undefined);
  }

  /**
   * Routes non-streaming chat to `/api/v0` (server stats), and runs the request with a first-byte limit that allows
   * for a just-in-time load when the model is known not to be loaded (a per-request timeout override, so it holds
   * for every attempt of that request, retries included, and for no other request). A first-byte timeout during
   * such a load becomes "Timed out while LM Studio was loading <model>" with `details.phase: 'load'`.
   */
  protected override async send(request: SendRequest): Promise<OpenedResponse> {
    const model = request.metrics.base.model;
    const routed: SendRequest =
      this.#nativeChat && request.path === '/chat/completions' && request.root !== true && request.stream !== true
        ? { ...request, path: '/api/v0/chat/completions', root: true }
        : request;
    const state = await this.modelStates.stateOf(model, request.signal ?? undefined);
    const jitLoad = state === 'not-loaded' || state === 'loading';
    // The limit this request would have (a caller's per-request override wins over the configured one); `0` = none.
    const firstByteMs = routed.timeouts?.firstByteMs ?? this.#timeouts.firstByteMs;
    const allowanceMs = jitLoad && firstByteMs > 0 ? (this.lmStudioOptions.jitLoadTimeoutMs ?? DEFAULT_JIT_LOAD_TIMEOUT_MS) : 0;
    // A per-request override: every attempt of this request (retries too) gets the allowance, no other request does.
    const attempt: SendRequest = allowanceMs > 0 ? { ...routed, timeouts: { ...routed.timeouts, firstByteMs: firstByteMs + allowanceMs } } : routed;
    try {
      const opened = await super.send(attempt);
      this.modelStates.confirm();
      // A just-in-time load may have evicted another JIT-loaded model ("only keep last JIT model").
      if (jitLoad) this.modelStates.clear();
      this.modelStates.set(model, 'loaded');
      return opened;
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_LOADED')) this.modelStates.set(model, 'not-loaded');
      if (jitLoad && SamusError.is(error, 'SAMUS_ERR_TIMEOUT') && error.details.phase === 'first-byte') {
        const waitedMs = firstByteMs + allowanceMs;
        throw new SamusError('SAMUS_ERR_TIMEOUT', `Timed out while LM Studio was loading ${model} (no answer within ${waitedMs} ms)`, {
          hint: `Load the model first (\`lms load ${model}\` or loadModel()), or raise providerOptions.jitLoadTimeoutMs (now ${allowanceMs} ms) / timeouts.firstByteMs.`,
          retryable: error.retryable,
          cause: error,
          details: { ...error.details, phase: 'load', model, timeoutMs: waitedMs, jitLoadTimeoutMs: allowanceMs },
        });
      }
      // With JIT off, a downloaded model that is not loaded is answered as "not found": say what to do instead.
      if (SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND')) throw await explainModelNotFound(this.client, error, model, request.signal ? { signal: request.signal } : {});
      throw error;
    }
  }

  /**
   * `inner` with a missing capability renamed for tools. A plain delegating object, not an `async function*`: the
   * request is already open, and `return()` before the first `next()` must still reach `inner` to close it.
   */
  #namingTools(inner: AsyncGenerator<GenerateContentResponse>, model: string): AsyncGenerator<GenerateContentResponse> {
    const renamed = (error: unknown): never => {
      throw toolsCapabilityError(error, model);
    };
    return {
      next: () => inner.next().catch(renamed),
      return: (value) => inner.return(value),
      throw: (error) => inner.throw(error).catch(renamed),
      [Symbol.asyncIterator]() {
        return this;
      },
      [Symbol.asyncDispose]: async () => {
        await inner.return(undefined);
      },
    };
  }

  /** `ttl` and `draft_model` from the request's `config.providerOptions`, else the generator's. */
  #lmStudioFields(perRequest: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    const requested = perRequest === undefined ? {} : parseLMStudioProviderOptions(perRequest);
    const ttl = requested.ttl ?? this.lmStudioOptions.ttl;
    if (ttl !== undefined) fields.ttl = ttl;
    const draftModel = requested.draftModel ?? this.lmStudioOptions.draftModel;
    if (draftModel !== undefined) fields.draft_model = draftModel;
    return fields;
  }
}

function hasTools(request: GenerateContentParameters): boolean {
  // A malformed entry (`tools: [null]`) is not a tool: the request builder refuses it with SAMUS_ERR_INVALID_REQUEST.
  return (request.config?.tools ?? []).some((tool) => typeof tool === 'object' && tool !== null && ('tool' in tool || (tool.functionDeclarations?.length ?? 0) > 0));
}

/** A missing capability on a request with tools names the tools (e.g. an embedding model asked to call one). */
function toolsCapabilityError(error: unknown, model: string): unknown {
  if (!SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING') || /tool/i.test(error.message)) return error;
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `Model "${model}" cannot call tools: ${error.message}`, {
    hint: 'Use a chat model (type llm or vlm in listModels()) for requests with tools.',
    retryable: error.retryable,
    cause: error,
    details: { ...error.details, feature: 'tools' },
  });
}
