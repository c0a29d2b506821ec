export { AuthType } from './auth-type.js';
export { normalizeBaseUrl, type NormalizeBaseUrlOptions } from './base-url.js';
export { type ConfigSpec, type EnvProviderOption } from './config-spec.js';
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
  type AdminConfig,
  type AdminConfigOptions,
  type ConfigSource,
  type ContentGeneratorConfig,
  type ContentGeneratorConfigOptions,
  type EnvSource,
  type RequestModelMode,
  type TimeoutConfig,
} from './content-generator-config.js';
export { ERROR_CODES, type ErrorCode } from './error-codes.js';
export {
  SamusEvents,
  type ModelChoiceSource,
  type RequestEventBase,
  type SamusEventListener,
  type SamusEventMap,
  type SamusEventName,
  type ServerTimings,
} from './events.js';
export { createKernel, type Kernel, type KernelOptions } from './kernel.js';
export { SamusError, type SamusErrorOptions } from './samus-error.js';
export {
  type AdminCallOptions,
  type AdminLoadOptions,
  type AdminPullOptions,
  type AdminPullResult,
  type ProviderAdmin,
} from './provider-admin.js';
export {
  definePlugin,
  SPECIFICATION_VERSION,
  type PluginCapabilities,
  type PluginContext,
  type PluginImplementation,
  type SamusPlugin,
  type ServerFingerprint,
  type SpecificationVersion,
} from './samus-plugin.js';
export type { ModelInfo, ProviderHealth, PullProgress } from './response-schemas.js';
