import type { ContentGenerator } from './content-generator.js';
import {
  createAdminConfig,
  createContentGeneratorConfig,
  type AdminConfigOptions,
  type ContentGeneratorConfig,
  type ContentGeneratorConfigOptions,
  type EnvSource,
} from './content-generator-config.js';
import { BUILTIN_CONFIG_SPECS } from './config-spec.js';
import { SamusEvents } from './events.js';
import { SamusError } from './samus-error.js';
import type { ProviderAdmin } from './provider-admin.js';
import { ADMIN_CAPABILITIES, SPECIFICATION_VERSION, type PluginImplementation, type SamusPlugin, type ServerFingerprint } from './samus-plugin.js';

/** Options of {@link createKernel}. */
export interface KernelOptions {
  /** Environment to read configuration from (default `process.env`; never written). */
  env?: EnvSource;
  /** Event bus to use (default: a new one). */
  events?: SamusEvents;
}

/** The plugin registry and generator factory. */
export interface Kernel {
  readonly events: SamusEvents;
  readonly env: EnvSource;
  /** Registers a plugin; refuses a wrong spec version (a `v1` plugin included), a duplicate id or a missing dependency. */
  register(plugin: SamusPlugin): Kernel;
  has(id: string): boolean;
  /** The registered plugins, in registration order. */
  plugins(): readonly SamusPlugin[];
  /** The plugin registered under `id`, if any. */
  plugin(id: string): SamusPlugin | undefined;
  /** The plugin that serves `authType`, if any. */
  pluginFor(authType: string): SamusPlugin | undefined;
  /**
   * The admin surface of the server of `authType` (models, health, and pull / load / unload / delete / ps where the
   * plugin's capabilities say so). The base URL and key resolve like a generator's: option > the plugin's variables >
   * its default. A plugin without an admin is `SAMUS_ERR_CAPABILITY_MISSING`.
   */
  createAdmin(authType: string, options?: AdminConfigOptions): Promise<ProviderAdmin>;
  /**
   * Asks plugin `id` whether its server answers at `url` (see `PluginImplementation.fingerprint`). A plugin that
   * cannot fingerprint resolves `undefined`.
   */
  fingerprint(id: string, url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined>;
  /**
   * Plugin `id`'s implementation, imported now (once) when lazy: tells which of `createAdmin` / `fingerprint` it has,
   * and lets a caller load it before timing probes.
   */
  implementation(id: string): Promise<PluginImplementation>;
  /** `createContentGeneratorConfig` with the kernel's env and the serving plugin's config spec. */
  createContentGeneratorConfig(authType: string, options?: ContentGeneratorConfigOptions): ContentGeneratorConfig;
  /** Creates a generator through the plugin registered for `config.authType` (importing a lazy plugin once). */
  createContentGenerator(config: ContentGeneratorConfig): Promise<ContentGenerator>;
}

/** Creates an empty kernel. */
export function createKernel(options: KernelOptions = {}): Kernel {
  const env: EnvSource = options.env ?? process.env;
  const events = options.events ?? new SamusEvents();
  const plugins = new Map<string, SamusPlugin>();
  const byAuthType = new Map<string, SamusPlugin>();
  const implementations = new Map<string, Promise<PluginImplementation>>();
  const notRegistered = (authType: string): SamusError =>
    new SamusError('SAMUS_ERR_PLUGIN_NOT_REGISTERED', `No registered plugin serves auth type "${authType}"`, {
      details: { authType, registered: [...byAuthType.keys()] },
    });
  const unknownPlugin = (id: string): SamusError =>
    new SamusError('SAMUS_ERR_PLUGIN_NOT_REGISTERED', `No plugin with id "${id}" is registered`, { details: { plugin: id, registered: [...plugins.keys()] } });

  function loadImplementation(plugin: SamusPlugin): Promise<PluginImplementation> {
    let pending = implementations.get(plugin.id);
    if (!pending) {
      if (plugin.createContentGenerator && !plugin.load) {
        pending = Promise.resolve({ createContentGenerator: plugin.createContentGenerator });
      } else if (plugin.load) {
        pending = plugin.load().then(
          (module) => {
            const loaded = 'default' in module ? module.default : module;
            const implementation =
              plugin.createContentGenerator && typeof loaded?.createContentGenerator !== 'function' ? { ...loaded, createContentGenerator: plugin.createContentGenerator } : loaded;
            if (typeof implementation?.createContentGenerator !== 'function') {
              throw new SamusError('SAMUS_ERR_PLUGIN_LOAD', `Plugin "${plugin.id}" loaded a module without createContentGenerator()`);
            }
            return implementation;
          },
          (error: unknown) => {
            implementations.delete(plugin.id);
            throw SamusError.is(error)
              ? error
              : new SamusError('SAMUS_ERR_PLUGIN_LOAD', `Plugin "${plugin.id}" failed to load: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          },
        );
      } else {
        pending = Promise.reject(
          new SamusError('SAMUS_ERR_PLUGIN_LOAD', `Plugin "${plugin.id}" has neither createContentGenerator nor load`),
        );
      }
      implementations.set(plugin.id, pending);
    }
    return pending;
  }

  const kernel: Kernel = {
    events,
    env,
    register(plugin) {
      const actual: unknown = (plugin as { specificationVersion?: unknown }).specificationVersion;
      if (actual !== SPECIFICATION_VERSION) {
        const v1 = actual === 'v1';
        throw new SamusError(
          'SAMUS_ERR_PLUGIN_SPEC_VERSION',
          `Plugin "${plugin.id}" implements specification ${JSON.stringify(actual)}, this kernel implements "${SPECIFICATION_VERSION}"`,
          {
            ...(v1
              ? {
                  hint: `Plugin "${plugin.id}" was built for the v1 plugin spec: upgrade its package to one built for @samus/kernel with spec v2 (config spec, capabilities, createAdmin and fingerprint).`,
                }
              : {}),
            details: { plugin: plugin.id, expected: SPECIFICATION_VERSION, actual },
          },
        );
      }
      if (plugins.has(plugin.id)) {
        throw new SamusError('SAMUS_ERR_PLUGIN_DUPLICATE', `A plugin with id "${plugin.id}" is already registered`, {
          details: { plugin: plugin.id },
        });
      }
      const missing = (plugin.dependsOn ?? []).filter((id) => !plugins.has(id));
      if (missing.length > 0) {
        throw new SamusError(
          'SAMUS_ERR_PLUGIN_DEPENDENCY',
          `Plugin "${plugin.id}" depends on ${missing.map((id) => `"${id}"`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not registered`,
          { details: { plugin: plugin.id, missing } },
        );
      }
      for (const authType of plugin.authTypes) {
        const owner = byAuthType.get(authType);
        if (owner) {
          throw new SamusError('SAMUS_ERR_PLUGIN_DUPLICATE', `Auth type "${authType}" is already served by plugin "${owner.id}"`, {
            details: { plugin: plugin.id, authType, owner: owner.id },
          });
        }
      }
      plugins.set(plugin.id, plugin);
      for (const authType of plugin.authTypes) byAuthType.set(authType, plugin);
      return kernel;
    },
    has: (id) => plugins.has(id),
    plugins: () => [...plugins.values()],
    plugin: (id) => plugins.get(id),
    pluginFor: (authType) => byAuthType.get(authType),
    createContentGeneratorConfig(authType, configOptions = {}) {
      const spec = configOptions.spec ?? byAuthType.get(authType)?.configSpecs?.[authType];
      if (!spec && !byAuthType.has(authType) && !BUILTIN_CONFIG_SPECS[authType]) throw notRegistered(authType);
      return createContentGeneratorConfig(authType, { env, ...configOptions, ...(spec ? { spec } : {}) });
    },
    async createAdmin(authType, adminOptions = {}) {
      const plugin = byAuthType.get(authType);
      if (!plugin) throw notRegistered(authType);
      const spec = adminOptions.spec ?? plugin.configSpecs?.[authType];
      const config = createAdminConfig(authType, { env, ...adminOptions, ...(spec ? { spec } : {}) });
      const implementation = await loadImplementation(plugin);
      if (!implementation.createAdmin) {
        throw new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `Plugin "${plugin.id}" has no admin surface (models, health, pull…)`, {
          hint: `Use another provider for model management, or manage the ${plugin.displayName ?? plugin.id} server with its own tools.`,
          details: { plugin: plugin.id, authType },
        });
      }
      const admin = await implementation.createAdmin(config, { events, env });
      const capabilities = plugin.capabilities ?? {};
      // The capabilities record is what discovery, the CLI and the contracts read: it must not promise a missing method.
      const missing = Object.entries(ADMIN_CAPABILITIES)
        .filter(([capability, method]) => capabilities[capability as keyof typeof ADMIN_CAPABILITIES] === true && typeof admin[method] !== 'function')
        .map(([, method]) => method);
      if (missing.length > 0) {
        throw new SamusError('SAMUS_ERR_PLUGIN_LOAD', `Plugin "${plugin.id}" declares admin capabilities its admin lacks: ${missing.join(', ')}`, {
          details: { plugin: plugin.id, missing },
        });
      }
      return admin;
    },
    async implementation(id) {
      const plugin = plugins.get(id);
      if (!plugin) throw unknownPlugin(id);
      return loadImplementation(plugin);
    },
    async fingerprint(id, url, signal) {
      const plugin = plugins.get(id);
      if (!plugin) throw unknownPlugin(id);
      if (!plugin.load) return undefined;
      const implementation = await loadImplementation(plugin);
      return implementation.fingerprint ? implementation.fingerprint(url, signal) : undefined;
    },
    async createContentGenerator(config) {
      const plugin = byAuthType.get(config.authType);
      if (!plugin) throw notRegistered(config.authType);
      const implementation = await loadImplementation(plugin);
      return implementation.createContentGenerator(config, { events, env });
    },
  };
  return kernel;
}
