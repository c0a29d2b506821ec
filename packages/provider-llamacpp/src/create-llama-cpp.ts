import { createContentGeneratorConfig, type ContentGeneratorConfigOptions, type SamusEvents } from '@samus/kernel';
import { LLAMA_CPP_AUTH_TYPE, LLAMA_CPP_CONFIG_SPEC } from './llama-cpp-config-spec.js';
import { LlamaCppContentGenerator } from './llama-cpp-content-generator.js';

/** Settings of the llama.cpp provider (`providerOptions`). */
export interface LlamaCppProviderOptions {
  /**
   * Count every request's prompt exactly (`/apply-template` + `/tokenize`) and compare it with the slot context
   * before sending it: a prompt that does not fit is `SAMUS_ERR_CONTEXT_OVERFLOW` without a generation request.
   * Default `false` (llama-server's own check gives the same error, with the same numbers, one round trip later).
   */
  contextGuard?: boolean;
  /** Extra fields for every chat body (e.g. `{ cache_prompt: true, n_probs: 0 }`). */
  extraBody?: Record<string, unknown>;
}

/** Options of {@link createLlamaCpp}: the kernel's config options, typed llama.cpp settings, an event bus. */
export interface CreateLlamaCppOptions extends Omit<ContentGeneratorConfigOptions, 'providerOptions' | 'spec'> {
  providerOptions?: LlamaCppProviderOptions;
  events?: SamusEvents;
  fetch?: typeof fetch;
}

/**
 * Creates a {@link LlamaCppContentGenerator} without a kernel: configuration is resolved the kernel's way
 * (option > `LLAMA_CPP_BASE_URL` / `LLAMA_CPP_MODEL` / `LLAMA_API_KEY` > default `http://localhost:8080`).
 *
 * @example
 * const llama = createLlamaCpp(); // the model llama-server serves on localhost:8080
 * const { totalTokens } = await llama.countTokens({ model: 'default', contents: 'Hi!' }); // exact
 * const response = await llama.generateContent({ model: 'default', contents: 'Hi!' });
 */
export function createLlamaCpp(options: CreateLlamaCppOptions = {}): LlamaCppContentGenerator {
  const { events, fetch, providerOptions, ...configOptions } = options;
  const config = createContentGeneratorConfig(LLAMA_CPP_AUTH_TYPE, {
    spec: LLAMA_CPP_CONFIG_SPEC,
    ...configOptions,
    ...(providerOptions === undefined ? {} : { providerOptions: { ...providerOptions } }),
  });
  return new LlamaCppContentGenerator({ config, ...(events === undefined ? {} : { events }), ...(fetch === undefined ? {} : { fetch }) });
}
