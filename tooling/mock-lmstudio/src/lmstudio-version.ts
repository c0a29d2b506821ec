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
}

/** Derives the behaviour switches of an emulated LM Studio version. */
export function versionBehaviour(version: string): VersionBehaviour {
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
    overflowAsOkWithError: atLeast('0.4.0'),
    wrongModelUsesOnlyLoaded: compareVersions(version, '0.3.14') === 0,
  };
}
