import { SamusError } from '@samus/kernel';
import type { ServerAnswer, ServerProfile } from '@samus/provider-core/internal';
import { LLAMA_CPP_CONFIG_SPEC } from './llama-cpp-config-spec.js';

/** The fields of llama-server's error object (`{"error":{code,message,type,…}}`). */
export interface LlamaCppErrorObject {
  code?: number;
  message?: string;
  /** `invalid_request_error`, `authentication_error`, `not_found_error`, `server_error`, `permission_error`, `not_supported_error`, `unavailable_error`, `exceed_context_size_error`. */
  type?: string;
  /** With `exceed_context_size_error`: the prompt's tokens. */
  n_prompt_tokens?: number;
  /** With `exceed_context_size_error`: the slot's context size. */
  n_ctx?: number;
}

/** The error object of a llama-server body, or `undefined`. */
export function llamaCppErrorObject(body: unknown): LlamaCppErrorObject | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const inner = (body as { error?: unknown }).error;
  if (inner === null || typeof inner !== 'object') return undefined;
  return inner as LlamaCppErrorObject;
}

const START = 'llama-server -m <model.gguf> --jinja (or llama-server --models-dir <dir> for several models)';

/**
 * Maps what only llama-server says to coded errors with fix hints (the common rules handle the rest):
 * `exceed_context_size_error` → `CONTEXT_OVERFLOW` with the real `n_prompt_tokens` / `n_ctx`; router mode's
 * "model 'x' not found" → `MODEL_NOT_FOUND`, "model is not loaded" → `MODEL_NOT_LOADED`, "model name is missing" →
 * `INVALID_REQUEST`; 503 "Loading model" → `MODEL_NOT_LOADED` (retryable); 503 "no slot available" → `RATE_LIMITED`;
 * grammar / JSON-schema failures → `INVALID_REQUEST`; tools without `--jinja`, embeddings without `--embeddings`,
 * chat on an embedding-only server → `CAPABILITY_MISSING`.
 */
export function explainLlamaCppAnswer(answer: ServerAnswer): SamusError | undefined {
  const error = llamaCppErrorObject(answer.body);
  const message = error?.message ?? answer.message;
  const status = answer.status;
  const details: Record<string, unknown> = {
    provider: 'llama-cpp',
    baseUrl: answer.baseUrl,
    url: answer.url,
    endpoint: answer.endpoint,
    ...(answer.model === undefined ? {} : { model: answer.model }),
    ...(status === undefined ? {} : { status }),
    serverMessage: message,
    ...(error?.type ? { serverType: error.type } : {}),
  };
  const make = (code: ConstructorParameters<typeof SamusError>[0], text: string, hint: string, extra: { retryable?: boolean; details?: Record<string, unknown> } = {}): SamusError =>
    new SamusError(code, text, {
      hint,
      ...(extra.retryable === undefined ? {} : { retryable: extra.retryable }),
      ...(status === undefined || status < 300 ? {} : { status }),
      details: { ...details, ...extra.details },
    });

  if (error?.type === 'exceed_context_size_error' || /exceeds the available context size|larger than the max context size/i.test(message)) {
    const numbers = /\((\d+) tokens\).*\((\d+)\s*tokens\)/.exec(message);
    const promptTokens = typeof error?.n_prompt_tokens === 'number' ? error.n_prompt_tokens : numbers ? Number(numbers[1]) : undefined;
    const contextLength = typeof error?.n_ctx === 'number' ? error.n_ctx : numbers ? Number(numbers[2]) : undefined;
    return make(
      'SAMUS_ERR_CONTEXT_OVERFLOW',
      `The prompt${answer.model ? ` for ${answer.model}` : ''} has ${promptTokens ?? '?'} tokens, more than the ${contextLength ?? '?'}-token context of llama-server at ${answer.baseUrl}`,
      'Shorten the conversation, or start llama-server with a larger context (-c / --ctx-size; per slot it is the context divided by --parallel).',
      { details: { ...(promptTokens === undefined ? {} : { promptTokens }), ...(contextLength === undefined ? {} : { contextLength }) } },
    );
  }
  const notFound = /^model '(.*)' not found$/i.exec(message) ?? (/model name=(.*) is not found/i.exec(message) || undefined);
  if (notFound || (status === 404 && /model is not found/i.test(message))) {
    const name = notFound?.[1] ?? answer.model ?? '?';
    return make('SAMUS_ERR_MODEL_NOT_FOUND', `Model "${name}" is not on llama-server at ${answer.baseUrl}`, 'List the models with `samus models --auth llama-cpp` (GET /models); add the GGUF to the server\'s --models-dir or --models-preset and restart it.', {
      retryable: false,
      details: { model: name },
    });
  }
  if (/model is not loaded/i.test(message)) {
    return make('SAMUS_ERR_MODEL_NOT_LOADED', `Model${answer.model ? ` "${answer.model}"` : ''} is not loaded on llama-server at ${answer.baseUrl} (the router runs with --no-models-autoload)`, 'Load it first (admin.load(model) or POST /models/load), or start the router without --no-models-autoload.');
  }
  if (/model name is missing from the request/i.test(message)) {
    return make('SAMUS_ERR_INVALID_REQUEST', `llama-server at ${answer.baseUrl} runs in router mode and needs a model name`, 'Set LLAMA_CPP_MODEL (or options.model) to one of the ids GET /models lists.');
  }
  if (status === 503 && /loading model/i.test(message)) {
    return make('SAMUS_ERR_MODEL_NOT_LOADED', `llama-server at ${answer.baseUrl} is still loading its model`, 'Wait until GET /health answers 200, then retry.', { retryable: true });
  }
  if (status === 503 && /no slot available/i.test(message)) {
    return make('SAMUS_ERR_RATE_LIMITED', `Every slot of llama-server at ${answer.baseUrl} is busy`, 'Retry later, or start llama-server with more slots (--parallel).', { retryable: true });
  }
  if (/grammar|json[ _-]?schema|failed to parse .*schema|unsupported .*schema/i.test(message) && (status === undefined || status < 500 || error?.type === 'invalid_request_error')) {
    return make('SAMUS_ERR_INVALID_REQUEST', `llama-server could not turn the response schema into a grammar: ${message}`, 'Simplify responseJsonSchema (llama.cpp supports a subset of JSON Schema: no external $ref, limited patterns and formats).', { retryable: false });
  }
  if (/tools param requires --jinja|--jinja/i.test(message) && /tool/i.test(message)) {
    return make('SAMUS_ERR_CAPABILITY_MISSING', `llama-server at ${answer.baseUrl} cannot take tools: ${message}`, 'Start llama-server with --jinja (the default in current builds) so tools go through the model\'s chat template.', { details: { feature: 'tools' } });
  }
  if (/does not support embeddings|--embeddings?/i.test(message) && /embedding/i.test(message)) {
    return make('SAMUS_ERR_CAPABILITY_MISSING', `llama-server at ${answer.baseUrl} does not serve embeddings for this model: ${message}`, 'Use an embedding model started with --embeddings (or embeddings = true in the router preset).', { details: { feature: 'embeddings' } });
  }
  if (/does not support logits computation|only (support|supports) embedding|embedding.{0,40}(cannot|does not support) (completion|chat)|not supported by embeddings/i.test(message)) {
    return make('SAMUS_ERR_CAPABILITY_MISSING', `The model on llama-server at ${answer.baseUrl} serves only embeddings: ${message}`, 'Use a chat model for generation.', { details: { feature: 'chat' } });
  }
  return undefined;
}

/** The {@link ServerProfile} of llama-server: names, hints and its own messages (see {@link explainLlamaCppAnswer}). */
export const LLAMA_CPP_PROFILE: ServerProfile = {
  provider: 'llama-cpp',
  name: 'llama-server',
  startCommand: `\`${START}\``,
  baseUrlEnv: LLAMA_CPP_CONFIG_SPEC.baseUrlEnv ?? [],
  ...(LLAMA_CPP_CONFIG_SPEC.defaultBaseUrl ? { defaultBaseUrl: LLAMA_CPP_CONFIG_SPEC.defaultBaseUrl } : {}),
  logHint: 'llama-server prints its log to stderr (add --log-file <path> to keep it)',
  credentialHint: 'Set LLAMA_API_KEY (or options.apiKey) to the key llama-server was started with (--api-key).',
  explainAnswer: explainLlamaCppAnswer,
};
