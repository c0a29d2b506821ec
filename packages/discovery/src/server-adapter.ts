import { type ModelInfo, type ProviderHealth } from '@samus/kernel';
import { type DiscoveredServer } from './discovered-server.js';
import { type ServerKind } from './server-kind.js';

/** What an adapter call gets. */
export interface AdapterContext {
  signal: AbortSignal;
  /** Token or key for this server, when configured (never logged). */
  apiKey?: string;
  /** Limit of the call in milliseconds. */
  timeoutMs: number;
}

/**
 * How discovery talks to one kind of server for admin calls. The built-in adapters delegate to the provider
 * packages (`@samus/provider-ollama`, `@samus/provider-lmstudio`, `@samus/provider-core`), so discovery holds no
 * provider logic of its own; pass your own to support another kind.
 */
export interface ServerAdapter {
  readonly kind: ServerKind;
  /** The server's models in the providers' normalised shape. Throws a SamusError on failure. */
  listModels(server: DiscoveredServer, context: AdapterContext): Promise<ModelInfo[]>;
  /** A health probe that never throws (failures in `error`). */
  checkHealth(server: DiscoveredServer, context: AdapterContext): Promise<ProviderHealth>;
}
