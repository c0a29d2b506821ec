export { capabilityMissing, collect, cosineSimilarity, describeGroup, expectSamusError, functionCalls, responseText } from './contract-helpers.js';
export { describeAbortContract } from './describe-abort-contract.js';
export { describeEmbeddingsContract } from './describe-embeddings-contract.js';
export { describeErrorsContract, MISSING_MODEL } from './describe-errors-contract.js';
export { describeFailureMatrix, type FailureMatrixOptions } from './describe-failure-matrix.js';
export { describeGenerateContract } from './describe-generate-contract.js';
export { describeHealthContract } from './describe-health-contract.js';
export { describeModelListingContract } from './describe-model-listing-contract.js';
export { describePluginContract, type PluginContractOptions } from './describe-plugin-contract.js';
export { describeProviderContract } from './describe-provider-contract.js';
export { describeStreamContract } from './describe-stream-contract.js';
export { describeStructuredOutputContract } from './describe-structured-output-contract.js';
export { describeTimeoutsContract } from './describe-timeouts-contract.js';
export { describeTokenCountingContract } from './describe-token-counting-contract.js';
export { describeToolsContract } from './describe-tools-contract.js';
export {
  closedPortUrl,
  startConnectionTracker,
  startForeignServer,
  startStallingServer,
  startUnavailableServer,
  type ConnectionTracker,
  type LoopbackServer,
  type UnavailableServer,
} from './loopback-servers.js';
export {
  createContractContext,
  type ContractContext,
  type ContractModels,
  type ProviderAdmin,
  type ProviderCapabilities,
  type ProviderContractOptions,
  type ProviderOverrides,
  type ProviderUnderTest,
} from './provider-contract-options.js';
