import { SamusError, type ErrorCode } from '@samus/kernel';

/** An LM Studio error body, whichever of its two shapes the server used. */
export interface LMStudioErrorBody {
  message: string;
  /** `invalid_request_error` (OpenAI paths) or a native v1 type such as `model_not_found`, `job_not_found`. */
  type?: string;
  /** `model_not_found`, `invalid_api_key`, `missing_required_parameter`… or absent/null. */
  code?: string;
  param?: string;
}

/** What {@link mapLMStudioError} needs to know about a failed call. */
export interface LMStudioErrorContext {
  /** HTTP status; LM Studio sends 200 with an error body for unknown paths. */
  status?: number;
  /** Parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
  /** The model the request was about, for messages and hints. */
  model?: string;
  /** Method and path, e.g. `POST /v1/chat/completions`. */
  endpoint?: string;
  /** Whether an API token was sent (changes the 401 hint). */
  tokenSent?: boolean;
  /** Values that must never appear in a message (the API token). */
  secrets?: readonly string[];
}

/**
 * Reads either error shape: `{"error":"text"}` (older versions, validation errors) or
 * `{"error":{"message","type","code","param"}}` (OpenAI style and native v1). Returns undefined when the body
 * carries no `error`.
 */
export function parseLMStudioErrorBody(body: unknown): LMStudioErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
    const parsed: LMStudioErrorBody = { message: text(record.message) ?? JSON.stringify(error) };
    const type = text(record.type);
    const code = text(record.code);
    const param = text(record.param);
    if (type) parsed.type = type;
    if (code) parsed.code = code;
    if (param) parsed.param = param;
    return parsed;
  }
  return undefined;
}

/** Replaces every secret in `text` by `***`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}

const UNEXPECTED_ENDPOINT = /^Unexpected endpoint or method/i;
const NO_MODELS_LOADED = /no models? (?:are |is )?loaded/i;
const INVALID_MODEL = /invalid model identifier|model ".*?" not found|model '.*?' not found|model not found/i;
const CONTEXT_OVERFLOW = /context (?:the )?overflows|context size has been exceeded|context overflow|context length of only|exceeds the context/i;
const WRONG_MODEL_KIND = /is an embedding model|is not an embedding model|cannot generate text|does not support (?:tools|vision|images|embeddings)/i;
const OUT_OF_MEMORY = /out of memory|insufficient (?:system )?memory|not enough memory|failed to allocate/i;

/** Model names an LM Studio "not found" message suggests: `(e.g., a, b, c)` or a `Your models:` list. */
export function parseSuggestedModels(message: string): string[] {
  const example = /\(e\.g\.,?\s*([^)]*)\)/i.exec(message);
  if (example?.[1]) {
    return example[1]
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '' && name !== '...');
  }
  const list = /your models:\s*([\s\S]*)$/i.exec(message);
  if (list?.[1]) {
    return list[1]
      .split('\n')
      .map((line) => line.replace(/^[\s*•-]+/, '').trim())
      .filter((name) => name !== '');
  }
  return [];
}

function parseContextOverflow(message: string): { promptTokens?: number; contextLength?: number } {
  const details: { promptTokens?: number; contextLength?: number } = {};
  const keep = /keep the first (\d+) tokens/i.exec(message);
  const length = /context length of only (\d+)/i.exec(message);
  if (keep?.[1]) details.promptTokens = Number(keep[1]);
  if (length?.[1]) details.contextLength = Number(length[1]);
  return details;
}

function quoted(model: string | undefined): string {
  return model ? ` "${model}"` : '';
}

/**
 * Turns a failed LM Studio answer into a coded {@link SamusError} with a one-line hint. Works on both error body
 * shapes and on 200 answers that carry an error (unknown endpoint). Never puts the API token into the message.
 */
export function mapLMStudioError(context: LMStudioErrorContext): SamusError {
  const { status, model, endpoint } = context;
  const parsed = parseLMStudioErrorBody(context.body);
  const rawMessage =
    parsed?.message ??
    (typeof context.body === 'string' && context.body.trim() !== '' ? context.body.trim().slice(0, 500) : `HTTP ${status ?? '?'}`);
  const serverMessage = redactSecrets(rawMessage, context.secrets);
  const where = endpoint ? ` (${endpoint})` : '';
  const details: Record<string, unknown> = { provider: 'lm-studio', serverMessage };
  if (status !== undefined) details.status = status;
  if (endpoint) details.endpoint = endpoint;
  if (model) details.model = model;
  if (parsed?.type) details.type = parsed.type;
  if (parsed?.code) details.serverCode = parsed.code;
  if (parsed?.param) details.param = parsed.param;
  const make = (code: ErrorCode, message: string, hint?: string, extra: Record<string, unknown> = {}): SamusError =>
    new SamusError(code, message, {
      ...(hint ? { hint } : {}),
      // The HTTP status of a failed answer (what hosts read to decide on retries); a 200 carrying an error has none.
      ...(status === undefined || status < 300 ? {} : { status }),
      details: { ...details, ...extra },
    });

  if (status === 401 || status === 403 || parsed?.code === 'invalid_api_key') {
    return context.tokenSent
      ? make(
          'SAMUS_ERR_UNAUTHORIZED',
          `LM Studio rejected the API token${where}`,
          'Create a new token in LM Studio (Developer → Server Settings → API tokens) and set LM_API_TOKEN or options.apiKey to it.',
        )
      : make(
          'SAMUS_ERR_UNAUTHORIZED',
          `LM Studio requires an API token${where}`,
          'Authentication is on in this LM Studio server: set LM_API_TOKEN (or options.apiKey) to a token from Developer → Server Settings.',
        );
  }
  if (UNEXPECTED_ENDPOINT.test(rawMessage)) {
    return make(
      'SAMUS_ERR_WRONG_BASE_URL',
      `LM Studio does not serve this endpoint${where}: ${serverMessage}`,
      'Check the base URL (e.g. http://localhost:1234) and that the LM Studio version has this API (/api/v0 needs 0.3.6+, /api/v1 needs 0.4.0+).',
    );
  }
  if (NO_MODELS_LOADED.test(rawMessage)) {
    const name = model ?? '<model>';
    return make(
      'SAMUS_ERR_MODEL_NOT_LOADED',
      `LM Studio has no model loaded${model ? ` for "${model}"` : ''}: ${serverMessage}`,
      `Load it with \`lms load ${name}\`, or enable Just-in-Time model loading in LM Studio's Developer settings.`,
    );
  }
  if (parsed?.code === 'model_not_found' || parsed?.type === 'model_not_found' || INVALID_MODEL.test(rawMessage)) {
    const suggestions = parseSuggestedModels(rawMessage);
    const nearest = suggestions.length > 0 ? ` Downloaded models include: ${suggestions.slice(0, 5).join(', ')}.` : '';
    return make(
      'SAMUS_ERR_MODEL_NOT_FOUND',
      `LM Studio does not know the model${quoted(model)}: ${serverMessage}`,
      `Use a downloaded model id (\`lms ls\`) or download it with \`lms get ${model ?? '<model>'}\`, then \`lms load <model>\` or enable JIT loading.${nearest}`,
      { suggestions },
    );
  }
  if (CONTEXT_OVERFLOW.test(rawMessage)) {
    return make(
      'SAMUS_ERR_CONTEXT_OVERFLOW',
      `The prompt does not fit the loaded context of${quoted(model) || ' the model'}: ${serverMessage}`,
      `Shorten the prompt, or reload the model with a larger context: \`lms load ${model ?? '<model>'} --context-length <n>\`.`,
      parseContextOverflow(rawMessage),
    );
  }
  if (WRONG_MODEL_KIND.test(rawMessage)) {
    return make(
      'SAMUS_ERR_CAPABILITY_MISSING',
      `The model${quoted(model)} cannot do this: ${serverMessage}`,
      'Use a model of the right type: check `type` and `capabilities` in listModels() (llm / vlm / embeddings).',
    );
  }
  if (OUT_OF_MEMORY.test(rawMessage)) {
    return make('SAMUS_ERR_INSUFFICIENT_MEMORY', `LM Studio could not load${quoted(model)}: ${serverMessage}`);
  }
  if (status === 429) return make('SAMUS_ERR_RATE_LIMITED', `LM Studio is busy${where}: ${serverMessage}`);
  if (parsed?.type === 'job_not_found') {
    return make('SAMUS_ERR_OPERATION_FAILED', `LM Studio does not know this download job${where}: ${serverMessage}`);
  }
  if (parsed?.type === 'not_implemented') {
    return make('SAMUS_ERR_CAPABILITY_MISSING', `LM Studio does not implement this${where}: ${serverMessage}`);
  }
  if (status !== undefined && status >= 500) {
    return make('SAMUS_ERR_SERVER_ERROR', `LM Studio failed with HTTP ${status}${where}: ${serverMessage}`);
  }
  if (status === undefined || parsed?.type === 'server_error' || parsed?.type === 'internal_error') {
    // An error object inside a 200 stream, or a server-side failure type.
    return make('SAMUS_ERR_SERVER_ERROR', `LM Studio reported an error${where}: ${serverMessage}`);
  }
  if (status === 404) {
    return parsed
      ? make('SAMUS_ERR_WRONG_BASE_URL', `LM Studio answered 404${where}: ${serverMessage}`)
      : make('SAMUS_ERR_WRONG_BASE_URL', `No LM Studio API here${where}: HTTP 404 without an LM Studio error body`, 'Point LM_STUDIO_BASE_URL / options.baseUrl at LM Studio (default http://localhost:1234); another kind of server answers there.');
  }
  if (parsed || (status !== undefined && status >= 400)) {
    return make('SAMUS_ERR_INVALID_REQUEST', `LM Studio rejected the request${where}: ${serverMessage}`);
  }
  return make('SAMUS_ERR_INVALID_RESPONSE', `LM Studio sent an unexpected answer${where}: ${serverMessage}`);
}
