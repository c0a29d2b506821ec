import type { SamusError } from './samus-error.js';

/** Identifies one request across its events. */
export interface RequestEventBase {
  requestId: string;
  /** Provider id (the plugin id, e.g. `ollama`). */
  provider: string;
  /** The model the request is sent with (after the request-model policy). */
  model: string;
  /**
   * The model the caller named in `request.model` (`''` when it named none), when a generation path chose the model:
   * differs from `model` when the policy replaced a hosted name (`gemini-*`, `auto-*`, `models/*`) or an empty one.
   */
  requestedModel?: string;
  /** Why `model` was chosen: `request` (sent as named), `configured` (the configured model), `utility` (the utility model). */
  modelSource?: ModelChoiceSource;
  /** The caller's role argument (gemini-cli's `LlmRole`: `main`, `subagent`, `utility_*`), when it gave one. */
  role?: string;
  baseUrl: string;
}

/** Where the model of a request came from: see {@link RequestEventBase.modelSource}. */
export type ModelChoiceSource = 'request' | 'configured' | 'utility';

/** Durations and counts the server itself reported (Ollama's `*_duration`, LM Studio's `stats`). */
export interface ServerTimings {
  loadMs?: number;
  promptEvalMs?: number;
  evalMs?: number;
  totalMs?: number;
  /** Prompt tokens of the request, cached ones included. */
  promptTokens?: number;
  /** Of `promptTokens`, those the server reused from its prompt cache instead of evaluating them again (llama.cpp `cache_n`). */
  cachedTokens?: number;
  evalTokens?: number;
  /** Tokens per second as measured by the server. */
  tokensPerSecond?: number;
  /** Time to first token as measured by the server. */
  timeToFirstTokenMs?: number;
}

/** The typed events of the kernel's bus. */
export interface SamusEventMap {
  'request:start': RequestEventBase & { stream: boolean; attempt: number };
  'request:retry': RequestEventBase & { attempt: number; delayMs: number; error: SamusError };
  'response:first-token': RequestEventBase & { ttftMs: number };
  'response:chunk': RequestEventBase & { gapMs: number; textLength: number };
  'response:finish': RequestEventBase & {
    durationMs: number;
    ttftMs?: number;
    outputTokens?: number;
    /** Client-side tokens/s: output tokens over the time from first token to the end. */
    tokensPerSecond?: number;
    finishReason?: string;
    server?: ServerTimings;
    /** The model the server says answered, when it is not the requested one (some LM Studio versions answer with the loaded model). */
    answeredModel?: string;
  };
  'request:error': RequestEventBase & { error: SamusError; afterFirstToken: boolean };
}

export type SamusEventName = keyof SamusEventMap;
export type SamusEventListener<K extends SamusEventName> = (event: SamusEventMap[K]) => void;

/** A small synchronous typed event bus. A throwing listener never breaks a request: it goes to `onListenerError`. */
export class SamusEvents {
  readonly #listeners = new Map<SamusEventName, Set<(event: never) => void>>();
  readonly #onListenerError: (error: unknown, event: SamusEventName) => void;

  constructor(options: { onListenerError?: (error: unknown, event: SamusEventName) => void } = {}) {
    this.#onListenerError =
      options.onListenerError ??
      ((error, event) => {
        console.error(`[samus] a listener of "${event}" threw: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends SamusEventName>(name: K, listener: SamusEventListener<K>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends SamusEventName>(name: K, listener: SamusEventListener<K>): void {
    this.#listeners.get(name)?.delete(listener as (event: never) => void);
  }

  /** True when someone listens to `name`: lets hot paths skip building events nobody reads. */
  has(name: SamusEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends SamusEventName>(name: K, event: SamusEventMap[K]): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as SamusEventListener<K>)(event);
      } catch (error) {
        this.#onListenerError(error, name);
      }
    }
  }
}
