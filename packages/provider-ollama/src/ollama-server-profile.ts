import { classifyAnswer, type ServerProfile } from '@samus/provider-core/internal';
import { SamusError, type ErrorCode } from '@samus/kernel';
import { explainOllamaMessage, parseOllamaErrorBody, type OllamaErrorContext } from './ollama-error.js';

/**
 * How Ollama's failures differ, for provider-core's one transport and classifier: its name, `ollama serve`, its
 * variables, its `{"error":"…"}` bodies, its own messages ({@link explainOllamaMessage}) and the Host-header guard's
 * empty 403.
 */
export const OLLAMA_PROFILE: ServerProfile = {
  provider: 'ollama',
  name: 'Ollama',
  startCommand: '`ollama serve`',
  baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
  defaultBaseUrl: 'http://127.0.0.1:11434',
  logHint: 'read its log (`journalctl -u ollama` or the `ollama serve` output)',
  credentialHint: 'Ollama itself needs no key: a proxy in front of it refused the request; set the key or header it expects (OLLAMA_API_KEY or config.headers).',
  parseErrorBody: (body) => {
    const message = parseOllamaErrorBody(body);
    return message === undefined ? undefined : { message };
  },
  explainAnswer: (answer) => {
    const context: OllamaErrorContext = { baseUrl: answer.baseUrl, path: answer.endpoint.replace(/^[A-Z]+ /, ''), ...(answer.model === undefined ? {} : { model: answer.model }) };
    if (answer.status === 403 && answer.parsed === undefined && (typeof answer.body !== 'string' || answer.body.trim() === '')) {
      return guardRefusal(context);
    }
    if (answer.parsed === undefined) return undefined;
    return explainOllamaMessage(answer.status ?? 200, answer.message, context);
  },
};

function guardRefusal(context: OllamaErrorContext): SamusError {
  const code: ErrorCode = 'SAMUS_ERR_UNAUTHORIZED';
  return new SamusError(code, `Ollama at ${context.baseUrl} refused the request (403): its Host-header guard rejects this host name`, {
    hint: 'Connect by a loopback or private address, or start Ollama with OLLAMA_HOST=0.0.0.0 / OLLAMA_ORIGINS set for this host.',
    status: 403,
    details: { provider: 'ollama', baseUrl: context.baseUrl, ...(context.path ? { path: context.path } : {}), status: 403 },
  });
}

/**
 * Maps an error message Ollama sent (an `{"error":…}` line inside a 200 stream, or an error body) to a coded
 * `SamusError`: Ollama's own messages first ({@link explainOllamaMessage}), then provider-core's common rules with
 * Ollama's {@link OLLAMA_PROFILE}. `status` is the HTTP status (200 for an in-stream error line).
 */
export function mapOllamaErrorMessage(status: number, message: string, context: OllamaErrorContext): SamusError {
  const path = context.path ?? '/api/chat';
  return (
    explainOllamaMessage(status, message, context) ??
    classifyAnswer(
      { status: status === 200 ? undefined : status, body: { error: message }, url: `${context.baseUrl}${path}`, baseUrl: context.baseUrl, endpoint: `POST ${path}`, model: context.model },
      OLLAMA_PROFILE,
    )
  );
}

