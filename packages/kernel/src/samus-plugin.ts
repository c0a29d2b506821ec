import type { ConfigSpec } from './config-spec.js';
import type { ContentGenerator } from './content-generator.js';
import type { AdminConfig, ContentGeneratorConfig, EnvSource } from './content-generator-config.js';
import type { SamusEvents } from './events.js';
import type { ProviderAdmin } from './provider-admin.js';

/** The plugin specification version this kernel implements. A plugin built for another one is refused at `register()`. */
export const SPECIFICATION_VERSION = 'v2' as const;

/** The literal type of {@link SPECIFICATION_VERSION}. */
export type SpecificationVersion = typeof SPECIFICATION_VERSION;

/** What a plugin gets when it creates a generator or an admin. */
export interface PluginContext {
  /** The kernel's event bus: generators emit request/first-token/chunk/finish/error events here. */
  events: SamusEvents;
  /** The kernel's environment view (read-only). */
  env: EnvSource;
}

/**
 * What a plugin's server can do: one record, read by the contract suites (which groups run) and by discovery and the
 * CLI (which admin calls exist). An absent flag means "no". The admin flags (`modelListing` … `ps`) must match the
 * methods the plugin's {@link ProviderAdmin} has; the kernel checks that when it creates the admin.
 */
export interface PluginCapabilities {
  /** `generateContentStream()` yields incremental chunks. */
  streaming?: boolean;
  /** Function declarations in, `functionCall` parts out. */
  tools?: boolean;
  /** `responseMimeType: 'application/json'` with or without `responseJsonSchema`. */
  structuredOutput?: boolean;
  /** `embedContent()`. */
  embeddings?: boolean;
  /** `countTokens()`. */
  tokenCounting?: boolean;
  /** A caller's `abortSignal` cancels requests in flight. */
  abort?: boolean;
  /** Per-phase timeouts from `config.timeouts` fire with `SAMUS_ERR_TIMEOUT`. */
  timeouts?: boolean;
  /** `admin.listModels()`. */
  modelListing?: boolean;
  /** `admin.health()`. */
  health?: boolean;
  /** `admin.pull()`: download a model onto the server, with progress. */
  pull?: boolean;
  /** `admin.load()`: load a model into memory. */
  load?: boolean;
  /** `admin.unload()`: unload a model from memory. */
  unload?: boolean;
  /** `admin.delete()`: remove a downloaded model from the server. */
  delete?: boolean;
  /** `admin.ps()`: the models loaded now. */
  ps?: boolean;
}

/** The admin capabilities and the {@link ProviderAdmin} method each one promises. */
export const ADMIN_CAPABILITIES = {
  modelListing: 'listModels',
  health: 'health',
  pull: 'pull',
  load: 'load',
  unload: 'unload',
  delete: 'delete',
  ps: 'ps',
} as const satisfies Partial<Record<keyof PluginCapabilities, keyof ProviderAdmin>>;

/** What a plugin's {@link PluginImplementation.fingerprint} recognised at an address. */
export interface ServerFingerprint {
  /** Server version, when the server reports one. */
  version?: string;
  /** True when the server answered 401/403 to an unauthenticated request. */
  authRequired: boolean;
  /** API surfaces seen, e.g. `native`, `openai` (`/v1`), `api/v0`, `api/v1`. */
  apis: string[];
  /**
   * True when the match shows only a protocol many servers speak (an OpenAI-compatible `/v1/models`): a specific
   * match of another plugin at the same address wins.
   */
  generic?: boolean;
}

/** The part of a plugin that does the work; lazy plugins import it on first use. */
export interface PluginImplementation {
  createContentGenerator(config: ContentGeneratorConfig, context: PluginContext): ContentGenerator | Promise<ContentGenerator>;
  /**
   * The server's admin surface (models, health, pull, load/unload, delete, ps: whatever the server supports; the
   * methods it lacks are absent and the plugin's {@link PluginCapabilities} say so).
   */
  createAdmin?(config: AdminConfig, context: PluginContext): ProviderAdmin | Promise<ProviderAdmin>;
  /**
   * Recognises this plugin's server at `url` (a normalised base URL without `/v1`). Resolves with what it saw, or
   * `undefined` when something answers that is not this kind of server; rejects with a `SamusError`
   * (`SAMUS_ERR_SERVER_NOT_RUNNING`, `SAMUS_ERR_TIMEOUT`, `SAMUS_ERR_ABORTED`) when nothing answered. Bounded by `signal`.
   */
  fingerprint?(url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined>;
}

/** A provider plugin (specification v2): metadata the kernel checks at registration, plus an eager or lazy implementation. */
export interface SamusPlugin {
  /** Unique id, e.g. `ollama`; also the server kind discovery reports for servers this plugin recognises. */
  id: string;
  /** Must equal the kernel's {@link SPECIFICATION_VERSION}; plugins built for `v1` are refused. */
  specificationVersion: SpecificationVersion;
  /** Human name of the server, for messages (e.g. `LM Studio`; default: the id). */
  displayName?: string;
  /** Auth type ids this plugin creates generators for; the first is the one discovery and the CLI use. */
  authTypes: readonly string[];
  /** Ids of plugins that must be registered before this one. */
  dependsOn?: readonly string[];
  /** Config resolution per auth type: the plugin's own environment variables and defaults. */
  configSpecs?: Readonly<Record<string, ConfigSpec>>;
  /** What the server can do (absent flags mean "no"). */
  capabilities?: Readonly<PluginCapabilities>;
  /** Eager implementation (the generator factory; for admin and fingerprint use `load`). */
  createContentGenerator?: PluginImplementation['createContentGenerator'];
  /** Lazy implementation: imported on first use only, e.g. `() => import('./ollama-implementation.js')`. */
  load?: () => Promise<PluginImplementation | { default: PluginImplementation }>;
}

/** Identity helper that gives plugin literals their type (and `specificationVersion` its literal). */
export function definePlugin<T extends SamusPlugin>(plugin: T): T {
  return plugin;
}
