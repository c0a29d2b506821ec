/**
 * `@samus/provider-core/internal`: the building blocks the @samus providers share (converters, parsers, decoders,
 * stream plumbing, probes). Not a stable API: it changes with the providers that use it. The root entry's names are
 * exported here too, so a provider imports from one place.
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
export { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';
export { countSentMedia, IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
export { errorCodes } from './error-chain.js';
export { parseErrorBody } from './classify-answer.js';
export { editDistance } from './edit-distance.js';
export { nearestModelNames } from './nearest-model-names.js';
export { NdjsonParser } from './ndjson-parser.js';
export { contentText, embeddingTexts, normalizeContents } from './normalize-contents.js';
export { conversionDebug } from './conversion-debug.js';
export { declaredToolsOf, TextToolCallRecovery, type DeclaredTool } from './text-tool-call-recovery.js';
export { recoveryToolsOf } from './openai-compatible-capabilities.js';
export { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet, type ProbeAnswer } from './probe-get.js';
export { QueuedAsyncGenerator } from './queued-async-generator.js';
export { RequestDeadline } from './request-deadline.js';
export { createResponseId } from './response-id.js';
export { ResponseStream, type OpenedResponse } from './response-stream.js';
export { sleep } from './retry-policy.js';
export { type StreamDecoder, type StreamDecoderSink } from './stream-decoder.js';
export { TextAccumulator } from './text-accumulator.js';
export { toOpenAIMessages } from './to-openai-messages.js';
export { toOpenAITools } from './to-openai-tools.js';
export { generateToolCallId, parseArguments } from './tool-call-accumulator.js';
export { toUsageMetadata } from './to-usage-metadata.js';
export { createGenerateContentResponse } from '@samus/kernel';
