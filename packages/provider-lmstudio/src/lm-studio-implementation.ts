import { type PluginImplementation } from '@samus/kernel';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';

/** What the `lm-studio` plugin loads lazily. */
const implementation: PluginImplementation = {
  createContentGenerator(config, context) {
    return new LMStudioContentGenerator({ config, events: context.events });
  },
};

export default implementation;
