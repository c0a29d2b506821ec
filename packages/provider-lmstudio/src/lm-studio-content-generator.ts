import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';
import {
  SamusError,
  type ContentGenerator,
  type ContentGeneratorConfig,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type SamusEvents,
  type TimeoutConfig,
} from '@samus/kernel';
import { OpenAICompatibleContentGenerator, type OpenAICompatibleCapabilities, type OpenedResponse, type SendRequest } from '@samus/provider-core/internal';
import { LMStudioAdmin } from './lm-studio-admin.js';
import { LM_STUDIO_PROFILE } from './lm-studio-server-profile.js';
import type { LMStudioModelInfo } from './lm-studio-model-info.js';
import { LMStudioModelStates } from './lm-studio-model-states.js';
import { explainModelNotFound } from './lm-studio-models.js';
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
 * OpenAI-compatible `/v1` (non-streaming chat through `/api/v0` for server stats), by provider-core's
 * OpenAI-compatible generator composed with LM Studio's hooks; the native REST APIs give health, models with
 * type/state/context length, and load/unload/download on {@link admin}.
 *
 * LM Studio specifics handled here: the `/v1` base whatever the user typed; JSON mode sent as `json_schema`
 * (LM Studio rejects `json_object`); `ttl` and `draft_model`; server `stats` (tokens/s, TTFT) in the
 * `response:finish` event; a first-byte timeout that allows for a just-in-time model load; LM Studio's error
 * bodies (both shapes) mapped to coded errors with `lms` hints.
 */
export class LMStudioContentGenerator implements ContentGenerator {
  /** The configuration (base URL without `/v1`). */
  readonly config: ContentGeneratorConfig;
  /** `lm-studio`. */
  readonly providerId: string;
  /** Server address without `/v1`. */
  readonly baseUrl: string;
  /** The OpenAI-compatible API base (`<baseUrl>/v1`). */
  readonly apiBaseUrl: string;
  /** The capability flags of LM Studio's `/v1`. */
  readonly capabilities: Readonly<OpenAICompatibleCapabilities>;
  /** Models, health, download, load and unload; shares this generator's client and model states. */
  readonly admin: LMStudioAdmin;
  /** Client of the native REST endpoints (`/api/v0`, `/api/v1`, `/lmstudio-greeting`). */
  readonly client: LMStudioRestClient;
  /** What this generator knows about which models are loaded (drives the JIT-aware timeout). */
  readonly modelStates: LMStudioModelStates;
  /** The parsed LM Studio options. */
  readonly lmStudioOptions: Readonly<LMStudioProviderOptions>;
  readonly #openai: OpenAICompatibleContentGenerator;
  readonly #timeouts: TimeoutConfig;
  #nativeChat: boolean;

  constructor(options: LMStudioContentGeneratorOptions) {
    const lmStudioOptions = parseLMStudioProviderOptions(options.config.providerOptions);
    const urls = lmStudioUrls(options.config.baseUrl ?? DEFAULT_BASE_URL);
    const timeouts: TimeoutConfig = { ...options.config.timeouts };
    this.lmStudioOptions = Object.freeze(lmStudioOptions);
    this.#timeouts = timeouts;
    this.#nativeChat = lmStudioOptions.nativeStats !== false;
    this.#openai = new OpenAICompatibleContentGenerator({
      config: { ...options.config, baseUrl: urls.root, timeouts },
      providerId: 'lm-studio',
      profile: LM_STUDIO_PROFILE,
      modelEnv: LM_STUDIO_CONFIG_SPEC.modelEnv ?? [],
      ...(options.events ? { events: options.events } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      apiPath: '/v1',
      capabilities: { jsonObjectResponseFormat: false, streamUsage: true },
      hooks: {
        chatBody: (body, request) => ({ ...body, ...this.#lmStudioFields(request.config?.providerOptions) }),
        embeddingsBody: (body) => (this.lmStudioOptions.ttl === undefined ? body : { ...body, ttl: this.lmStudioOptions.ttl }),
        serverTimings: (lastMessage) => {
          if (typeof lastMessage !== 'object' || lastMessage === null) return undefined;
          const record = lastMessage as { stats?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
          return serverTimingsFromLMStudioStats(record.stats, record.usage ?? undefined);
        },
        send: (request, next) => this.#send(request, next),
      },
    });
    this.config = this.#openai.config;
    this.providerId = this.#openai.providerId;
    this.baseUrl = this.#openai.baseUrl;
    this.apiBaseUrl = this.#openai.apiBaseUrl;
    this.capabilities = this.#openai.capabilities;
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
    this.admin = new LMStudioAdmin(this.client, { modelStates: this.modelStates, loadTimeoutMs: timeouts.firstByteMs || 300_000 });
  }

  /**
   * The context window a request for `model` will run with, for a host to size its prompt and compression by: the
   * loaded instance's context length; for a model that is not loaded, {@link LM_STUDIO_DEFAULT_CONTEXT_LENGTH}
   * capped by its maximum (load it with `admin.load(model, { contextLength })` or `lms load --context-length` to
   * choose). `model` goes through the request-model policy like a request's (absent or hosted name → the configured
   * model; `role` `utility_*` → the utility model when configured). Lookup failures give the default; an abort rejects.
   */
  async getContextWindow(model?: string, options: { role?: string; signal?: AbortSignal } = {}): Promise<LMStudioContextWindow> {
    const chosen = this.#openai.runtime.chooseModel({ model: model ?? '' }, options.role).model;
    let entry: LMStudioModelInfo | undefined;
    try {
      entry = await this.admin.getModel(chosen, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED') || options.signal?.aborted) throw error;
    }
    const trained = entry?.contextLength;
    const common = { model: chosen, ...(trained === undefined ? {} : { trained }) };
    if (entry?.loaded && entry.loadedContextLength !== undefined) return { ...common, tokens: entry.loadedContextLength, source: 'loaded' };
    return { ...common, tokens: trained === undefined ? LM_STUDIO_DEFAULT_CONTEXT_LENGTH : Math.min(LM_STUDIO_DEFAULT_CONTEXT_LENGTH, trained), source: 'default' };
  }

  async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    const native = this.#nativeChat;
    const rethrown = (error: unknown): unknown => (hasTools(request) ? toolsCapabilityError(error, this.#modelOf(request, role)) : error);
    try {
      return await this.#openai.generateContent(request, userPromptId, role);
    } catch (error) {
      if (!native || !SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL') || !/unexpected endpoint/i.test(String(error.details.serverMessage ?? ''))) throw rethrown(error);
    }
    // An LM Studio older than 0.3.6 has no /api/v0: use /v1 from now on (no server stats there).
    this.#nativeChat = false;
    try {
      return await this.#openai.generateContent(request, userPromptId, role);
    } catch (error) {
      throw rethrown(error);
    }
  }

  /** Resolves once LM Studio accepted the request; rejects with what failed before (see the kernel's `ContentGenerator`). */
  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    if (!hasTools(request)) return this.#openai.generateContentStream(request, userPromptId, role);
    const model = this.#modelOf(request, role);
    let inner: AsyncGenerator<GenerateContentResponse>;
    try {
      inner = await this.#openai.generateContentStream(request, userPromptId, role);
    } catch (error) {
      throw toolsCapabilityError(error, model);
    }
    return namingTools(inner, model);
  }

  /** An estimate (LM Studio's REST API has no tokenizer). */
  countTokens(request: CountTokensParameters): Promise<CountTokensResponse> {
    return this.#openai.countTokens(request);
  }

  embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse> {
    return this.#openai.embedContent(request);
  }

  #modelOf(request: GenerateContentParameters, role: string | undefined): string {
    return this.#openai.runtime.chooseModel(request, role).model;
  }

  /**
   * The `send` hook: routes non-streaming chat to `/api/v0` (server stats), and runs the request with a first-byte
   * limit that allows for a just-in-time load when the model is known not to be loaded (a per-request timeout
   * override, so it holds for every attempt of that request, retries included, and for no other request). A
   * first-byte timeout during such a load becomes "Timed out while LM Studio was loading <model>" with
   * `details.phase: 'load'`.
   */
  async #send(request: SendRequest, next: (request: SendRequest) => Promise<OpenedResponse>): Promise<OpenedResponse> {
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
      const opened = await next(attempt);
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
          hint: `Load the model first (\`lms load ${model}\` or admin.load()), or raise providerOptions.jitLoadTimeoutMs (now ${allowanceMs} ms) / timeouts.firstByteMs.`,
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

  /** `ttl` and `draft_model` from the request's `config.providerOptions`, else the generator's. */
  #lmStudioFields(perRequest: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    const requested = perRequest === undefined ? {} : parseLMStudioProviderOptions(perRequest, 'request');
    const ttl = requested.ttl ?? this.lmStudioOptions.ttl;
    if (ttl !== undefined) fields.ttl = ttl;
    const draftModel = requested.draftModel ?? this.lmStudioOptions.draftModel;
    if (draftModel !== undefined) fields.draft_model = draftModel;
    return fields;
  }
}

/**
 * `inner` with a missing capability renamed for tools. A plain delegating object, not an `async function*`: the
 * request is already open, and `return()` before the first `next()` must still reach `inner` to close it.
 */
function namingTools(inner: AsyncGenerator<GenerateContentResponse>, model: string): AsyncGenerator<GenerateContentResponse> {
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

function hasTools(request: GenerateContentParameters): boolean {
  // A malformed entry (`tools: [null]`) is not a tool: the request builder refuses it with SAMUS_ERR_INVALID_REQUEST.
  return (request.config?.tools ?? []).some((tool) => typeof tool === 'object' && tool !== null && ('tool' in tool || (tool.functionDeclarations?.length ?? 0) > 0));
}

/** A missing capability on a request with tools names the tools (e.g. an embedding model asked to call one). */
function toolsCapabilityError(error: unknown, model: string): unknown {
  if (!SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING') || /tool/i.test(error.message)) return error;
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `Model "${model}" cannot call tools: ${error.message}`, {
    hint: 'Use a chat model (type llm or vlm in admin.listModels()) for requests with tools.',
    retryable: error.retryable,
    cause: error,
    details: { ...error.details, feature: 'tools' },
  });
}
