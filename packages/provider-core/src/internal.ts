/**
 * `@samus/provider-core/internal`: the light building blocks the @samus providers share (transport, classifiers,
 * probes, parsers, deadlines, model names). Not a stable API: it changes with the providers that use it. The root
 * entry's names are exported here too. The heavy half — request converters, answer decoders, stream plumbing — is
 * `@samus/provider-core/internal/conversion`, which a provider loads on its first request, not at import.
 */
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
export { MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';
export { countSentMedia, IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
export { errorCodes } from './error-chain.js';
export { parseErrorBody } from './classify-answer.js';
export { editDistance } from './edit-distance.js';
export { nearestModelNames } from './nearest-model-names.js';
export { NdjsonParser } from './ndjson-parser.js';
export { contentText, embeddingTexts, normalizeContents } from './normalize-contents.js';
export { conversionDebug } from './conversion-debug.js';
export { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet, type ProbeAnswer } from './probe-get.js';
export { RequestDeadline } from './request-deadline.js';
export { createResponseId } from './response-id.js';
export { sleep } from './retry-policy.js';
export { type StreamDecoder, type StreamDecoderSink } from './stream-decoder.js';
export { createGenerateContentResponse } from '@samus/kernel';
export type { OpenedResponse } from './response-stream.js';
