import type { PluginImplementation } from '@samus/kernel';
import { createOpenAIAdmin, fingerprintOpenAICompatible } from './openai-admin.js';
import { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';
import { OPENAI_CONFIG_SPEC } from './openai-config-spec.js';

/** What the `openai` plugin loads lazily. */
const implementation: PluginImplementation = {
  createContentGenerator(config, context) {
    return new OpenAICompatibleContentGenerator({ config, events: context.events, providerId: 'openai', modelEnv: OPENAI_CONFIG_SPEC.modelEnv ?? [] });
  },
  createAdmin: (config) => createOpenAIAdmin(config),
  fingerprint: fingerprintOpenAICompatible,
};

export default implementation;
