import { SamusError, type ModelInfo } from '@samus/kernel';
import { matchesModelName, type CatalogueModel } from './catalogue-model.js';
import type { DiscoveredServer } from './discovered-server.js';
import type { DiscoveryEvents } from './discovery-events.js';

/** Lists one server's models (discovery's: the server plugin's `admin.listModels`). Throws a `SamusError` on failure. */
export type ListServerModels = (server: DiscoveredServer, options: { signal: AbortSignal; timeoutMs: number }) => Promise<ModelInfo[]>;

/** Options of {@link ModelCatalogue}. */
export interface ModelCatalogueOptions {
  listModels: ListServerModels;
  /** Limit of one server's model listing, ms (default 5 000). */
  timeoutMs?: number;
  events?: DiscoveryEvents;
}

/** A catalogue refresh that failed for one server. */
export interface CatalogueError {
  url: string;
  error: SamusError;
}

function indexKeys(model: CatalogueModel): string[] {
  const keys = [model.id, ...model.aliases].map((name) => name.toLowerCase());
  if (model.serverKind === 'ollama' && model.id.toLowerCase().endsWith(':latest')) keys.push(model.id.toLowerCase().slice(0, -':latest'.length));
  return keys;
}

/**
 * One model list across all servers, refreshed on demand ({@link ModelCatalogue.refresh}) or on an interval
 * ({@link ModelCatalogue.startAutoRefresh}, unref'd, stopped by {@link ModelCatalogue.stop}). A server whose
 * listing fails keeps its previous entries (health decides whether it takes traffic) and reports the error.
 */
export class ModelCatalogue {
  readonly #options: ModelCatalogueOptions;
  #byServer = new Map<string, CatalogueModel[]>();
  #index = new Map<string, CatalogueModel[]>();
  #all: CatalogueModel[] = [];
  #errors: CatalogueError[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #refreshing: Promise<CatalogueModel[]> | undefined;

  constructor(options: ModelCatalogueOptions) {
    this.#options = options;
  }

  /** Every model on every server. */
  models(): readonly CatalogueModel[] {
    return this.#all;
  }

  /** Errors of the last refresh, one per failing server. */
  errors(): readonly CatalogueError[] {
    return this.#errors;
  }

  /** The entries (one per server) that answer to `model` (id, alias, Ollama `:latest`). */
  find(model: string): CatalogueModel[] {
    const candidates = this.#index.get(model.toLowerCase());
    if (!candidates) return [];
    return candidates.filter((entry) => matchesModelName(entry, model));
  }

  /** The models of one server. */
  modelsOf(url: string): readonly CatalogueModel[] {
    return this.#byServer.get(url) ?? [];
  }

  /** Forgets a server's models. */
  removeServer(url: string): void {
    if (this.#byServer.delete(url)) this.#rebuild();
  }

  /** Lists the models of `servers` in parallel and replaces their entries; servers not in the list are dropped. */
  refresh(servers: readonly DiscoveredServer[], signal?: AbortSignal): Promise<CatalogueModel[]> {
    if (this.#refreshing) return this.#refreshing;
    this.#refreshing = this.#refresh(servers, signal).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Refreshes every `intervalMs` with the servers `getServers()` returns; the timer is unref'd. */
  startAutoRefresh(getServers: () => readonly DiscoveredServer[], intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.refresh(getServers()).catch(() => undefined);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #refresh(servers: readonly DiscoveredServer[], signal?: AbortSignal): Promise<CatalogueModel[]> {
    const timeoutMs = this.#options.timeoutMs ?? 5_000;
    const errors: CatalogueError[] = [];
    const next = new Map<string, CatalogueModel[]>();
    await Promise.all(
      servers.map(async (server) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        try {
          const models = await this.#options.listModels(server, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, timeoutMs });
          next.set(server.url, models.map((model) => ({ ...model, server: server.url, serverKind: server.kind })));
        } catch (error) {
          const samusError = SamusError.is(error)
            ? error
            : new SamusError('SAMUS_ERR_INVALID_RESPONSE', `Listing the models of ${server.url} failed: ${error instanceof Error ? error.message : String(error)}`, {
                cause: error,
              });
          errors.push({ url: server.url, error: samusError });
          const previous = this.#byServer.get(server.url);
          if (previous) next.set(server.url, previous);
        }
      }),
    );
    // Keep the order of `servers` so listings are stable.
    this.#byServer = new Map(servers.filter((s) => next.has(s.url)).map((s) => [s.url, next.get(s.url)!]));
    this.#errors = errors;
    this.#rebuild();
    this.#options.events?.emit('catalogue:updated', { models: this.#all, errors });
    return this.#all;
  }

  #rebuild(): void {
    this.#all = [...this.#byServer.values()].flat();
    const index = new Map<string, CatalogueModel[]>();
    for (const model of this.#all) {
      for (const key of new Set(indexKeys(model))) {
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push(model);
      }
    }
    this.#index = index;
  }
}
