import { describe, expect, it } from 'vitest';
import { createGenerateContentResponse, type ContentGenerator } from './content-generator.js';
import { AuthType } from './auth-type.js';
import { createKernel } from './kernel.js';
import { SamusError } from './samus-error.js';
import type { ProviderAdmin } from './provider-admin.js';
import { definePlugin, SPECIFICATION_VERSION, type PluginImplementation, type SamusPlugin } from './samus-plugin.js';

function fakeGenerator(label: string): ContentGenerator {
  return {
    generateContent: async () => createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text: label }] } }] }),
    generateContentStream: async () =>
      (async function* () {
        yield createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text: label }] } }] });
      })(),
    countTokens: async () => ({ totalTokens: 1 }),
    embedContent: async () => ({ embeddings: [{ values: [1] }] }),
  };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return SamusError.is(error) ? error.code : 'not a SamusError';
  }
  return undefined;
}

describe('createKernel().register', () => {
  it('refuses a plugin built for another specification version', () => {
    const kernel = createKernel({ env: {} });
    const plugin = { id: 'x', specificationVersion: 'v0', authTypes: ['x'], createContentGenerator: () => fakeGenerator('x') } as unknown as SamusPlugin;
    expect(codeOf(() => kernel.register(plugin))).toBe('SAMUS_ERR_PLUGIN_SPEC_VERSION');
    expect(kernel.has('x')).toBe(false);
  });

  it('refuses a v1 plugin with a hint that says what v2 needs', () => {
    const kernel = createKernel({ env: {} });
    const v1 = { id: 'old', specificationVersion: 'v1', authTypes: ['old'], createContentGenerator: () => fakeGenerator('old') };
    // @ts-expect-error: the spec version is a literal type, so a v1 plugin does not even type-check.
    const failure = (() => { try { kernel.register(v1); } catch (error) { return error; } return undefined; })();
    expect(SamusError.is(failure, 'SAMUS_ERR_PLUGIN_SPEC_VERSION')).toBe(true);
    expect((failure as SamusError).message).toBe('Plugin "old" implements specification "v1", this kernel implements "v2"');
    expect((failure as SamusError).hint).toContain('v2');
    expect((failure as SamusError).details).toEqual({ plugin: 'old', expected: 'v2', actual: 'v1' });
    expect(SPECIFICATION_VERSION).toBe('v2');
    expect(kernel.plugins()).toEqual([]);
  });

  it('refuses a duplicate id and a second plugin for the same auth type', () => {
    const kernel = createKernel({ env: {} });
    const plugin = definePlugin({ id: 'a', specificationVersion: SPECIFICATION_VERSION, authTypes: ['ollama'], createContentGenerator: () => fakeGenerator('a') });
    kernel.register(plugin);
    expect(codeOf(() => kernel.register(plugin))).toBe('SAMUS_ERR_PLUGIN_DUPLICATE');
    expect(codeOf(() => kernel.register({ ...plugin, id: 'b' }))).toBe('SAMUS_ERR_PLUGIN_DUPLICATE');
    expect(kernel.plugins().map((p) => p.id)).toEqual(['a']);
  });

  it('refuses a plugin whose dependencies are missing, and accepts it once they are registered', () => {
    const kernel = createKernel({ env: {} });
    const dependent = { id: 'pool', specificationVersion: SPECIFICATION_VERSION, authTypes: ['samus-pool'], dependsOn: ['ollama'], createContentGenerator: () => fakeGenerator('pool') };
    let caught: unknown;
    try {
      kernel.register(dependent);
    } catch (error) {
      caught = error;
    }
    expect(SamusError.is(caught, 'SAMUS_ERR_PLUGIN_DEPENDENCY')).toBe(true);
    expect((caught as SamusError).details.missing).toEqual(['ollama']);
    kernel.register({ id: 'ollama', specificationVersion: SPECIFICATION_VERSION, authTypes: ['ollama'], createContentGenerator: () => fakeGenerator('o') });
    expect(kernel.register(dependent).has('pool')).toBe(true);
  });
});

describe('createKernel().createContentGenerator', () => {
  it('imports a lazy plugin on first use only, and once', async () => {
    let imports = 0;
    const kernel = createKernel({ env: {} });
    kernel.register({
      id: 'lazy',
      specificationVersion: SPECIFICATION_VERSION,
      authTypes: [AuthType.USE_OLLAMA],
      load: async () => {
        imports += 1;
        const implementation: PluginImplementation = { createContentGenerator: (config) => fakeGenerator(config.model) };
        return { default: implementation };
      },
    });
    expect(imports).toBe(0);
    const config = kernel.createContentGeneratorConfig('ollama', { model: 'gemma3:270m' });
    const [first, second] = await Promise.all([kernel.createContentGenerator(config), kernel.createContentGenerator(config)]);
    expect(imports).toBe(1);
    const response = await first.generateContent({ model: 'gemma3:270m', contents: 'hi' });
    expect(response.text).toBe('gemma3:270m');
    expect(second).not.toBe(first);
  });

  it('hands the plugin the kernel event bus and env', async () => {
    const env = { OLLAMA_MODEL: 'm1' };
    const kernel = createKernel({ env });
    let context: unknown;
    kernel.register({
      id: 'o',
      specificationVersion: SPECIFICATION_VERSION,
      authTypes: ['ollama'],
      configSpecs: { ollama: { modelEnv: ['OLLAMA_MODEL'] } },
      createContentGenerator: (_config, pluginContext) => {
        context = pluginContext;
        return fakeGenerator('o');
      },
    });
    const config = kernel.createContentGeneratorConfig('ollama');
    expect(config.model).toBe('m1');
    await kernel.createContentGenerator(config);
    expect(context).toEqual({ events: kernel.events, env });
  });

  it('uses the config spec a plugin brings for its own auth type', () => {
    const kernel = createKernel({ env: { POOL_MODEL: 'from-env' } });
    kernel.register({
      id: 'pool',
      specificationVersion: SPECIFICATION_VERSION,
      authTypes: ['samus-pool'],
      configSpecs: { 'samus-pool': { modelEnv: ['POOL_MODEL'] } },
      createContentGenerator: () => fakeGenerator('pool'),
    });
    expect(kernel.createContentGeneratorConfig('samus-pool').model).toBe('from-env');
  });

  it('says which auth types are served when none serves the requested one', async () => {
    const kernel = createKernel({ env: {} });
    kernel.register({ id: 'o', specificationVersion: SPECIFICATION_VERSION, authTypes: ['ollama'], createContentGenerator: () => fakeGenerator('o') });
    // The kernel has no spec for a provider auth type: only its plugin brings one.
    expect(codeOf(() => kernel.createContentGeneratorConfig('lm-studio'))).toBe('SAMUS_ERR_PLUGIN_NOT_REGISTERED');
    const config = kernel.createContentGeneratorConfig('gemini-api-key', { model: 'gemini-2.5-pro' });
    await expect(kernel.createContentGenerator(config)).rejects.toMatchObject({
      code: 'SAMUS_ERR_PLUGIN_NOT_REGISTERED',
      details: { authType: 'gemini-api-key', registered: ['ollama'] },
    });
    await expect(kernel.createAdmin('lm-studio')).rejects.toMatchObject({
      code: 'SAMUS_ERR_PLUGIN_NOT_REGISTERED',
      details: { authType: 'lm-studio', registered: ['ollama'] },
    });
  });

  it('turns a failing lazy import into SAMUS_ERR_PLUGIN_LOAD and tries again next time', async () => {
    let attempts = 0;
    const kernel = createKernel({ env: {} });
    kernel.register({
      id: 'broken',
      specificationVersion: SPECIFICATION_VERSION,
      authTypes: ['ollama'],
      load: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('Cannot find module "openai"');
        return { createContentGenerator: () => fakeGenerator('ok') };
      },
    });
    const config = kernel.createContentGeneratorConfig('ollama', { model: 'm' });
    const failure = await kernel.createContentGenerator(config).catch((error: unknown) => error);
    expect(SamusError.is(failure, 'SAMUS_ERR_PLUGIN_LOAD')).toBe(true);
    expect((failure as SamusError).cause).toBeInstanceOf(Error);
    await expect(kernel.createContentGenerator(config)).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });

  it('rejects a lazy module without createContentGenerator', async () => {
    const kernel = createKernel({ env: {} });
    kernel.register({ id: 'empty', specificationVersion: SPECIFICATION_VERSION, authTypes: ['ollama'], load: async () => ({}) as PluginImplementation });
    await expect(kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama', { model: 'm' }))).rejects.toMatchObject({ code: 'SAMUS_ERR_PLUGIN_LOAD' });
  });
});

describe('createKernel().createAdmin and fingerprint', () => {
  const admin: ProviderAdmin = {
    listModels: async () => [{ id: 'm', aliases: [], kind: 'chat', capabilities: [], loaded: false }],
    health: async () => ({ ok: true, baseUrl: 'x', latencyMs: 0, warnings: [] }),
    pull: async () => ({ status: 'success' }),
  };

  function adminPlugin(overrides: Partial<SamusPlugin> = {}, implementation: Partial<PluginImplementation> = {}): SamusPlugin {
    return definePlugin({
      id: 'acme',
      specificationVersion: SPECIFICATION_VERSION,
      authTypes: ['acme'],
      configSpecs: { acme: { baseUrlEnv: ['ACME_URL'], apiKeyEnv: ['ACME_KEY'], defaultBaseUrl: 'http://localhost:9000' } },
      capabilities: { modelListing: true, health: true, pull: true },
      load: async () => ({
        createContentGenerator: () => fakeGenerator('acme'),
        createAdmin: (config) => ({ ...admin, config }) as ProviderAdmin,
        fingerprint: async (url) => (url.endsWith(':9000') ? { authRequired: false, apis: ['acme'], version: '1' } : undefined),
        ...implementation,
      }),
      ...overrides,
    });
  }

  it('hands the plugin its resolved base URL and key (option > its variables > its default)', async () => {
    const kernel = createKernel({ env: { ACME_KEY: 'k' } }).register(adminPlugin());
    const created = (await kernel.createAdmin('acme')) as ProviderAdmin & { config: unknown };
    expect(created.config).toMatchObject({ authType: 'acme', baseUrl: 'http://localhost:9000', apiKey: 'k', headers: {} });
    const other = (await kernel.createAdmin('acme', { baseUrl: '127.0.0.1:9100/v1' })) as ProviderAdmin & { config: unknown };
    expect(other.config).toMatchObject({ baseUrl: 'http://127.0.0.1:9100' });
    expect(await created.pull!('m')).toEqual({ status: 'success' });
  });

  it('refuses an admin that lacks a method its capabilities promise, and a plugin without admin', async () => {
    const lying = createKernel({ env: {} }).register(adminPlugin({ capabilities: { modelListing: true, health: true, pull: true, delete: true } }));
    await expect(lying.createAdmin('acme')).rejects.toMatchObject({ code: 'SAMUS_ERR_PLUGIN_LOAD', details: { missing: ['delete'] } });
    const eager = createKernel({ env: {} }).register({ id: 'e', specificationVersion: SPECIFICATION_VERSION, authTypes: ['e'], configSpecs: { e: { defaultBaseUrl: 'http://127.0.0.1:1' } }, createContentGenerator: () => fakeGenerator('e') });
    await expect(eager.createAdmin('e')).rejects.toMatchObject({ code: 'SAMUS_ERR_CAPABILITY_MISSING' });
    expect(await eager.fingerprint('e', 'http://127.0.0.1:1', AbortSignal.timeout(1_000))).toBeUndefined();
  });

  it('fingerprints through the plugin, importing it once', async () => {
    let imports = 0;
    const plugin = adminPlugin();
    const kernel = createKernel({ env: {} }).register({ ...plugin, load: () => ((imports += 1), plugin.load!()) });
    const signal = AbortSignal.timeout(1_000);
    expect(await kernel.fingerprint('acme', 'http://127.0.0.1:9000', signal)).toEqual({ authRequired: false, apis: ['acme'], version: '1' });
    expect(await kernel.fingerprint('acme', 'http://127.0.0.1:9001', signal)).toBeUndefined();
    expect(imports).toBe(1);
    expect(kernel.plugin('acme')?.authTypes).toEqual(['acme']);
  });
});
