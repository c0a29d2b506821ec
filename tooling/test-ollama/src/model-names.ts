/** The Ollama release the contract tests pin. */
export const OLLAMA_VERSION = '0.11.4';

/** The official image used when present locally (or pullable). */
export const OFFICIAL_OLLAMA_IMAGE = `ollama/ollama:${OLLAMA_VERSION}`;

/** Chat model: Gemma 3 270M, Q4_K_M GGUF. */
export const CHAT_MODEL = 'gemma3:270m';

/** Embedding model: all-MiniLM-L6-v2 converted from safetensors by Ollama (384 dimensions). */
export const EMBEDDING_MODEL = 'all-minilm:l6-v2';

/** Tools-capable chat model: SmolLM2-135M-Instruct Q4_1 GGUF with a ChatML tools template. */
export const TOOLS_MODEL = 'smollm2:135m';

/** Embedding width of {@link EMBEDDING_MODEL}. */
export const EMBEDDING_DIMENSIONS = 384;

/** Label put on every container this package starts (value: owner id, see `startOllama`). */
export const CONTAINER_LABEL = 'samus.test-ollama';
