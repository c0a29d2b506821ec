import { classifyAnswer, type ServerProfile } from '@samus/provider-core/internal';
import type { SamusError } from '@samus/kernel';
import { explainLMStudioError, parseLMStudioErrorBody, type LMStudioErrorContext } from './lm-studio-error.js';
import { lmStudioEmptyStreamError, lmStudioModelMismatch } from './lm-studio-response-checks.js';

/**
 * How LM Studio's failures differ, for provider-core's one transport and classifier: its name, `lms server start`,
 * its variables, both of its error body shapes and its own messages ({@link explainLMStudioError}).
 */
export const LM_STUDIO_PROFILE: ServerProfile = {
  provider: 'lm-studio',
  name: 'LM Studio',
  startCommand: '`lms server start`',
  baseUrlEnv: ['LM_STUDIO_BASE_URL'],
  defaultBaseUrl: 'http://localhost:1234',
  logHint: 'read its log (`lms log stream`, or the Developer tab)',
  credentialHint: 'Set LM_API_TOKEN (or options.apiKey) to a token from Developer → Server Settings.',
  parseErrorBody: (body) => parseLMStudioErrorBody(body),
  explainAnswer: (answer) =>
    explainLMStudioError({
      ...(answer.status === undefined ? {} : { status: answer.status }),
      body: answer.body,
      endpoint: answer.endpoint,
      tokenSent: answer.credentialSent,
      ...(answer.model === undefined ? {} : { model: answer.model }),
    }),
  // GGUF context overflow: a 200 stream of empty deltas ending with `stop` is an overflow, not an empty answer.
  // Some versions answer with the loaded model whatever was requested: the finish event says which one did.
  answeredModel: (requested, responseModel) => lmStudioModelMismatch(requested, responseModel)?.answered,
  checkStreamEnd: (summary, context) => (summary.events === undefined ? undefined : lmStudioEmptyStreamError({ ...summary, events: summary.events, model: context.model })),
};

/**
 * Turns a failed LM Studio answer into a coded `SamusError` with a one-line hint: LM Studio's own messages first
 * ({@link explainLMStudioError}), then provider-core's common rules with {@link LM_STUDIO_PROFILE}. Works on both
 * error body shapes and on 200 answers that carry an error (unknown endpoint). Never puts the API token into the
 * message.
 */
export function mapLMStudioError(context: LMStudioErrorContext & { baseUrl?: string }): SamusError {
  const baseUrl = context.baseUrl ?? 'http://localhost:1234';
  const endpoint = context.endpoint ?? 'POST /v1/chat/completions';
  return (
    explainLMStudioError(context) ??
    classifyAnswer(
      {
        status: context.status,
        body: context.body,
        url: `${baseUrl}${endpoint.replace(/^[A-Z]+ /, '')}`,
        baseUrl,
        endpoint,
        model: context.model,
        credentialSent: context.tokenSent === true,
      },
      LM_STUDIO_PROFILE,
    )
  );
}
