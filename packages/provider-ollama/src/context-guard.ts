import { SamusError } from '@samus/kernel';
import type { OllamaClient } from './ollama-client.js';

/** Ollama's default context window in v0.11.4 (`OLLAMA_CONTEXT_LENGTH`), used when a model does not set one. */
export const OLLAMA_DEFAULT_NUM_CTX = 4096;

/** Below this estimate no chat model's context can overflow, so the guard skips its `/api/show` lookup. */
const LOOKUP_THRESHOLD_TOKENS = 1024;

/** The context window a request will run with, and where that number came from. */
export interface ContextWindow {
  tokens: number;
  source: 'numCtx' | 'modelfile' | 'loaded' | 'default';
  /** The longest context the model was trained for. */
  trained?: number;
}

const SOURCE_TEXT: Record<ContextWindow['source'], string> = {
  numCtx: 'from numCtx / OLLAMA_CONTEXT_LENGTH',
  modelfile: "from the model's Modelfile",
  loaded: 'as loaded now',
  default: "Ollama's default",
};

/**
 * Never truncate silently: Ollama v0.11.4 drops old messages or cuts the prompt when it does not fit `num_ctx`,
 * and only logs it. The guard estimates the prompt and refuses it with `SAMUS_ERR_CONTEXT_OVERFLOW` before sending
 * when it is larger than the effective window: `numCtx` when set, else the Modelfile's `num_ctx` (`/api/show`),
 * else the loaded instance's (`/api/ps`), else 4096; capped by the trained context length.
 */
export class ContextGuard {
  readonly #client: OllamaClient;
  readonly #models = new Map<string, Promise<{ numCtx?: number; trained?: number }>>();

  constructor(client: OllamaClient) {
    this.#client = client;
  }

  /** Throws when `estimated` does not fit; returns the window used (undefined when no lookup was needed). */
  async check(model: string, estimated: number, numCtx: number | undefined, signal?: AbortSignal): Promise<ContextWindow | undefined> {
    const window = numCtx !== undefined ? { tokens: numCtx, source: 'numCtx' as const } : estimated <= LOOKUP_THRESHOLD_TOKENS ? undefined : await this.window(model, signal);
    if (window && estimated > window.tokens) {
      const suggested = 2 ** Math.ceil(Math.log2(estimated * 1.25));
      const tooLongForModel = window.trained !== undefined && estimated > window.trained;
      const raised = window.trained === undefined ? suggested : Math.min(suggested, window.trained);
      throw new SamusError(
        'SAMUS_ERR_CONTEXT_OVERFLOW',
        `The prompt (about ${estimated} tokens, estimated) does not fit the context window of "${model}" (${window.tokens} tokens, ${SOURCE_TEXT[window.source]}); Ollama would silently drop part of it`,
        {
          hint: tooLongForModel
            ? `Shorten the prompt: it is longer than "${model}" supports at all (${window.trained} tokens).`
            : `Raise the context window: set OLLAMA_CONTEXT_LENGTH=${raised} or providerOptions: { numCtx: ${raised} } (config.providerOptions.numCtx per request), or shorten the prompt.`,
          details: {
            provider: 'ollama',
            model,
            estimatedTokens: estimated,
            contextWindow: window.tokens,
            source: window.source,
            ...(window.trained === undefined ? {} : { trainedContext: window.trained }),
          },
        },
      );
    }
    return window;
  }

  /**
   * What `/api/show` tells about `model` (the Modelfile's `num_ctx`, the trained context length), looked up once per
   * model. Rejects with the lookup's error.
   */
  known(model: string, signal?: AbortSignal): Promise<{ numCtx?: number; trained?: number }> {
    let pending = this.#models.get(model);
    if (!pending) {
      pending = this.#client.show(model, signal ? { signal } : {}).then((show) => {
        const info = show.model_info ?? {};
        const architecture = info['general.architecture'];
        const trained = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
        const parameter = /^num_ctx\s+(\d+)/m.exec(show.parameters ?? '');
        return { ...(parameter ? { numCtx: Number(parameter[1]) } : {}), ...(typeof trained === 'number' ? { trained } : {}) };
      });
      this.#models.set(model, pending);
      pending.catch(() => this.#models.delete(model));
    }
    return pending;
  }

  /** The effective window of `model` for a request without `numCtx` (undefined when it cannot be told). */
  async window(model: string, signal?: AbortSignal): Promise<ContextWindow | undefined> {
    let known: { numCtx?: number; trained?: number };
    try {
      known = await this.known(model, signal);
    } catch (error) {
      // An unknown model fails the request itself with the better error; other lookup failures must not block it.
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
      return undefined;
    }
    let tokens: number;
    let source: ContextWindow['source'];
    if (known.numCtx !== undefined) {
      tokens = known.numCtx;
      source = 'modelfile';
    } else {
      const running = await this.#client.ps(signal ? { signal } : {}).catch(() => []);
      const loaded = running.find((entry) => entry.name === model || entry.model === model);
      tokens = loaded?.context_length ?? OLLAMA_DEFAULT_NUM_CTX;
      source = loaded?.context_length ? 'loaded' : 'default';
    }
    if (known.trained !== undefined && known.trained < tokens) tokens = known.trained;
    return { tokens, source, ...(known.trained === undefined ? {} : { trained: known.trained }) };
  }
}
