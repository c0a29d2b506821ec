import { createContentGeneratorConfig, type ContentGeneratorConfigOptions, type SamusEvents } from '@samus/kernel';
import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';
import type { LMStudioProviderOptions } from './lm-studio-provider-options.js';

/** Options of {@link createLMStudio}: the kernel's config options, typed LM Studio settings, an event bus. */
export interface CreateLMStudioOptions extends Omit<ContentGeneratorConfigOptions, 'providerOptions' | 'spec'> {
  providerOptions?: LMStudioProviderOptions;
  events?: SamusEvents;
  fetch?: typeof fetch;
}

/**
 * Creates an {@link LMStudioContentGenerator} without a kernel: configuration is resolved the kernel's way
 * (option > `LM_STUDIO_BASE_URL` / `LM_STUDIO_MODEL` / `LM_API_TOKEN` > default `http://localhost:1234`).
 *
 * @example
 * const lmStudio = createLMStudio({ model: 'qwen2.5-7b-instruct' });
 * const response = await lmStudio.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Hi!' });
 */
export function createLMStudio(options: CreateLMStudioOptions = {}): LMStudioContentGenerator {
  const { events, fetch, providerOptions, ...configOptions } = options;
  const config = createContentGeneratorConfig('lm-studio', {
    spec: LM_STUDIO_CONFIG_SPEC,
    ...configOptions,
    ...(providerOptions === undefined ? {} : { providerOptions: { ...providerOptions } }),
  });
  return new LMStudioContentGenerator({ config, ...(events === undefined ? {} : { events }), ...(fetch === undefined ? {} : { fetch }) });
}
