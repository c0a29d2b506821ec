import type { PluginImplementation } from '@samus/kernel';
import { createLMStudioAdmin, fingerprintLMStudio } from './lm-studio-admin.js';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';

/** What the `lm-studio` plugin loads lazily: generator, admin and fingerprint. */
const implementation: PluginImplementation = {
  createContentGenerator(config, context) {
    return new LMStudioContentGenerator({ config, events: context.events });
  },
  createAdmin: (config) => createLMStudioAdmin(config),
  fingerprint: fingerprintLMStudio,
};

export default implementation;
