export { compressionThresholdFor, HOST_DEFAULT_TOKEN_LIMIT } from './compression-threshold.js';
export { createHostContentGenerator, HOST_AUTH_TYPES, type HostAuthType, type HostContentGeneratorOptions } from './create-host-content-generator.js';
export { HostContentGenerator, type HostContentGeneratorParts, type HostContextWindow } from './host-content-generator.js';
export { HostNetworkError, toHostError } from './to-host-error.js';
