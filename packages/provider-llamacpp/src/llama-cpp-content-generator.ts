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
} from '@samus/kernel';
import { countSentMedia, IMAGE_TOKEN_ESTIMATE, normalizeContents, OpenAICompatibleContentGenerator, resolveRequestModel } from '@samus/provider-core/internal';
import type { toOpenAIMessages, toOpenAITools } from '@samus/provider-core/internal/conversion';
import { LlamaCppClient, type LlamaCppModelEntry, type LlamaCppProps } from './llama-cpp-client.js';
import { LLAMA_CPP_CONFIG_SPEC, LLAMA_CPP_DEFAULT_MODEL } from './llama-cpp-config-spec.js';
import { serverTimingsFromLlamaCpp } from './llama-cpp-timings.js';
import { LLAMA_CPP_PROFILE } from './llama-cpp-profile.js';

/** Options of {@link LlamaCppContentGenerator}. */
export interface LlamaCppContentGeneratorOptions {
  /** The resolved `llama-cpp` configuration (`kernel.createContentGeneratorConfig('llama-cpp', …)`). */
  config: ContentGeneratorConfig;
  /** The kernel's event bus for metrics events. */
  events?: SamusEvents;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch;
}

/** What {@link LlamaCppContentGenerator.getContextWindow} returns. */
export interface LlamaCppContextWindow {
  /** The model id on the server. */
  model: string;
  /** The context one request can use (a slot's `n_ctx`), in tokens. */
  tokens: number;
  /** The context the model was trained for, when the server says. */
  trained?: number;
  /** Number of slots (parallel requests). */
  slots?: number;
}

/** The result of {@link LlamaCppContentGenerator.checkContext}. */
export interface LlamaCppContextCheck {
  promptTokens: number;
  contextLength: number;
  /** `maxOutputTokens` of the request, when set. */
  maxOutputTokens?: number;
  fits: boolean;
}

const CACHE_MS = 5_000;

/**
 * A `ContentGenerator` for llama.cpp's `llama-server`. Generation, streaming, tools, JSON mode and embeddings go
 * through provider-core's {@link OpenAICompatibleContentGenerator} (composed, not extended) on `/v1`, with
 * llama-server's error profile; `countTokens` is **exact**: the server's own chat template (`/apply-template`) and
 * tokenizer (`/tokenize`) — the same numbers the server reports as `usage.prompt_tokens`. `getContextWindow` and
 * `checkContext` read the slot context from `/props`; `providerOptions.contextGuard: true` checks every request
 * against it before sending it (the server's own check answers `SAMUS_ERR_CONTEXT_OVERFLOW` with the real numbers
 * too). The model name `default` means the model the server serves.
 */
export class LlamaCppContentGenerator implements ContentGenerator {
  readonly config: ContentGeneratorConfig;
  /** Server address without `/v1`. */
  readonly baseUrl: string;
  /** Native endpoints. */
  readonly client: LlamaCppClient;
  /** The OpenAI-compatible generator doing the generation. */
  readonly openai: OpenAICompatibleContentGenerator;
  readonly #contextGuard: boolean;
  #models: { at: number; entries: Promise<LlamaCppModelEntry[]> } | undefined;
  readonly #props = new Map<string, { at: number; props: Promise<LlamaCppProps> }>();

  constructor(options: LlamaCppContentGeneratorOptions) {
    const baseUrl = (options.config.baseUrl ?? LLAMA_CPP_CONFIG_SPEC.defaultBaseUrl ?? 'http://localhost:8080').replace(/\/+$/, '').replace(/\/v1$/, '');
    this.config = { ...options.config, baseUrl };
    this.baseUrl = baseUrl;
    this.#contextGuard = options.config.providerOptions['contextGuard'] === true;
    this.openai = new OpenAICompatibleContentGenerator({
      config: this.config,
      providerId: 'llama-cpp',
      apiPath: '/v1',
      modelEnv: LLAMA_CPP_CONFIG_SPEC.modelEnv ?? [],
      profile: LLAMA_CPP_PROFILE,
      // llama-server takes json_object, top_k and float embeddings, and sends usage at the end of a stream.
      capabilities: { streamUsage: true, jsonObjectResponseFormat: true, topK: true, embeddingsEncodingFormat: true },
      // llama-server's `timings` (prompt / generation tokens per second, cached tokens) reach the finish event.
      hooks: { serverTimings: (lastMessage) => serverTimingsFromLlamaCpp(lastMessage) },
      ...(options.events ? { events: options.events } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.client = new LlamaCppClient({
      baseUrl,
      apiKey: options.config.apiKey,
      headers: options.config.headers,
      timeouts: options.config.timeouts,
      fetch: options.fetch,
    });
  }

  // ---------------------------------------------------------------------------------------------- generation

  async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    const sent = await this.#prepare(request, role);
    try {
      return await this.openai.generateContent(sent, userPromptId, role);
    } catch (error) {
      throw toolsCapabilityError(error, sent);
    }
  }

  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    const sent = await this.#prepare(request, role);
    try {
      return await this.openai.generateContentStream(sent, userPromptId, role);
    } catch (error) {
      throw toolsCapabilityError(error, sent);
    }
  }

  embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse> {
    return this.openai.embedContent(request);
  }

  /**
   * The exact prompt token count: the request rendered by the server's chat template (`/apply-template`, with its
   * tools) and tokenized by the server (`/tokenize`, special tokens added as the model's vocabulary says) — what
   * the server reports as `usage.prompt_tokens` for the same request. A server without these endpoints (404) gets
   * provider-core's estimate.
   */
  async countTokens(request: CountTokensParameters): Promise<CountTokensResponse> {
    const model = await this.#serverModel(resolveRequestModel(request.model, undefined, this.config).model, request.config?.abortSignal);
    try {
      return { totalTokens: await this.#promptTokens(model, request) };
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_WRONG_BASE_URL') && error.status === 404) return this.openai.countTokens(request);
      // A text-only model (no --mmproj) refuses images even in /apply-template: the text exactly, each image estimated.
      const media = countSentMedia(request.contents);
      if (media > 0 && SamusError.is(error) && /image input is not supported|mmproj/i.test(String(error.details['serverMessage'] ?? error.message))) {
        return { totalTokens: (await this.#promptTokens(model, { ...request, contents: withoutMedia(request.contents) })) + media * IMAGE_TOKEN_ESTIMATE };
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------------- llama.cpp

  /**
   * The context one request for `model` can use: the slot context (`default_generation_settings.n_ctx` of
   * `/props`), with the trained context from `/v1/models` when the server lists it.
   */
  async getContextWindow(model?: string, options: { role?: string; signal?: AbortSignal } = {}): Promise<LlamaCppContextWindow> {
    const id = await this.#serverModel(resolveRequestModel(model ?? '', options.role, this.config).model, options.signal);
    const props = await this.#cachedProps(id, options.signal);
    const tokens = props.default_generation_settings?.n_ctx;
    if (typeof tokens !== 'number' || tokens <= 0) {
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `GET ${this.baseUrl}/props did not say the context size of ${id}`, { details: { model: id, baseUrl: this.baseUrl } });
    }
    const entry = (await this.#cachedModels(options.signal)).find((candidate) => candidate.id === id);
    const trained = entry?.meta?.n_ctx_train;
    return { model: id, tokens, ...(typeof trained === 'number' ? { trained } : {}), ...(typeof props.total_slots === 'number' ? { slots: props.total_slots } : {}) };
  }

  /**
   * Counts the request's prompt exactly and compares it with the slot context; with `throwOnOverflow` a prompt that
   * does not fit (the server refuses `promptTokens >= n_ctx`) is `SAMUS_ERR_CONTEXT_OVERFLOW` with both numbers.
   */
  async checkContext(request: GenerateContentParameters, options: { role?: string; throwOnOverflow?: boolean } = {}): Promise<LlamaCppContextCheck> {
    const signal = request.config?.abortSignal;
    const model = await this.#serverModel(resolveRequestModel(request.model, options.role, this.config).model, signal);
    const [promptTokens, window] = await Promise.all([this.#promptTokens(model, request), this.getContextWindow(model, signal ? { signal } : {})]);
    const maxOutputTokens = request.config?.maxOutputTokens;
    const check: LlamaCppContextCheck = { promptTokens, contextLength: window.tokens, ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }), fits: promptTokens < window.tokens };
    if (!check.fits && options.throwOnOverflow) {
      throw new SamusError('SAMUS_ERR_CONTEXT_OVERFLOW', `The prompt for ${model} has ${promptTokens} tokens, more than the ${window.tokens}-token context of llama-server at ${this.baseUrl}`, {
        hint: 'Shorten the conversation, or start llama-server with a larger context (-c / --ctx-size; per slot it is the context divided by --parallel).',
        details: { provider: 'llama-cpp', model, baseUrl: this.baseUrl, promptTokens, contextLength: window.tokens, checkedBeforeSend: true },
      });
    }
    return check;
  }

  /** Busy and total slots of `model` (for least-busy routing); from `/slots`. */
  async slots(model?: string, options: { signal?: AbortSignal } = {}): Promise<{ total: number; busy: number }> {
    const id = model === undefined ? undefined : await this.#serverModel(model, options.signal);
    const slots = await this.client.slots(id, options);
    return { total: slots.length, busy: slots.filter((slot) => slot.is_processing === true).length };
  }

  // ---------------------------------------------------------------------------------------------- internals

  async #prepare(request: GenerateContentParameters, role: string | undefined): Promise<GenerateContentParameters> {
    if (request.config?.abortSignal?.aborted) return request; // the generator answers SAMUS_ERR_ABORTED without sending
    const chosen = resolveRequestModel(request.model, role, this.config).model;
    if (chosen !== LLAMA_CPP_DEFAULT_MODEL && !this.#contextGuard) return request;
    const model = await this.#serverModel(chosen, request.config?.abortSignal);
    const sent = model === chosen ? request : { ...request, model };
    if (this.#contextGuard) await this.checkContext(sent, { ...(role === undefined ? {} : { role }), throwOnOverflow: true });
    return sent;
  }

  /** `default` → the id of the model the server serves (the only one, else the first loaded, else the first). */
  async #serverModel(model: string, signal?: AbortSignal): Promise<string> {
    if (model !== LLAMA_CPP_DEFAULT_MODEL && model !== '') return model;
    const entries = await this.#cachedModels(signal);
    const chosen = entries.find((entry) => entry.status === undefined || entry.status.value === 'loaded') ?? entries[0];
    if (!chosen) {
      throw new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `llama-server at ${this.baseUrl} lists no model`, {
        hint: 'Start llama-server with a model (-m <file.gguf>) or give the router a --models-dir.',
        details: { provider: 'llama-cpp', baseUrl: this.baseUrl },
      });
    }
    return chosen.id;
  }

  #cachedModels(signal?: AbortSignal): Promise<LlamaCppModelEntry[]> {
    const now = Date.now();
    if (this.#models && now - this.#models.at < CACHE_MS) return this.#models.entries;
    const entries = this.client.models(signal ? { signal } : {});
    this.#models = { at: now, entries };
    entries.catch(() => {
      if (this.#models?.entries === entries) this.#models = undefined;
    });
    return entries;
  }

  #cachedProps(model: string, signal?: AbortSignal): Promise<LlamaCppProps> {
    const now = Date.now();
    const cached = this.#props.get(model);
    if (cached && now - cached.at < CACHE_MS) return cached.props;
    const props = this.client.props(model, signal ? { signal } : {});
    this.#props.set(model, { at: now, props });
    props.catch(() => {
      if (this.#props.get(model)?.props === props) this.#props.delete(model);
    });
    return props;
  }

  async #promptTokens(model: string, request: CountTokensParameters | GenerateContentParameters): Promise<number> {
    const signal = request.config?.abortSignal;
    const config = request.config as { systemInstruction?: Parameters<typeof toOpenAIMessages>[1]; tools?: Parameters<typeof toOpenAITools>[0] } | undefined;
    // The converters load on first use (not when the package is imported).
    const conversion = await import('@samus/provider-core/internal/conversion');
    const tools = await conversion.toOpenAITools(config?.tools);
    const body: Record<string, unknown> = { model, messages: conversion.toOpenAIMessages(request.contents, config?.systemInstruction), ...(tools ? { tools } : {}) };
    const prompt = await this.client.applyTemplate(body, signal ? { signal } : {});
    const tokens = await this.client.tokenize(prompt, { model, ...(signal ? { signal } : {}) });
    return tokens.length;
  }
}

/** The contents without their media parts (inline data). */
function withoutMedia(contents: CountTokensParameters['contents']): CountTokensParameters['contents'] {
  return normalizeContents(contents).map((content) => ({ ...content, parts: (content.parts ?? []).filter((part) => part.inlineData === undefined) }));
}

function hasTools(request: GenerateContentParameters): boolean {
  // A malformed entry (`tools: [null]`) is not a tool: the request builder refuses it with SAMUS_ERR_INVALID_REQUEST.
  return (request.config?.tools ?? []).some((tool) => typeof tool === 'object' && tool !== null && 'functionDeclarations' in tool && (tool.functionDeclarations?.length ?? 0) > 0);
}

/** A request with tools that the model cannot run at all (an embedding model) says so in terms of tools. */
function toolsCapabilityError(error: unknown, request: GenerateContentParameters): unknown {
  if (!hasTools(request) || !SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING') || /tool/i.test(error.message)) return error;
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `Model "${request.model}" cannot call tools: ${error.message}`, {
    hint: 'Use a chat model for requests with tools (llama-server renders tools only with --jinja and a template that supports them).',
    retryable: false,
    cause: error,
    details: { ...error.details, feature: 'tools' },
  });
}
