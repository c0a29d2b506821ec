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
  /**
   * What the client knows of the request's model (from `listModels()` or `/api/v1/models`): `not-loaded` (downloaded,
   * not in memory) turns a "model not found" answer into SAMUS_ERR_MODEL_NOT_LOADED, which is what LM Studio means
   * when Just-in-Time loading is off and another model is loaded.
   */
  modelState?: 'loaded' | 'not-loaded' | 'loading' | 'unknown';
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
const CONTEXT_OVERFLOW =
  /context (?:the )?overflows|context size has been exceeded|context overflow|context length of only|exceeds the context|tokens to keep from the initial prompt is greater than the context length|cannot truncate prompt with n_keep|n_keep\W+\d+\W+>=\W*n_ctx/i;
const TOKEN_MALFORMED = /malformed/i;
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
  // 0.3.x: "Trying to keep the first N tokens … context length of only M tokens"; 0.4.x (llama.cpp): "(n_keep: N >=
  // n_ctx: M)" or "Cannot truncate prompt with n_keep (N) >= n_ctx (M)".
  const nKeep = /n_keep\W*?(\d+)\W*?>=\W*?n_ctx\W*?(\d+)/i.exec(message);
  const keep = /keep the first (\d+) tokens/i.exec(message);
  const length = /context length of only (\d+)/i.exec(message);
  const prompt = nKeep?.[1] ?? keep?.[1];
  const context = nKeep?.[2] ?? length?.[1];
  if (prompt) details.promptTokens = Number(prompt);
  if (context) details.contextLength = Number(context);
  return details;
}

function quoted(model: string | undefined): string {
  return model ? ` "${model}"` : '';
}

/**
 * What LM Studio's own answers mean, with LM Studio's hints (`lms load`, `lms get`, API tokens, JIT loading): a
 * token refused or missing, no model loaded, an unknown model with the models it suggests, context overflow, the
 * wrong kind of model, memory, unknown download jobs. `undefined` for an answer with no LM Studio-specific meaning
 * (provider-core's common rules decide). Works on both error body shapes. Never puts the API token into the message.
 */
export function explainLMStudioError(context: LMStudioErrorContext): SamusError | undefined {
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
    // 0.4.x tells a malformed token ("Malformed LM Studio API token") from a missing one ("… but none was provided");
    // a well-formed token it does not know is "rejected".
    if (TOKEN_MALFORMED.test(rawMessage)) {
      return make(
        'SAMUS_ERR_UNAUTHORIZED',
        `LM Studio says the API token is malformed${where}`,
        'LM Studio tokens look like sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX: copy the whole token (both parts, with the colon) into LM_API_TOKEN or options.apiKey.',
        { tokenProblem: 'malformed' },
      );
    }
    return context.tokenSent
      ? make(
          'SAMUS_ERR_UNAUTHORIZED',
          `LM Studio rejected the API token${where}`,
          'Create a new token in LM Studio (Developer → Server Settings → API tokens) and set LM_API_TOKEN or options.apiKey to it.',
          { tokenProblem: 'rejected' },
        )
      : make(
          'SAMUS_ERR_UNAUTHORIZED',
          `LM Studio requires an API token${where}`,
          'Authentication is on in this LM Studio server: set LM_API_TOKEN (or options.apiKey) to a token from Developer → Server Settings.',
          { tokenProblem: 'missing' },
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
    if (context.modelState === 'not-loaded' && model) {
      // JIT off and another model loaded: LM Studio only knows loaded models and calls a downloaded one "invalid".
      return make(
        'SAMUS_ERR_MODEL_NOT_LOADED',
        `LM Studio has "${model}" downloaded but not loaded, and does not load it on demand: ${serverMessage}`,
        `Load it with \`lms load ${model}\` (or admin.load()), or enable Just-in-Time model loading in LM Studio's Developer settings.${
          suggestions.length > 0 ? ` Loaded now: ${suggestions.slice(0, 5).join(', ')}.` : ''
        }`,
        { suggestions, modelState: 'not-loaded' },
      );
    }
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
      'Use a model of the right type: check `type` and `capabilities` in admin.listModels() (llm / vlm / embeddings).',
    );
  }
  if (OUT_OF_MEMORY.test(rawMessage)) {
    return make('SAMUS_ERR_INSUFFICIENT_MEMORY', `LM Studio could not load${quoted(model)}: ${serverMessage}`);
  }
  if (parsed?.type === 'job_not_found') {
    return make('SAMUS_ERR_OPERATION_FAILED', `LM Studio does not know this download job${where}: ${serverMessage}`);
  }
  if (parsed?.type === 'not_implemented') {
    return make('SAMUS_ERR_CAPABILITY_MISSING', `LM Studio does not implement this${where}: ${serverMessage}`);
  }
  return undefined;
}
