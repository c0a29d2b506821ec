import { SamusError, type ErrorCode } from '@samus/kernel';
import { nearestModelNames } from '@samus/provider-core/internal';

/** What the mapper knows about the request that failed. */
export interface OllamaErrorContext {
  baseUrl: string;
  /** The model the request named. */
  model?: string;
  /** The endpoint, e.g. `/api/chat`. */
  path?: string;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, TIB: 1024 ** 4 };

/** Parses `"5.6 GiB"` → bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([KMGT]?i?B)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toUpperCase()];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

/**
 * Reads Ollama's error message from a body: native `{"error":"…"}`, OpenAI-layer `{"error":{"message":"…"}}`.
 * Returns undefined when the body is not one of those (plain text, HTML, other JSON).
 */
export function parseOllamaErrorBody(body: string | unknown): string | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (!text.startsWith('{')) return undefined;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || !('error' in value)) return undefined;
  const error = (value as { error: unknown }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}

function make(code: ErrorCode, message: string, context: OllamaErrorContext, extra: { hint?: string; details?: Record<string, unknown>; status?: number; retryable?: boolean } = {}): SamusError {
  return new SamusError(code, message, {
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
    ...(extra.retryable === undefined ? {} : { retryable: extra.retryable }),
    // The HTTP status (what hosts read to decide on retries); an error line inside a 200 stream has none of its own.
    ...(extra.status === undefined || extra.status === 200 ? {} : { status: extra.status }),
    details: {
      provider: 'ollama',
      baseUrl: context.baseUrl,
      ...(context.model === undefined ? {} : { model: context.model }),
      ...(context.path === undefined ? {} : { path: context.path }),
      ...(extra.status === undefined ? {} : { status: extra.status }),
      ...extra.details,
    },
  });
}

/**
 * What Ollama's own error messages mean (an HTTP error body, or an `{"error":…}` line inside a 200 stream): model not
 * found with the pull hint, capability missing, memory sizes, think / keep-alive values, context length, a full queue,
 * a cancelled request, an invalid field. `undefined` for a message with no Ollama-specific meaning (provider-core's
 * common rules decide). `status` is the HTTP status (200 for an in-stream error line).
 */
export function explainOllamaMessage(status: number, message: string, context: OllamaErrorContext): SamusError | undefined {
  const serverSays = `Ollama at ${context.baseUrl} answered${status === 200 ? ' (inside the stream)' : ` ${status}`}: ${message}`;
  const notFound = /model ["']([^"']*)["'] not found/.exec(message);
  if (notFound || (status === 404 && /not found/.test(message) && !/blob/.test(message))) {
    const model = notFound?.[1] || context.model || '';
    return make('SAMUS_ERR_MODEL_NOT_FOUND', `Model "${model}" is not installed on the Ollama server at ${context.baseUrl}`, context, {
      hint: `Download it with \`ollama pull ${model}\`, or pick an installed model (\`ollama list\`).`,
      details: { model, serverMessage: message, suggestions: [] },
      status,
    });
  }
  const unsupported = /^(?:"?)(.+?)(?:"?) does not support (tools|thinking|chat|generate|insert|completion|embedding|vision)/.exec(message);
  if (unsupported) {
    const capability = unsupported[2]!;
    const model = context.model ?? unsupported[1]!;
    const hints: Record<string, string> = {
      tools: `"${model}" has no tool-calling template: pick a model whose \`ollama show\` lists "tools", or send the request without tools.`,
      thinking: `"${model}" cannot think: leave \`think\` unset, or pick a model whose \`ollama show\` lists "thinking".`,
      chat: `"${model}" is an embedding model: use it with embedContent(), and a chat model for generation.`,
      generate: `"${model}" is an embedding model: use it with embedContent(), and a chat model for generation.`,
    };
    return make('SAMUS_ERR_CAPABILITY_MISSING', `Model "${model}" does not support ${capability} (Ollama at ${context.baseUrl})`, context, {
      ...(hints[capability] === undefined ? {} : { hint: hints[capability] }),
      details: { capability, serverMessage: message },
      status,
    });
  }
  const memory = /requires more system memory \(([^)]+)\) than is available \(([^)]+)\)/.exec(message);
  if (memory) {
    const requiredBytes = parseByteSize(memory[1]!);
    const availableBytes = parseByteSize(memory[2]!);
    return make('SAMUS_ERR_INSUFFICIENT_MEMORY', `Model "${context.model ?? '?'}" needs ${memory[1]} of memory, but only ${memory[2]} is available (Ollama at ${context.baseUrl})`, context, {
      details: { required: memory[1], available: memory[2], requiredBytes, availableBytes, serverMessage: message },
      status,
    });
  }
  if (/think value|invalid think/.test(message)) {
    const code: ErrorCode = /not supported for this model/.test(message) ? 'SAMUS_ERR_CAPABILITY_MISSING' : 'SAMUS_ERR_INVALID_REQUEST';
    return make(code, serverSays, context, {
      hint: 'Use `think: true` or `false`; the strings "high", "medium", "low" work only for gpt-oss models.',
      details: { capability: 'thinking', serverMessage: message },
      status,
    });
  }
  if (/time: (missing unit|invalid duration|unknown unit)/.test(message)) {
    return make('SAMUS_ERR_INVALID_REQUEST', serverSays, context, {
      hint: 'keepAlive needs a unit ("5m", "1h30m", "0") or a number of seconds.',
      details: { field: 'keepAlive', serverMessage: message },
      status,
    });
  }
  if (/exceeds maximum context length|exceeds the context length/.test(message)) {
    return make('SAMUS_ERR_CONTEXT_OVERFLOW', serverSays, context, { details: { serverMessage: message }, status });
  }
  if (/server busy/.test(message)) {
    return make('SAMUS_ERR_RATE_LIMITED', serverSays, context, {
      hint: 'Ollama\'s request queue is full (OLLAMA_MAX_QUEUE): send fewer requests at once, or wait and retry.',
      details: { serverMessage: message },
      status,
    });
  }
  if (status === 499) return make('SAMUS_ERR_ABORTED', serverSays, context, { details: { serverMessage: message }, status });
  if (/must be of type|invalid character|cannot unmarshal|invalid format|is required|invalid input|missing request body/.test(message)) {
    return make('SAMUS_ERR_INVALID_REQUEST', serverSays, context, { details: { serverMessage: message }, status });
  }
  return undefined;
}

/** Returns a model-not-found error enriched with the nearest installed names. */
export function withSuggestions(error: SamusError, installed: readonly string[]): SamusError {
  const model = typeof error.details.model === 'string' ? error.details.model : '';
  const suggestions = nearestModelNames(model, installed);
  const hint =
    suggestions.length > 0
      ? `Installed models with a similar name: ${suggestions.join(', ')}. Or download it with \`ollama pull ${model}\`.`
      : installed.length > 0
        ? `Download it with \`ollama pull ${model}\` (installed: ${installed.slice(0, 5).join(', ')}${installed.length > 5 ? ', …' : ''}).`
        : `No models are installed: download one with \`ollama pull ${model}\`.`;
  return new SamusError(error.code, error.message, { hint, retryable: error.retryable, cause: error.cause, details: { ...error.details, suggestions, installed: installed.length } });
}
