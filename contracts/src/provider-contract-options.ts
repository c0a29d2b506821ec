import type { ContentGenerator, ProviderAdmin, TimeoutConfig } from '@samus/kernel';

/** The admin surface is the kernel's (`kernel.createAdmin(authType)`, a plugin's `createAdmin`); re-exported for suites. */
export type { ProviderAdmin } from '@samus/kernel';

/** What `createProvider` returns: the generator under test, plus its admin surface when it has one. */
export interface ProviderUnderTest {
  generator: ContentGenerator;
  admin?: ProviderAdmin;
}

/** Settings a suite overrides to provoke failures (a dead port, a stalling server, a short timeout). */
export interface ProviderOverrides {
  baseUrl?: string;
  timeouts?: Partial<TimeoutConfig>;
  maxRetries?: number;
}

/**
 * Positive capability flags: a group runs only when its flag is `true`; otherwise it shows as skipped with the
 * reason in its title. `generate` and `errors` always run: every provider must pass them.
 */
export interface ProviderCapabilities {
  /** `generateContentStream()` yields incremental chunks. */
  streaming?: boolean;
  /** Function declarations in, `functionCall` parts out (needs `models.tools`). */
  tools?: boolean;
  /** `responseMimeType: 'application/json'` with or without `responseJsonSchema`. */
  structuredOutput?: boolean;
  /** `embedContent()` (needs `models.embedding`). */
  embeddings?: boolean;
  /** `countTokens()`. */
  tokenCounting?: boolean;
  /** `admin.listModels()`. */
  modelListing?: boolean;
  /** `admin.health()`. */
  health?: boolean;
  /** A caller's `abortSignal` cancels requests in flight. */
  abort?: boolean;
  /** Per-phase timeouts from `config.timeouts` fire with `SAMUS_ERR_TIMEOUT`. */
  timeouts?: boolean;
}

/** The models the suite uses; the server under test must have them. */
export interface ContractModels {
  /** A small chat model (deterministic at temperature 0 with a seed). */
  chat: string;
  /** An embedding model; without it the embeddings group is skipped. */
  embedding?: string;
  /** A model the server accepts function declarations for; without it the tools group is skipped. */
  tools?: string;
  /**
   * A model that reliably answers the suite's tool prompt with a function call at temperature 0 (tiny test models
   * accept tools but rarely call them). Without it the tests that need a call from the model are skipped.
   */
  toolCaller?: string;
  /** A model the server knows cannot call tools; enables the "capability missing" error test. */
  withoutTools?: string;
}

/** Options of `describeProviderContract`. */
export interface ProviderContractOptions {
  /** Shown in the suite title, e.g. `ollama (container)`. */
  name: string;
  /** Builds a fresh provider for one test; `overrides` replace settings of the default configuration. */
  createProvider: (overrides?: ProviderOverrides) => ProviderUnderTest | Promise<ProviderUnderTest>;
  models: ContractModels;
  capabilities: ProviderCapabilities;
  /** When a string, the whole suite is declared but skipped with this reason (e.g. no container engine). */
  skip?: string | false;
  /** `maxOutputTokens` for generations whose length does not matter (default 24: keeps CPU inference short). */
  maxOutputTokens?: number;
  /** Seed sent with every generation (default 42). Every generation also sends temperature 0. */
  seed?: number;
  /**
   * `countTokens()` is exact: it counts the prompt the server builds (chat template included), so it equals the
   * `usageMetadata.promptTokenCount` the server reports for the same request, and carries the template's fixed
   * overhead (growth is measured net of it). Adds the exactness test to the token counting group.
   */
  exactTokenCounts?: boolean;
}

/** What each capability group receives. */
export interface ContractContext {
  readonly options: ProviderContractOptions;
  readonly maxOutputTokens: number;
  readonly seed: number;
  /** A fresh provider (optionally with overrides). */
  provider(overrides?: ProviderOverrides): Promise<ProviderUnderTest>;
}

/** Builds the context the capability groups share. */
export function createContractContext(options: ProviderContractOptions): ContractContext {
  return {
    options,
    maxOutputTokens: options.maxOutputTokens ?? 24,
    seed: options.seed ?? 42,
    provider: async (overrides) => options.createProvider(overrides),
  };
}
