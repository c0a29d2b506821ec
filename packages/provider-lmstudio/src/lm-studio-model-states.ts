import type { LMStudioModelInfo, LMStudioModelState } from './lm-studio-model-info.js';
import type { LMStudioRestClient } from './lm-studio-rest-client.js';

/** When {@link LMStudioModelStates} may ask the server for a model's load state before a request. */
export type ModelStateProbe = 'auto' | 'always' | 'never';

/** Options of {@link LMStudioModelStates}. */
export interface LMStudioModelStatesOptions {
  /**
   * `auto` (default): probe only once this server has answered like LM Studio (a successful request, `health()` or
   * `listModels()`), so a dead or foreign address never gets extra requests; `always`: probe before every request
   * whose model state is not cached; `never`: rely on what `admin.listModels()`, `admin.load()` and earlier requests showed.
   */
  probe?: ModelStateProbe;
  /** How long a known state is trusted, in ms (default 5 000). */
  maxAgeMs?: number;
  /** Limit of one probe in ms (default 2 000). */
  probeTimeoutMs?: number;
}

/**
 * What this client knows about which models LM Studio has in memory: the input of the JIT-aware first-byte
 * timeout. Filled by model lists, loads/unloads, successful requests and (when allowed) a cheap
 * `GET /api/v0/models/{id}` probe; every probe failure just means "unknown".
 */
export class LMStudioModelStates {
  readonly #client: LMStudioRestClient;
  readonly #probe: ModelStateProbe;
  readonly #maxAgeMs: number;
  readonly #probeTimeoutMs: number;
  readonly #states = new Map<string, { state: LMStudioModelState; at: number }>();
  #confirmed = false;
  #v0Missing = false;

  constructor(client: LMStudioRestClient, options: LMStudioModelStatesOptions = {}) {
    this.#client = client;
    this.#probe = options.probe ?? 'auto';
    this.#maxAgeMs = options.maxAgeMs ?? 5_000;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
  }

  /** The server has answered like LM Studio: `auto` probing may start. */
  confirm(): void {
    this.#confirmed = true;
  }

  /** Records one model's state. */
  set(model: string, state: LMStudioModelState): void {
    this.#states.set(model, { state, at: Date.now() });
  }

  /** Records every state of a model list (and confirms the server). */
  record(models: readonly LMStudioModelInfo[]): void {
    this.#confirmed = true;
    for (const model of models) {
      if (model.state === 'unknown') continue;
      this.set(model.id, model.state);
      for (const instance of model.loadedInstances) this.set(instance, 'loaded');
    }
  }

  /** Forgets every state (e.g. after a JIT load, which may have evicted another JIT model). */
  clear(): void {
    this.#states.clear();
  }

  /** The cached state of `model` if still fresh. */
  cached(model: string): LMStudioModelState | undefined {
    const entry = this.#states.get(model);
    return entry && Date.now() - entry.at <= this.#maxAgeMs ? entry.state : undefined;
  }

  /** The state of `model`: cached, else probed when the probe mode allows it, else undefined. Never throws. */
  async stateOf(model: string, signal?: AbortSignal): Promise<LMStudioModelState | undefined> {
    const cached = this.cached(model);
    if (cached !== undefined) return cached;
    if (this.#probe === 'never' || this.#v0Missing || (this.#probe === 'auto' && !this.#confirmed)) return undefined;
    try {
      const row = await this.#client.request<{ state?: unknown }>('GET', `/api/v0/models/${encodeURIComponent(model)}`, {
        timeoutMs: this.#probeTimeoutMs,
        model,
        ...(signal ? { signal } : {}),
      });
      const state = row.state === 'loaded' || row.state === 'not-loaded' || row.state === 'loading' ? row.state : undefined;
      if (state) this.set(model, state);
      return state;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SAMUS_ERR_WRONG_BASE_URL') this.#v0Missing = true;
      return undefined;
    }
  }
}
