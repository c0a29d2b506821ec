// The public surface of @samus/provider-core: the `openai` plugin and generator, the one transport and classifier a
// provider is built on, the limits, the request-model policy and the conversion debug channel. Building blocks for
// @samus providers (parsers, decoders, converters, stream plumbing) are in `@samus/provider-core/internal`.
export { estimateTokens } from './estimate-tokens.js';
export { classifyAnswer, type FailedAnswer } from './classify-answer.js';
export { classifyConnectionFailure, type ConnectionFailureContext } from './classify-connection-failure.js';
export { DEFAULT_LIMITS, HttpTransport, type HttpTransportOptions, type TransportLimits, type TransportRequest, type TransportText } from './http-transport.js';
export type { ServerAnswer, ServerErrorBody, ServerProfile } from './server-profile.js';
export type { StreamSummary } from './response-stream.js';
export { CONVERSION_DEBUG_CHANNEL, type ConversionDebugEvent } from './conversion-debug.js';
export { DEFAULT_CAPABILITIES, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
export { OpenAICompatibleContentGenerator, type OpenAICompatibleGeneratorOptions } from './openai-compatible-content-generator.js';
export type { ChatRequestBody, EmbeddingsRequestBody, GeneratorHooks } from './generator-hooks.js';
export type { GeneratorRuntime, GeneratorRuntimeOptions, SendRequest, StreamRequest } from './generator-runtime.js';
export { openaiPlugin } from './openai-plugin.js';
export { resolveRequestModel, type RequestModelChoice, type RequestModelPolicy } from './request-model-policy.js';
