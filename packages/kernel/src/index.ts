export { AUTH_TYPES, AuthType, isAuthType } from './auth-type.js';
export { normalizeBaseUrl, type NormalizeBaseUrlOptions } from './base-url.js';
export { BUILTIN_CONFIG_SPECS, type ConfigSpec } from './config-spec.js';
export {
  createGenerateContentResponse,
  FinishReason,
  Type,
  type Blob,
  type CallableTool,
  type Candidate,
  type Content,
  type ContentEmbedding,
  type ContentGenerator,
  type ContentListUnion,
  type ContentUnion,
  type CountTokensConfig,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentConfig,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type FunctionCall,
  type FunctionDeclaration,
  type FunctionResponse,
  type GenerateContentConfig,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type GenerateContentResponseData,
  type GenerateContentResponseUsageMetadata,
  type Part,
  type PartListUnion,
  type PartUnion,
  type Schema,
  type ThinkingConfig,
  type Tool,
  type ToolListUnion,
  type ToolUnion,
} from './content-generator.js';
export {
  createContentGeneratorConfig,
  DEFAULT_TIMEOUTS,
  type ConfigSource,
  type ContentGeneratorConfig,
  type ContentGeneratorConfigOptions,
  type EnvSource,
  type TimeoutConfig,
} from './content-generator-config.js';
export { ERROR_CODE_LIST, ERROR_CODES, type ErrorCode } from './error-codes.js';
export {
  SamusEvents,
  type RequestEventBase,
  type SamusEventListener,
  type SamusEventMap,
  type SamusEventName,
  type ServerTimings,
} from './events.js';
export { createKernel, type Kernel, type KernelOptions } from './kernel.js';
export { SamusError, type SamusErrorOptions } from './samus-error.js';
export {
  definePlugin,
  SPECIFICATION_VERSION,
  type PluginContext,
  type PluginImplementation,
  type SamusPlugin,
} from './samus-plugin.js';
export {
  candidateSchema,
  contentEmbeddingSchema,
  countTokensResponseSchema,
  embedContentResponseSchema,
  finishReasonSchema,
  functionCallSchema,
  generateContentResponseSchema,
  modelInfoSchema,
  modelKindSchema,
  partSchema,
  providerHealthSchema,
  pullProgressSchema,
  responseContentSchema,
  usageMetadataSchema,
  type ModelInfo,
  type ProviderHealth,
  type PullProgress,
} from './response-schemas.js';
