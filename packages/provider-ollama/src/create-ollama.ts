import { createContentGeneratorConfig, type ContentGeneratorConfigOptions, type SamusEvents } from '@samus/kernel';
import { OLLAMA_CONFIG_SPEC } from './ollama-config-spec.js';
import { OllamaContentGenerator } from './ollama-content-generator.js';
import type { OllamaProviderOptions } from './ollama-provider-options.js';

/** Options of {@link createOllama}: the kernel's config options, typed Ollama settings, an event bus. */
export interface CreateOllamaOptions extends Omit<ContentGeneratorConfigOptions, 'providerOptions' | 'spec'> {
  providerOptions?: OllamaProviderOptions;
  events?: SamusEvents;
  fetch?: typeof fetch;
}

/**
 * Creates an {@link OllamaContentGenerator} without a kernel: configuration is resolved the kernel's way
 * (option > `OLLAMA_BASE_URL` / `OLLAMA_HOST` / `OLLAMA_MODEL` > default).
 */
export function createOllama(options: CreateOllamaOptions = {}): OllamaContentGenerator {
  const { events, fetch, providerOptions, ...configOptions } = options;
  const config = createContentGeneratorConfig('ollama', { spec: OLLAMA_CONFIG_SPEC, ...configOptions, ...(providerOptions === undefined ? {} : { providerOptions: { ...providerOptions } }) });
  return new OllamaContentGenerator({ config, ...(events === undefined ? {} : { events }), ...(fetch === undefined ? {} : { fetch }) });
}
