import type { TimeoutConfig } from '@samus/kernel';
import { HttpTransport, type TransportText } from '@samus/provider-core/internal';
import { LLAMA_CPP_PROFILE } from './llama-cpp-profile.js';

/** Options of {@link LlamaCppClient}. */
export interface LlamaCppClientOptions {
  /** Server address without `/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  timeouts?: Partial<TimeoutConfig>;
  fetch?: typeof fetch | undefined;
}

/** Per-call options. */
export interface LlamaCppCallOptions {
  signal?: AbortSignal | undefined;
  /** Per-call limits merged over the client's. */
  timeouts?: Partial<TimeoutConfig> | undefined;
}

/** `GET /health`: 200 `{"status":"ok"}`, or 503 while the model loads. */
export interface LlamaCppHealthAnswer {
  status: number;
  body: unknown;
  latencyMs: number;
}

/** The parts of `GET /props` this package reads. */
export interface LlamaCppProps {
  default_generation_settings?: { n_ctx?: number; params?: Record<string, unknown> } & Record<string, unknown>;
  total_slots?: number;
  model_path?: string;
  model_alias?: string;
  chat_template?: string;
  chat_template_caps?: Record<string, unknown>;
  modalities?: { vision?: boolean; audio?: boolean };
  build_info?: string;
  /** `router` in router mode. */
  role?: string;
  is_sleeping?: boolean;
  [key: string]: unknown;
}

/** One `GET /v1/models` (or router `GET /models`) entry. */
export interface LlamaCppModelEntry {
  id: string;
  aliases?: string[];
  /** Router mode: `loaded`, `loading`, `unloaded`, `sleeping`, `downloading`; with `failed` / `exit_code`. */
  status?: { value?: string; failed?: boolean; exit_code?: number; args?: string[] };
  path?: string;
  meta?: { n_ctx_train?: number; n_params?: number; size?: number; n_vocab?: number; n_embd?: number; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/** One `GET /slots` entry. */
export interface LlamaCppSlot {
  id: number;
  n_ctx?: number;
  is_processing?: boolean;
  [key: string]: unknown;
}

const NO_RETRY = { maxRetries: 0 };

/**
 * Client of llama-server's native endpoints (`/health`, `/props`, `/v1/models`, `/models`, `/slots`, `/tokenize`,
 * `/apply-template`, `/models/load`, `/models/unload`) over provider-core's {@link HttpTransport}, with llama-server's
 * profile (its error bodies and messages mapped to coded errors). `model` goes in the body of POSTs and as the
 * `?model=` query of GETs: router mode routes by it; a single-model server ignores it.
 */
export class LlamaCppClient {
  readonly baseUrl: string;
  readonly transport: HttpTransport;
  readonly hasApiKey: boolean;

  constructor(options: LlamaCppClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.hasApiKey = options.apiKey !== undefined && options.apiKey !== '';
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      profile: LLAMA_CPP_PROFILE,
      apiKey: options.apiKey,
      headers: options.headers,
      timeouts: options.timeouts ?? {},
      retry: NO_RETRY,
      fetch: options.fetch,
    });
  }

  /**
   * `GET /health` (200 `{"status":"ok"}`). Every other answer rejects, classified by the transport's common rules and
   * llama-server's profile like any other endpoint's: its 503 "Loading model" is `SAMUS_ERR_MODEL_NOT_LOADED`
   * (retryable), an error body inside a 200 is a server error.
   */
  async health(options: LlamaCppCallOptions = {}): Promise<LlamaCppHealthAnswer> {
    const started = performance.now();
    const request = { method: 'GET' as const, path: '/health', signal: options.signal, timeouts: options.timeouts, retry: false };
    const answer: TransportText = await this.transport.text(request);
    const body = this.transport.parseJsonAnswer<unknown>(answer, request);
    return { status: answer.status, body, latencyMs: performance.now() - started };
  }

  /** `GET /props` (`?model=` in router mode). */
  props(model?: string, options: LlamaCppCallOptions = {}): Promise<LlamaCppProps> {
    return this.transport.json<LlamaCppProps>({ method: 'GET', path: `/props${query(model)}`, signal: options.signal, timeouts: options.timeouts, retry: false, model });
  }

  /** `GET /v1/models`: the served model (single mode) or every model with its status (router mode). */
  async models(options: LlamaCppCallOptions = {}): Promise<LlamaCppModelEntry[]> {
    const body = await this.transport.json<{ data?: unknown }>({ method: 'GET', path: '/v1/models', signal: options.signal, timeouts: options.timeouts, retry: false, expectField: 'data' });
    return Array.isArray(body.data) ? (body.data as unknown[]).filter((entry): entry is LlamaCppModelEntry => typeof (entry as { id?: unknown } | null)?.id === 'string') : [];
  }

  /** `GET /slots` (`?model=` in router mode): every slot with its context and whether it is busy. */
  async slots(model?: string, options: LlamaCppCallOptions = {}): Promise<LlamaCppSlot[]> {
    const body = await this.transport.json<unknown>({ method: 'GET', path: `/slots${query(model)}`, signal: options.signal, timeouts: options.timeouts, retry: false, model });
    return Array.isArray(body) ? (body as LlamaCppSlot[]) : [];
  }

  /** `POST /apply-template`: the prompt the server's chat template makes of an OpenAI chat body. */
  async applyTemplate(body: Record<string, unknown>, options: LlamaCppCallOptions = {}): Promise<string> {
    const model = typeof body['model'] === 'string' ? body['model'] : undefined;
    const answer = await this.transport.json<{ prompt?: unknown }>({ method: 'POST', path: '/apply-template', body, signal: options.signal, timeouts: options.timeouts, retry: false, model, expectField: 'prompt' });
    return typeof answer.prompt === 'string' ? answer.prompt : '';
  }

  /**
   * `POST /tokenize`: the server's tokenizer. `addSpecial` adds BOS etc. as the model's vocabulary says (what a
   * completion does to a prompt); special tokens in the text are parsed as such.
   */
  async tokenize(content: string, options: LlamaCppCallOptions & { model?: string | undefined; addSpecial?: boolean } = {}): Promise<number[]> {
    const body = { ...(options.model ? { model: options.model } : {}), content, add_special: options.addSpecial ?? true, parse_special: true };
    const answer = await this.transport.json<{ tokens?: unknown }>({ method: 'POST', path: '/tokenize', body, signal: options.signal, timeouts: options.timeouts, retry: false, model: options.model, expectField: 'tokens' });
    return Array.isArray(answer.tokens) ? (answer.tokens as unknown[]).map((token) => (typeof token === 'number' ? token : Number((token as { id?: unknown }).id))) : [];
  }

  /** Router mode: `POST /models/load`. */
  async load(model: string, options: LlamaCppCallOptions = {}): Promise<void> {
    await this.transport.json({ method: 'POST', path: '/models/load', body: { model }, signal: options.signal, timeouts: options.timeouts, retry: false, model });
  }

  /** Router mode: `POST /models/unload`. */
  async unload(model: string, options: LlamaCppCallOptions = {}): Promise<void> {
    await this.transport.json({ method: 'POST', path: '/models/unload', body: { model }, signal: options.signal, timeouts: options.timeouts, retry: false, model });
  }
}

function query(model: string | undefined): string {
  return model ? `?model=${encodeURIComponent(model)}` : '';
}
