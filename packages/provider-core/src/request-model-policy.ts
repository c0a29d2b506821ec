import { SamusError, type ModelChoiceSource, type RequestModelMode } from '@samus/kernel';

/**
 * Names a Gemini-CLI-family host puts in `request.model` that no local server has: hosted Gemini models
 * (`gemini-2.5-flash`, `gemini-embedding-001`), the host's auto-routing ids (`auto-gemini-2.5`), resource names
 * (`models/gemini-2.5-pro`) and the host's aliases (`auto`, `pro`, `flash`, `flash-lite`). The one list of them.
 */
export const HOSTED_MODEL_PATTERNS: readonly RegExp[] = Object.freeze([/^models\//i, /^gemini-/i, /^auto-/i, /^(?:auto|pro|flash|flash-lite)$/i]);

/** True when `name` is a hosted model name (see {@link HOSTED_MODEL_PATTERNS}), not one a local server serves. */
export function isHostedModelName(name: string): boolean {
  const trimmed = name.trim();
  return HOSTED_MODEL_PATTERNS.some((pattern) => pattern.test(trimmed));
}

/** True for a host's utility role (gemini-cli's `LlmRole` `utility_*`: compressor, router, loop detector…). */
export function isUtilityRole(role: string | undefined): boolean {
  return typeof role === 'string' && role.toLowerCase().startsWith('utility');
}

/** The configured models and mode the policy chooses from (the fields of `ContentGeneratorConfig`). */
export interface RequestModelPolicy {
  /** The configured (main) model. */
  model: string;
  /** The model for utility roles, when one is configured. */
  utilityModel?: string | undefined;
  /** Default `auto`. */
  requestModel?: RequestModelMode | undefined;
}

/** What {@link resolveRequestModel} chose. */
export interface RequestModelChoice {
  /** The model to send. */
  model: string;
  /** `request.model` as the caller gave it (`''` when it gave none). */
  requested: string;
  /** Why: `request` (sent as named), `configured` (the configured model), `utility` (the utility model). */
  source: ModelChoiceSource;
}

/**
 * The request-model policy every generation path uses (chat, stream, native Ollama chat, `countTokens`,
 * `embedContent`, the routing pool). With `requestModel: 'auto'` (default): an empty or hosted name is replaced by
 * the configured model, or by the utility model when `role` is a utility role and one is configured; a local name
 * the caller gave is sent as is (a server's not-found error, with its suggestions, stays). `configured` always
 * uses the configured models (utility model for utility roles); `request` always sends the caller's name (the
 * configured model only when it gave none). Idempotent: resolving the chosen model again with the same role gives
 * the same model.
 */
export function resolveRequestModel(requested: string | undefined, role: string | undefined, policy: RequestModelPolicy): RequestModelChoice {
  const name = typeof requested === 'string' ? requested.trim() : '';
  const mode = policy.requestModel ?? 'auto';
  const configured = (): RequestModelChoice =>
    isUtilityRole(role) && policy.utilityModel !== undefined && policy.utilityModel !== ''
      ? { model: policy.utilityModel, requested: name, source: 'utility' }
      : { model: policy.model, requested: name, source: 'configured' };
  if (name === '') return configured();
  if (mode === 'request') return { model: name, requested: name, source: 'request' };
  if (mode === 'configured') return configured();
  return isHostedModelName(name) ? configured() : { model: name, requested: name, source: 'request' };
}

/**
 * A server's "model not found" for a hosted name (sent because `requestModel` is `request`) gets a hint that says so
 * and names the fix: the `auto` mode and the configured model's option / variables (`modelVariables`, e.g.
 * `OLLAMA_MODEL`). Other errors are returned unchanged.
 */
export function explainHostedModelName(error: SamusError, modelVariables: readonly string[] = []): SamusError {
  if (!SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND')) return error;
  const model = error.details['model'];
  if (typeof model !== 'string' || !isHostedModelName(model)) return error;
  const where = ['options.model', ...modelVariables].join(' / ');
  return new SamusError(error.code, error.message, {
    hint: `"${model}" is a hosted model name no local server has: set requestModel to "auto" (the default) so the configured model (${where}) answers it.`,
    retryable: error.retryable,
    status: error.status,
    cause: error.cause,
    details: { ...error.details, hostedModel: true },
  });
}
