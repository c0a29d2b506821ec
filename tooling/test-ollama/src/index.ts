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
// Shared with @samus/test-llamacpp (the same cached model files, the same bounded commands and locks).
export { ensureModelFiles, modelFilesDir } from './model-files.js';
export { findExecutable } from './find-executable.js';
export { withFileLock } from './file-lock.js';
export { freePort } from './free-port.js';
export { heartbeat, progress } from './progress.js';
export { describeFailure, runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';
export { dockerNetworkMode } from './network-mode.js';
export type { OllamaModels, OllamaProvided } from './provided-context.js';
export { ProvisionError, type ProvisionErrorOptions, type ProvisionStep } from './provision-error.js';
export { provisionOllama, type ProvisionOllamaOptions } from './provision-ollama.js';
export { containerOwner, startOllama, type StartedOllama, type StartOllamaOptions } from './start-ollama.js';
export { startRegistry, type StartedRegistry } from './start-registry.js';
export { listOwnedContainers, sweepOrphanedContainers, sweepOwnedContainers } from './sweep-containers.js';
