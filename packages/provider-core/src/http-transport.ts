import { SamusError, type TimeoutConfig } from '@samus/kernel';
import { classifyAnswer } from './classify-answer.js';
import { classifyConnectionFailure } from './classify-connection-failure.js';
import { limitExceeded, readBoundedText } from './read-bounded-text.js';
import { RequestDeadline } from './request-deadline.js';
import type { RequestMetrics } from './request-metrics.js';
import type { OpenedResponse } from './response-stream.js';
import { RetryPolicy, sleep, type RetryPolicyOptions } from './retry-policy.js';
import { SecretRedactor } from './secret-redactor.js';
import { apiLabel, OPENAI_COMPATIBLE_PROFILE, pointAtServerHint, serverLabel, type ServerProfile } from './server-profile.js';

/** Limits that keep memory bounded whatever a server sends. Each is overridable; `0` turns one off. */
export interface TransportLimits {
  /** Largest body read whole (non-streamed answers, error bodies): default 16 MiB. */
  maxResponseBytes: number;
  /** Largest single SSE/NDJSON line or event: default 8 MiB. */
  maxLineBytes: number;
  /** Most characters of partial output attached to an error as `details.partialText` (the last ones): default 64 Ki. */
  maxPartialTextChars: number;
  /**
   * With `maxOutputTokens` set, a stream is cut after this many times the characters those tokens can hold
   * (`maxOutputTokens × 4 chars × margin`): default 8.
   */
  outputTokenMargin: number;
}

/** The default {@link TransportLimits}. */
export const DEFAULT_LIMITS: Readonly<TransportLimits> = Object.freeze({
  maxResponseBytes: 16 * 1024 * 1024,
  maxLineBytes: 8 * 1024 * 1024,
  maxPartialTextChars: 64 * 1024,
  outputTokenMargin: 8,
});

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  /** The server address without the API path, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  /** What kind of server it is (names, hints, error bodies). Default: a generic OpenAI-compatible server. */
  profile?: ServerProfile;
  /** Sent as `Authorization: Bearer`, to this origin only. */
  apiKey?: string | undefined;
  /** Extra headers for every request (`config.headers`), to this origin only. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Per-phase limits of every request. */
  timeouts: Partial<TimeoutConfig>;
  /** Backoff settings (`maxRetries` default 2). */
  retry?: RetryPolicyOptions;
  /** A `fetch` implementation (default: the global one; with a custom one the connect phase cannot be observed). */
  fetch?: typeof fetch | undefined;
  /** Memory limits. */
  limits?: Partial<TransportLimits> | undefined;
}

/** One HTTP request. */
export interface TransportRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  /** Path under the server address, e.g. `/v1/chat/completions`. */
  path: string;
  /** JSON body (serialised before anything is sent: a body that cannot be serialised is an invalid request). */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Per-request timeouts merged over the transport's (explicit `undefined` keeps the configured value). */
  timeouts?: Partial<TimeoutConfig> | undefined;
  /** The model the request is about, for messages. */
  model?: string | undefined;
  /** Metrics of the operation: request starts and retries are reported on it. */
  metrics?: RequestMetrics | undefined;
  /** A streaming request (for `request:start`). */
  stream?: boolean;
  /** Retry per the policy (default true). Probes and health checks pass false. */
  retry?: boolean;
  /** Send the configured credential (default true). Probes turn it off to learn whether the server requires one. */
  auth?: boolean;
  /** Statuses handed back instead of thrown (default: 2xx only). */
  accept?: (status: number) => boolean;
  /** When the whole operation started (`performance.now()`), so the total limit spans retries. */
  startedAt?: number;
}

/** A body read whole. */
export interface TransportText {
  status: number;
  text: string;
  url: string;
  headers: Headers;
}

const MAX_REDIRECTS = 3;

function definedOnly(timeouts: Partial<TimeoutConfig>): Partial<TimeoutConfig> {
  const defined: Partial<TimeoutConfig> = {};
  for (const key of Object.keys(timeouts) as Array<keyof TimeoutConfig>) {
    const value = timeouts[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The one HTTP transport of every package: generation, native APIs, admin calls and probes all go through it. For
 * each request: per-phase deadlines and the caller's signal ({@link RequestDeadline}), retries before any body is
 * read ({@link RetryPolicy}; a request the server may have read is not sent again after a reset), both loopback
 * families for `localhost`, redirects never followed to another origin nor for POST, credentials sent only to the
 * configured origin, bodies read under {@link TransportLimits}, and every failure classified once
 * ({@link classifyConnectionFailure}, {@link classifyAnswer} with the server's {@link ServerProfile}) with configured
 * secrets removed.
 */
export class HttpTransport {
  /** The server address without the API path. */
  readonly baseUrl: string;
  readonly profile: ServerProfile;
  readonly limits: Readonly<TransportLimits>;
  readonly retryPolicy: RetryPolicy;
  readonly #timeouts: Partial<TimeoutConfig>;
  readonly #fetch: typeof fetch;
  readonly #customFetch: boolean;
  readonly #apiKey: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #redactor: SecretRedactor;
  readonly #isLocalhost: boolean;
  readonly #origin: string;
  #loopbackHost: string | undefined;

  constructor(options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const url = new URL(this.baseUrl);
    this.#origin = url.origin;
    this.#isLocalhost = url.hostname === 'localhost';
    this.profile = options.profile ?? OPENAI_COMPATIBLE_PROFILE;
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...options.limits });
    this.retryPolicy = new RetryPolicy(options.retry);
    this.#timeouts = options.timeouts;
    this.#customFetch = options.fetch !== undefined;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#apiKey = options.apiKey;
    this.#headers = { ...options.headers };
    this.#redactor = SecretRedactor.fromConfig(options.apiKey, options.headers);
  }

  /** Whether a credential (API key, or an `Authorization` header) is configured. */
  get hasCredential(): boolean {
    return this.#apiKey !== undefined || Object.keys(this.#headers).some((name) => name.toLowerCase() === 'authorization');
  }

  /**
   * Sends a request and returns the accepted answer with its deadline still running: read the body (call
   * `deadline.firstByte()` / `activity()`), then `deadline.dispose()`. Throws a coded `SamusError` for everything
   * else, after the retries the policy allows.
   */
  async open(request: TransportRequest): Promise<OpenedResponse> {
    const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
    const endpoint = `${method} ${request.path}`;
    let payload: string | undefined;
    try {
      payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    } catch (error) {
      throw this.redact(
        new SamusError('SAMUS_ERR_INVALID_REQUEST', `Could not serialise the request body of ${endpoint}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'Check the contents, tools and schemas passed to the generator (a schema may refer to itself).',
          cause: error,
          details: { provider: this.profile.provider, endpoint },
        }),
      );
    }
    const timeouts = request.timeouts === undefined ? this.#timeouts : { ...this.#timeouts, ...definedOnly(request.timeouts) };
    const startedAt = request.startedAt ?? request.metrics?.startedAt ?? performance.now();
    const hosts = this.#isLocalhost ? [...new Set([this.#loopbackHost, 'localhost', '127.0.0.1', '[::1]'].filter((host): host is string => host !== undefined))] : [undefined];
    const accept = request.accept ?? ((status: number) => status >= 200 && status < 300);
    let hostIndex = 0;
    let staleRetried = false;
    let path = request.path;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      const host = hosts[hostIndex];
      const base = host === undefined || host === 'localhost' ? this.baseUrl : this.baseUrl.replace('//localhost', `//${host}`);
      const url = `${base}${path}`;
      request.metrics?.start(request.stream ?? false, attempt);
      const deadline = new RequestDeadline({ timeouts, signal: request.signal, startedAt, trackConnect: !this.#customFetch, url });
      let failure: SamusError;
      let retryHeaders: Headers | undefined;
      let staleConnection = false;
      try {
        const headers = this.#requestHeaders(payload !== undefined, request.auth !== false, request.stream === true);
        if (!this.#customFetch) headers[deadline.header[0]] = deadline.header[1];
        const response = await this.#fetch(url, { method, headers, signal: deadline.signal, redirect: 'manual', ...(payload === undefined ? {} : { body: payload }) });
        if (host !== undefined) this.#loopbackHost = host;
        const contentType = response.headers.get('content-type') ?? '';
        // A web page where a stream was expected is another server (a router, a proxy login): not a stream to parse.
        if (accept(response.status) && !(request.stream === true && contentType.includes('text/html'))) return { response, deadline, url };
        const location = response.headers.get('location') ?? undefined;
        if (response.status >= 300 && response.status < 400 && location !== undefined) {
          const target = this.#sameOriginRedirect(location, url, method);
          if (target !== undefined && redirects < MAX_REDIRECTS) {
            deadline.dispose();
            await response.body?.cancel().catch(() => undefined);
            redirects += 1;
            path = target;
            attempt -= 1;
            continue;
          }
        }
        let text: string;
        try {
          text = await readBoundedText(response, this.limits.maxResponseBytes, url);
        } catch {
          // An error body over the limit, or one that broke off: classify by the status alone.
          text = '';
        } finally {
          deadline.dispose();
        }
        failure = classifyAnswer(
          {
            status: response.status,
            body: text,
            url,
            baseUrl: this.baseUrl,
            endpoint,
            model: request.model,
            credentialSent: request.auth !== false && this.hasCredential,
            contentType: contentType === '' ? undefined : contentType,
            location: location === undefined ? undefined : this.#showLocation(location, url),
          },
          this.profile,
        );
        retryHeaders = response.headers;
      } catch (error) {
        deadline.dispose();
        failure = deadline.error ? this.#withContext(deadline.error, url, request.model) : classifyConnectionFailure(error, { url, baseUrl: this.baseUrl, profile: this.profile, requestWritten: deadline.requestWritten });
        // A kept-alive connection the server had already closed: the request died in the socket, unread (what HTTP
        // clients call a stale connection). Sent again once on a fresh connection, whatever the retry policy.
        staleConnection = !deadline.error && deadline.reusedConnection && failure.code === 'SAMUS_ERR_SERVER_ERROR' && failure.details['requestWritten'] === true;
      }
      if (staleConnection && !staleRetried) {
        staleRetried = true;
        attempt -= 1;
        continue;
      }
      if (failure.code === 'SAMUS_ERR_SERVER_NOT_RUNNING' && hostIndex < hosts.length - 1) {
        hostIndex += 1;
        attempt -= 1;
        continue;
      }
      const decision = request.retry === false ? { retry: false as const } : this.retryPolicy.decide(failure, attempt, retryHeaders);
      if (!decision.retry || failure.code === 'SAMUS_ERR_ABORTED') {
        if (hosts.length > 1 && failure.code === 'SAMUS_ERR_SERVER_NOT_RUNNING') {
          throw this.redact(new SamusError(failure.code, `${failure.message.replace(/ \([A-Z_]+\)$/, '')} (tried 127.0.0.1 and [::1])`, { hint: failure.hint, cause: failure.cause, details: failure.details }));
        }
        throw this.redact(failure);
      }
      hostIndex = 0;
      request.metrics?.retry(attempt + 1, decision.delayMs, failure);
      try {
        await sleep(decision.delayMs, request.signal);
      } catch (error) {
        throw this.redact(new SamusError('SAMUS_ERR_ABORTED', `The request to ${url} was aborted by the caller`, { cause: error, details: { provider: this.profile.provider, url } }));
      }
    }
  }

  /** Sends a request and reads the whole answer (bounded); non-accepted statuses throw as in {@link open}. */
  async text(request: TransportRequest): Promise<TransportText> {
    const opened = await this.open(request);
    const text = await this.readText(opened, request.model);
    return { status: opened.response.status, text, url: opened.url, headers: opened.response.headers };
  }

  /**
   * Sends a request and parses its JSON answer: an empty body gives `undefined`; a web page or text that is not JSON
   * is `SAMUS_ERR_WRONG_BASE_URL` / `INVALID_RESPONSE`; a JSON object with an `error` field (some servers answer 200
   * with one) is classified like an error status; without `expectField` (when given) it is `WRONG_BASE_URL`.
   */
  async json<T>(request: TransportRequest & { expectField?: string }): Promise<T> {
    const { status, text, url, headers } = await this.text(request);
    return this.parseJsonAnswer<T>({ status, text, url, headers }, request);
  }

  /** The JSON of an answer read by {@link text}, judged as {@link json} does. */
  parseJsonAnswer<T>(answer: TransportText, request: Pick<TransportRequest, 'method' | 'path' | 'model' | 'body'> & { expectField?: string }): T {
    const { status, text, url, headers } = answer;
    if (text.trim() === '' && request.expectField === undefined) return undefined as T;
    const json = parseJson(text);
    const endpoint = `${request.method ?? (request.body === undefined ? 'GET' : 'POST')} ${request.path}`;
    const contentType = headers.get('content-type') ?? '';
    if (json === undefined || json === null || typeof json !== 'object') {
      const html = contentType.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text);
      throw this.redact(
        new SamusError(
          html ? 'SAMUS_ERR_WRONG_BASE_URL' : 'SAMUS_ERR_INVALID_RESPONSE',
          html ? `${url} answered with a web page, not ${apiLabel(this.profile)}` : `${url} answered with something that is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
          {
            ...(html ? { hint: `${pointAtServerHint(this.profile)}: host, port, no API path.` } : {}),
            details: { provider: this.profile.provider, url, status, contentType, body: text.slice(0, 200) },
          },
        ),
      );
    }
    const record = json as Record<string, unknown>;
    if (request.expectField === undefined || record[request.expectField] === undefined) {
      if (record['error'] !== undefined && record['error'] !== null) {
        const error = classifyAnswer({ status: undefined, body: record, url, baseUrl: this.baseUrl, endpoint, model: request.model, credentialSent: this.hasCredential }, this.profile);
        throw this.redact(withDetails(error, { status }));
      }
      if (request.expectField !== undefined) {
        throw this.redact(
          new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${url} answered JSON without "${request.expectField}": this is not ${apiLabel(this.profile)}`, {
            hint: `${pointAtServerHint(this.profile)}: host, port, no API path.`,
            details: { provider: this.profile.provider, url, status, body: text.slice(0, 200) },
          }),
        );
      }
    }
    return json as T;
  }

  /** Reads an opened answer's whole body (bounded) under its deadline, then disposes the deadline. */
  async readText(opened: OpenedResponse, model?: string): Promise<string> {
    const { response, deadline, url } = opened;
    try {
      deadline.firstByte();
      return await readBoundedText(response, this.limits.maxResponseBytes, url, () => deadline.activity());
    } catch (error) {
      throw this.readError(error, opened, { model, afterOutput: false, partialText: '' });
    } finally {
      deadline.dispose();
    }
  }

  /**
   * The error for a failure while reading an opened answer's body: the deadline's timeout or abort, a limit, or a
   * broken connection (`SAMUS_ERR_STREAM_INTERRUPTED` after output, else `SERVER_ERROR`).
   */
  readError(error: unknown, opened: OpenedResponse, context: { model?: string | undefined; afterOutput: boolean; partialText: string }): SamusError {
    const { deadline, url } = opened;
    const partial = this.partialText(context.partialText);
    const extra = partial === '' ? {} : { partialText: partial };
    if (deadline.error) return this.redact(this.#withContext(deadline.error, url, context.model, extra));
    if (SamusError.is(error)) return this.redact(partial === '' ? error : withDetails(error, extra));
    if (context.afterOutput) {
      return this.redact(
        new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `The connection to ${serverLabel(this.profile, this.baseUrl)} broke after output had started`, {
          cause: error,
          details: { provider: this.profile.provider, baseUrl: this.baseUrl, url, ...extra },
        }),
      );
    }
    return this.redact(
      new SamusError('SAMUS_ERR_SERVER_ERROR', `${serverLabel(this.profile, this.baseUrl)} closed the connection before answering`, {
        hint: `The server may have crashed or restarted${this.profile.logHint ? `: ${this.profile.logHint}` : ': check its log'}, then retry.`,
        cause: error,
        retryable: false,
        details: { provider: this.profile.provider, baseUrl: this.baseUrl, url, ...extra },
      }),
    );
  }

  /**
   * The error for an error object a server sent inside a 200 answer or stream: classified like an error status;
   * after output, a server failure becomes `SAMUS_ERR_STREAM_INTERRUPTED` with the partial text.
   */
  streamError(errorBody: unknown, context: { url: string; model?: string | undefined; afterOutput: boolean; partialText: string }): SamusError {
    const path = context.url.startsWith(this.baseUrl) ? context.url.slice(this.baseUrl.length) : context.url;
    // The decoders hand over the error object itself (`chunk.error`); classify it as the body `{ "error": … }` it came in.
    const body = errorBody !== null && typeof errorBody === 'object' && 'error' in errorBody ? errorBody : { error: errorBody };
    const mapped = classifyAnswer({ status: undefined, body, url: context.url, baseUrl: this.baseUrl, endpoint: `POST ${path}`, model: context.model, credentialSent: this.hasCredential }, this.profile);
    const partial = this.partialText(context.partialText);
    if (context.afterOutput && (mapped.code === 'SAMUS_ERR_SERVER_ERROR' || mapped.code === 'SAMUS_ERR_INSUFFICIENT_MEMORY')) {
      return this.redact(
        new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `${serverLabel(this.profile, this.baseUrl)} reported an error after output had started: ${mapped.message}`, {
          hint: mapped.code === 'SAMUS_ERR_INSUFFICIENT_MEMORY' ? `${mapped.hint} The partial text is attached.` : undefined,
          details: { ...mapped.details, reported: mapped.code, partialText: partial },
        }),
      );
    }
    return this.redact(partial === '' ? mapped : withDetails(mapped, { partialText: partial }));
  }

  /** The error for a stream or line over a limit. */
  limitError(limit: keyof TransportLimits, url: string, what: string, partialText = ''): SamusError {
    const error = limitExceeded(limit, this.limits[limit], url, what);
    const partial = this.partialText(partialText);
    return this.redact(partial === '' ? error : withDetails(error, { partialText: partial }));
  }

  /** The last {@link TransportLimits.maxPartialTextChars} characters of `text`. */
  partialText(text: string): string {
    const max = this.limits.maxPartialTextChars;
    return max > 0 && text.length > max ? text.slice(text.length - max) : text;
  }

  /** `error` without the configured secrets. */
  redact(error: SamusError): SamusError {
    return this.#redactor.error(error);
  }

  /** A string without the configured secrets. */
  redactText(text: string): string {
    return this.#redactor.text(text);
  }

  #requestHeaders(hasBody: boolean, auth: boolean, stream: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: stream ? 'text/event-stream, application/x-ndjson, application/json' : 'application/json' };
    if (hasBody) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(this.#headers)) {
      if (!auth && name.toLowerCase() === 'authorization') continue;
      headers[name.toLowerCase()] = value;
    }
    if (auth && this.#apiKey !== undefined && headers['authorization'] === undefined) headers['authorization'] = `Bearer ${this.#apiKey}`;
    return headers;
  }

  /** The path to follow a redirect to, when it stays on this origin and the method may be repeated; else undefined. */
  #sameOriginRedirect(location: string, from: string, method: string): string | undefined {
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      return undefined;
    }
    const fromUrl = new URL(from);
    if (target.origin !== fromUrl.origin && target.origin !== this.#origin) return undefined;
    const prefix = new URL(this.baseUrl).pathname.replace(/\/+$/, '');
    const path = `${target.pathname}${target.search}`;
    return prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : prefix === '' ? path : undefined;
  }

  #showLocation(location: string, from: string): string {
    try {
      const target = new URL(location, from);
      target.username = '';
      target.password = '';
      return target.href;
    } catch {
      return location.slice(0, 200);
    }
  }

  #withContext(error: SamusError, url: string, model: string | undefined, extra: Record<string, unknown> = {}): SamusError {
    return new SamusError(error.code, error.message, {
      hint: error.hint,
      retryable: error.retryable,
      cause: error.cause,
      details: { provider: this.profile.provider, ...(model === undefined ? {} : { model }), baseUrl: this.baseUrl, url, ...error.details, ...extra },
    });
  }

}

function withDetails(error: SamusError, extra: Record<string, unknown>): SamusError {
  return new SamusError(error.code, error.message, { hint: error.hint, retryable: error.retryable, status: error.status, cause: error.cause, details: { ...error.details, ...extra } });
}
