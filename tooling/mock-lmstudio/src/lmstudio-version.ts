/** Compares dotted versions numerically: negative when `a < b`, 0 when equal, positive when `a > b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Version-dependent behaviour switches (api-facts 3.0 and 3.6). */
export interface VersionBehaviour {
  readonly hasApiV0: boolean;
  readonly hasApiV1: boolean;
  readonly includeUsage: boolean;
  readonly v0Capabilities: boolean;
  /** `tool_calls: []` present in plain `/v1` answers (reported for 0.3.35). */
  readonly emptyToolCallsArray: boolean;
  /** `/v1` responses carry `stats: {}` (0.3.14+). */
  readonly emptyStatsOnV1: boolean;
  /** Unknown model → 400 "Invalid model identifier" (true) or 404 "Model ... not found" (false). */
  readonly invalidModelIdentifier: boolean;
  /** HTTP status of "No models loaded". */
  readonly noModelsLoadedStatus: number;
  /** Default error-body shape for errors documented in both shapes. */
  readonly defaultErrorShape: 'string' | 'object';
  /** Context overflow reported as 200-with-error (0.4.x) rather than 400 (0.3.x). */
  readonly overflowAsOkWithError: boolean;
  /** 0.3.14 quirk: with exactly one model loaded, a wrong `model` name is ignored and the loaded model answers. */
  readonly wrongModelUsesOnlyLoaded: boolean;
  /**
   * Wording of a context overflow: `legacy` = "Trying to keep the first N tokens when context the overflows…" (0.3.x,
   * api-facts 3.6); `n_keep` = "The number of tokens to keep from the initial prompt is greater than the context length
   * (n_keep: N >= n_ctx: M)…" (0.4.x, [issue] client reports against 0.4.x; "Cannot truncate prompt with n_keep (N) >=
   * n_ctx (M)" is the other 0.4.x form, chosen with the `overflow` option).
   */
  readonly overflowWording: 'legacy' | 'n_keep';
  /** `/api/v0/models` with JIT off lists only loaded models (0.3.17+, [issue] bug-tracker reports on 0.3.17/0.3.20). */
  readonly v0ModelsHonourJit: boolean;
  /** API tokens (0.4.0+): `sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX`, missing vs malformed vs unknown told apart. */
  readonly apiTokens: boolean;
  /** `POST /v1/responses` (0.3.29+, api-facts 3.0). */
  readonly hasResponsesApi: boolean;
  /** `POST /v1/messages`, Anthropic-compatible (0.4.1+, api-facts 3.0). */
  readonly hasMessagesApi: boolean;
  /** `/api/v1/models` entries carry `capabilities.reasoning`, `variants`/`selected_variant` and load config (0.4.0+). */
  readonly richV1Models: boolean;
}

/**
 * Version aliases the CLI and the `version` option accept: `0.3.x` = the last 0.3 line the facts describe (0.3.35:
 * Responses API, include_usage, `tool_calls: []`, legacy overflow wording); `0.4.x` = the current default.
 */
export const VERSION_ALIASES: Readonly<Record<string, string>> = { '0.3.x': '0.3.35', '0.4.x': '0.4.21' };

/** Resolves `0.3.x` / `0.4.x` aliases to a concrete version; other strings are returned as they are. */
export function resolveVersion(version: string): string {
  return VERSION_ALIASES[version] ?? version;
}

/** Derives the behaviour switches of an emulated LM Studio version. */
export function versionBehaviour(versionOrAlias: string): VersionBehaviour {
  const version = resolveVersion(versionOrAlias);
  const atLeast = (v: string) => compareVersions(version, v) >= 0;
  return {
    hasApiV0: atLeast('0.3.6'),
    hasApiV1: atLeast('0.4.0'),
    includeUsage: atLeast('0.3.18'),
    v0Capabilities: atLeast('0.3.16'),
    emptyToolCallsArray: atLeast('0.3.35'),
    emptyStatsOnV1: atLeast('0.3.14'),
    // [inferred] api-facts gives 0.3.5–0.3.15 for the 404 form and 0.3.3x+ for the 400 form; 0.3.16 is the cut we chose.
    invalidModelIdentifier: atLeast('0.3.16'),
    // api-facts 3.6: 404 in 0.3.5, 400 later ([inferred] exact switch version: 0.3.6).
    noModelsLoadedStatus: atLeast('0.3.6') ? 400 : 404,
    // api-facts 3.6: string form in 0.3.x, object form in 0.4.x.
    defaultErrorShape: atLeast('0.4.0') ? 'object' : 'string',
    // [issue] 0.4.0–0.4.20 answer an overflow with HTTP 400 and a string body; 0.4.21 answers HTTP 200 with the error body.
    overflowAsOkWithError: atLeast('0.4.21'),
    wrongModelUsesOnlyLoaded: compareVersions(version, '0.3.14') === 0,
    overflowWording: atLeast('0.4.0') ? 'n_keep' : 'legacy',
    v0ModelsHonourJit: atLeast('0.3.17'),
    apiTokens: atLeast('0.4.0'),
    hasResponsesApi: atLeast('0.3.29'),
    hasMessagesApi: atLeast('0.4.1'),
    richV1Models: atLeast('0.4.0'),
  };
}
