export { createLMStudioAdmin, fingerprintLMStudio, LM_STUDIO_PULL_POLL_MS, type LMStudioAdminOptions } from './lm-studio-admin.js';
export { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';
export { createLMStudio, type CreateLMStudioOptions } from './create-lm-studio.js';
export {
  LM_STUDIO_DEFAULT_CONTEXT_LENGTH,
  LMStudioContentGenerator,
  type LMStudioContentGeneratorOptions,
  type LMStudioContextWindow,
} from './lm-studio-content-generator.js';
export { mapLMStudioError, parseLMStudioErrorBody, parseSuggestedModels, type LMStudioErrorBody, type LMStudioErrorContext } from './lm-studio-error.js';
export { checkLMStudioHealth, type CheckLMStudioHealthOptions, type LMStudioHealth } from './lm-studio-health.js';
export {
  downloadLMStudioModel,
  loadLMStudioModel,
  unloadLMStudioModel,
  waitForLMStudioDownload,
  type DownloadLMStudioModelOptions,
  type LMStudioDownloadResult,
  type LMStudioLoadProgress,
  type LMStudioLoadResult,
  type LMStudioProgress,
  type LoadLMStudioModelOptions,
  type UnloadLMStudioModelOptions,
} from './lm-studio-model-manager.js';
export {
  type LMStudioModelInfo,
  type LMStudioModelSource,
  type LMStudioModelState,
  type LMStudioModelType,
} from './lm-studio-model-info.js';
export { LMStudioModelStates, type LMStudioModelStatesOptions, type ModelStateProbe } from './lm-studio-model-states.js';
export { getLMStudioModel, listLMStudioModels, type ListLMStudioModelsOptions } from './lm-studio-models.js';
export { mapLMStudioNetworkError, type LMStudioNetworkErrorContext } from './lm-studio-network-error.js';
export { lmStudioPlugin } from './lm-studio-plugin.js';
export { parseLMStudioProviderOptions, type LMStudioProviderOptions } from './lm-studio-provider-options.js';
export {
  LMStudioRestClient,
  type LMStudioRawResponse,
  type LMStudioRequestOptions,
  type LMStudioRestClientOptions,
} from './lm-studio-rest-client.js';
export { serverTimingsFromLMStudioStats } from './lm-studio-stats.js';
export { LM_STUDIO_DEFAULT_PORT, lmStudioUrls, type LMStudioUrls } from './lm-studio-urls.js';
