import type { PluginImplementation } from '@samus/kernel';
import { createOllamaAdmin, fingerprintOllama } from './ollama-admin.js';
import { OllamaContentGenerator } from './ollama-content-generator.js';

/** The lazily imported part of {@link ollamaPlugin}: generator, admin and fingerprint. */
const implementation: PluginImplementation = {
  createContentGenerator: (config, context) => new OllamaContentGenerator({ config, events: context.events }),
  createAdmin: (config) => createOllamaAdmin(config),
  fingerprint: fingerprintOllama,
};

export default implementation;
