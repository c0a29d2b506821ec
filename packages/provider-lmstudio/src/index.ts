export { createLMStudio, type CreateLMStudioOptions } from './create-lm-studio.js';
export { lmStudioPlugin } from './lm-studio-plugin.js';
export {
  LM_STUDIO_DEFAULT_CONTEXT_LENGTH,
  LMStudioContentGenerator,
  type LMStudioContentGeneratorOptions,
  type LMStudioContextWindow,
} from './lm-studio-content-generator.js';
export {
  LMStudioRestClient,
  type LMStudioRawResponse,
  type LMStudioRequestOptions,
  type LMStudioRestClientOptions,
} from './lm-studio-rest-client.js';
export type { LMStudioAdmin, LMStudioAdminOptions } from './lm-studio-admin.js';
export { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';
export { mapLMStudioError } from './lm-studio-server-profile.js';
export { type LMStudioErrorBody, type LMStudioErrorContext } from './lm-studio-error.js';
export { checkLMStudioHealth, type CheckLMStudioHealthOptions, type LMStudioHealth } from './lm-studio-health.js';
export { getLMStudioModel, listLMStudioModels, type ListLMStudioModelsOptions } from './lm-studio-models.js';
export {
  type DownloadLMStudioModelOptions,
  type LMStudioDownloadResult,
  type LMStudioLoadProgress,
  type LMStudioLoadResult,
  type LMStudioProgress,
  type LoadLMStudioModelOptions,
  type UnloadLMStudioModelOptions,
} from './lm-studio-model-manager.js';
export { type LMStudioModelInfo, type LMStudioModelSource, type LMStudioModelState, type LMStudioModelType } from './lm-studio-model-info.js';
export { type LMStudioModelStatesOptions, type ModelStateProbe } from './lm-studio-model-states.js';
export { parseLMStudioProviderOptions, type LMStudioProviderOptions } from './lm-studio-provider-options.js';
export { lmStudioUrls, type LMStudioUrls } from './lm-studio-urls.js';
