/** A server found by {@link discoverServers}. */
export interface DiscoveredServer {
  /** The id of the plugin that recognised it (`ollama`, `lm-studio`, `openai`, or any registered plugin's). */
  kind: string;
  /** Normalised base URL (origin plus path prefix, without `/v1`); the server's identity everywhere in discovery. */
  url: string;
  /** Server version when the server reports one (Ollama `/api/version`); LM Studio has no version endpoint. */
  version?: string;
  /** True when the server answered 401/403 to an unauthenticated request. */
  authRequired: boolean;
  /** Time until the fingerprinting answer arrived, in milliseconds. */
  latencyMs: number;
  /** API surfaces seen, e.g. `native`, `openai` (`/v1`), `api/v0`, `api/v1`. */
  apis: string[];
  /** Where the address came from: `default`, `option`, or `env:NAME`. */
  source: string;
  /** The same server seen under other addresses (e.g. `http://[::1]:11434` for a dual-stack listener). */
  aliases: string[];
}
