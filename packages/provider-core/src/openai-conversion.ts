// The conversion half of the OpenAI-compatible generator — request builders and answer decoders — loaded on the
// generator's first request rather than when the package is imported (it is most of the package's code).
export { chatCompletionToResponse, type ChatCompletionLike } from './chat-completion-to-response.js';
export { OpenAIStreamDecoder } from './openai-stream-decoder.js';
export { responseFormatFor } from './response-format.js';
export { toOpenAIMessages } from './to-openai-messages.js';
export { toOpenAITools } from './to-openai-tools.js';
