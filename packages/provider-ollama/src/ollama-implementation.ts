import { type PluginImplementation } from '@samus/kernel';
import { OllamaContentGenerator } from './ollama-content-generator.js';

/** The lazily imported part of {@link ollamaPlugin}: builds an {@link OllamaContentGenerator}. */
const implementation: PluginImplementation = {
  createContentGenerator: (config, context) => new OllamaContentGenerator({ config, events: context.events }),
};

export default implementation;
