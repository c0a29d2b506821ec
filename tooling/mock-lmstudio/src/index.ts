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
export { type MockModel, type MockModelLoadState, type MockModelState, type MockModelType } from './mock-model';
export { type MockReplies, type MockReply, type MockReplyContext, type MockToolCall } from './mock-reply';
export { DEFAULT_MOCK_LMSTUDIO_VERSION, startMockLMStudio } from './start-mock-lmstudio';
