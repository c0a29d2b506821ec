import { OLLAMA_CONFIG_SPEC } from './ollama-config-spec.js';
import { OpenAICompatibleContentGenerator } from '@samus/provider-core';
import { createResponseId, embeddingTexts, recoveryToolsOf, ResponseStream, type DeclaredTool } from '@samus/provider-core/internal';
import {
  createGenerateContentResponse,
  SamusError,
  type ContentGeneratorConfig,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type Part,
  type SamusEvents,
  type ServerTimings,
} from '@samus/kernel';
import { ContextGuard, OLLAMA_DEFAULT_NUM_CTX, type ContextWindow } from './context-guard.js';
import { OllamaChatDecoder } from './ollama-chat-decoder.js';
import { OllamaClient, type OllamaHealth, type OllamaModelInfo, type PreloadOptions, type PullOptions } from './ollama-client.js';
import { OLLAMA_PROFILE } from './ollama-server-profile.js';
import { parseOllamaProviderOptions, type OllamaProviderOptions } from './ollama-provider-options.js';
import { toServerTimings } from './from-ollama-chat.js';
import { ollamaImageTokens } from './ollama-image-tokens.js';
import { thinkDependsOnModel, toOllamaChatRequest } from './to-ollama-chat-request.js';
import { type OllamaChatChunk, type OllamaEmbedResponse, type OllamaRunningModel, type OllamaShowResponse } from './ollama-wire.js';

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
 * The Ollama `ContentGenerator`. It extends provider-core's OpenAI-compatible generator (which serves Ollama's
 * `/v1`) and by default generates over Ollama's native `/api/chat` NDJSON stream, through the same transport
 * (`send`: per-phase timeouts, abort, retries before the first token) and stream machinery (`ResponseStream` with
 * an NDJSON decoder): the native path carries `numCtx`, `keepAlive` and `think`, reports server timings, and lets
 * the provider refuse prompts larger than the context window instead of letting Ollama truncate them silently.
 * With `providerOptions.api: 'openai'`, requests without those settings go through `/v1` instead.
 *
 * Embeddings use `/api/embed` with `truncate: false` (an over-long input is an error, not silently cut);
 * `countTokens` is an estimate (Ollama v0.11.4 has no tokenizer endpoint), images at what the model charges
 * (see `ollamaImageTokens`). `think` is sent only to models with the `thinking` capability (see `chooseThink`). The admin surface (models, health,
 * pull, delete, preload, unload, ps) is on {@link ollama} and mirrored as methods.
 */
export class OllamaContentGenerator extends OpenAICompatibleContentGenerator {
  /** Ollama's native API beyond generation. */
  readonly ollama: OllamaClient;
  /** The validated Ollama settings from `config.providerOptions`. */
  readonly settings: OllamaProviderOptions;
  readonly #guard: ContextGuard;
  readonly #shows = new Map<string, Promise<OllamaShowResponse | undefined>>();

  constructor(options: OllamaContentGeneratorOptions) {
    const settings = parseOllamaProviderOptions(options.config.providerOptions, 'config');
    super({
      config: options.config,
      providerId: 'ollama',
      profile: OLLAMA_PROFILE,
      modelEnv: OLLAMA_CONFIG_SPEC.modelEnv ?? [],
      ...(options.events === undefined ? {} : { events: options.events }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      apiPath: '/v1',
      // Ollama's /v1 accepts json_object and stream usage, and ignores encoding_format (it sends floats anyway).
      capabilities: { streamUsage: true, jsonObjectResponseFormat: true, embeddingsEncodingFormat: true },
    });
    this.settings = settings;
    this.ollama = new OllamaClient({
      baseUrl: this.baseUrl,
      headers: options.config.headers,
      timeouts: options.config.timeouts,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
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

  override async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    if (!this.usesNativeApi(request)) return super.generateContent(request, userPromptId, role);
    return aggregate(await this.#nativeStream(request, role));
  }

  /** Resolves once Ollama accepted the request; rejects with what failed before (see the kernel's `ContentGenerator`). */
  override async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    return this.usesNativeApi(request) ? await this.#nativeStream(request, role) : await super.generateContentStream(request, userPromptId, role);
  }

  /** Embeddings over `/api/embed` with `truncate: false`: an input longer than the model's context is `SAMUS_ERR_CONTEXT_OVERFLOW`. */
  override async embedContent(requested: EmbedContentParameters): Promise<EmbedContentResponse> {
    const choice = this.chooseModel(requested);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = this.createMetrics(model, choice);
    const input = embeddingTexts(request.contents);
    if (input.length === 0) return { embeddings: [] };
    const body: Record<string, unknown> = { model, input, truncate: false };
    if (this.settings.keepAlive !== undefined) body.keep_alive = this.settings.keepAlive;
    if (this.settings.numCtx !== undefined) body.options = { num_ctx: this.settings.numCtx };
    try {
      const opened = await this.send({ path: '/api/embed', root: true, body, signal: request.config?.abortSignal, stream: false, metrics });
      const answer = await this.readJson<OllamaEmbedResponse>(opened, model, 'embeddings');
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
      const mapped = await this.explainError(this.asSamusError(error, `${this.baseUrl}/api/embed`));
      metrics.error(mapped);
      throw mapped;
    }
  }

  /** Every installed model, merged from `/api/tags`, `/api/show` and `/api/ps`. */
  listModels(options: { signal?: AbortSignal } = {}): Promise<OllamaModelInfo[]> {
    return this.ollama.listModels(options);
  }

  /** `GET /` + `/api/version`; never throws. */
  health(options: { signal?: AbortSignal } = {}): Promise<OllamaHealth> {
    return this.ollama.health(options);
  }

  /** Downloads a model with progress (see {@link OllamaClient.pull}). */
  pull(model: string, options: PullOptions = {}): Promise<void> {
    return this.ollama.pull(model, options);
  }

  /** Deletes an installed model. */
  deleteModel(model: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.ollama.delete(model, options);
  }

  /** Loads a model into memory (keep-alive and context size default to `providerOptions`). */
  preload(model: string = this.config.model, options: PreloadOptions = {}): Promise<void> {
    return this.ollama.preload(model, {
      ...(this.settings.keepAlive === undefined ? {} : { keepAlive: this.settings.keepAlive }),
      ...(this.settings.numCtx === undefined ? {} : { numCtx: this.settings.numCtx }),
      ...options,
    });
  }

  /** Unloads a model from memory now (`keep_alive: 0`). */
  unload(model: string = this.config.model, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.ollama.unload(model, options);
  }

  /** Models loaded in memory (`/api/ps`). */
  ps(options: { signal?: AbortSignal } = {}): Promise<OllamaRunningModel[]> {
    return this.ollama.ps(options);
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
    const chosen = this.chooseModel({ model: model ?? '' }, options.role).model;
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

  // ---------------------------------------------------------------------------------------------- hooks

  /** A model that was not found gets the nearest installed names (`details.suggestions`), on every path. */
  protected override async explainError(error: SamusError): Promise<SamusError> {
    return super.explainError((await this.ollama.explain(error)) as SamusError);
  }

  /** Load, prompt-eval and eval durations and counts from the final native chunk. */
  protected override serverTimings(lastMessage: unknown): ServerTimings | undefined {
    const chunk = lastMessage as OllamaChatChunk | undefined;
    return chunk?.done === true ? toServerTimings(chunk) : undefined;
  }

  /** What Ollama charges `model` per image ({@link ollamaImageTokens}, from its `/api/show`). */
  protected override async imageTokens(model: string, signal?: AbortSignal): Promise<number> {
    return ollamaImageTokens(await this.#modelShow(model, signal));
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

  // ---------------------------------------------------------------------------------------------- native chat

  /** Sends `/api/chat` (after the context guard) and resolves with the stream once Ollama accepted it. */
  #nativeStream(requested: GenerateContentParameters, role: string | undefined): Promise<AsyncGenerator<GenerateContentResponse>> {
    const choice = this.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = this.createMetrics(model, choice, role);
    const signal = request.config?.abortSignal;
    const url = `${this.baseUrl}/api/chat`;
    let estimatedTokens = 0;
    let declaredTools: DeclaredTool[] | undefined;
    let window: ContextWindow | undefined;
    // Ollama's native chunks carry no id: one per response, on every chunk.
    const responseId = createResponseId();
    const maxOutputTokens = request.config?.maxOutputTokens;
    const margin = this.transport.limits.outputTokenMargin;
    return new ResponseStream({
      metrics,
      signal,
      ...(maxOutputTokens !== undefined && maxOutputTokens > 0 && margin > 0 ? { maxOutputChars: maxOutputTokens * 4 * margin } : {}),
      maxPartialTextChars: this.transport.limits.maxPartialTextChars,
      redact: (error) => this.transport.redact(error),
      open: async () => {
        try {
          if (signal?.aborted) {
            throw new SamusError('SAMUS_ERR_ABORTED', `The request to ${url} was aborted by the caller`, { cause: signal.reason, details: { provider: 'ollama', model, url } });
          }
          const settings = this.settingsFor(request);
          // `think` only for a model that can think (its /api/show capabilities, looked up once per model), unless set explicitly.
          const modelThinks = thinkDependsOnModel(request.config ?? {}, settings) ? await this.#modelThinks(model, signal) : undefined;
          const plan = await toOllamaChatRequest({ ...request, model }, settings, true, modelThinks);
          estimatedTokens = plan.estimatedTokens;
          // Tool calls a model writes as text (Hermes, Qwen3-Coder, …) are recovered for the tools this request declared.
          declaredTools = recoveryToolsOf(this.capabilities, { ...this.config.providerOptions, ...request.config?.providerOptions }, plan.body);
          if (settings.contextGuard !== false) window = await this.#guard.check(model, estimatedTokens, settings.numCtx, signal);
          return await this.send({ path: '/api/chat', root: true, body: plan.body, signal, stream: true, metrics });
        } catch (error) {
          throw SamusError.is(error) ? await this.explainError(error) : error;
        }
      },
      createDecoder: (sink) => new OllamaChatDecoder(sink, { model, baseUrl: this.baseUrl, estimatedTokens, window, responseId, declaredTools }),
      serverTimings: (lastMessage) => this.serverTimings(lastMessage),
      mapReadError: (error, opened, afterOutput, partialText) => this.transport.readError(error, opened, { model, afterOutput, partialText }),
    }).open();
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
