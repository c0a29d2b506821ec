/**
 * `@samus/kernel/schemas`: zod schemas of the normalised shapes every provider returns (Gemini-shaped responses,
 * `ModelInfo`, `ProviderHealth`, `PullProgress`), for contract suites and applications that validate. A separate
 * entry, so that importing `@samus/kernel` builds no schema and loads no schema library.
 */
export {
  countTokensResponseSchema,
  embedContentResponseSchema,
  finishReasonSchema,
  generateContentResponseSchema,
  modelInfoSchema,
  providerHealthSchema,
  pullProgressSchema,
  type ModelInfo,
  type ProviderHealth,
  type PullProgress,
} from './response-schemas.js';
