export { ChatCompletionChunkConverter, type ChatCompletionChunkConverterOptions, type ChatCompletionChunkLike, type ChunkSink } from './chat-completion-chunk-converter.js';
export { chatCompletionToResponse, type ChatCompletionLike, type ChatCompletionToResponseOptions } from './chat-completion-to-response.js';
export { CORRELATION_HEADER, trackConnectPhase, type ConnectPhaseWatcher } from './track-connect-phase.js';
export { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';
export { mapFinishReason } from './map-finish-reason.js';
export { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';
export { LineSplitter } from './line-splitter.js';
export { countSentMedia, IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
export { describeNetworkFailure, errorChain, errorCodes, mapNetworkError, type NetworkErrorContext } from './map-network-error.js';
export { classifyErrorMessage, errorBodyMessage, mapOpenAIError, type ErrorContext } from './map-openai-error.js';
export { nearestModelNames } from './nearest-model-names.js';
export { NdjsonParser } from './ndjson-parser.js';
export { contentsToTexts, contentText, embeddingTexts, normalizeContent, normalizeContents } from './normalize-contents.js';
export { DEFAULT_CAPABILITIES, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
export {
  OpenAICompatibleContentGenerator,
  type ChatRequestBody,
  type EmbeddingsRequestBody,
  type OpenAICompatibleGeneratorOptions,
  type SendRequest,
} from './openai-compatible-content-generator.js';
export { createOpenAIAdmin, fingerprintOpenAICompatible } from './openai-admin.js';
export { OPENAI_CONFIG_SPEC } from './openai-config-spec.js';
export { openaiPlugin } from './openai-plugin.js';
export { answerOrUndefined, isAuthAnswer, isModelListAnswer, parseJsonOrUndefined, probeGet, type ProbeAnswer } from './probe-get.js';
export { OpenAIStreamDecoder, type OpenAIStreamDecoderOptions } from './openai-stream-decoder.js';
export { QueuedAsyncGenerator } from './queued-async-generator.js';
export { RequestDeadline, type RequestDeadlineOptions, type TimeoutPhase } from './request-deadline.js';
export { createRequestId, RequestMetrics, type FinishMetrics } from './request-metrics.js';
export {
  explainHostedModelName,
  HOSTED_MODEL_PATTERNS,
  isHostedModelName,
  isUtilityRole,
  resolveRequestModel,
  type RequestModelChoice,
  type RequestModelPolicy,
} from './request-model-policy.js';
export { createResponseId } from './response-id.js';
export { ResponseStream, type OpenedResponse, type ResponseStreamOptions } from './response-stream.js';
export { parseRetryAfter, RetryPolicy, sleep, type RetryDecision, type RetryPolicyOptions } from './retry-policy.js';
export { SseParser, type SseEventHandler } from './sse-parser.js';
export { type StreamDecoder, type StreamDecoderSink } from './stream-decoder.js';
export { TextAccumulator } from './text-accumulator.js';
export { ThinkTagSplitter, type ThinkSegment, type ThinkTagSplitterOptions } from './think-tag-splitter.js';
export { mergeAdjacentThoughts, THOUGHT_BUFFER_LIMIT, ThoughtCoalescer } from './thought-coalescer.js';
export { toOpenAIMessages, type ToOpenAIMessagesOptions } from './to-openai-messages.js';
export { toOpenAITools } from './to-openai-tools.js';
export { generateToolCallId, ToolCallAccumulator, type AccumulatedToolCall, type ToolCallFragment } from './tool-call-accumulator.js';
export { toUsageMetadata, type OpenAIUsage } from './to-usage-metadata.js';
export { createGenerateContentResponse } from '@samus/kernel';
