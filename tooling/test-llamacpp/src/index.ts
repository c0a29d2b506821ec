export {
  cpuKey,
  ensureLlamaServerBinary,
  LLAMA_CPP_PYTHON_SDIST_SHA256,
  LLAMA_CPP_PYTHON_VERSION,
  LLAMA_SERVER_CMAKE_FLAGS,
  llamaServerBuildKey,
  llamaServerPaths,
} from './llama-server-binary.js';
export {
  ensureChatModelFile,
  ensureEmbeddingModelFile,
  ensureToolsModelFile,
  GEMMA_CHAT_TEMPLATE,
  isGguf,
  LLAMA_CHAT_MODEL,
  LLAMA_EMBEDDING_DIMENSIONS,
  LLAMA_EMBEDDING_MODEL,
  LLAMA_TOOLS_MODEL,
  SMOLLM2_TOOLS_TEMPLATE,
} from './llama-models.js';
export type { LlamaCppProvided } from './provided-context.js';
export { presetIni, startLlamaServer, type StartedLlamaServer, type StartLlamaServerOptions } from './start-llama-server.js';
