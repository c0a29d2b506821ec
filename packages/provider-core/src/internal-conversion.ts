/**
 * `@samus/provider-core/internal/conversion`: request converters, answer decoders and stream plumbing (most of the
 * package's code). Providers import it from the modules they load on their first request, so importing a provider
 * stays cheap. Not a stable API.
 */
export { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';
export { declaredToolsOf, TextToolCallRecovery, type DeclaredTool } from './text-tool-call-recovery.js';
export { recoveryToolsOf } from './recovery-tools-of.js';
export { QueuedAsyncGenerator } from './queued-async-generator.js';
export { ResponseStream } from './response-stream.js';
export { TextAccumulator } from './text-accumulator.js';
export { toOpenAIMessages } from './to-openai-messages.js';
export { toOpenAITools } from './to-openai-tools.js';
export { generateToolCallId, parseArguments } from './tool-call-accumulator.js';
export { toUsageMetadata } from './to-usage-metadata.js';
