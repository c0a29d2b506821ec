import { createDiscovery, createPoolPlugin, pickChatModel, POOL_AUTH_TYPE } from '@samus/discovery';
import { createKernel, SamusError, type EnvSource, type Kernel, type TimeoutConfig } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { llamaCppPlugin } from '@samus/provider-llamacpp';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { HostContentGenerator } from './host-content-generator.js';

/**
 * The local backends of the default kernel; `auto` finds a running server (Ollama, LM Studio, llama.cpp,
 * OpenAI-compatible). With your own `kernel`, every auth type its plugins serve is accepted.
 */
export const HOST_AUTH_TYPES = ['ollama', 'lm-studio', 'llama-cpp', 'openai', 'auto'] as const;
export type HostAuthType = (typeof HOST_AUTH_TYPES)[number];

/** Options of {@link createHostContentGenerator}; each beats its environment variable. */
export interface HostContentGeneratorOptions {
  /** Backend: `ollama`, `lm-studio`, `llama-cpp`, `openai` or `auto` (default: `SAMUS_AUTH_TYPE`, else `auto`). */
  authType?: string;
  /** The model answering main turns and every request that names a hosted model (`OLLAMA_MODEL`, `LM_STUDIO_MODEL`, `OPENAI_MODEL`, `SAMUS_MODEL` for `auto`). */
  model?: string;
  /** The model for the host's utility calls: compression, routing, loop and next-speaker checks, edit fixes (`OLLAMA_UTILITY_MODEL`, …). */
  utilityModel?: string;
  /** Server address (`OLLAMA_BASE_URL` / `OLLAMA_HOST`, `LM_STUDIO_BASE_URL`, `OPENAI_BASE_URL`). */
  baseUrl?: string;
  /** API key or token (`LM_API_TOKEN`, `OPENAI_API_KEY`); sent only to the configured server. */
  apiKey?: string;
  /**
   * Our retries before the first token. Default `0`: the host's own `retryWithBackoff` retries (it reads
   * `status` and socket codes), so every host attempt is exactly one request.
   */
  maxRetries?: number;
  timeouts?: Partial<TimeoutConfig>;
  headers?: Record<string, string>;
  /** Provider settings, e.g. Ollama `{ numCtx: 32768, keepAlive: '30m' }`. */
  providerOptions?: Record<string, unknown>;
  /** Environment to read instead of `process.env` (never written). */
  env?: EnvSource;
  /** A kernel with your own plugins (default: one with the Ollama, LM Studio, llama.cpp and OpenAI-compatible plugins). */
  kernel?: Kernel;
}

function defaultKernel(env: EnvSource): Kernel {
  return createKernel({ env }).register(ollamaPlugin).register(lmStudioPlugin).register(llamaCppPlugin).register(openaiPlugin);
}

/** The auth type asked for, one the kernel's plugins serve (or `auto`). */
function resolveAuthType(options: HostContentGeneratorOptions, env: EnvSource, kernel: Kernel): string {
  const value = options.authType ?? env.SAMUS_AUTH_TYPE ?? 'auto';
  const allowed = [...kernel.plugins().flatMap((plugin) => plugin.authTypes), 'auto'];
  if (allowed.includes(value)) return value;
  const from = options.authType === undefined ? 'SAMUS_AUTH_TYPE' : 'the authType option';
  throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `Unknown auth type "${value}" (from ${from})`, {
    hint: `Set ${from} to one of ${allowed.join(', ')}.`,
    details: { field: 'authType', value, allowed },
  });
}

/**
 * One call from env or options to a generator a gemini-cli-core host (0.61.0 and its forks) can run on:
 * `generateContentStream` resolves to the stream, sub-calls naming `gemini-*` models are answered by the configured
 * (or utility) model, `includeThoughts` never forces reasoning, upper-case Gemini schemas are lowered, failures carry
 * `status` / socket codes for the host's retries, and {@link HostContentGenerator.getContextWindow} tells the window.
 *
 * @example
 * const generator = await createHostContentGenerator({ authType: 'ollama', model: 'qwen3:8b' });
 * const response = await generator.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }, 'prompt-1', 'main');
 */
export async function createHostContentGenerator(options: HostContentGeneratorOptions = {}): Promise<HostContentGenerator> {
  const env = options.env ?? process.env;
  const kernel = options.kernel ?? defaultKernel(env);
  const authType = resolveAuthType(options, env, kernel);
  const shared = {
    maxRetries: options.maxRetries ?? 0,
    ...(options.utilityModel === undefined ? {} : { utilityModel: options.utilityModel }),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
  };
  if (authType !== 'auto') {
    const config = kernel.createContentGeneratorConfig(authType, {
      ...shared,
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    });
    const inner = await kernel.createContentGenerator(config);
    return new HostContentGenerator({ inner, authType, model: config.model, events: kernel.events, ...(config.utilityModel ? { utilityModel: config.utilityModel } : {}) });
  }

  const discovery = createDiscovery({ kernel, env, ...(options.baseUrl ? { hosts: [options.baseUrl] } : {}) });
  try {
    await discovery.refresh();
    if (discovery.servers().length === 0) {
      throw new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'No local LLM server found', {
        hint: 'Start Ollama (`ollama serve`) or LM Studio (`lms server start`), or set SAMUS_AUTH_TYPE with OLLAMA_HOST / LM_STUDIO_BASE_URL / OPENAI_BASE_URL; `samus discover` shows what is probed.',
      });
    }
    const model = options.model ?? env.SAMUS_MODEL ?? pickChatModel(discovery.catalogue.models());
    if (model === undefined) {
      throw new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', 'The local servers found have no chat model', {
        hint: 'Download one with `samus pull gemma3:270m` (Ollama) or set SAMUS_MODEL.',
      });
    }
    kernel.register(createPoolPlugin(discovery));
    const config = kernel.createContentGeneratorConfig(POOL_AUTH_TYPE, { ...shared, model });
    const inner = await kernel.createContentGenerator(config);
    return new HostContentGenerator({ inner, authType: POOL_AUTH_TYPE, model, events: kernel.events, ...(config.utilityModel ? { utilityModel: config.utilityModel } : {}), close: () => discovery.close() });
  } catch (error) {
    discovery.close();
    throw error;
  }
}
