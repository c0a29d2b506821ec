import { DEFAULT_TIMEOUTS, SamusError, type ModelInfo, type ProviderHealth, type PullProgress, type TimeoutConfig } from '@samus/kernel';
import type { HttpTransport } from '@samus/provider-core/internal';
import { validateKeepAlive, type KeepAlive } from './keep-alive.js';
import { parseOllamaErrorBody, withSuggestions } from './ollama-error.js';
import { abortedError, createOllamaTransport, ollamaFetch, ollamaJson } from './ollama-http.js';
import { mapOllamaErrorMessage } from './ollama-server-profile.js';
import { canonicalModelName, modelAliases, sameModelName } from './ollama-model-name.js';
import { readNdjson } from './read-ndjson.js';
import { PullProgressTracker, type OllamaPullLine } from './ollama-pull-progress.js';
import { checkOllamaVersion } from './ollama-version.js';
import type { OllamaRunningModel, OllamaShowResponse, OllamaTagsModel } from './ollama-wire.js';

/** Options of {@link OllamaClient}. */
export interface OllamaClientOptions {
  /** Normalised base URL without `/v1`, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  headers?: Record<string, string>;
  timeouts?: Partial<TimeoutConfig>;
  fetch?: typeof fetch;
}

/** A {@link ModelInfo} with Ollama's own fields. */
export interface OllamaModelInfo extends ModelInfo {
  /** Size in memory of the loaded instance, and how much of it is on the GPU. */
  sizeVramBytes?: number;
  /** The Modelfile's `num_ctx` parameter, when it sets one. */
  defaultNumCtx?: number;
}

/** Ollama's health: the shared {@link ProviderHealth}. */
export type OllamaHealth = ProviderHealth;

/** Options of {@link OllamaClient.pull}. */
export interface PullOptions {
  signal?: AbortSignal;
  /** Called for every progress line, in one shape for all phases. */
  onProgress?: (progress: PullProgress) => void;
  /** Allow plain-HTTP / self-signed registries (Ollama's `insecure`). */
  insecure?: boolean;
}

/** Options of {@link OllamaClient.preload}. */
export interface PreloadOptions {
  signal?: AbortSignal;
  keepAlive?: KeepAlive;
  numCtx?: number;
}

interface RequestOptions {
  signal?: AbortSignal;
}

const ADMIN_LIMIT_MS = 30_000;

function contextLengthOf(show: OllamaShowResponse): number | undefined {
  const info = show.model_info ?? {};
  const architecture = info['general.architecture'];
  const value = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function numCtxParameter(show: OllamaShowResponse): number | undefined {
  const match = /^num_ctx\s+(\d+)/m.exec(show.parameters ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Ollama's native API beyond generation: version, health, the merged model list, pull with progress, delete,
 * preload / unload, running models. Every failure is a coded `SamusError`.
 */
export class OllamaClient {
  readonly baseUrl: string;
  readonly #transport: HttpTransport;
  readonly #timeouts: TimeoutConfig;
  readonly #shows = new Map<string, Promise<OllamaShowResponse>>();
  readonly #pulls = new Map<string, { promise: Promise<void>; listeners: Set<(progress: PullProgress) => void>; controller: AbortController; waiters: number }>();

  constructor(options: OllamaClientOptions) {
    this.baseUrl = options.baseUrl;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#transport = createOllamaTransport({ baseUrl: options.baseUrl, timeouts: this.#timeouts, headers: options.headers, fetch: options.fetch });
  }

  /** Timeouts of admin calls: the configured ones, with the first byte capped (no model load involved). */
  #limit(capMs = ADMIN_LIMIT_MS): Partial<TimeoutConfig> {
    const { firstByteMs } = this.#timeouts;
    return { ...this.#timeouts, firstByteMs: firstByteMs > 0 ? Math.min(firstByteMs, capMs) : capMs };
  }

  /** The server version (`GET /api/version`). */
  async version(options: RequestOptions = {}): Promise<string> {
    const body = await ollamaJson<{ version?: unknown } | undefined>(this.#transport, { method: 'GET', path: '/api/version', signal: options.signal, timeouts: this.#limit() });
    if (typeof body?.version !== 'string') {
      throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${this.baseUrl}/api/version did not answer with an Ollama version`, {
        details: { provider: 'ollama', baseUrl: this.baseUrl },
      });
    }
    return body.version;
  }

  /**
   * Liveness and version: `GET /` must answer "Ollama is running" and `/api/version` a version (Ollama has no
   * `/health`). Never throws; a version below the tested range becomes a warning.
   */
  async health(options: RequestOptions = {}): Promise<OllamaHealth> {
    const started = performance.now();
    try {
      const root = await ollamaFetch(this.#transport, { method: 'GET', path: '/', signal: options.signal, timeouts: this.#limit(5_000) });
      let text: string;
      try {
        text = await this.#transport.readText(root);
      } finally {
        root.deadline.dispose();
      }
      const said = parseOllamaErrorBody(text);
      // An error body is classified like on every other path; any other answer means this is not Ollama.
      if (said !== undefined) throw this.#transport.redact(mapOllamaErrorMessage(200, said, { baseUrl: this.baseUrl, path: '/' }));
      if (!root.response.ok || !/ollama is running/i.test(text)) {
        throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${this.baseUrl} is not an Ollama server: GET / answered ${root.response.status} "${text.trim().slice(0, 60)}" instead of "Ollama is running"`, {
          hint: 'Point the base URL at Ollama itself (default http://127.0.0.1:11434, no path).',
          details: { provider: 'ollama', baseUrl: this.baseUrl, status: root.response.status },
        });
      }
      const version = await this.version(options);
      const warning = checkOllamaVersion(version);
      return { ok: true, baseUrl: this.baseUrl, version, latencyMs: performance.now() - started, warnings: warning ? [warning] : [] };
    } catch (error) {
      const samus = SamusError.is(error)
        ? error
        : new SamusError('SAMUS_ERR_SERVER_ERROR', error instanceof Error ? error.message : String(error), { cause: error });
      return {
        ok: false,
        baseUrl: this.baseUrl,
        latencyMs: performance.now() - started,
        warnings: [],
        error: { code: samus.code, message: samus.message, hint: samus.hint },
      };
    }
  }

  /** Raw `GET /api/tags` rows. */
  async tags(options: RequestOptions = {}): Promise<OllamaTagsModel[]> {
    const body = await ollamaJson<{ models?: OllamaTagsModel[] | null } | undefined>(this.#transport, { method: 'GET', path: '/api/tags', signal: options.signal, timeouts: this.#limit() });
    if (!body || !('models' in body)) {
      throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${this.baseUrl}/api/tags did not answer with a model list`, { details: { provider: 'ollama', baseUrl: this.baseUrl } });
    }
    return body.models ?? [];
  }

  /** Raw `POST /api/show` (cached per digest when `digest` is given). */
  show(model: string, options: RequestOptions & { digest?: string } = {}): Promise<OllamaShowResponse> {
    const key = options.digest ?? '';
    const cached = key ? this.#shows.get(key) : undefined;
    if (cached) return cached;
    const pending = ollamaJson<OllamaShowResponse>(this.#transport, { method: 'POST', path: '/api/show', body: { model }, model, signal: options.signal, timeouts: this.#limit() });
    if (key) {
      this.#shows.set(key, pending);
      pending.catch(() => this.#shows.delete(key));
    }
    return pending;
  }

  /** Raw `GET /api/ps` rows (loaded models). */
  async ps(options: RequestOptions = {}): Promise<OllamaRunningModel[]> {
    const body = await ollamaJson<{ models?: OllamaRunningModel[] | null } | undefined>(this.#transport, { method: 'GET', path: '/api/ps', signal: options.signal, timeouts: this.#limit() });
    return body?.models ?? [];
  }

  /**
   * Every installed model, merged from `/api/tags` (names, sizes), `/api/show` (capabilities, context length,
   * family, quantisation) and `/api/ps` (loaded state, loaded context). Embedding models have kind `embedding`.
   */
  async listModels(options: RequestOptions = {}): Promise<OllamaModelInfo[]> {
    if (options.signal?.aborted) throw abortedError(this.baseUrl, '/api/tags', options.signal.reason);
    const [tags, running] = await Promise.all([this.tags(options), this.ps(options)]);
    return Promise.all(
      tags.map(async (row) => {
        const show = await this.show(row.name, { ...options, ...(row.digest ? { digest: row.digest } : {}) }).catch((error: unknown) => {
          if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
          return undefined;
        });
        const loaded = running.find((entry) => sameModelName(entry.name, row.name));
        const capabilities = show?.capabilities ?? [];
        const kind = capabilities.includes('embedding') ? 'embedding' : capabilities.includes('completion') ? 'chat' : 'unknown';
        const details = show?.details ?? row.details ?? {};
        const contextLength = show ? contextLengthOf(show) : undefined;
        const defaultNumCtx = show ? numCtxParameter(show) : undefined;
        const info: OllamaModelInfo = {
          id: row.name,
          aliases: modelAliases(row.name),
          kind,
          capabilities,
          loaded: loaded !== undefined,
          ...(contextLength === undefined ? {} : { contextLength }),
          ...(loaded?.context_length ? { loadedContextLength: loaded.context_length } : {}),
          ...(details.family ? { family: details.family } : {}),
          ...(details.parameter_size ? { parameterSize: details.parameter_size } : {}),
          ...(details.quantization_level ? { quantization: details.quantization_level } : {}),
          ...(row.size === undefined ? {} : { sizeBytes: row.size }),
          ...(row.digest ? { digest: row.digest } : {}),
          ...(row.modified_at ? { modifiedAt: row.modified_at } : {}),
          ...(loaded?.expires_at ? { expiresAt: loaded.expires_at } : {}),
          ...(loaded?.size_vram === undefined ? {} : { sizeVramBytes: loaded.size_vram }),
          ...(defaultNumCtx === undefined ? {} : { defaultNumCtx }),
        };
        return info;
      }),
    );
  }

  /** The installed model `name` resolves to (`llama3` → `llama3:latest`, case-insensitive), or undefined. */
  async findModel(name: string, options: RequestOptions = {}): Promise<OllamaModelInfo | undefined> {
    const models = await this.listModels(options);
    return models.find((model) => sameModelName(name, model.id));
  }

  /**
   * Adds the nearest installed names to a model-not-found error (one `/api/tags` call); other errors pass
   * through unchanged.
   */
  async explain(error: unknown): Promise<unknown> {
    if (!SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND')) return error;
    try {
      const installed = (await this.tags()).map((row) => row.name);
      return withSuggestions(error, installed);
    } catch {
      return error;
    }
  }

  /**
   * Downloads a model (`POST /api/pull`), reporting progress in one shape. Abortable through `signal`.
   * Concurrent pulls of the same model share one download: every caller gets the progress and the result; the
   * download stops when every caller has aborted.
   */
  pull(model: string, options: PullOptions = {}): Promise<void> {
    const key = canonicalModelName(model);
    if (options.signal?.aborted) return Promise.reject(abortedError(this.baseUrl, '/api/pull', options.signal.reason));
    let entry = this.#pulls.get(key);
    if (!entry) {
      const controller = new AbortController();
      const listeners = new Set<(progress: PullProgress) => void>();
      const created = {
        listeners,
        controller,
        waiters: 0,
        promise: this.#pull(model, options.insecure === true, controller.signal, (progress) => {
          for (const listener of listeners) listener(progress);
        }).finally(() => this.#pulls.delete(key)),
      };
      created.promise.catch(() => undefined);
      this.#pulls.set(key, created);
      entry = created;
    }
    const shared = entry;
    shared.waiters += 1;
    if (options.onProgress) shared.listeners.add(options.onProgress);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = () => {
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        if (options.onProgress) shared.listeners.delete(options.onProgress);
      };
      const onAbort = () => {
        if (settled) return;
        finish();
        shared.waiters -= 1;
        if (shared.waiters === 0) shared.controller.abort();
        reject(abortedError(this.baseUrl, '/api/pull', options.signal?.reason));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        () => {
          if (settled) return;
          finish();
          resolve();
        },
        (error: unknown) => {
          if (settled) return;
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async #pull(model: string, insecure: boolean, signal: AbortSignal, emit: (progress: PullProgress) => void): Promise<void> {
    const path = '/api/pull';
    const { response, deadline } = await ollamaFetch(this.#transport, { method: 'POST', path, body: { model, insecure, stream: true }, model, signal, timeouts: { ...this.#limit(), totalMs: 0 } });
    const tracker = new PullProgressTracker();
    let succeeded = false;
    try {
      for await (const line of readNdjson<OllamaPullLine>(response, deadline)) {
        if (typeof line.error === 'string') {
          throw mapOllamaErrorMessage(200, line.error, { baseUrl: this.baseUrl, path, model }) ;
        }
        const progress = tracker.update(line);
        emit(progress);
        if (progress.phase === 'success') succeeded = true;
      }
    } catch (error) {
      throw this.#streamError(error, path, signal);
    }
    if (!succeeded) {
      throw new SamusError('SAMUS_ERR_OPERATION_FAILED', `Pulling "${model}" from ${this.baseUrl} ended without "success"`, {
        details: { provider: 'ollama', baseUrl: this.baseUrl, model },
      });
    }
  }

  #streamError(error: unknown, path: string, signal: AbortSignal | undefined): unknown {
    if (SamusError.is(error)) {
      if (error.code === 'SAMUS_ERR_MODEL_NOT_FOUND' || error.code === 'SAMUS_ERR_SERVER_ERROR') {
        return this.#transport.redact(new SamusError('SAMUS_ERR_OPERATION_FAILED', error.message, { hint: error.hint, cause: error, details: error.details }));
      }
      return this.#transport.redact(error);
    }
    if (signal?.aborted) return abortedError(this.baseUrl, path, error);
    return error;
  }

  /** Deletes an installed model (`DELETE /api/delete`). Unknown model → `SAMUS_ERR_MODEL_NOT_FOUND`. */
  async delete(model: string, options: RequestOptions = {}): Promise<void> {
    try {
      await ollamaJson<undefined>(this.#transport, { method: 'DELETE', path: '/api/delete', body: { model }, model, signal: options.signal, timeouts: this.#limit() });
    } catch (error) {
      throw await this.explain(error);
    }
    for (const [key] of this.#shows) this.#shows.delete(key);
  }

  /** Loads a model into memory without generating (`/api/chat` with no messages), optionally with keep-alive and context size. */
  async preload(model: string, options: PreloadOptions = {}): Promise<void> {
    const keepAlive = options.keepAlive === undefined ? undefined : validateKeepAlive(options.keepAlive, 'request');
    await this.#loadRequest(model, {
      ...(keepAlive === undefined ? {} : { keep_alive: keepAlive }),
      ...(options.numCtx === undefined ? {} : { options: { num_ctx: options.numCtx } }),
    }, options.signal, this.#timeouts);
  }

  /** Unloads a model from memory now (`keep_alive: 0`). */
  async unload(model: string, options: RequestOptions = {}): Promise<void> {
    await this.#loadRequest(model, { keep_alive: 0 }, options.signal, this.#limit());
  }

  async #loadRequest(model: string, extra: Record<string, unknown>, signal: AbortSignal | undefined, timeouts: Partial<TimeoutConfig>): Promise<void> {
    try {
      const body = await ollamaJson<{ done_reason?: string; error?: string } | undefined>(this.#transport, {
        method: 'POST',
        path: '/api/chat',
        body: { model, messages: [], stream: false, ...extra },
        model,
        signal,
        timeouts,
      });
      if (typeof body?.error === 'string') throw mapOllamaErrorMessage(200, body.error, { baseUrl: this.baseUrl, path: '/api/chat', model });
    } catch (error) {
      throw await this.explain(error);
    }
  }
}
