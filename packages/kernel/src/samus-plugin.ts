import type { ConfigSpec } from './config-spec.js';
import type { ContentGenerator } from './content-generator.js';
import type { ContentGeneratorConfig, EnvSource } from './content-generator-config.js';
import type { SamusEvents } from './events.js';

/** The plugin specification version this kernel implements. A plugin built for another one is refused. */
export const SPECIFICATION_VERSION = 'v1';

/** What a plugin gets when it creates a generator. */
export interface PluginContext {
  /** The kernel's event bus: generators emit request/first-token/chunk/finish/error events here. */
  events: SamusEvents;
  /** The kernel's environment view (read-only). */
  env: EnvSource;
}

/** The part of a plugin that does the work; lazy plugins import it on first use. */
export interface PluginImplementation {
  createContentGenerator(config: ContentGeneratorConfig, context: PluginContext): ContentGenerator | Promise<ContentGenerator>;
}

/** A provider plugin: metadata the kernel checks at registration, plus an eager or lazy implementation. */
export interface SamusPlugin {
  /** Unique id, e.g. `ollama`. */
  id: string;
  /** Must equal the kernel's {@link SPECIFICATION_VERSION}. */
  specificationVersion: string;
  /** Auth type ids this plugin creates generators for. */
  authTypes: readonly string[];
  /** Ids of plugins that must be registered before this one. */
  dependsOn?: readonly string[];
  /** Config resolution per auth type, for auth types the kernel has no built-in spec for (or to override it). */
  configSpecs?: Readonly<Record<string, ConfigSpec>>;
  /** Eager implementation. */
  createContentGenerator?: PluginImplementation['createContentGenerator'];
  /** Lazy implementation: imported on first use only, e.g. `() => import('./ollama-implementation.js')`. */
  load?: () => Promise<PluginImplementation | { default: PluginImplementation }>;
}

/** Identity helper that gives plugin literals their type. */
export function definePlugin<T extends SamusPlugin>(plugin: T): T {
  return plugin;
}
