// The conversion half of the Ollama generator — the `/api/chat` request builder and the NDJSON answer decoder —
// loaded on the generator's first native request rather than when the package is imported.
export { recoveryToolsOf } from '@samus/provider-core/internal/conversion';
export { OllamaChatDecoder } from './ollama-chat-decoder.js';
export { thinkDependsOnModel, toOllamaChatRequest } from './to-ollama-chat-request.js';
