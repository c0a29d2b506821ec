import type { ContentGenerator } from './content-generator.js';
import {
  createContentGeneratorConfig,
  type ContentGeneratorConfig,
  type ContentGeneratorConfigOptions,
  type EnvSource,
} from './content-generator-config.js';
import { SamusEvents } from './events.js';
import { SamusError } from './samus-error.js';
import { SPECIFICATION_VERSION, type PluginImplementation, type SamusPlugin } from './samus-plugin.js';

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
  /** Registers a plugin; refuses a wrong spec version, a duplicate id or a missing dependency. */
  register(plugin: SamusPlugin): Kernel;
  has(id: string): boolean;
  plugins(): readonly SamusPlugin[];
  /** The plugin that serves `authType`, if any. */
  pluginFor(authType: string): SamusPlugin | undefined;
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

  function loadImplementation(plugin: SamusPlugin): Promise<PluginImplementation> {
    let pending = implementations.get(plugin.id);
    if (!pending) {
      if (plugin.createContentGenerator) {
        pending = Promise.resolve({ createContentGenerator: plugin.createContentGenerator });
      } else if (plugin.load) {
        pending = plugin.load().then(
          (module) => {
            const implementation = 'default' in module ? module.default : module;
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
      if (plugin.specificationVersion !== SPECIFICATION_VERSION) {
        throw new SamusError(
          'SAMUS_ERR_PLUGIN_SPEC_VERSION',
          `Plugin "${plugin.id}" implements specification ${JSON.stringify(plugin.specificationVersion)}, this kernel implements "${SPECIFICATION_VERSION}"`,
          { details: { plugin: plugin.id, expected: SPECIFICATION_VERSION, actual: plugin.specificationVersion } },
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
    pluginFor: (authType) => byAuthType.get(authType),
    createContentGeneratorConfig(authType, configOptions = {}) {
      const spec = configOptions.spec ?? byAuthType.get(authType)?.configSpecs?.[authType];
      return createContentGeneratorConfig(authType, { env, ...configOptions, ...(spec ? { spec } : {}) });
    },
    async createContentGenerator(config) {
      const plugin = byAuthType.get(config.authType);
      if (!plugin) {
        throw new SamusError('SAMUS_ERR_PLUGIN_NOT_REGISTERED', `No registered plugin serves auth type "${config.authType}"`, {
          details: { authType: config.authType, registered: [...byAuthType.keys()] },
        });
      }
      const implementation = await loadImplementation(plugin);
      return implementation.createContentGenerator(config, { events, env });
    },
  };
  return kernel;
}
