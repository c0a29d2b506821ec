export { createLlamaCpp, type CreateLlamaCppOptions, type LlamaCppProviderOptions } from './create-llama-cpp.js';
export {
  checkLlamaCppHealth,
  createLlamaCppAdmin,
  fingerprintLlamaCpp,
  listLlamaCppModels,
  toModelInfo,
  type LlamaCppAdminOptions,
  type LlamaCppHealth,
} from './llama-cpp-admin.js';
export {
  LlamaCppClient,
  type LlamaCppCallOptions,
  type LlamaCppClientOptions,
  type LlamaCppHealthAnswer,
  type LlamaCppModelEntry,
  type LlamaCppProps,
  type LlamaCppSlot,
} from './llama-cpp-client.js';
export { LLAMA_CPP_CONFIG_SPEC, LLAMA_CPP_DEFAULT_MODEL } from './llama-cpp-config-spec.js';
export {
  LlamaCppContentGenerator,
  type LlamaCppContentGeneratorOptions,
  type LlamaCppContextCheck,
  type LlamaCppContextWindow,
} from './llama-cpp-content-generator.js';
export { llamaCppPlugin } from './llama-cpp-plugin.js';
export { LLAMA_CPP_PROFILE, type LlamaCppErrorObject } from './llama-cpp-profile.js';
export { serverTimingsFromLlamaCpp, type LlamaCppTimings } from './llama-cpp-timings.js';
