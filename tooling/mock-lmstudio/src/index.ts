export { type MockCapacity } from './capacity-gate';
export { defaultMockModels } from './default-mock-models';
export { embeddingVector } from './embedding-vector';
export { jsonSchemaInstance, type JsonSchemaInstanceOptions } from './json-schema-instance';
export { MOCK_FAULT_HEADER, parseFaultHeader, type MockFaults } from './mock-faults';
export {
  type MockErrorShape,
  type MockLMStudio,
  type MockLMStudioOptions,
  type MockLoadOptions,
  type RecordedRequest,
} from './mock-lmstudio';
export { type MockContextOverflow } from './inference-common';
export { resolveVersion, VERSION_ALIASES } from './lmstudio-version';
export { type MockLoadConfig, type MockModel, type MockModelLoadState, type MockModelState, type MockModelType } from './mock-model';
export { type MockReplies, type MockReply, type MockReplyContext, type MockToolCall } from './mock-reply';
export { DEFAULT_MOCK_LMSTUDIO_VERSION, LM_STUDIO_TOKEN_FORMAT, startMockLMStudio, TOKEN_MESSAGES, type TokenVerdict } from './start-mock-lmstudio';
