import type { MockCapacity } from './capacity-gate';
import type { MockContextOverflow } from './inference-common';
import type { MockFaults } from './mock-faults';
import type { MockModel, MockModelState } from './mock-model';
import type { MockReplies } from './mock-reply';

/** Shape of error bodies on the OpenAI-compatible and `/api/v0` paths (api-facts 3.6). */
export type MockErrorShape = 'string' | 'object';

/** Options of {@link startMockLMStudio}. Every field is optional. */
export interface MockLMStudioOptions {
  /** Port to listen on; `0` (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Model catalogue (downloaded models); default {@link defaultMockModels}. */
  models?: readonly MockModel[];
  /** Just-in-time loading of unloaded models on inference requests; default `true` (LM Studio's default). */
  jit?: boolean;
  /** "Only Keep Last JIT Loaded Model": a JIT load unloads the previous JIT-loaded model; default `true`. */
  autoEvict?: boolean;
  /** How long a load takes, in ms; during a JIT load no response headers are sent. Default `0`. */
  loadDelayMs?: number;
  /** Idle TTL in seconds for JIT-loaded models (request `ttl` overrides); fractions allowed. Default 3600. */
  ttlDefaultSec?: number;
  /** Require `Authorization: Bearer <apiToken>` on every endpoint except `/lmstudio-greeting` (0.4.0+ auth mode). */
  apiToken?: string;
  /**
   * Emulated LM Studio version (default `0.4.21`; aliases `0.3.x` = 0.3.35 and `0.4.x` = 0.4.21). It selects version-dependent behaviour: error-body shape for
   * "No models loaded" (string before 0.4.0, object after), 404 vs 400 for unknown models (before/after 0.3.16),
   * `/api/v1` (0.4.0+), `stream_options.include_usage` (0.3.18+), v0 `capabilities` (0.3.16+), `tool_calls: []`
   * in plain answers (0.3.35+), context overflow (0.3.x wording with 400; 0.4.x `n_keep` wording, 400 string body
   * before 0.4.21, 200-with-error from 0.4.21), `/api/v0/models` honouring JIT (0.3.17+), `/v1/responses` (0.3.29+),
   * `/api/v1/*` (0.4.0+), `/v1/messages` (0.4.1+) and API-token wordings (0.4.0+).
   */
  version?: string;
  /** Force one error-body shape for errors documented in both shapes; default derived from `version`. */
  errorShape?: MockErrorShape;
  /** Scripted replies (queue or function); otherwise deterministic generated text/tool calls. */
  replies?: MockReplies;
  /**
   * Field that carries scripted `reasoning`: `reasoning_content` (R1-style models with the "separate
   * reasoning_content" setting, 0.3.9+) or `reasoning` (gpt-oss, 0.3.23+). Default `reasoning_content`.
   */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /**
   * Observed quirk (api-facts 3.3): `/api/v0/models` lists a loaded model twice, once `loaded` and once
   * `not-loaded`. Default `false`.
   */
  duplicateLoadedRows?: boolean;
  /** Keep every request in `requests` (default `true`; the CLI turns it off so a long demo does not grow memory). */
  recordRequests?: boolean;
  /** Model ids whose loads fail (JIT → "No models loaded"-style error, `/api/v1/models/load` → error body). */
  failingLoads?: readonly string[];
  /** Seed mixed into generated text (same request + same seed = same answer). Default 0. */
  seed?: number;
  /** Delay between streamed tokens in ms (with a deterministic ±25% jitter). Default `0`. */
  tokenDelayMs?: number;
  /** Server-wide faults at start; see {@link MockFaults}. */
  faults?: MockFaults;
  /** Emulate "Enable CORS" (permissive headers, preflight answered); default `false` as in LM Studio. */
  cors?: boolean;
  /** How long a simulated `/api/v1/models/download` takes, in ms. Default 2000. */
  downloadDurationMs?: number;
  /** Models that downloads can fetch (matched by id); unknown ids get a derived llm entry. */
  downloadableModels?: readonly MockModel[];
  /** Model ids whose download fails half-way (status `failed`). */
  failingDownloads?: readonly string[];
  /**
   * Capacity of a real server (chat completions only): `parallel` requests at once with a FIFO queue behind them,
   * `promptTokensPerSecond` of prompt processing for the uncached prompt tokens, a prefix cache of `cachedPrompts`
   * prompts (usage then reports `prompt_tokens_details.cached_tokens`). Generation speed is `tokenDelayMs`.
   * Default: unlimited, no prompt-processing delay (as before).
   */
  capacity?: MockCapacity;
  /**
   * How a prompt longer than the loaded context is answered: `auto` (default, by version), one wording (`legacy`,
   * `n_keep`, `cannot-truncate`) with the version's status, or `empty-deltas` (GGUF failure mode: a 200 stream of empty
   * deltas ending with `finish_reason: "stop"`).
   */
  contextOverflow?: MockContextOverflow;
  /**
   * Fault seen on real servers (api-facts 3.5, issue #13): a request for a model other than the loaded one is answered
   * by the loaded model, and the response `model` names the loaded model. Default `false`.
   */
  answerWithLoadedModel?: boolean;
}

/** One request as the mock received it. */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path including the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Request headers, names lower-cased (multi-value headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** Body parsed as JSON, or `undefined` when empty or not JSON. */
  readonly body: unknown;
  /** Raw body text. */
  readonly rawBody: string;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
}

/** Options of {@link MockLMStudio.loadModel}. */
export interface MockLoadOptions {
  /** Load as JIT (subject to TTL and auto-evict) instead of manual. Default `false`. */
  jit?: boolean;
  /** Idle TTL in seconds for this load. */
  ttlSec?: number;
  /** Loaded context length. */
  contextLength?: number;
}

/** A running mock LM Studio server. */
export interface MockLMStudio {
  /** Server root, `http://127.0.0.1:PORT` (no `/v1`, no trailing slash). */
  readonly url: string;
  /** Bound port. */
  readonly port: number;
  /** Every request received so far, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Forget recorded requests. */
  clearRequests(): void;
  /**
   * Responses still in progress (open streams, stalls, JIT waits). Drops back once clients disconnect: tests use it
   * to prove that an aborted client really closed its connection.
   */
  activeRequests(): number;
  /** With option `capacity`: slots busy, requests waiting, and the most that ever waited at once. */
  capacityLoad(): { busy: number; queued: number; maxQueued: number } | undefined;
  /** Replace (or with `undefined` clear) the server-wide faults. */
  setFaults(faults: MockFaults | undefined): void;
  /** Snapshot of the catalogue with load states. */
  models(): MockModelState[];
  /** One catalogue entry by id, or `undefined`. */
  model(id: string): MockModelState | undefined;
  /** Replace the catalogue (timers of the old entries are cleared). */
  setModels(models: readonly MockModel[]): void;
  /** Load a model at once (no delay), like `lms load`. Throws for unknown ids. */
  loadModel(id: string, options?: MockLoadOptions): void;
  /** Unload a model; returns `false` when it was not loaded. */
  unloadModel(id: string): boolean;
  /** Turn JIT loading on or off. */
  setJit(enabled: boolean): void;
  /** Replace the scripted replies (`undefined` = generate). */
  setReplies(replies: MockReplies | undefined): void;
  /** Stop listening, end every open response (stalls included) and clear all timers. Idempotent. */
  close(): Promise<void>;
}
