import { describe, expect, it } from 'vitest';
import type { ConfigSpec } from './config-spec.js';
import { createAdminConfig, createContentGeneratorConfig as resolveConfig, DEFAULT_TIMEOUTS, type ContentGeneratorConfigOptions } from './content-generator-config.js';
import { SamusError } from './samus-error.js';

/**
 * Specs shaped like the ones the provider plugins bring (the kernel has none of its own for them): these tests are
 * about the resolution rules; each provider package tests its real spec through `kernel.createContentGeneratorConfig`.
 */
const SPECS: Record<string, ConfigSpec> = {
  ollama: {
    baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    modelEnv: ['OLLAMA_MODEL'],
    utilityModelEnv: ['OLLAMA_UTILITY_MODEL'],
    providerOptionsEnv: {
      numCtx: { env: ['OLLAMA_CONTEXT_LENGTH'], kind: 'positive-integer', hint: 'Set OLLAMA_CONTEXT_LENGTH to a number of tokens such as 8192.' },
      keepAlive: { env: ['OLLAMA_KEEP_ALIVE'], kind: 'duration', hint: 'Set OLLAMA_KEEP_ALIVE to a duration with a unit ("30s", "5m", "1h").' },
    },
    defaultBaseUrl: 'http://localhost:11434',
    defaultModel: 'llama3',
    defaultPort: 11434,
    requiresBaseUrl: true,
  },
  'lm-studio': {
    baseUrlEnv: ['LM_STUDIO_BASE_URL'],
    modelEnv: ['LM_STUDIO_MODEL'],
    utilityModelEnv: ['LM_STUDIO_UTILITY_MODEL'],
    apiKeyEnv: ['LM_API_TOKEN'],
    defaultBaseUrl: 'http://localhost:1234',
    defaultModel: 'local-model',
    defaultPort: 1234,
    requiresBaseUrl: true,
  },
  openai: {
    baseUrlEnv: ['OPENAI_BASE_URL'],
    modelEnv: ['OPENAI_MODEL'],
    utilityModelEnv: ['OPENAI_UTILITY_MODEL'],
    apiKeyEnv: ['OPENAI_API_KEY'],
    defaultPort: 80,
    requiresBaseUrl: true,
  },
};

function createContentGeneratorConfig(authType: string, options: ContentGeneratorConfigOptions = {}) {
  return resolveConfig(authType, { ...(SPECS[authType] ? { spec: SPECS[authType] } : {}), ...options });
}

function failure(run: () => unknown): SamusError {
  try {
    run();
  } catch (error) {
    if (SamusError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SamusError');
}

describe('createContentGeneratorConfig', () => {
  it('falls back to the documented defaults for ollama and lm-studio', () => {
    expect(createContentGeneratorConfig('ollama', { env: {} })).toMatchObject({
      authType: 'ollama',
      model: 'llama3',
      baseUrl: 'http://localhost:11434',
      timeouts: DEFAULT_TIMEOUTS,
      maxRetries: 2,
      sources: { model: 'default', baseUrl: 'default', apiKey: undefined },
    });
    const lmStudio = createContentGeneratorConfig('lm-studio', { env: {} });
    expect(lmStudio).toMatchObject({ model: 'local-model', baseUrl: 'http://localhost:1234' });
    expect(lmStudio).not.toHaveProperty('apiKey');
  });

  it('prefers an explicit option over the environment over the default', () => {
    const env = { OLLAMA_MODEL: 'qwen3:4b', OLLAMA_BASE_URL: 'http://127.0.0.1:9999/v1/' };
    expect(createContentGeneratorConfig('ollama', { env })).toMatchObject({
      model: 'qwen3:4b',
      baseUrl: 'http://127.0.0.1:9999',
      sources: { model: 'env:OLLAMA_MODEL', baseUrl: 'env:OLLAMA_BASE_URL' },
    });
    expect(createContentGeneratorConfig('ollama', { env, model: 'gemma3:270m', baseUrl: 'http://[::1]:11434' })).toMatchObject({
      model: 'gemma3:270m',
      baseUrl: 'http://[::1]:11434',
      sources: { model: 'option', baseUrl: 'option' },
    });
  });

  it('reads OLLAMA_HOST in its listen-address forms when OLLAMA_BASE_URL is unset', () => {
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: '0.0.0.0' } }).baseUrl).toBe('http://127.0.0.1:11434');
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: ':11500' } }).baseUrl).toBe('http://127.0.0.1:11500');
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: 'gpu-box' } }).baseUrl).toBe('http://gpu-box:11434');
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: 'https://ollama.test' } }).baseUrl).toBe('https://ollama.test');
    expect(
      createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: ':1', OLLAMA_BASE_URL: 'http://127.0.0.1:2' } }).sources.baseUrl,
    ).toBe('env:OLLAMA_BASE_URL');
  });

  it('takes LM_API_TOKEN and OPENAI_API_KEY as keys and records only where they came from', () => {
    const config = createContentGeneratorConfig('lm-studio', { env: { LM_API_TOKEN: 'sk-lm-abc:def' } });
    expect(config.apiKey).toBe('sk-lm-abc:def');
    expect(config.sources.apiKey).toBe('env:LM_API_TOKEN');
    expect(JSON.stringify(config.sources)).not.toContain('sk-lm');
  });

  it('treats empty variables as unset', () => {
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_MODEL: '  ', OLLAMA_BASE_URL: '' } })).toMatchObject({
      model: 'llama3',
      baseUrl: 'http://localhost:11434',
    });
  });

  it('reports every bad field at once, each with the variable it came from, without echoing secrets', () => {
    const error = failure(() =>
      createContentGeneratorConfig('openai', {
        env: { OPENAI_BASE_URL: 'ftp://nope', OPENAI_API_KEY: 'sk-secret-value' },
        timeouts: { firstByteMs: -1 },
        maxRetries: 99,
      }),
    );
    expect(error.code).toBe('SAMUS_ERR_INVALID_CONFIG');
    expect(error.message).toContain('baseUrl (from OPENAI_BASE_URL)');
    expect(error.message).toContain('model is required for "openai"');
    expect(error.message).toContain('OPENAI_MODEL');
    expect(error.message).toContain('timeouts.firstByteMs');
    expect(error.message).toContain('maxRetries');
    expect(error.message).not.toContain('sk-secret-value');
    expect((error.details.problems as string[]).length).toBe(4);
  });

  it('names a malformed OLLAMA_HOST', () => {
    const error = failure(() => createContentGeneratorConfig('ollama', { env: { OLLAMA_HOST: 'localhost:port' } }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_CONFIG');
    expect(error.message).toContain('baseUrl (from OLLAMA_HOST)');
  });

  it('uses a spec passed by a plugin for an auth type the kernel does not know', () => {
    const config = createContentGeneratorConfig('samus-pool', {
      env: { POOL_MODEL: 'm' },
      spec: { modelEnv: ['POOL_MODEL'], defaultBaseUrl: 'http://127.0.0.1:1' },
    });
    expect(config).toMatchObject({ authType: 'samus-pool', model: 'm', baseUrl: 'http://127.0.0.1:1' });
  });

  it('never writes process.env and reads only the injected env when one is given', () => {
    const before = { ...process.env };
    const name = 'OLLAMA_MODEL';
    const saved = process.env[name];
    const reads: string[] = [];
    const env = new Proxy({ OLLAMA_MODEL: 'from-injected' } as Record<string, string | undefined>, {
      get(target, key) {
        reads.push(String(key));
        return target[String(key)];
      },
      set() {
        throw new Error('the env must not be written');
      },
    });
    const config = createContentGeneratorConfig('ollama', { env, model: undefined });
    expect(config.model).toBe('from-injected');
    expect(reads).toEqual(expect.arrayContaining(['OLLAMA_MODEL', 'OLLAMA_BASE_URL', 'OLLAMA_HOST']));
    expect(process.env).toEqual(before);
    expect(process.env[name]).toBe(saved);
  });
});

describe('createContentGeneratorConfig without a spec', () => {
  it('knows no provider variables of its own: only the Gemini-side auth types have built-in specs', () => {
    expect(() => resolveConfig('ollama', { env: { OLLAMA_MODEL: 'm' } })).toThrow(/model is required/);
    expect(resolveConfig('gemini-api-key', { env: { GEMINI_MODEL: 'gemini-2.5-pro', GEMINI_API_KEY: 'k' } })).toMatchObject({ model: 'gemini-2.5-pro', apiKey: 'k' });
  });
});

describe('createAdminConfig', () => {
  it('resolves base URL and key like a generator config, with no model', () => {
    const config = createAdminConfig('lm-studio', { spec: SPECS['lm-studio']!, env: { LM_STUDIO_BASE_URL: 'localhost:7001/v1', LM_API_TOKEN: 't' } });
    expect(config).toEqual({ authType: 'lm-studio', baseUrl: 'http://localhost:7001', apiKey: 't', headers: {}, timeouts: DEFAULT_TIMEOUTS });
    expect(createAdminConfig('ollama', { spec: SPECS.ollama!, env: {}, baseUrl: '0.0.0.0:5' }).baseUrl).toBe('http://127.0.0.1:5');
  });

  it('requires a base URL and names where a bad one came from', () => {
    expect(failure(() => createAdminConfig('openai', { spec: SPECS.openai!, env: {} })).message).toContain('baseUrl is required for "openai"');
    expect(failure(() => createAdminConfig('ollama', { spec: SPECS.ollama!, env: { OLLAMA_HOST: 'ftp://x' } })).message).toContain('baseUrl (from OLLAMA_HOST)');
  });
});

describe('createContentGeneratorConfig: utility model, request-model mode and provider options from the environment', () => {
  it('reads the utility model per auth type; an option beats the variable', () => {
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_UTILITY_MODEL: 'qwen3:0.6b' } })).toMatchObject({
      utilityModel: 'qwen3:0.6b',
      sources: { utilityModel: 'env:OLLAMA_UTILITY_MODEL' },
    });
    expect(createContentGeneratorConfig('lm-studio', { env: { LM_STUDIO_UTILITY_MODEL: 'qwen2.5-0.5b' } }).utilityModel).toBe('qwen2.5-0.5b');
    expect(
      createContentGeneratorConfig('openai', { env: { OPENAI_BASE_URL: 'http://127.0.0.1:8080', OPENAI_MODEL: 'big', OPENAI_UTILITY_MODEL: 'small' } }).utilityModel,
    ).toBe('small');
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_UTILITY_MODEL: 'a' }, utilityModel: 'b' })).toMatchObject({
      utilityModel: 'b',
      sources: { utilityModel: 'option' },
    });
    const none = createContentGeneratorConfig('ollama', { env: {} });
    expect(none).not.toHaveProperty('utilityModel');
    expect(none.sources.utilityModel).toBeUndefined();
  });

  it('defaults requestModel to auto and validates a given mode', () => {
    expect(createContentGeneratorConfig('ollama', { env: {} }).requestModel).toBe('auto');
    expect(createContentGeneratorConfig('ollama', { env: {}, requestModel: 'configured' }).requestModel).toBe('configured');
    const error = failure(() => createContentGeneratorConfig('ollama', { env: {}, requestModel: 'always' as never }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_CONFIG');
    expect(error.message).toContain('requestModel');
  });

  it('fills Ollama numCtx from OLLAMA_CONTEXT_LENGTH and keepAlive from OLLAMA_KEEP_ALIVE (Ollama\'s own formats)', () => {
    const config = createContentGeneratorConfig('ollama', { env: { OLLAMA_CONTEXT_LENGTH: '16384', OLLAMA_KEEP_ALIVE: '10m' } });
    expect(config.providerOptions).toEqual({ numCtx: 16384, keepAlive: '10m' });
    expect(config.sources.providerOptions).toEqual({ numCtx: 'env:OLLAMA_CONTEXT_LENGTH', keepAlive: 'env:OLLAMA_KEEP_ALIVE' });
    // A whole number is seconds, as for Ollama's OLLAMA_KEEP_ALIVE; negative keeps the model loaded.
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_KEEP_ALIVE: '3600' } }).providerOptions).toEqual({ keepAlive: 3600 });
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_KEEP_ALIVE: '-1' } }).providerOptions).toEqual({ keepAlive: -1 });
    expect(createContentGeneratorConfig('ollama', { env: { OLLAMA_KEEP_ALIVE: '1h30m' } }).providerOptions).toEqual({ keepAlive: '1h30m' });
    expect(createContentGeneratorConfig('ollama', { env: {} }).providerOptions).toEqual({});
    // Other auth types do not read Ollama's variables.
    expect(createContentGeneratorConfig('lm-studio', { env: { OLLAMA_CONTEXT_LENGTH: '16384' } }).providerOptions).toEqual({});
  });

  it('prefers explicit providerOptions over the variables', () => {
    const config = createContentGeneratorConfig('ollama', {
      env: { OLLAMA_CONTEXT_LENGTH: 'not checked when an option is given', OLLAMA_KEEP_ALIVE: '10m' },
      providerOptions: { numCtx: 2048, keepAlive: '1m', think: false },
    });
    expect(config.providerOptions).toEqual({ numCtx: 2048, keepAlive: '1m', think: false });
    expect(config.sources.providerOptions).toBeUndefined();
  });

  it('names a bad variable in a coded error with a one-line hint, without echoing its value', () => {
    const error = failure(() => createContentGeneratorConfig('ollama', { env: { OLLAMA_CONTEXT_LENGTH: '8k-tokens' } }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_CONFIG');
    expect(error.message).toContain('providerOptions.numCtx (from OLLAMA_CONTEXT_LENGTH)');
    expect(error.message).not.toContain('8k-tokens');
    expect(error.hint).toContain('OLLAMA_CONTEXT_LENGTH');
    expect(error.hint).not.toContain('\n');
    for (const bad of ['0', '-5', '1.5']) {
      expect(failure(() => createContentGeneratorConfig('ollama', { env: { OLLAMA_CONTEXT_LENGTH: bad } })).code).toBe('SAMUS_ERR_INVALID_CONFIG');
    }
    const keepAlive = failure(() => createContentGeneratorConfig('ollama', { env: { OLLAMA_KEEP_ALIVE: '10 minutes' } }));
    expect(keepAlive.message).toContain('providerOptions.keepAlive (from OLLAMA_KEEP_ALIVE)');
    expect(keepAlive.hint).toContain('OLLAMA_KEEP_ALIVE');
    // Two bad variables: both listed, the generic hint.
    const both = failure(() => createContentGeneratorConfig('ollama', { env: { OLLAMA_KEEP_ALIVE: 'soon', OLLAMA_CONTEXT_LENGTH: 'big' } }));
    expect(both.details.problems).toHaveLength(2);
  });

  it('never writes the environment it reads the new variables from', () => {
    const env = Object.freeze({ OLLAMA_CONTEXT_LENGTH: '8192', OLLAMA_KEEP_ALIVE: '5m', OLLAMA_UTILITY_MODEL: 'u' });
    const config = createContentGeneratorConfig('ollama', { env });
    expect(config).toMatchObject({ utilityModel: 'u', providerOptions: { numCtx: 8192, keepAlive: '5m' } });
    expect(env).toEqual({ OLLAMA_CONTEXT_LENGTH: '8192', OLLAMA_KEEP_ALIVE: '5m', OLLAMA_UTILITY_MODEL: 'u' });
  });
});
