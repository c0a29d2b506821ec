import { OLLAMA_CONFIG_SPEC } from './ollama-config-spec.js';
import { createResponseId, embeddingTexts, OpenAICompatibleContentGenerator, type GeneratorRuntime, type OpenAICompatibleCapabilities } from '@samus/provider-core/internal';
import type { DeclaredTool } from '@samus/provider-core/internal/conversion';
import {
  createGenerateContentResponse,
  SamusError,
  type ContentGenerator,
  type ContentGeneratorConfig,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type Part,
  type ProviderAdmin,
  type SamusEvents,
} from '@samus/kernel';
import { ContextGuard, OLLAMA_DEFAULT_NUM_CTX, type ContextWindow } from './context-guard.js';
import { ollamaAdminOf } from './ollama-admin.js';
import { OllamaClient } from './ollama-client.js';
import { OLLAMA_PROFILE } from './ollama-server-profile.js';
import { parseOllamaProviderOptions, type OllamaProviderOptions } from './ollama-provider-options.js';
import { toServerTimings } from './ollama-server-timings.js';
import { ollamaImageTokens } from './ollama-image-tokens.js';
import type { OllamaChatChunk, OllamaEmbedResponse, OllamaShowResponse } from './ollama-wire.js';
import type * as ConversionModule from './ollama-conversion.js';

type Conversion = typeof ConversionModule;
let conversion: Promise<Conversion> | undefined;
/** The request builder and stream decoder, loaded once, on the first native request. */
function loadConversion(): Promise<Conversion> {
  return (conversion ??= import('./ollama-conversion.js'));
}

/** What {@link OllamaContentGenerator.getContextWindow} returns: the window in tokens, where it came from, and for which model. */
export interface OllamaContextWindow extends ContextWindow {
  /** The model the window is for (after the request-model policy). */
  model: string;
}

/** Options of {@link OllamaContentGenerator}. */
export interface OllamaContentGeneratorOptions {
  /** Resolved configuration (`kernel.createContentGeneratorConfig('ollama', …)`); `baseUrl` is required. */
  config: ContentGeneratorConfig;
  /** The kernel's event bus: request / first-token / chunk / finish / error events, with Ollama's server timings. */
  events?: SamusEvents;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * The Ollama `ContentGenerator`. It composes provider-core's OpenAI-compatible generator (which serves Ollama's
 * `/v1`) and by default generates over Ollama's native `/api/chat` NDJSON stream through the same runtime (one
 * transport: per-phase timeouts, abort, retries before the first token, limits) with an NDJSON decoder: the native
 * path carries `numCtx`, `keepAlive` and `think`, reports server timings, and lets the provider refuse prompts
 * larger than the context window instead of letting Ollama truncate them silently. With
 * `providerOptions.api: 'openai'`, requests without those settings go through `/v1` instead.
 *
 * Embeddings use `/api/embed` with `truncate: false` (an over-long input is an error, not silently cut);
 * `countTokens` is an estimate (Ollama v0.11.4 has no tokenizer endpoint), images at what the model charges
 * (see `ollamaImageTokens`). `think` is sent only to models with the `thinking` capability. The admin surface
 * (models, health, pull, load, unload, delete, ps) is {@link admin}; the rest of Ollama's native API is {@link ollama}.
 */
export class OllamaContentGenerator implements ContentGenerator {
  /** The configuration this generator was created with. */
  readonly config: ContentGeneratorConfig;
  /** `ollama`. */
  readonly providerId: string;
  /** Server address, e.g. `http://127.0.0.1:11434`. */
  readonly baseUrl: string;
  /** The capability flags of Ollama's `/v1`. */
  readonly capabilities: Readonly<OpenAICompatibleCapabilities>;
  /** Models, health, pull, load (with this generator's keep-alive and context size), unload, delete, ps. */
  readonly admin: ProviderAdmin;
  /** Ollama's native API beyond generation (`/api/show`, `/api/tags`, `/api/ps`, pull options, …). */
  readonly ollama: OllamaClient;
  /** The validated Ollama settings from `config.providerOptions`. */
  readonly settings: OllamaProviderOptions;
  readonly #openai: OpenAICompatibleContentGenerator;
  readonly #runtime: GeneratorRuntime;
  readonly #guard: ContextGuard;
  readonly #shows = new Map<string, Promise<OllamaShowResponse | undefined>>();

  constructor(options: OllamaContentGeneratorOptions) {
    const settings = parseOllamaProviderOptions(options.config.providerOptions, 'config');
    this.#openai = new OpenAICompatibleContentGenerator({
      config: options.config,
      providerId: 'ollama',
      profile: OLLAMA_PROFILE,
      modelEnv: OLLAMA_CONFIG_SPEC.modelEnv ?? [],
      ...(options.events === undefined ? {} : { events: options.events }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      apiPath: '/v1',
      // Ollama's /v1 accepts json_object and stream usage, and ignores encoding_format (it sends floats anyway).
      capabilities: { streamUsage: true, jsonObjectResponseFormat: true, embeddingsEncodingFormat: true },
      hooks: {
        // A model that was not found gets the nearest installed names (`details.suggestions`), on every path.
        explainError: async (error) => (await this.ollama.explain(error)) as SamusError,
        // Load, prompt-eval and eval durations and counts from the final native chunk.
        serverTimings: (lastMessage) => {
          const chunk = lastMessage as OllamaChatChunk | undefined;
          return chunk?.done === true ? toServerTimings(chunk) : undefined;
        },
        // What Ollama charges the model per image (from its `/api/show`).
        imageTokens: async (model, signal) => ollamaImageTokens(await this.#modelShow(model, signal)),
      },
    });
    this.#runtime = this.#openai.runtime;
    this.config = this.#openai.config;
    this.providerId = this.#openai.providerId;
    this.baseUrl = this.#openai.baseUrl;
    this.capabilities = this.#openai.capabilities;
    this.settings = settings;
    this.ollama = new OllamaClient({
      baseUrl: this.baseUrl,
      headers: options.config.headers,
      timeouts: options.config.timeouts,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    this.admin = ollamaAdminOf(this.ollama, {
      ...(settings.keepAlive === undefined ? {} : { keepAlive: settings.keepAlive }),
      ...(settings.numCtx === undefined ? {} : { numCtx: settings.numCtx }),
    });
    this.#guard = new ContextGuard(this.ollama);
  }

  /** Settings for one request: the generator's `providerOptions`, then the request's `config.providerOptions` over them. */
  settingsFor(request: GenerateContentParameters): OllamaProviderOptions {
    const perRequest = request.config?.providerOptions;
    if (!perRequest || Object.keys(perRequest).length === 0) return this.settings;
    return { ...this.settings, ...parseOllamaProviderOptions(perRequest, 'request') };
  }

  /** True when this request goes over the native `/api/chat` (default; always when numCtx / keepAlive / think are set). */
  usesNativeApi(request: GenerateContentParameters): boolean {
    const settings = this.settingsFor(request);
    if (settings.api !== 'openai') return true;
    return settings.numCtx !== undefined || settings.keepAlive !== undefined || settings.think !== undefined;
  }

  async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    if (!this.usesNativeApi(request)) return this.#openai.generateContent(request, userPromptId, role);
    return aggregate(await this.#nativeStream(request, role));
  }

  /** Resolves once Ollama accepted the request; rejects with what failed before (see the kernel's `ContentGenerator`). */
  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    return this.usesNativeApi(request) ? await this.#nativeStream(request, role) : await this.#openai.generateContentStream(request, userPromptId, role);
  }

  /** An estimate (Ollama has no tokenizer endpoint), images at what the model charges. */
  countTokens(request: CountTokensParameters): Promise<CountTokensResponse> {
    return this.#openai.countTokens(request);
  }

  /** Embeddings over `/api/embed` with `truncate: false`: an input longer than the model's context is `SAMUS_ERR_CONTEXT_OVERFLOW`. */
  async embedContent(requested: EmbedContentParameters): Promise<EmbedContentResponse> {
    const runtime = this.#runtime;
    const choice = runtime.chooseModel(requested);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = runtime.createMetrics(model, choice);
    const input = embeddingTexts(request.contents);
    if (input.length === 0) return { embeddings: [] };
    const body: Record<string, unknown> = { model, input, truncate: false };
    if (this.settings.keepAlive !== undefined) body.keep_alive = this.settings.keepAlive;
    if (this.settings.numCtx !== undefined) body.options = { num_ctx: this.settings.numCtx };
    try {
      const opened = await runtime.send({ path: '/api/embed', root: true, body, signal: request.config?.abortSignal, stream: false, metrics });
      const answer = await runtime.readJson<OllamaEmbedResponse>(opened, model, 'embeddings');
      if (!Array.isArray(answer.embeddings) || answer.embeddings.length !== input.length) {
        throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `Ollama at ${this.baseUrl} answered /api/embed without one embedding per input`, {
          details: { provider: 'ollama', model, inputs: input.length },
        });
      }
      metrics.chunk(0);
      metrics.finish({ server: toServerTimings(answer) });
      const dimensions = request.config?.outputDimensionality;
      return {
        embeddings: answer.embeddings.map((values) => ({
          values: dimensions !== undefined && dimensions < values.length ? renormalise(values.slice(0, dimensions)) : values,
          ...(answer.prompt_eval_count === undefined || input.length !== 1 ? {} : { statistics: { tokenCount: answer.prompt_eval_count } }),
        })),
      };
    } catch (error) {
      const mapped = await runtime.failure(error, `${this.baseUrl}/api/embed`);
      metrics.error(mapped);
      throw mapped;
    }
  }

  /**
   * The context window a request for `model` will run with, for a host to size its prompt and compression by:
   * `numCtx` (providerOptions or `OLLAMA_CONTEXT_LENGTH`) when set, else the Modelfile's `num_ctx`, else the loaded
   * instance's (`/api/ps`), else Ollama v0.11.4's default of 4096 — each capped by the trained context length (never
   * the trained length alone). `model` goes through the request-model policy like a request's (absent or a hosted
   * name such as `gemini-2.5-pro` → the configured model; `role` `utility_*` → the utility model when configured).
   * Never throws for lookup failures (the default is returned then); a caller's abort rejects.
   */
  async getContextWindow(model?: string, options: { role?: string; signal?: AbortSignal } = {}): Promise<OllamaContextWindow> {
    const chosen = this.#runtime.chooseModel({ model: model ?? '' }, options.role).model;
    const numCtx = this.settings.numCtx;
    if (numCtx !== undefined) {
      const trained = await this.#guard.known(chosen, options.signal).then(
        (known) => known.trained,
        (error: unknown) => {
          if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
          return undefined;
        },
      );
      return { model: chosen, tokens: trained === undefined ? numCtx : Math.min(numCtx, trained), source: 'numCtx', ...(trained === undefined ? {} : { trained }) };
    }
    const window = await this.#guard.window(chosen, options.signal);
    return { model: chosen, ...(window ?? { tokens: OLLAMA_DEFAULT_NUM_CTX, source: 'default' as const }) };
  }

  /** `/api/show` of `model`, once per model for this generator; `undefined` when it failed (not cached then). */
  #modelShow(model: string, signal?: AbortSignal): Promise<OllamaShowResponse | undefined> {
    let pending = this.#shows.get(model);
    if (pending === undefined) {
      const lookup = this.ollama.show(model, signal ? { signal } : {});
      pending = lookup.then(
        (show) => show,
        () => {
          this.#shows.delete(model);
          return undefined;
        },
      );
      this.#shows.set(model, pending);
    }
    return pending;
  }

  /** Whether `model` has Ollama's `thinking` capability; `undefined` when that cannot be told. */
  async #modelThinks(model: string, signal?: AbortSignal): Promise<boolean | undefined> {
    const show = await this.#modelShow(model, signal);
    return Array.isArray(show?.capabilities) ? show.capabilities.includes('thinking') : undefined;
  }

  /** Streams `/api/chat` (after the context guard) through the runtime; resolves once Ollama accepted it. */
  async #nativeStream(requested: GenerateContentParameters, role: string | undefined): Promise<AsyncGenerator<GenerateContentResponse>> {
    const { OllamaChatDecoder, recoveryToolsOf, thinkDependsOnModel, toOllamaChatRequest } = await loadConversion();
    const runtime = this.#runtime;
    const choice = runtime.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const signal = request.config?.abortSignal;
    let estimatedTokens = 0;
    let declaredTools: DeclaredTool[] | undefined;
    let window: ContextWindow | undefined;
    // Ollama's native chunks carry no id: one per response, on every chunk.
    const responseId = createResponseId();
    return runtime.streamResponses({
      request,
      metrics: runtime.createMetrics(model, choice, role),
      path: '/api/chat',
      root: true,
      body: async () => {
        const settings = this.settingsFor(request);
        // `think` only for a model that can think (its /api/show capabilities, looked up once per model), unless set explicitly.
        const modelThinks = thinkDependsOnModel(request.config ?? {}, settings) ? await this.#modelThinks(model, signal) : undefined;
        const plan = await toOllamaChatRequest(request, settings, true, modelThinks);
        estimatedTokens = plan.estimatedTokens;
        // Tool calls a model writes as text (Hermes, Qwen3-Coder, …) are recovered for the tools this request declared.
        declaredTools = recoveryToolsOf(this.capabilities, { ...this.config.providerOptions, ...request.config?.providerOptions }, plan.body);
        if (settings.contextGuard !== false) window = await this.#guard.check(model, estimatedTokens, settings.numCtx, signal);
        return plan.body;
      },
      createDecoder: (sink) => new OllamaChatDecoder(sink, { model, baseUrl: this.baseUrl, estimatedTokens, window, responseId, declaredTools }),
    });
  }
}

function renormalise(values: number[]): number[] {
  let norm = 0;
  for (const value of values) norm += value * value;
  norm = Math.sqrt(norm);
  return norm > 0 ? values.map((value) => value / norm) : values;
}

/**
 * One whole answer from a stream, parts in stream order: each run of thought text joined into one thought part
 * (one per segment), each run of answer text into one text part, function calls kept; the final reason, usage and
 * the response id.
 */
async function aggregate(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse> {
  const parts: Part[] = [];
  let run: { thought: boolean; pieces: string[] } | undefined;
  let hasText = false;
  let hasCall = false;
  const endRun = () => {
    if (run === undefined) return;
    const text = run.pieces.join('');
    parts.push(run.thought ? { text, thought: true } : { text });
    run = undefined;
  };
  let last: GenerateContentResponse | undefined;
  let responseId: string | undefined;
  for await (const chunk of stream) {
    last = chunk;
    responseId ??= chunk.responseId;
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.functionCall) {
        endRun();
        parts.push(part);
        hasCall = true;
      } else if (typeof part.text === 'string' && part.text !== '') {
        const thought = part.thought === true;
        if (!thought) hasText = true;
        if (run !== undefined && run.thought !== thought) endRun();
        (run ??= { thought, pieces: [] }).pieces.push(part.text);
      }
    }
  }
  endRun();
  if (!hasText && !hasCall) parts.push({ text: '' });
  const candidate = last?.candidates?.[0];
  return createGenerateContentResponse({
    candidates: [
      {
        content: { role: 'model', parts },
        ...(candidate?.finishReason === undefined ? {} : { finishReason: candidate.finishReason }),
        ...(candidate?.finishMessage === undefined ? {} : { finishMessage: candidate.finishMessage }),
        index: 0,
      },
    ],
    ...(last?.usageMetadata === undefined ? {} : { usageMetadata: last.usageMetadata }),
    ...(last?.modelVersion === undefined ? {} : { modelVersion: last.modelVersion }),
    ...(last?.createTime === undefined ? {} : { createTime: last.createTime }),
    ...(responseId === undefined ? {} : { responseId }),
  });
}
