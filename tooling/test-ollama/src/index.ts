export { samusCacheDir } from './cache-dir.js';
export { DEFAULT_DOCKERD_FLAGS, ensureDockerEngine, probeDockerEngine } from './docker-engine.js';
export {
  CHAT_MODEL,
  CONTAINER_LABEL,
  EMBEDDING_DIMENSIONS,
  EMBEDDING_MODEL,
  OFFICIAL_OLLAMA_IMAGE,
  OLLAMA_VERSION,
  TOOLS_MODEL,
} from './model-names.js';
export { MODEL_RECIPES, type ModelFileSpec, type ModelRecipe, type WheelSpec } from './model-recipes.js';
export { dockerNetworkMode } from './network-mode.js';
export type { OllamaModels, OllamaProvided } from './provided-context.js';
export { ProvisionError, type ProvisionErrorOptions, type ProvisionStep } from './provision-error.js';
export { provisionOllama, type ProvisionOllamaOptions } from './provision-ollama.js';
export { containerOwner, startOllama, type StartedOllama, type StartOllamaOptions } from './start-ollama.js';
export { startRegistry, type StartedRegistry } from './start-registry.js';
export { listOwnedContainers, sweepOrphanedContainers, sweepOwnedContainers } from './sweep-containers.js';
