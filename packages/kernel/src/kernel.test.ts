import { describe, expect, it } from 'vitest';
import { createGenerateContentResponse, type ContentGenerator } from './content-generator.js';
import { AuthType } from './auth-type.js';
import { createKernel } from './kernel.js';
import { SamusError } from './samus-error.js';
import { definePlugin, SPECIFICATION_VERSION, type PluginImplementation } from './samus-plugin.js';

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
    expect(codeOf(() => kernel.register({ id: 'x', specificationVersion: 'v0', authTypes: ['x'], createContentGenerator: () => fakeGenerator('x') }))).toBe(
      'SAMUS_ERR_PLUGIN_SPEC_VERSION',
    );
    expect(kernel.has('x')).toBe(false);
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
    const config = kernel.createContentGeneratorConfig('lm-studio');
    await expect(kernel.createContentGenerator(config)).rejects.toMatchObject({
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
    const config = kernel.createContentGeneratorConfig('ollama');
    const failure = await kernel.createContentGenerator(config).catch((error: unknown) => error);
    expect(SamusError.is(failure, 'SAMUS_ERR_PLUGIN_LOAD')).toBe(true);
    expect((failure as SamusError).cause).toBeInstanceOf(Error);
    await expect(kernel.createContentGenerator(config)).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });

  it('rejects a lazy module without createContentGenerator', async () => {
    const kernel = createKernel({ env: {} });
    kernel.register({ id: 'empty', specificationVersion: SPECIFICATION_VERSION, authTypes: ['ollama'], load: async () => ({}) as PluginImplementation });
    await expect(kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama'))).rejects.toMatchObject({ code: 'SAMUS_ERR_PLUGIN_LOAD' });
  });
});
