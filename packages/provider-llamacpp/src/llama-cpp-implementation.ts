import type { PluginImplementation } from '@samus/kernel';
import { createLlamaCppAdmin, fingerprintLlamaCpp } from './llama-cpp-admin.js';
import { LlamaCppContentGenerator } from './llama-cpp-content-generator.js';

/** What the `llama-cpp` plugin loads lazily: generator, admin and fingerprint. */
const implementation: PluginImplementation = {
  createContentGenerator(config, context) {
    return new LlamaCppContentGenerator({ config, events: context.events });
  },
  createAdmin: (config) => createLlamaCppAdmin(config),
  fingerprint: fingerprintLlamaCpp,
};

export default implementation;
