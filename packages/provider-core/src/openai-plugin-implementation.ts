import { type PluginImplementation } from '@samus/kernel';
import { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';

/** What the `openai` plugin loads lazily. */
const implementation: PluginImplementation = {
  createContentGenerator(config, context) {
    return new OpenAICompatibleContentGenerator({ config, events: context.events, providerId: 'openai' });
  },
};

export default implementation;
